"""What the dashboard folds from the log and shows. Features add their projections here; event kinds
are declared in domain/kinds.py (`summarize` and `SummaryContext` are re-exported from there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from hikicli.domain.checkin import CheckinDays
from hikicli.domain.kinds import KINDS, SummaryContext, summarize
from hikicli.domain.ladder import LadderProjection, dashboard_lines

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent


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


# What each read command (services/reads.py) keeps of the log before the days it shows, by event
# kind: the events it reads there. Everything else of those earlier days (check-ins above all) is
# left out; the part of the log its days can be in is read each time, whole. A feature that reads
# older events of another kind in one of these commands adds the kind here.
def _history_keeps(kind: str) -> bool:
    return kind == "safety_plan.item_added"  # an item's removal is shown with its words


def _progress_keeps(kind: str) -> bool:
    return kind.startswith(("ladder.", "step."))  # domain.progress: has_ladder


def _report_keeps(kind: str) -> bool:
    # earlier results (a score's change), packs and their answers, the ladder, lessons, ...;
    # check-ins and readings are read from the first day of a pack still running
    # (domain.homework.report_window_start)
    return kind not in ("checkin", "guide.read")


def _assess_keeps(kind: str) -> bool:
    return kind in ("assessment", "risk.signal")  # every result and its risk moments


READ_KEEPS: dict[str, Callable[[str], bool]] = {
    "history": _history_keeps,
    "progress": _progress_keeps,
    "report": _report_keeps,
    "assess_history": _assess_keeps,
}


class LastingEvents:
    """Projection: the events a read command keeps (READ_KEEPS), in the order written."""

    version = 1

    def __init__(self, command: str) -> None:
        self.name = f"lasting_{command}"
        self.keeps = READ_KEEPS[command]

    def initial(self) -> list[Any]:
        return []

    def apply(self, state: list[Any], event: Mapping[str, Any]) -> list[Any]:
        if self.keeps(event["kind"]):
            state.append(event)
        return state


def dashboard_extras(
    states: dict[str, Any], catalog: CatalogContent, now: dt.datetime
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
    "READ_KEEPS",
    "SUMMARIZERS",
    "LastingEvents",
    "SummaryContext",
    "dashboard_extras",
    "dashboard_projections",
    "summarize",
]
