"""The interactive daily check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hikicli.domain.checkin import MAX_NOTE, MAX_OUTSIDE, MAX_SLEEP, CheckIn, make_checkin
from hikicli.prompting import Prompter


def run_checkin(
    prompter: Prompter, content: Mapping[str, Any], day: dt.date, today: dt.date
) -> CheckIn:
    """Ask the check-in questions in order and return the answers (nothing is saved here)."""
    q = content["questions"]
    prompter.say(content["intro"])
    scales = {}
    for name in ("mood", "anxiety", "energy"):
        item = q[name]
        scales[name] = prompter.scale(
            name, f"{item['prompt']}  0 = {item['low']}, 10 = {item['high']}", 0, 10
        )
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
        **scales,
    )


def _with_help(item: Mapping[str, Any]) -> str:
    return f"{item['prompt']} ({item['help']})" if item.get("help") else str(item["prompt"])
