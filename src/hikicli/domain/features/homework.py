"""Homework from a counselor: a pack imported as one event, then each task's answer or mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from hikicli.domain.declare import EventKind, Feature, Projection, fields, is_text, simple

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent


class HomeworkPack(TypedDict):
    id: str
    file: str
    # the validated pack as imported (content_types.HomeworkPack once domain.homework.well_formed
    # has read it: a hand-edited log can hold anything here)
    pack: Mapping[str, object]


class PackDates(TypedDict):
    """A pack as the dashboard's fold keeps it (domain.homework.HomeworkPacks): no tasks, no
    answers, nothing private."""

    title: str
    start: str
    due: str


class HomeworkAnswer(TypedDict):
    pack: str
    task: str
    text: str


class HomeworkDone(TypedDict):
    pack: str
    task: str


def _projections() -> list[Projection]:
    from hikicli.domain.homework import HomeworkPacks

    return [HomeworkPacks()]


def _dashboard_lines(
    states: Mapping[str, Any], catalog: CatalogContent, today: dt.date
) -> list[str]:
    from hikicli.domain import homework

    return homework.dashboard_lines(
        states.get("homework_packs", {}), catalog["homework"]["texts"], today
    )


_KEPT = frozenset({"report", "homework"})  # packs and their answers, from before their days

FEATURE = Feature(
    "homework",
    kinds=(
        EventKind(
            "homework.pack",
            "homework",
            HomeworkPack,
            fields(
                "homework pack",
                {},
                {"id": is_text, "file": is_text, "pack": lambda v: isinstance(v, dict)},
            ),
            simple("history.homework_pack", ("id",)),
            example={
                "id": "week1",
                "file": "week1.yaml",
                "pack": {"id": "week1", "title": "Week one", "tasks": []},
            },
            kept_by=_KEPT,
        ),
        EventKind(
            "homework.answer",
            "homework",
            HomeworkAnswer,
            fields("homework_answer", {}, {"pack": is_text, "task": is_text, "text": is_text}),
            simple("history.homework_answer", ("pack", "task")),
            example={"pack": "week1", "task": "reflect", "text": "it went better than I feared"},
            kept_by=_KEPT,
        ),
        EventKind(
            "homework.done",
            "homework",
            HomeworkDone,
            fields("homework_mark", {}, {"pack": is_text, "task": is_text}),
            simple("history.homework_done", ("pack", "task")),
            example={"pack": "week1", "task": "walk"},
            kept_by=_KEPT,
        ),
    ),
    projections=_projections,
    dashboard_lines=_dashboard_lines,
)
