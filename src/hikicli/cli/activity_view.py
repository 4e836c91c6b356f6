"""Which small activities lifted the mood (pleasure) and which felt like achievements (mastery),
for `hiki progress` (text at 80 columns, numbers beside every name) and the report (Markdown and
HTML tables). The data is domain/activity.py `activity_summary`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hikicli.cli.plain import cell_width, wrap_cells
from hikicli.domain.words import word

if TYPE_CHECKING:
    from hikicli.domain.activity import ActivitySummary, Rated
    from hikicli.domain.content_types import ActivityProgress

WIDTH = 80
NAME = 50  # cells for an activity's words; longer ones are cut with "..."


def _fit(text: str, cells: int) -> str:
    text = "".join(c for c in " ".join(str(text).split()) if c.isprintable())
    if cell_width(text) <= cells:
        return text + " " * (cells - cell_width(text))
    out = ""
    for char in text:
        if cell_width(out + char) > cells - 3:
            break
        out += char
    return out + "..." + " " * (cells - 3 - cell_width(out))


def _table(rows: list[Rated], title: str, by: str, words: ActivityProgress) -> list[str]:
    times = words["times"]
    column = word(words, by)
    head = f"  {_fit(title, NAME + 2)} {' ' * max(0, 5 - cell_width(times))}{times}  {column}"
    out = [head.rstrip()]
    number = max(4, cell_width(column))
    for row in rows:
        value = row["pleasure"] if by == "pleasure" else row["mastery"]
        out.append(f"    {_fit(row['text'], NAME)} {row['times']:>5}  {value:>{number}.1f}")
    return out


def activity_lines(summary: ActivitySummary | None, words: ActivityProgress) -> list[str]:
    """The section of `hiki progress`; nothing when no activity was rated in the period."""
    if not summary:
        return []
    out = ["", words["heading"].format(rated=summary["rated"])]
    out += _table(summary["enjoyed"], words["enjoyed"], "pleasure", words)
    out += _table(summary["achieved"], words["achieved"], "mastery", words)
    out += ["  " + line for line in wrap_cells(words["note"], WIDTH - 3)]
    return out
