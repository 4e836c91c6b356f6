"""The personal safety plan (Stanley & Brown's six steps), kept as events so nothing is ever lost.

Adding an item appends `safety_plan.item_added`; taking one off appends `safety_plan.item_removed`
naming the item. The plan is the fold of those events. This module also writes the plan, and the
words shown when an answer suggests risk, as Markdown, so the terminal, the printable export and a
flow's `say` all show the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hikicli.domain import plan_items

ADDED = "safety_plan.item_added"
REMOVED = "safety_plan.item_removed"
SECTIONS = ("warning-signs", "coping", "distractions", "people", "professionals", "environment")
MAX_ITEM = plan_items.MAX_ITEM
Plan = plan_items.Plan

if TYPE_CHECKING:
    from typing import TypeAlias

    from hikicli.domain.content_types import (
        PlanContent,
        PlanSection,
        RestartPlanWords,
        RestartSection,
    )

    # The words of a plan's editor and export: the safety plan's, or the restart plan's (the same
    # flow walks both; only the safety plan offers crisis lines at its professionals step).
    PlanWords: TypeAlias = PlanContent | RestartPlanWords


SPEC = plan_items.PlanSpec(
    ADDED,
    REMOVED,
    SECTIONS,
    {
        "unknown_section": "safety_plan.unknown_section",
        "empty": "safety_plan.item_empty",
        "long": "safety_plan.item_long",
        "no_items": "safety_plan.no_items",
        "number": "safety_plan.item_number",
        "number_one": "safety_plan.item_number_one",
    },
)


def check_section(section: str) -> str:
    return plan_items.check_section(SPEC, section)


def check_item_text(text: str) -> str:
    return plan_items.check_item_text(SPEC, text)


def added_data(section: str, text: str) -> dict[str, str]:
    """The data of one item_added event (a new item id each time)."""
    return plan_items.added_data(SPEC, section, text)


def fold_plan(events: Iterable[Mapping[str, Any]]) -> Plan:
    """The current plan: every added item not removed since, in the order it was added."""
    return plan_items.fold_plan(SPEC, events)


def has_plan(plan: Mapping[str, Sequence[Any]]) -> bool:
    return plan_items.has_plan(SPEC, plan)


def item_at(plan: Plan, section: str, number: int) -> dict[str, str]:
    return plan_items.item_at(SPEC, plan, section, number)


def md_escape(text: str) -> str:
    """Keep a person's own words from being read as Markdown markup."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def plan_markdown(content: PlanWords, plan: Plan, heading: str = "##") -> str:
    """The plan with every step's title; empty steps show their prompt, as a gentle reminder."""
    return _steps_markdown(content["title"], content["sections"], plan, heading)


def _steps_markdown(
    title: str, sections: Sequence[PlanSection | RestartSection], plan: Plan, heading: str
) -> str:
    parts = [f"{heading} {title}"]
    for section in sections:
        parts.append(f"{heading}# {section['title']}")
        items = plan.get(section["id"], [])
        if items:
            parts.append("\n".join(f"{n}. {md_escape(i['text'])}" for n, i in enumerate(items, 1)))
        else:
            parts.append(f"*{section['prompt']}*")
    return "\n\n".join(parts)


def crisis_line_text(line: Mapping[str, Any]) -> str:
    """One line as plain text, e.g. for a safety plan's "professionals" step."""
    return f"{line['name']}: {line['contact']}"


def crisis_markdown(
    view: Mapping[str, Any], texts: Mapping[str, Any], block: Mapping[str, Any]
) -> str:
    """The crisis lines under an exported plan, in the plan's language: `texts` are the crisis
    screen's words (its source line), `block` the short block's separators (ja ： and ・)."""
    name_sep, sep = str(block.get("name_sep", ": ")), str(block.get("sep", " · "))
    rows = [f"**{md_escape(view['emergency'])}**", ""]
    for line in view["lines"]:
        row = f"- **{md_escape(line['name'])}**{name_sep}{md_escape(line['contact'])}"
        if line.get("hours"):
            row += f"{sep}{md_escape(line['hours'])}"
        for warning in line.get("warnings", []):
            row += f"{sep}*{md_escape(warning)}*"
        # as `hiki crisis` shows it: where the number comes from, and when it was checked
        where = str(line["source"])
        if line.get("source_note"):
            template = str(texts.get("source_with_note") or "{source} ({note})")
            where = template.format(source=where, note=line["source_note"])
        said = str(texts["source"]).format(source=where, date=line["verified_on"])
        row += f"  \n  {md_escape(said)}"
        rows.append(row)
    if view.get("check_official"):
        rows += ["", f"*{md_escape(view['check_official'])}*"]
    return "\n".join(rows)


def filled_plan_markdown(content: PlanWords, plan: Plan, heading: str = "##") -> str:
    """Only the steps that have items: for `hiki crisis`, where every line should help now."""
    sections = [s for s in content["sections"] if plan.get(s["id"])]
    return _steps_markdown(content["title"], sections, plan, heading)


def bare_plan_markdown(plan: Plan, title: str = "", heading: str = "##") -> str:
    """The items alone, step by step in order, when the steps' words cannot be loaded: a broken
    content file must never hide what a person wrote for a hard time."""
    parts = [f"{heading} {md_escape(title)}"] if title else []
    for section in SECTIONS:
        items = plan.get(section, [])
        if items:
            parts.append("\n".join(f"- {md_escape(i['text'])}" for i in items))
    return "\n\n".join(parts)
