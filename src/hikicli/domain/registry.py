"""What the dashboard folds from the log and shows. Features add their projections here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hikicli.domain.checkin import CheckinDays
from hikicli.domain.instruments import summarize_result
from hikicli.domain.ladder import LadderProjection, dashboard_lines, summarizers
from hikicli.domain.safety_plan import summarize_added


def dashboard_projections() -> list[Any]:
    from hikicli.domain.family import FamilyLessons
    from hikicli.domain.homework import HomeworkPacks

    return [CheckinDays(), HomeworkPacks(), FamilyLessons(), LadderProjection()]


def dashboard_extras(
    states: dict[str, Any], catalog: dict[str, Any], now: dt.datetime
) -> list[str]:
    """Lines under today's status (e.g. the current ladder step); each feature adds its own."""
    from hikicli.domain import family, homework

    lines = homework.dashboard_lines(
        states.get("homework_packs", {}), catalog["homework"]["texts"], now.date()
    )
    lines += family.dashboard_lines(states.get("family_lessons", {}), catalog["family"], now.date())
    if "ladder" in states and "ladder" in catalog:
        lines += dashboard_lines(states["ladder"], catalog["ladder"]["dashboard"])
    return lines


# One-line summaries of non-check-in events for `hiki history`, by event kind. Features add theirs.
SUMMARIZERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "assessment": summarize_result,
    "safety_plan.item_added": summarize_added,
    "family.lesson": lambda d: f"lesson {d.get('number')} ({d.get('module')}): {d.get('status')}",
    "family.checkin": lambda d: f"stress {d.get('stress')}",
    "homework.pack": lambda d: f"pack {d.get('id')} added",
    "homework.answer": lambda d: f"{d.get('pack')}: answered {d.get('task')}",
    "homework.done": lambda d: f"{d.get('pack')}: {d.get('task')} marked done",
    "guide.read": lambda d: f"read guide {d.get('topic')} ({d.get('audience')})",
    **summarizers(),
}


def summarize(event: dict[str, Any]) -> str:
    fn = SUMMARIZERS.get(event["kind"])
    return fn(event["data"]) if fn else ""
