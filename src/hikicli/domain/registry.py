"""What the dashboard folds from the log and shows. Features add their projections here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hikicli.domain.checkin import CheckinDays
from hikicli.domain.instruments import summarize_result
from hikicli.domain.safety_plan import summarize_added


def dashboard_projections() -> list[Any]:
    return [CheckinDays()]


def dashboard_extras(
    states: dict[str, Any], catalog: dict[str, Any], now: dt.datetime
) -> list[str]:
    """Lines under today's status (e.g. the current ladder step); each feature adds its own."""
    return []


# One-line summaries of non-check-in events for `hiki history`, by event kind. Features add theirs.
SUMMARIZERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "assessment": summarize_result,
    "safety_plan.item_added": summarize_added,
}


def summarize(event: dict[str, Any]) -> str:
    fn = SUMMARIZERS.get(event["kind"])
    return fn(event["data"]) if fn else ""
