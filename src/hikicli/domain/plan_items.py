"""A plan kept as items in sections, as events so nothing is ever lost: the safety plan and the
restart plan are both this. Adding an item appends `<name>.item_added`; taking one off appends
`<name>.item_removed` naming the item; the plan is the fold of those events."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hikicli.domain.declare import payload
from hikicli.domain.features.plans import PlanItemAdded, PlanItemRemoved
from hikicli.errors import UsageError

MAX_ITEM = 500
Plan = dict[str, list[dict[str, str]]]


@dataclass(frozen=True)
class PlanSpec:
    """One kind of plan: its event kinds, its sections in order, and the message keys of its
    errors (content/<lang>/messages.yaml)."""

    added: str
    removed: str
    sections: tuple[str, ...]
    errors: Mapping[str, str]  # unknown_section, empty, long, no_items, number, number_one


def check_section(spec: PlanSpec, section: str) -> str:
    if section not in spec.sections:
        known = ", ".join(spec.sections)
        raise UsageError(spec.errors["unknown_section"], section=section, known=known,
                         sections=known)  # fmt: skip
    return section


def check_item_text(spec: PlanSpec, text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UsageError(spec.errors["empty"])
    if len(text) > MAX_ITEM:
        raise UsageError(spec.errors["long"], length=len(text), most=MAX_ITEM)
    return text


def added_data(spec: PlanSpec, section: str, text: str) -> dict[str, str]:
    """The data of one item_added event (a new item id each time)."""
    return {
        "item": os.urandom(6).hex(),
        "section": check_section(spec, section),
        "text": check_item_text(spec, text),
    }


def fold_plan(spec: PlanSpec, events: Iterable[Mapping[str, Any]]) -> Plan:
    """The current plan: every added item not removed since, in the order it was added."""
    plan: Plan = {s: [] for s in spec.sections}
    where: dict[str, str] = {}
    for event in events:
        if event.get("kind") == spec.added:
            data = payload(event, PlanItemAdded)
            section, text, item = data.get("section"), data.get("text"), data.get("item")
            if section in plan and isinstance(text, str) and isinstance(item, str):
                plan[section].append({"item": item, "text": text})
                where[item] = section
        elif event.get("kind") == spec.removed:
            item = payload(event, PlanItemRemoved).get("item")
            held = where.pop(item, None) if isinstance(item, str) else None
            if held is not None:
                plan[held] = [i for i in plan[held] if i["item"] != item]
    return plan


def has_plan(spec: PlanSpec, plan: Mapping[str, Sequence[Any]]) -> bool:
    return any(plan.get(s) for s in spec.sections)


def item_at(spec: PlanSpec, plan: Plan, section: str, number: int) -> dict[str, str]:
    items = plan[check_section(spec, section)]
    if not 1 <= number <= len(items):
        count = len(items)
        if not count:
            raise UsageError(spec.errors["no_items"], section=section)
        key = spec.errors["number_one"] if count == 1 else spec.errors["number"]
        raise UsageError(key, section=section, count=count)
    return items[number - 1]
