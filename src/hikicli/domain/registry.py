"""What the dashboard folds from the log and shows. Features add their projections here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hikicli.domain.checkin import CheckinDays
from hikicli.domain.instruments import summarize_result
from hikicli.domain.ladder import LadderProjection, dashboard_lines, summarizers
from hikicli.domain.safety_plan import summarize_added


def dashboard_projections() -> list[Any]:
    from hikicli.domain.family import FamilyLessons
    from hikicli.domain.homework import HomeworkPacks
    from hikicli.domain.risk import RiskDays

    return [CheckinDays(), HomeworkPacks(), FamilyLessons(), LadderProjection(), RiskDays()]


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


@dataclass(frozen=True)
class SummaryContext:
    """What some summaries need besides the event: the words of a safety row (content
    `progress.safety`) and the safety plan's items by id (an item_removed names only its id)."""

    words: Mapping[str, Any]
    plan_items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def over(cls, events: Iterable[Mapping[str, Any]], words: Mapping[str, Any]) -> SummaryContext:
        from hikicli.domain.safety_plan import ADDED

        items = {}
        for event in events:
            data = event.get("data")
            if event.get("kind") == ADDED and isinstance(data, dict):
                items[str(data.get("item"))] = data
        return cls(words, items)


def summarize_risk(data: Mapping[str, Any], context: SummaryContext) -> str:
    """A `risk.signal`, e.g. "check-in: not safe / not sure" (never a note's words)."""
    from hikicli.domain.progress import safety_words

    what, said, _rule = safety_words(data, context.words)
    return f"{what}: {said}"


def summarize_removed(data: Mapping[str, Any], context: SummaryContext) -> str:
    added = context.plan_items.get(str(data.get("item")))
    if not added or not isinstance(added.get("text"), str):
        return str(context.words["plan_removed_unknown"])
    return str(context.words["plan_removed"]).format(
        section=added.get("section", ""), text=added["text"]
    )


# Summaries that need words from content or earlier entries (see SummaryContext).
CONTEXT_SUMMARIZERS: dict[str, Callable[[Mapping[str, Any], SummaryContext], str]] = {
    "risk.signal": summarize_risk,
    "safety_plan.item_removed": summarize_removed,
}


def summarize(event: dict[str, Any], context: SummaryContext | None = None) -> str:
    worded = CONTEXT_SUMMARIZERS.get(event["kind"])
    if worded is not None:
        return worded(event["data"], context) if context is not None else ""
    fn = SUMMARIZERS.get(event["kind"])
    return fn(event["data"]) if fn else ""
