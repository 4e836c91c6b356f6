"""`hiki safety-plan edit`: the six steps, one at a time. Returns the changes; saves nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hikicli.domain.safety_plan import MAX_ITEM, Plan, crisis_line_text
from hikicli.prompting import Prompter

MAX_NEW_PER_STEP = 20


@dataclass
class PlanChanges:
    added: list[tuple[str, str]] = field(default_factory=list)  # (section, text)
    removed: list[str] = field(default_factory=list)  # item ids

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def run_safety_plan_edit(
    prompter: Prompter,
    content: Mapping[str, Any],
    plan: Plan,
    crisis_lines: Sequence[Mapping[str, Any]] = (),
) -> PlanChanges:
    """Walk through each step: show it with examples and what is there, offer to take items off,
    offer the country's crisis lines at the professionals step, then ask for new items."""
    changes = PlanChanges()
    prompter.say(content["intro"])
    for section in content["sections"]:
        sid = section["id"]
        items = plan.get(sid, [])
        lines = [f"### {section['title']}", section["prompt"]]
        lines.append(f"{content['examples_title']} " + " · ".join(section["examples"]))
        if items:
            lines.append("\n".join(f"- {i['text']}" for i in items))
        prompter.say("\n\n".join(lines))
        if items:
            choices = [(i["item"], i["text"]) for i in items]
            changes.removed += prompter.checkbox(f"{sid}.remove", content["remove_prompt"], choices)
        if sid == "professionals":
            changes.added += _crisis_line_choices(prompter, content, items, crisis_lines)
        for n in range(1, MAX_NEW_PER_STEP + 1):
            message = content["add_prompt"] if n == 1 else content["add_more_prompt"]
            text = " ".join(prompter.text(f"{sid}.add.{n}", message, max_len=MAX_ITEM).split())
            if not text:
                break
            changes.added.append((sid, text))
    return changes


def _crisis_line_choices(
    prompter: Prompter,
    content: Mapping[str, Any],
    items: Sequence[Mapping[str, str]],
    crisis_lines: Sequence[Mapping[str, Any]],
) -> list[tuple[str, str]]:
    """Pre-fill step 5 from the country's crisis lines: the person picks which to keep."""
    present = {i["text"] for i in items}
    offered = [crisis_line_text(line) for line in crisis_lines]
    offered = [text for text in offered if text not in present]
    if not offered:
        return []
    choices = [(str(n), text) for n, text in enumerate(offered)]
    picked = prompter.checkbox(
        "professionals.crisis_lines", content["crisis_lines_prompt"], choices
    )
    return [("professionals", offered[int(n)]) for n in picked]
