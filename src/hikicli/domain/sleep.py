"""The sleep rhythm: when a person went to sleep and got up, as noted with a check-in.

A check-in's `slept` and `woke` are clock times ("03:30", "13:10"). The night belongs to the
check-in's day, the day the person got up; a time to sleep later on the clock than the time to
get up was the evening before (23:30 -> 07:00 is seven and a half hours across midnight).
Pure and cheap: no imports beyond the standard library and the errors.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hikicli.errors import UsageError

DAY = 24 * 60
CELL_MINUTES = 30  # one chart cell: half an hour, 48 cells a day
CELLS = DAY // CELL_MINUTES
# Where a chart of the day may start, in order of preference when windows cross none of them
# (18:00 keeps an ordinary night and a day-night reversal both in one piece).
ANCHORS = (18, 21, 15, 12, 0, 3, 6, 9)
MOST = 0.5  # a cell is drawn "most nights" when asleep on at least half of the week's nights


def parse_clock(raw: str, flag: str = "--slept") -> str:
    """A clock time typed by a person ("3:30", "03:30", "１３：１０") as stored ("03:30"); a bare
    hour ("7", "23") is that hour on the dot."""
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text.isascii() and text.isdigit() and 1 <= len(text) <= 2:
        text += ":00"
    hours, sep, mins = text.partition(":")
    ok = (
        sep == ":"
        and hours.isascii()
        and hours.isdigit()
        and 1 <= len(hours) <= 2
        and mins.isascii()
        and mins.isdigit()
        and len(mins) == 2
        and int(hours) < 24
        and int(mins) < 60
    )
    if not ok:
        raise UsageError("checkin.clock", flag=flag, value=raw)
    return f"{int(hours):02d}:{mins}"


def is_clock(value: Any) -> bool:
    """A stored clock time: exactly "HH:MM", 00:00 to 23:59."""
    return (
        isinstance(value, str)
        and len(value) == 5
        and value[2] == ":"
        and value[:2].isdigit()
        and value[3:].isdigit()
        and value.isascii()
        and int(value[:2]) < 24
        and int(value[3:]) < 60
    )


def minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def clock(minute: float) -> str:
    m = int(round(minute)) % DAY
    return f"{m // 60:02d}:{m % 60:02d}"


def length(slept: str, woke: str) -> int:
    """Minutes from going to sleep to getting up, across midnight when needed (0 when equal)."""
    return (minutes(woke) - minutes(slept)) % DAY


def check_times(slept: str | None, woke: str | None) -> tuple[str | None, str | None]:
    """Both times as stored, or neither; one without the other, or the same time twice, is an
    input error naming the flags."""
    if slept is None and woke is None:
        return None, None
    if slept is None or woke is None:
        raise UsageError("checkin.sleep_times_pair")
    s, w = parse_clock(slept, "--slept"), parse_clock(woke, "--woke")
    if length(s, w) == 0:
        raise UsageError("checkin.sleep_times_same", slept=s, woke=w)
    return s, w


def hours(slept: str, woke: str) -> float:
    """The window in hours, as the check-in's sleep answer takes it (two decimals)."""
    return round(length(slept, woke) / 60, 2)


# --- the window over the weeks -----------------------------------------------------------------


@dataclass(frozen=True)
class Night:
    date: dt.date  # the day the person got up (the check-in's day)
    slept: str
    woke: str

    @property
    def start(self) -> int:
        return minutes(self.slept)

    @property
    def length(self) -> int:
        return length(self.slept, self.woke)

    def asleep_at(self, minute: int) -> bool:
        return 0 <= (minute - self.start) % DAY < self.length

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "slept": self.slept,
            "woke": self.woke,
            "hours": round(self.length / 60, 2),
        }


def night_of(day: dt.date, data: Mapping[str, Any]) -> Night | None:
    """The night a check-in notes, or None when it has no (readable, distinct) times."""
    slept, woke = data.get("slept"), data.get("woke")
    if not (isinstance(slept, str) and isinstance(woke, str)):
        return None
    if not (is_clock(slept) and is_clock(woke)) or length(slept, woke) == 0:
        return None
    return Night(day, slept, woke)


def nights(days: Mapping[dt.date, Mapping[str, Any]]) -> list[Night]:
    found = (night_of(day, data) for day, data in sorted(days.items()))
    return [n for n in found if n is not None]


def anchor_hour(found: Iterable[Night]) -> int:
    """The hour a chart of the day starts at: the first of ANCHORS that the fewest nights were
    asleep across, so a window is drawn in one piece whenever it can be."""
    listed = list(found)

    def crossing(hour: int) -> int:
        at = hour * 60
        return sum(1 for n in listed if 0 < (at - n.start) % DAY < n.length)

    return min(ANCHORS, key=lambda h: (crossing(h), ANCHORS.index(h)))


@dataclass(frozen=True)
class SleepWeek:
    start: dt.date
    end: dt.date
    nights: int
    slept: str | None  # the middle time of going to sleep (median), None without nights
    woke: str | None
    cells: tuple[float, ...]  # per half hour from the anchor: the share of nights asleep

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "nights": self.nights,
            "slept": self.slept,
            "woke": self.woke,
            "cells": [round(c, 2) for c in self.cells],
        }


@dataclass(frozen=True)
class SleepWindow:
    anchor: int  # the hour the day's chart starts at
    weeks: list[SleepWeek]
    nights: list[Night]

    def to_json(self) -> dict[str, Any]:
        return {
            "anchor": clock(self.anchor * 60),
            "cell_minutes": CELL_MINUTES,
            "weeks": [w.to_json() for w in self.weeks],
            "nights": [n.to_json() for n in self.nights],
        }


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def sleep_week(start: dt.date, end: dt.date, found: Sequence[Night], anchor: int) -> SleepWeek:
    own = [n for n in found if start <= n.date <= end]
    if not own:
        return SleepWeek(start, end, 0, None, None, (0.0,) * CELLS)
    base = anchor * 60
    # Times counted from the anchor, so a median of 23:30 and 00:30 is midnight, not noon.
    begin = [(n.start - base) % DAY for n in own]
    finish = [b + n.length for b, n in zip(begin, own, strict=True)]
    cells = tuple(
        sum(1 for n in own if n.asleep_at(base + i * CELL_MINUTES + CELL_MINUTES // 2)) / len(own)
        for i in range(CELLS)
    )
    return SleepWeek(
        start, end, len(own), clock(base + _median(begin)), clock(base + _median(finish)), cells
    )


def sleep_window(
    days: Mapping[dt.date, Mapping[str, Any]], weeks: Sequence[tuple[dt.date, dt.date]]
) -> SleepWindow | None:
    """The period's sleep window week by week, or None when no check-in in it noted times."""
    found = nights(days)
    if not found:
        return None
    anchor = anchor_hour(found)
    return SleepWindow(anchor, [sleep_week(s, e, found, anchor) for s, e in weeks], found)
