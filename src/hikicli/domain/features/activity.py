"""Behavioural activation: an activity planned for a part of the day, and one done, rated for
pleasure and mastery."""

from __future__ import annotations

from typing import TypedDict

from hikicli.domain.declare import (
    EventKind,
    Feature,
    Projection,
    fields,
    is_date,
    is_text,
    simple,
    whole_in,
)


class ActivityPlan(TypedDict):
    plan: str  # the plan's own id, named by the activity.done that rates it
    date: str
    when: str  # morning, afternoon, evening, night
    text: str
    activity: str  # the content's activity id, or "" for the person's own


class ActivityDone(TypedDict):
    date: str
    text: str
    activity: str
    pleasure: int  # 0-10
    mastery: int  # 0-10: an achievement, given how one felt
    plan: str  # the plan it rates, or ""


_rating = whole_in(0, 10)


def _projections() -> list[Projection]:
    from hikicli.domain.activity import ActivityHelped

    return [ActivityHelped()]


FEATURE = Feature(
    "activity",
    kinds=(
        EventKind(
            "activity.plan",
            "activity",
            ActivityPlan,
            fields(
                "activity plan",
                {},
                {
                    "plan": is_text,
                    "date": is_date,
                    "when": is_text,
                    "text": is_text,
                    "activity": is_text,
                },
            ),  # fmt: skip
            simple("history.activity_plan", ("when", "text"), when="when"),
            example={
                "plan": "a1b2c3d4e5f6",
                "date": "2026-11-20",
                "when": "afternoon",
                "text": "make a cup of tea",
                "activity": "tea",
            },
        ),
        EventKind(
            "activity.done",
            "activity",
            ActivityDone,
            # progress reads the ratings: a stored one must be a whole number from 0 to 10
            fields(
                "activity",
                {},
                {
                    "date": is_date,
                    "text": is_text,
                    "activity": is_text,
                    "pleasure": _rating,
                    "mastery": _rating,
                    "plan": is_text,
                },
            ),  # fmt: skip
            simple("history.activity_done", ("text", "pleasure", "mastery")),
            example={
                "date": "2026-11-20",
                "text": "made tea",
                "activity": "",
                "pleasure": 3,
                "mastery": 5,
                "plan": "",
            },
        ),
    ),
    projections=_projections,
)
