"""The safety plan and the restart plan: items added and removed, each change its own event (a
removal names only the item's id; history finds its words in the item_added before it)."""

from __future__ import annotations

from typing import TypedDict

from hikicli.domain.declare import (
    Data,
    EventKind,
    Feature,
    Projection,
    SummaryContext,
    ctx,
    fields,
    fill,
    is_text,
    simple,
)


class PlanItemAdded(TypedDict):
    item: str
    section: str
    text: str


class PlanItemRemoved(TypedDict):
    item: str


def _plan_added_summary(data: Data, context: SummaryContext | None) -> str:
    section = ctx(context).label("plan_section", data.get("section", ""))
    return ctx(context).say("history.plan_added", section=section, text=data.get("text", ""))


def summarize_removed(data: Data, context: SummaryContext | None) -> str:
    added = context.plan_items.get(str(data.get("item"))) if context is not None else None
    words = context.words if context is not None else None
    if not added or not isinstance(added.get("text"), str):
        if not words:
            return ctx(context).say("history.plan_removed_unknown")
        return words["plan_removed_unknown"]
    section = ctx(context).label("plan_section", added.get("section", ""))
    if not words:
        return ctx(context).say("history.plan_removed", section=section, text=added["text"])
    return fill(words["plan_removed"], {"section": section, "text": added["text"]})


def _restart_removed_summary(data: Data, context: SummaryContext | None) -> str:
    return ctx(context).say("history.restart_removed", item=data.get("item", ""))


_ITEM = {"item": is_text, "section": is_text, "text": is_text}
# An item's removal is shown with its words (history), and the report lists the plan.
_KEPT = frozenset({"report"})

SAFETY_PLAN = Feature(
    "safety_plan",
    kinds=(
        EventKind(
            "safety_plan.item_added",
            "safety_plan",
            PlanItemAdded,
            fields("safety_plan_item", {}, _ITEM),
            _plan_added_summary,
            example={"item": "a1b2c3d4e5f6", "section": "coping", "text": "a warm shower"},
            kept_by=_KEPT | {"history"},
        ),
        EventKind(
            "safety_plan.item_removed",
            "safety_plan",
            PlanItemRemoved,
            fields("safety_plan_change", {}, {"item": is_text}),
            summarize_removed,
            example={"item": "a1b2c3d4e5f6"},
            kept_by=_KEPT,
        ),
    ),
)


def _restart_projections() -> list[Projection]:
    from hikicli.domain.restart_plan import RestartPlanItems

    return [RestartPlanItems()]


RESTART_PLAN = Feature(
    "restart_plan",
    kinds=(
        EventKind(
            "restart_plan.item_added",
            "restart_plan",
            PlanItemAdded,
            fields("restart_plan_item", {}, _ITEM),
            simple("history.restart_added", ("section", "text"), section="restart_section"),
            example={"item": "b1c2d3e4f5a6", "section": "first-step", "text": "open the curtains"},
            kept_by=_KEPT,
        ),
        EventKind(
            "restart_plan.item_removed",
            "restart_plan",
            PlanItemRemoved,
            fields("restart_plan_change", {}, {"item": is_text}),
            _restart_removed_summary,
            example={"item": "b1c2d3e4f5a6"},
            kept_by=_KEPT,
        ),
    ),
    projections=_restart_projections,
)
