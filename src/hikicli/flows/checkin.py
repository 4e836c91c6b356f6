"""The interactive daily check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hikicli.domain.checkin import (
    MAX_NOTE,
    MAX_OUTSIDE,
    MAX_SLEEP,
    SAFETY_QUESTION_MAX_MOOD,
    CheckIn,
    make_checkin,
)
from hikicli.domain.risk import RiskResponse
from hikicli.domain.sleep import hours, length, parse_clock
from hikicli.domain.words import with_help
from hikicli.errors import UsageError
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import CheckinContent, CheckinRiskTexts


@dataclass(frozen=True)
class SafetyHooks:
    """The safety follow-up, given by the service: its words, and what to do with an answer.

    `on_answer(answer, mood)` shows and saves the response (it decides; this flow only asks) and
    returns it, or None when there is nothing to respond to. `before_question` marks that a safety
    question is on screen, so a Ctrl-C there still ends with crisis help."""

    words: Callable[[], CheckinRiskTexts]  # loaded only when asked: the first question waits
    on_answer: Callable[[str, int], RiskResponse | None]
    before_question: Callable[[], None]


def run_checkin(
    prompter: Prompter,
    content: CheckinContent,
    day: dt.date,
    today: dt.date,
    safety: SafetyHooks | None = None,
    sleep_times: bool = False,
) -> CheckIn | None:
    """Ask the check-in questions in order and return the answers (nothing is saved here).

    With `sleep_times` (the setting checkin.sleep_times), the time one went to sleep and the
    time one got up come before the hours of sleep, which then start at the window's length;
    an empty answer to either skips both.

    With `safety`, a low mood is followed at once by "are you safe right now?". After an answer
    that carries risk the person may stop here: then None is returned (what they told, the mood
    and the answer, was saved with the risk signal)."""
    q, frame = content["questions"], content["with_help"]
    prompter.say(content["intro"])
    scales = {}
    safe = None
    for name, item in (("mood", q["mood"]), ("anxiety", q["anxiety"]), ("energy", q["energy"])):
        scales[name] = prompter.scale(
            name, content["scale_anchors"].format(**item), 0, 10
        )
        if name == "mood" and safety is not None and scales[name] <= SAFETY_QUESTION_MAX_MOOD:
            safe, go_on = _ask_safe(prompter, safety, scales[name])
            if not go_on:
                return None
    slept = woke = None
    if sleep_times:
        slept, woke = _ask_times(prompter, content)
    default = hours(slept, woke) if slept and woke else None
    sleep = prompter.number("sleep", with_help(q["sleep"], frame), 0, MAX_SLEEP, default=default)
    outside = int(prompter.number("outside", with_help(q["outside"], frame), 0, MAX_OUTSIDE))
    choices = [(c["id"], c["label"]) for c in content["contact_choices"]]
    # "No one today" with another box would fail at the end: refused at the question instead
    contact_q = with_help(q["contact"], frame)
    contact = prompter.checkbox("contact", contact_q, choices, exclusive="none")
    note = prompter.text("note", with_help(q["note"], frame), max_len=MAX_NOTE)
    return make_checkin(
        date=day,
        today=today,
        sleep=sleep,
        outside=outside,
        contact=contact,
        note=note,
        safe=safe,
        slept=slept,
        woke=woke,
        **scales,
    )


def _ask_times(prompter: Prompter, content: CheckinContent) -> tuple[str | None, str | None]:
    """(slept, woke) as stored, or (None, None) when either is left empty."""
    q, frame = content["questions"], content["with_help"]
    slept = _ask_clock(prompter, "slept", with_help(q["slept"], frame), content["time_format"])
    if slept is None:
        return None, None
    while True:
        woke = _ask_clock(prompter, "woke", with_help(q["woke"], frame), content["time_format"])
        if woke is None:
            return None, None
        if length(slept, woke):
            return slept, woke
        prompter.say(content["time_format"])  # the same time twice is not a night


def _ask_clock(prompter: Prompter, key: str, message: str, problem: str) -> str | None:
    """A clock time typed as text: asked again, empty (so Enter skips, as the problem says),
    until it reads as one."""
    while True:
        typed = prompter.text(key, message, max_len=16).strip()
        if not typed:
            return None
        try:
            return parse_clock(typed)
        except UsageError:
            prompter.say(problem)


def _ask_safe(prompter: Prompter, safety: SafetyHooks, mood: int) -> tuple[str, bool]:
    """The answer, and whether to go on with the rest of the check-in."""
    texts = safety.words()
    choices = [(c["id"], c["label"]) for c in texts["choices"]]
    safety.before_question()
    safe = prompter.select("safe", texts["question"], choices)
    response = safety.on_answer(safe, mood)
    if response is None:
        prompter.say(texts["thanks"])
        return safe, True
    if response.offer_stop:
        go = [(c["id"], c["label"]) for c in texts["go_on_choices"]]
        if prompter.select("go_on", texts["go_on_question"], go) == "stop":
            prompter.say(texts["stopped"])
            return safe, False
    return safe, True


