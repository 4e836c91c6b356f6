"""What the dashboard folds from the log and shows. Features add their projections here; event kinds
are declared in domain/kinds.py (`summarize` and `SummaryContext` are re-exported from there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from hikicli.domain.checkin import CheckinDays
from hikicli.domain.kinds import KINDS, SummaryContext, summarize
from hikicli.domain.ladder import LadderProjection, dashboard_lines


def dashboard_projections() -> list[Any]:
    from hikicli.domain.activity import ActivityHelped
    from hikicli.domain.family import FamilyLessons
    from hikicli.domain.homework import HomeworkPacks
    from hikicli.domain.restart_plan import RestartPlanItems
    from hikicli.domain.risk import RiskDays

    return [
        CheckinDays(), HomeworkPacks(), FamilyLessons(), LadderProjection(), RiskDays(),
        RestartPlanItems(), ActivityHelped(),
    ]  # fmt: skip


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


# One-line summaries for `hiki history`, by event kind: a view over each kind's declaration
# (domain/kinds.py). Summaries that need content words take a SummaryContext.
SUMMARIZERS: dict[str, Callable[[Mapping[str, Any], SummaryContext | None], str]] = {
    k.name: k.summary for k in KINDS
}


__all__ = [
    "SUMMARIZERS",
    "SummaryContext",
    "dashboard_extras",
    "dashboard_projections",
    "summarize",
]
