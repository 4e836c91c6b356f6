"""A homework pack's weeks: 7-day blocks from its start date, the last one maybe shorter.

One rule for the two places that count them: the pack's own status (domain.homework) and the
weekly rows of a report whose period is the pack's (domain.progress)."""

from __future__ import annotations

import datetime as dt

WEEK = dt.timedelta(days=7)


def weeks_from(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    blocks: list[tuple[dt.date, dt.date]] = []
    first = start
    while first <= end:
        last = min(first + WEEK - dt.timedelta(days=1), end)
        blocks.append((first, last))
        first = last + dt.timedelta(days=1)
    return blocks
