"""The restart plan (`hiki restart-plan`): for starting again after a gap. My early signs of
slipping back, what helped before, the first small step when I start again, who I will tell.

Kept like the safety plan: each item is an `restart_plan.item_added` event the moment it is given,
taking one off appends `restart_plan.item_removed`; the plan is the fold of both."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from hikicli.errors import UsageError

ADDED = "restart_plan.item_added"
REMOVED = "restart_plan.item_removed"
KINDS = (ADDED, REMOVED)
SECTIONS = ("early-signs", "helped-before", "first-step", "tell")
MAX_ITEM = 500

Plan = dict[str, list[dict[str, str]]]


def check_section(section: str) -> str:
    if section not in SECTIONS:
        raise UsageError("restart_plan.section", section=section, sections=", ".join(SECTIONS))
    return section


def check_item_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UsageError("restart_plan.empty")
    if len(text) > MAX_ITEM:
        raise UsageError("restart_plan.long", length=len(text), most=MAX_ITEM)
    return text


def added_data(section: str, text: str) -> dict[str, str]:
    return {
        "item": os.urandom(6).hex(),
        "section": check_section(section),
        "text": check_item_text(text),
    }


def fold_plan(events: Iterable[Mapping[str, Any]]) -> Plan:
    plan: Plan = {s: [] for s in SECTIONS}
    where: dict[str, str] = {}
    for event in events:
        data = event.get("data") or {}
        if event.get("kind") == ADDED:
            section, text, item = data.get("section"), data.get("text"), data.get("item")
            if section in plan and isinstance(text, str) and isinstance(item, str):
                plan[section].append({"item": item, "text": text})
                where[item] = section
        elif event.get("kind") == REMOVED:
            item = data.get("item")
            section = where.pop(item, None) if isinstance(item, str) else None
            if section is not None:
                plan[section] = [i for i in plan[section] if i["item"] != item]
    return plan


def has_plan(plan: Mapping[str, Any]) -> bool:
    return any(plan.get(s) for s in SECTIONS)


def item_at(plan: Plan, section: str, number: int) -> dict[str, str]:
    items = plan[check_section(section)]
    if not 1 <= number <= len(items):
        if not items:
            raise UsageError("restart_plan.no_items", section=section)
        raise UsageError("restart_plan.number", section=section, count=len(items))
    return items[number - 1]


class RestartPlanItems:
    """Dashboard projection: how many items the restart plan holds (the welcome back offers to
    read it when there are any)."""

    name = "restart_plan"
    version = 1

    def initial(self) -> dict[str, str]:
        return {}

    def apply(self, state: dict[str, str], event: Mapping[str, Any]) -> Any:
        data = event.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("item"), str):
            return state
        if event.get("kind") == ADDED and data.get("section") in SECTIONS:
            state[data["item"]] = str(data["section"])
        elif event.get("kind") == REMOVED:
            state.pop(data["item"], None)
        return state
