"""Answering a questionnaire, item by item. Returns the raw answers; saves nothing.

A risk answer (e.g. PHQ-9 item 9 above 0) calls `on_risk` at once, before the next question is
asked, so crisis resources and the safety plan are never held back until the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hikicli.domain.instruments import is_risk_answer, item_options
from hikicli.prompting import Prompter


def question_key(instrument: Mapping[str, Any], number: int) -> str:
    return f"{instrument['id']}.item{number}"


def run_assessment(
    prompter: Prompter, instrument: Mapping[str, Any], on_risk: Callable[[], None]
) -> list[int]:
    intro = [f"## {instrument['title']}", instrument["about"]]
    if instrument.get("stem"):
        intro.append(f"**{instrument['stem']}**")
    prompter.say("\n\n".join(intro))
    count = len(instrument["items"])
    answers: list[int] = []
    for number, item in enumerate(instrument["items"], start=1):
        choices = [(str(o["value"]), o["label"]) for o in item_options(instrument, number)]
        raw = prompter.select(
            question_key(instrument, number), f"{number}/{count}. {item['text']}", choices
        )
        answer = int(raw)
        answers.append(answer)
        if is_risk_answer(instrument, number, answer):
            on_risk()
    return answers
