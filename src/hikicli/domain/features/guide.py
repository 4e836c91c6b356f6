"""Guides: a reading is recorded (`guide.read`) so progress can say what was read."""

from __future__ import annotations

from typing import TypedDict

from hikicli.domain.declare import EventKind, Feature, fields, is_text, simple


class GuideRead(TypedDict):
    topic: str
    audience: str


FEATURE = Feature(
    "guide",
    kinds=(
        EventKind(
            "guide.read",
            "guide",
            GuideRead,
            fields("guide_reading", {}, {"topic": is_text, "audience": is_text}),
            simple("history.guide_read", ("topic", "audience"), audience="audience"),
            example={"topic": "behavioural-activation", "audience": "self"},
        ),
    ),
)
