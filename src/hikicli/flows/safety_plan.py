"""`hiki safety-plan edit`: the six steps, one at a time.

Each confirmed answer is handed to `save` the moment it is given (the command appends it to the
log), so stopping half-way keeps everything confirmed so far. The flow itself does no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from hikicli.domain.safety_plan import MAX_ITEM, Plan, crisis_line_text
from hikicli.domain.words import word
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.safety_plan import PlanWords

MAX_NEW_PER_STEP = 20


class PlanSaver(Protocol):
    """Keeps one confirmed change at once (the command appends an event for each)."""

    def add(self, section: str, text: str) -> None: ...

    def remove(self, items: Sequence[str]) -> None: ...


@dataclass
class PlanChanges:
    """What was confirmed, in order; with a saver, everything here was handed to it."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (section, text)
    removed: list[str] = field(default_factory=list)  # item ids

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)

    def add(self, section: str, text: str) -> None:
        self.added.append((section, text))

    def remove(self, items: Sequence[str]) -> None:
        self.removed += items


class _Both:
    """Hands each change to the saver first, then notes it: never lists an unsaved change."""

    def __init__(self, saver: PlanSaver | None, changes: PlanChanges) -> None:
        self.saver, self.changes = saver, changes

    def add(self, section: str, text: str) -> None:
        if self.saver is not None:
            self.saver.add(section, text)
        self.changes.add(section, text)

    def remove(self, items: Sequence[str]) -> None:
        if not items:
            return
        if self.saver is not None:
            self.saver.remove(items)
        self.changes.remove(items)


def run_safety_plan_edit(
    prompter: Prompter,
    content: PlanWords,
    plan: Plan,
    crisis_lines: Sequence[Mapping[str, Any]] = (),
    save: PlanSaver | None = None,
) -> PlanChanges:
    """Walk through each step: show it with examples and what is there, offer to take items off,
    offer the country's crisis lines at the professionals step, then ask for new items. Every
    confirmed change goes to `save` at once; a Cancelled from the prompter leaves those in place."""
    changes = PlanChanges()
    out = _Both(save, changes)
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
            out.remove(prompter.checkbox(f"{sid}.remove", content["remove_prompt"], choices))
        if sid == "professionals":
            prompt = word(content, "crisis_lines_prompt")  # the safety plan's own step
            for text in _crisis_line_choices(prompter, prompt, items, crisis_lines):
                out.add(sid, text)
        for n in range(1, MAX_NEW_PER_STEP + 1):
            message = content["add_prompt"] if n == 1 else content["add_more_prompt"]
            text = " ".join(prompter.text(f"{sid}.add.{n}", message, max_len=MAX_ITEM).split())
            if not text:
                break
            out.add(sid, text)
    return changes


def _crisis_line_choices(
    prompter: Prompter,
    prompt: str,
    items: Sequence[Mapping[str, str]],
    crisis_lines: Sequence[Mapping[str, Any]],
) -> list[str]:
    """Pre-fill step 5 from the country's crisis lines: the person picks which to keep."""
    present = {i["text"] for i in items}
    offered = [crisis_line_text(line) for line in crisis_lines]
    offered = [text for text in offered if text not in present]
    if not offered:
        return []
    choices = [(str(n), text) for n, text in enumerate(offered)]
    picked = prompter.checkbox("professionals.crisis_lines", prompt, choices)
    return [offered[int(n)] for n in picked]
