"""Moved: reading the safety plan is services/safety_plan_state, printing Markdown is
cli/render.print_markdown. This name stays only for `cli/context` (being changed in parallel) and
older imports; new code imports the service."""

from __future__ import annotations

from hikicli.services.safety_plan_state import (
    crisis_view_for,
    plan_state,
    read_plan,
    safety_plan_markdown,
    safety_plan_or_none,
)

__all__ = [
    "crisis_view_for",
    "plan_state",
    "read_plan",
    "safety_plan_markdown",
    "safety_plan_or_none",
]
