"""The family programme (a parent's own profile): lessons read and practised, and a family
member's own short check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from hikicli.domain.declare import (
    EventKind,
    Feature,
    Projection,
    fields,
    is_date,
    is_int,
    is_text,
    simple,
    texts_map,
)

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent


class FamilyLesson(TypedDict):
    module: str
    number: int
    status: str  # read, exercise
    answers: dict[str, str]


class FamilyReading(TypedDict):
    reading: str  # the reading's id (content/<lang>/family-readings/)
    title: str  # its title as it was read, in the language it was read in


class FamilyCheckin(TypedDict):
    date: str
    stress: int
    positive: str
    selfcare: str


def _projections() -> list[Projection]:
    from hikicli.domain.family import FamilyLessons

    return [FamilyLessons()]


def _dashboard_lines(
    states: Mapping[str, Any], catalog: CatalogContent, today: dt.date
) -> list[str]:
    from hikicli.domain import family

    return family.dashboard_lines(states.get("family_lessons", {}), catalog["family"], today)


FEATURE = Feature(
    "family",
    kinds=(
        EventKind(
            "family.lesson",
            "family",
            FamilyLesson,
            fields(
                "lesson",
                {},
                {"module": is_text, "number": is_int, "status": is_text, "answers": texts_map},
            ),
            simple("history.family_lesson", ("number", "module", "status"), status="lesson"),
            example={
                "module": "understanding",
                "number": 1,
                "status": "exercise",
                "answers": {"noticed": "he came to dinner"},
            },
            kept_by=frozenset({"report", "family"}),  # family: lesson_progress
        ),
        EventKind(
            "family.reading",
            "family",
            FamilyReading,
            fields("family reading", {}, {"reading": is_text, "title": is_text}),
            simple("history.family_reading", ("reading", "title")),
            example={"reading": "guilt", "title": "When you feel it is your fault"},
            kept_by=frozenset({"report"}),
        ),
        EventKind(
            "family.checkin",
            "family",
            FamilyCheckin,
            fields(
                "family check-in",
                {},
                {"date": is_date, "stress": is_int, "positive": is_text, "selfcare": is_text},
            ),
            simple("history.family_checkin", ("stress",)),
            example={"date": "2026-11-20", "stress": 6, "positive": "we laughed", "selfcare": ""},
            kept_by=frozenset({"report"}),
        ),
    ),
    projections=_projections,
    dashboard_lines=_dashboard_lines,
)
