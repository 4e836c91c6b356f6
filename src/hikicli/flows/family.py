"""Interactive parts of the family programme: a lesson's exercise and the family check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from hikicli.domain.checkin import MAX_NOTE
from hikicli.domain.family import FamilyCheckIn, make_family_checkin
from hikicli.domain.words import with_help
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import (
        FamilyCheckinTexts,
        FamilyModule,
        FamilyTexts,
    )


def run_lesson(
    prompter: Prompter, module: FamilyModule, texts: FamilyTexts
) -> dict[str, str] | None:
    """After the reading: offer the exercise. The answers, or None if the exercise was declined."""
    if not prompter.confirm("exercise", texts["exercise_offer"], default=True):
        return None
    exercise = module["exercise"]
    prompter.say(f"**{exercise['title']}**\n\n{exercise['intro']}")
    answers: dict[str, str] = {}
    for item in exercise["fields"]:
        message = with_help(item, texts["with_help"])
        text = prompter.text(item["key"], message, max_len=MAX_NOTE).strip()
        if text:
            answers[item["key"]] = text
    return answers  # empty when every field was left blank


def run_family_checkin(
    prompter: Prompter,
    texts: FamilyCheckinTexts,
    day: dt.date,
    today: dt.date,
    on_stress: Callable[[int], None] | None = None,
) -> FamilyCheckIn:
    """`on_stress` hears the stress answer at once, before the next question: a very heavy day
    is answered through the one risk mechanism (the caller's), never by a rule here."""
    prompter.say(texts["intro"])
    q = texts["stress"]
    stress = prompter.scale("stress", texts["scale_anchors"].format(**q), 0, 10)
    if on_stress is not None:
        on_stress(stress)
    positive = prompter.text(
        "positive", with_help(texts["positive"], texts["with_help"]), max_len=MAX_NOTE
    )
    selfcare = prompter.text(
        "selfcare", with_help(texts["selfcare"], texts["with_help"]), max_len=MAX_NOTE
    )
    return make_family_checkin(
        date=day, today=today, stress=stress, positive=positive, selfcare=selfcare
    )


