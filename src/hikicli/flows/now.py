"""`hiki now`: choose how it feels right now, read one short exercise, breathe along if it helps.
Nothing is returned to save; the command shows the crisis pointer after it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hikicli.domain.now import RHYTHM_FEELINGS, exercise_markdown
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import Feeling, NowContent


def feeling_by_id(content: NowContent, feeling_id: str) -> Feeling | None:
    return next((f for f in content["feelings"] if f["id"] == feeling_id), None)


def run_now(
    prompter: Prompter,
    content: NowContent,
    breathe: Callable[[int], None] | None = None,
    cycles: int = 0,
) -> str:
    """Ask which feeling, show its exercise, offer the breathing rhythm where there is one;
    return the feeling's id."""
    prompter.say(content["intro"])
    choices = [(f["id"], f["label"]) for f in content["feelings"]]
    chosen = prompter.select("now.feeling", content["question"], choices)
    feeling = feeling_by_id(content, chosen)
    assert feeling is not None
    prompter.say(exercise_markdown(feeling))
    if chosen in RHYTHM_FEELINGS and breathe is not None and cycles > 0:
        if prompter.confirm("now.breathe", content["breathe"]["offer"], default=True):
            breathe(cycles)
            prompter.say(content["breathe"]["done"])
    prompter.say(feeling["close"])
    return chosen
