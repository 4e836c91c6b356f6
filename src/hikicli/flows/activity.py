"""`hiki activity`: rate a planned activity, or choose one that fits today's energy and do it now
(then rate it) or plan it for later. Returns what to save; the command saves it in one go, so a
stop before the end saves nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hikicli.domain.activity import MAX_TEXT, TIMES, fitting
from hikicli.domain.words import word
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import ActivityContent, Times


@dataclass(frozen=True)
class ActivityChoice:
    text: str
    activity: str = ""  # the content's id, "" for the person's own words
    when: str = "now"  # now, or one of TIMES: a plan
    plan: str = ""  # the plan it rates
    pleasure: int | None = None
    mastery: int | None = None


def _when(times: Times, when: str) -> str:
    """A plan's time of day in words (a time this content does not name: as it was saved)."""
    named: Mapping[str, object] = times
    said = named.get(when, when)
    return said if isinstance(said, str) else when


def _rate(prompter: Prompter, content: ActivityContent) -> tuple[int, int]:
    pleasure = prompter.scale("activity.pleasure", content["pleasure_question"], 0, 10)
    mastery = prompter.scale("activity.mastery", content["mastery_question"], 0, 10)
    return pleasure, mastery


def run_activity(
    prompter: Prompter,
    content: ActivityContent,
    energy: int | None,
    plans: Sequence[Mapping[str, Any]] = (),
) -> ActivityChoice:
    """`energy` is today's check-in energy when there is one (else it is asked)."""
    prompter.say(content["intro"])
    if energy is None:
        energy = prompter.scale("activity.energy", content["energy_question"], 0, 10)
    times = content["times"]
    choices = [
        ("plan:" + p["plan"], content["rate_choice"].format(
            text=p["text"], when=_when(times, p["when"])))
        for p in plans
    ]  # fmt: skip
    menu = {a["id"]: a for a in fitting(content, energy)}
    choices += [(a["id"], a["text"]) for a in menu.values()]
    choices.append(("own", content["own_choice"]))
    chosen = prompter.select("activity.choose", content["choose_question"], choices)
    if chosen.startswith("plan:"):
        plan = next(p for p in plans if p["plan"] == chosen[5:])
        pleasure, mastery = _rate(prompter, content)
        return ActivityChoice(
            plan["text"], plan.get("activity", ""), "now", plan["plan"], pleasure, mastery
        )
    if chosen == "own":
        text = ""
        while not text:
            text = " ".join(
                prompter.text("own", content["own_prompt"], max_len=MAX_TEXT).split()
            )
        activity = ""
    else:
        text, activity = menu[chosen]["text"], chosen
    when_choices = [("now", times["now"]), *((t, word(times, t)) for t in TIMES)]
    when = prompter.select("activity.when", content["when_question"], when_choices, "now")
    if when != "now":
        return ActivityChoice(text, activity, when)
    prompter.say(content["do_it_now"])
    pleasure, mastery = _rate(prompter, content)
    return ActivityChoice(text, activity, "now", "", pleasure, mastery)
