"""The check-in's low-mood follow-up: "are you safe right now?" and what follows an answer.

Kept apart from `cli/checkin.py` so the check-in itself stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hikicli.cli.context import AppContext
from hikicli.domain.checkin import SAFETY_QUESTION_MAX_MOOD, CheckIn
from hikicli.prompting import Prompter


def question_enabled(actx: AppContext) -> bool:
    try:
        return bool(actx.settings.get("checkin.safety_question"))
    except Exception:  # an unreadable settings file must not switch a safety question off
        return True


def safety_follow_up(
    actx: AppContext, prompter: Prompter
) -> tuple[Mapping[str, Any] | None, Callable[[], None] | None]:
    """The wording and the response for the interactive flow (None when switched off)."""
    if not question_enabled(actx):
        return None, None

    def on_unsafe() -> None:
        from hikicli.cli.safety_support import risk_text

        prompter.say(risk_text(actx))

    return actx.catalog["safety"]["checkin"], on_unsafe


def respond_to_flags(actx: AppContext, record: CheckIn, as_json: bool) -> None:
    """Flags form, before the record is saved and before anything else is printed.

    --safe no: the full response (calm words, crisis lines, the safety plan). A low mood without
    --safe: the crisis lines, without asking (a script cannot answer, and a person reading it
    should still see where help is). With --json the words go to stderr, so stdout stays JSON.
    """
    from hikicli.cli.safety_support import crisis_view_for, print_markdown, show_risk_response
    from hikicli.domain.safety_plan import crisis_markdown

    text = actx.catalog["safety"]["checkin"]
    if record.safe == "no":
        show_risk_response(actx, stderr=as_json)
    elif record.safe == "yes":
        if record.mood <= SAFETY_QUESTION_MAX_MOOD and not as_json:
            print_markdown(text["thanks"])
    elif record.mood <= SAFETY_QUESTION_MAX_MOOD and question_enabled(actx):
        note = f"{text['low_mood_note']}\n\n{crisis_markdown(crisis_view_for(actx))}"
        print_markdown(note, stderr=as_json)
