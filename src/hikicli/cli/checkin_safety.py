"""The check-in's part of the one risk mechanism: "are you safe right now?", `--safe`, and the
note. Every answer goes through `domain.risk` (decide) and `cli/risk_view` (show, then save).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext
from hikicli.domain.risk import (
    SAFE_ANSWERS,
    SAFETY_QUESTION_MAX_MOOD,
    RiskResponse,
    RiskSignal,
    from_note,
    from_safe_answer,
    normalize_safe,
)
from hikicli.flows.checkin import SafetyHooks
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import CheckinRiskTexts


def question_enabled(actx: AppContext) -> bool:
    try:
        return bool(actx.settings.get("checkin.safety_question"))
    except Exception:  # an unreadable settings file must not switch a safety question off
        return True


def texts(actx: AppContext) -> CheckinRiskTexts:
    return actx.risk_content.risk["checkin"]


def safety_hooks(actx: AppContext, prompter: Prompter, day: dt.date) -> SafetyHooks | None:
    """The follow-up for the interactive flow (None when switched off)."""
    if not question_enabled(actx):
        return None
    from hikicli.cli.risk_view import show_signal

    def on_answer(answer: str, mood: int) -> RiskResponse | None:
        signal = from_safe_answer(answer, day, mood=mood)
        return None if signal is None else show_signal(actx, signal, prompter=prompter)

    def before_question() -> None:
        actx.risk.near_risk = True

    return SafetyHooks(lambda: texts(actx), on_answer, before_question)


def honour_safe_flag(actx: AppContext, raw: str | None, mood: Any, day: dt.date, as_json: bool) -> (
    str | None
):
    """`--safe`, before any other flag is checked: an answer that carries risk is shown (and saved)
    even when another flag is wrong. Any case and y/n are accepted; a word hiki does not know is
    refused, after the crisis block (it may mean "not sure")."""
    from hikicli.cli.risk_view import show_block_only, show_signal
    from hikicli.errors import UsageError

    safe = normalize_safe(raw)
    if safe is None:
        return None
    if safe not in SAFE_ANSWERS:
        show_block_only(actx, actx.risk_content.risk["messages"]["possible"], stderr=True)
        actx.risk.near_risk = True
        raise UsageError("checkin.safe", value=raw)
    valid_mood = mood if isinstance(mood, int) and 0 <= mood <= 10 else None
    signal = from_safe_answer(safe, day, mood=valid_mood)
    if signal is not None:
        show_signal(actx, signal, stderr=as_json)
    return safe


def low_mood_without_answer(actx: AppContext, mood: int, safe: str | None, as_json: bool) -> None:
    """A script gave a low mood and no `--safe`: nobody answered, so nothing is recorded, but a
    person reading it still sees where help is."""
    from hikicli.cli.risk_view import show_block_only

    if safe is None and mood <= SAFETY_QUESTION_MAX_MOOD and question_enabled(actx):
        show_block_only(actx, texts(actx)["low_mood_note"], stderr=as_json)
    elif safe == "yes" and mood <= SAFETY_QUESTION_MAX_MOOD and not as_json:
        from hikicli.cli.render import print_markdown

        print_markdown(texts(actx)["thanks"])


def note_signal(actx: AppContext, note: str, day: dt.date) -> RiskSignal | None:
    if not note.strip():  # nothing to read: the risk words are not even loaded
        return None
    from hikicli.content.risk_content import note_phrases

    return from_note(note, note_phrases(actx.language(), actx.paths.cache_dir), day)


def after_note(actx: AppContext, note: str, day: dt.date, as_json: bool) -> None:
    """After saving: a note whose words sound very heavy gets the pointer, gently."""
    from hikicli.cli.risk_view import show_signal

    signal = note_signal(actx, note, day)
    if signal is None:
        return
    if actx.risk_active:  # the block was shown already and is shown again at the end
        actx.risk.decide(signal)
        actx.risk.record(signal)
    else:
        show_signal(actx, signal, stderr=as_json)
