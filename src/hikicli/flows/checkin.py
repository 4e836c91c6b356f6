"""The interactive daily check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from hikicli.domain.checkin import (
    MAX_NOTE,
    MAX_OUTSIDE,
    MAX_SLEEP,
    SAFETY_QUESTION_MAX_MOOD,
    CheckIn,
    make_checkin,
)
from hikicli.prompting import Prompter


def run_checkin(
    prompter: Prompter,
    content: Mapping[str, Any],
    day: dt.date,
    today: dt.date,
    safety: Mapping[str, Any] | None = None,
    on_unsafe: Callable[[], None] | None = None,
) -> CheckIn:
    """Ask the check-in questions in order and return the answers (nothing is saved here).

    With `safety` (the follow-up's wording), a low mood is followed at once by "are you safe right
    now?"; an answer of no calls `on_unsafe` before any other question."""
    q = content["questions"]
    prompter.say(content["intro"])
    scales = {}
    safe = None
    for name in ("mood", "anxiety", "energy"):
        item = q[name]
        scales[name] = prompter.scale(
            name, f"{item['prompt']}  0 = {item['low']}, 10 = {item['high']}", 0, 10
        )
        if name == "mood" and safety is not None and scales[name] <= SAFETY_QUESTION_MAX_MOOD:
            safe = _ask_safe(prompter, safety, on_unsafe)
    sleep = prompter.number("sleep", _with_help(q["sleep"]), 0, MAX_SLEEP)
    outside = int(prompter.number("outside", _with_help(q["outside"]), 0, MAX_OUTSIDE))
    choices = [(c["id"], c["label"]) for c in content["contact_choices"]]
    contact = prompter.checkbox("contact", _with_help(q["contact"]), choices)
    note = prompter.text("note", _with_help(q["note"]), max_len=MAX_NOTE)
    return make_checkin(
        date=day,
        today=today,
        sleep=sleep,
        outside=outside,
        contact=contact,
        note=note,
        safe=safe,
        **scales,
    )


def _ask_safe(
    prompter: Prompter, safety: Mapping[str, Any], on_unsafe: Callable[[], None] | None
) -> str:
    choices = [(c["id"], c["label"]) for c in safety["choices"]]
    safe = prompter.select("safe", safety["question"], choices)
    if safe == "no":
        if on_unsafe is not None:
            on_unsafe()
    else:
        prompter.say(safety["thanks"] if safe == "yes" else safety["skipped"])
    return safe


def _with_help(item: Mapping[str, Any]) -> str:
    return f"{item['prompt']} ({item['help']})" if item.get("help") else str(item["prompt"])
