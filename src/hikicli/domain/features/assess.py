"""Questionnaires: one `assessment` per result (its risk items become risk signals, see risk)."""

from __future__ import annotations

from typing import TypedDict

from hikicli.domain.declare import (
    Data,
    EventKind,
    Feature,
    SummaryContext,
    ctx,
    fields,
    is_date,
    is_text,
    number,
)


class AssessmentPayload(TypedDict, total=False):
    instrument: str
    name: str
    answers: list[int]
    total: int
    max: int
    band: str | None
    risk_items: list[int]
    percent: float
    subscales: dict[str, int]
    own_file: bool
    date: str  # the day it is about (YYYY-MM-DD); `hiki assess --date` may give an earlier one


def _assessment_summary(data: Data, context: SummaryContext | None) -> str:
    """e.g. 'PHQ-9 12 (moderate)'."""
    name, total = data.get("name", data.get("instrument", "")), data.get("total", "")
    if data.get("percent") is not None:
        return ctx(context).say("history.assessment_percent", name=name, total=total,
                                percent=data["percent"])  # fmt: skip
    if data.get("band"):
        return ctx(context).say(
            "history.assessment_band", name=name, total=total, band=data["band"]
        )
    return ctx(context).say("history.assessment", name=name, total=total)


FEATURE = Feature(
    "assess",
    kinds=(
        EventKind(
            "assessment",
            "assess",
            AssessmentPayload,
            fields(
                "result",
                {},
                {
                    "instrument": is_text,
                    "total": number,
                    "name": is_text,
                    "band": is_text,
                    "percent": number,
                    "answers": lambda v: isinstance(v, list),
                    "risk_items": lambda v: isinstance(v, list),
                    "date": is_date,
                },
            ),
            _assessment_summary,
            example={
                "instrument": "phq9",
                "name": "PHQ-9",
                "answers": [1] * 9,
                "total": 9,
                "max": 27,
                "band": "mild",
                "risk_items": [9],
                "own_file": False,
            },
            # every earlier result (assess history, a score's change in the report)
            kept_by=frozenset({"assess_history", "report"}),
        ),
    ),
)
