"""`hiki now`: the feelings it offers help for, and the slow-breathing rhythm (numbers stay here,
out of the words). Nothing of `hiki now` is ever saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hikicli.domain.content_types import Feeling

FEELINGS = ("panic", "sleep", "shame", "anger", "empty", "door")
# Paced breathing: seconds in, held, out (a breath out longer than in), and how many breaths.
RHYTHM = (("in", 4), ("hold", 2), ("out", 6))
CYCLES = 5
MAX_CYCLES = 10
RHYTHM_FEELINGS = ("panic",)


def exercise_markdown(feeling: Feeling) -> str:
    """One exercise as Markdown: its title, then its numbered steps (one screen at 80x24)."""
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(feeling["steps"], 1))
    return f"**{feeling['title']}**\n\n{numbered}"
