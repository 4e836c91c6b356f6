"""The graded-exposure ladder: a goal, steps added, edited, removed, paused and resumed, a try
planned and tried, a step mastered (domain/ladder.py folds them and decides what a try is)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from hikicli.domain.declare import (
    Data,
    EventKind,
    Feature,
    Projection,
    Summary,
    SummaryContext,
    ctx,
    fields,
    is_date,
    is_int,
    is_text,
    suds,
    whole,
)

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent


class LadderGoal(TypedDict):
    goal: str


class LadderStep(TypedDict, total=False):
    """add, edit (text and/or suds), remove, pause, resume: `step` names the step."""

    step: str
    text: str
    suds: int
    template: str


class LadderPlan(TypedDict, total=False):
    step: str
    date: str
    what: str
    where: str
    when: str
    minutes_planned: int | None
    expected: int | None
    fear: str
    likelihood: int | None
    safety: str


class LadderTry(LadderPlan, total=False):
    plan: str
    result: str  # done, partly, not-today
    peak: int | None
    end: int | None
    happened: str | None
    learned: str
    with_someone: bool
    minutes: int | None
    step_title: str


class LadderMastered(TypedDict, total=False):
    step: str
    step_title: str
    rule: str


def _summary(name: str) -> Summary:
    def summary(data: Data, context: SummaryContext | None) -> str:
        from hikicli.domain.ladder import summarizers  # the ladder's own summaries

        return str(summarizers()[name](data, ctx(context)))

    return summary


_STEP = {"step": is_text}
_PLAN_FIELDS: dict[str, Callable[[Any], bool]] = {
    "date": is_date,
    "what": is_text,
    "where": is_text,
    "when": is_text,
    "minutes_planned": whole,
    "expected": suds,
    "fear": is_text,
    "likelihood": is_int,
    "safety": is_text,
}


# The fold counts a result only when it is one of the known ones; others pass as a try without
# a result (hand-edited logs), so the result is not checked here.
_try_problem = fields(
    "ladder_try",
    {},
    {
        **_STEP,
        **_PLAN_FIELDS,
        "plan": is_text,
        "peak": suds,
        "end": suds,
        "happened": is_text,
        "learned": is_text,
        "minutes": whole,
        "step_title": is_text,
    },
)


_PAYLOAD_TRY = {"step": "s1", "result": "done", "peak": 40, "end": 20, "date": "2026-11-20"}
# progress (has a ladder) and the report read the whole ladder, from before their days too
_KEPT = frozenset({"progress", "report", "homework"})


def _step_words(event: Mapping[str, Any]) -> Any:
    """A plan's or try's step and words: one of each is all a read command needs from before
    its days (whether there is a ladder; which step a pack's task names)."""
    from hikicli.domain.homework import step_words

    return step_words(event)


def _projections() -> list[Projection]:
    from hikicli.domain.ladder import LadderProjection

    return [LadderProjection()]


def _dashboard_lines(
    states: Mapping[str, Any], catalog: CatalogContent, today: dt.date
) -> list[str]:
    if "ladder" not in states or "ladder" not in catalog:
        return []
    from hikicli.domain.ladder import dashboard_lines

    return dashboard_lines(states["ladder"], catalog["ladder"]["dashboard"])


FEATURE = Feature(
    "ladder",
    kinds=(
        EventKind(
            "ladder.goal",
            "ladder",
            LadderGoal,
            fields("ladder_goal", {}, {"goal": is_text}),
            _summary("ladder.goal"),
            example={"goal": "go to the library"},
            kept_by=_KEPT,
        ),
        EventKind(
            "ladder.add",
            "ladder",
            LadderStep,
            # The fold numbers a step without a usable id itself: only the values are checked.
            fields(
                "ladder step",
                {},
                {"step": is_text, "text": is_text, "suds": whole, "template": is_text},
            ),
            _summary("ladder.add"),
            example={"step": "s1", "text": "open the curtains", "suds": 10, "template": ""},
            kept_by=_KEPT,
        ),
        EventKind(
            "ladder.edit",
            "ladder",
            LadderStep,
            fields("ladder_change", {}, {**_STEP, "text": is_text, "suds": whole}),
            _summary("ladder.edit"),
            example={"step": "s1", "text": "open the curtains wide", "suds": 15},
            kept_by=_KEPT,
        ),
        *(
            EventKind(
                f"ladder.{name}",
                "ladder",
                LadderStep,
                fields("ladder_change", {}, _STEP),
                _summary(f"ladder.{name}"),
                example={"step": "s1"},
                kept_by=_KEPT,
            )
            for name in ("remove", "pause", "resume")
        ),
        EventKind(
            "ladder.plan",
            "ladder",
            LadderPlan,
            fields("ladder_plan", {}, {**_STEP, **_PLAN_FIELDS}),
            _summary("ladder.plan"),
            example={
                "step": "s1",
                "date": "2026-11-20",
                "what": "curtains",
                "where": "",
                "when": "",
                "minutes_planned": 5,
                "expected": 30,
                "fear": "the light",
                "likelihood": 20,
                "safety": "",
            },
            kept_by=_KEPT,
            once=_step_words,
        ),
        EventKind(
            "ladder.try",
            "ladder",
            LadderTry,
            _try_problem,
            _summary("ladder.try"),
            example={
                "plan": "",
                "step": "s1",
                "step_title": "open the curtains",
                "result": "done",
                "peak": 40,
                "end": 20,
                "happened": "no",
                "learned": "it was fine",
                "with_someone": False,
                "minutes": 5,
                "date": "2026-11-20",
            },
            older=(_PAYLOAD_TRY, {"step": "s1", "result": "not-today"}),
            kept_by=_KEPT,
            once=_step_words,
        ),
        EventKind(
            "ladder.mastered",
            "ladder",
            LadderMastered,
            fields("ladder_mastery", {}, {**_STEP, "step_title": is_text, "rule": is_text}),
            _summary("ladder.mastered"),
            example={"step": "s1", "step_title": "open the curtains", "rule": "habituation"},
            kept_by=_KEPT,
        ),
    ),
    projections=_projections,
    dashboard_lines=_dashboard_lines,
)
