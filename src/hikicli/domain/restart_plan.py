"""The restart plan (`hiki restart-plan`): for starting again after a gap. My early signs of
slipping back, what helped before, the first small step when I start again, who I will tell.

Kept like the safety plan: each item is an `restart_plan.item_added` event the moment it is given,
taking one off appends `restart_plan.item_removed`; the plan is the fold of both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hikicli.domain import plan_items
from hikicli.domain.declare import payload
from hikicli.domain.features.plans import PlanItemAdded

ADDED = "restart_plan.item_added"
REMOVED = "restart_plan.item_removed"
KINDS = (ADDED, REMOVED)
SECTIONS = ("early-signs", "helped-before", "first-step", "tell")
MAX_ITEM = plan_items.MAX_ITEM
Plan = plan_items.Plan


# One item "number" message for the restart plan, whatever the count.
SPEC = plan_items.PlanSpec(
    ADDED,
    REMOVED,
    SECTIONS,
    {
        "unknown_section": "restart_plan.section",
        "empty": "restart_plan.empty",
        "long": "restart_plan.long",
        "no_items": "restart_plan.no_items",
        "number": "restart_plan.number",
        "number_one": "restart_plan.number",
    },
)


def check_section(section: str) -> str:
    return plan_items.check_section(SPEC, section)


def check_item_text(text: str) -> str:
    return plan_items.check_item_text(SPEC, text)


def added_data(section: str, text: str) -> dict[str, str]:
    return plan_items.added_data(SPEC, section, text)


def fold_plan(events: Iterable[Mapping[str, Any]]) -> Plan:
    return plan_items.fold_plan(SPEC, events)


def has_plan(plan: Mapping[str, Any]) -> bool:
    return plan_items.has_plan(SPEC, plan)


def item_at(plan: Plan, section: str, number: int) -> dict[str, str]:
    return plan_items.item_at(SPEC, plan, section, number)


class RestartPlanItems:
    """Dashboard projection: how many items the restart plan holds (the welcome back offers to
    read it when there are any)."""

    name = "restart_plan"
    version = 1

    def initial(self) -> dict[str, str]:
        return {}

    def apply(self, state: dict[str, str], event: Mapping[str, Any]) -> Any:
        data = payload(event, PlanItemAdded)  # a removal holds its item only
        item, section = data.get("item"), data.get("section")
        if not isinstance(item, str):
            return state
        if event.get("kind") == ADDED and section in SECTIONS:
            state[item] = str(section)
        elif event.get("kind") == REMOVED:
            state.pop(item, None)
        return state
