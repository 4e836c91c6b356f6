"""Answering a questionnaire, item by item. Returns the raw answers; saves nothing itself.

Every answer to a risk item is handed to `on_answer(number, answer)` at once, before the next
question: the risk service decides whether it carries risk (this flow never does), shows the
response and saves the signal. `before_risk_item(number)` is called before a risk item is asked,
so a Ctrl-C there still ends with crisis help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hikicli.domain.instruments import item_options
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import Instrument


def question_key(instrument: Instrument, number: int) -> str:
    return f"{instrument['id']}.item{number}"


def run_assessment(
    prompter: Prompter,
    instrument: Instrument,
    on_answer: Callable[[int, int], None],
    before_risk_item: Callable[[int], None] = lambda number: None,
) -> list[int]:
    intro = [f"## {instrument['title']}", instrument["about"]]
    if instrument.get("stem"):
        intro.append(f"**{instrument['stem']}**")
    prompter.say("\n\n".join(intro))
    count = len(instrument["items"])
    answers: list[int] = []
    risk_numbers = {rule["item"] for rule in instrument["scoring"].get("risk_items", [])}
    for number, item in enumerate(instrument["items"], start=1):
        if number in risk_numbers:
            before_risk_item(number)
        choices = [(str(o["value"]), o["label"]) for o in item_options(instrument, number)]
        raw = prompter.select(
            question_key(instrument, number), f"{number}/{count}. {item['text']}", choices
        )
        answer = int(raw)
        answers.append(answer)
        if number in risk_numbers:
            on_answer(number, answer)
    return answers
