"""Practice strength: Loop Habit Tracker's score (iSoron/uhabits, Score.kt), for a daily item.

Each day `score = previous * m + value * (1 - m)` with `m = 0.5 ** (sqrt(frequency) / 13)`; with
frequency 1 a step left alone fades with a half-life of about 13 days instead of resetting. A
paused day leaves the score unchanged. `strength_of_days` is the plain formula; the `strength_*`
functions are the same thing folded one event at a time, so the dashboard's cache stays small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

FREQUENCY = 1.0
MULTIPLIER = 0.5 ** (math.sqrt(FREQUENCY) / 13)


def day_score(previous: float, value: float | None) -> float:
    """One day of Loop's score. `None` is a paused day: the score stays as it was."""
    if value is None:
        return previous
    return float(previous * MULTIPLIER + value * (1 - MULTIPLIER))


def strength_of_days(values: Iterable[float | None], start: float = 0.0) -> float:
    """The score after a run of days, each worth 0–1 (or None when paused)."""
    score = start
    for value in values:
        score = day_score(score, value)
    return score


def new_strength() -> dict[str, Any]:
    """The incremental form of `strength_of_days`, kept per step in the projection.

    s: score at the end of the day before `d`; d: the open day (ordinal, 0 = none yet);
    v: best value of a try on day d (-1 = none); pz: day d saw a pause; paused: paused now.
    """
    return {"s": 0.0, "d": 0, "v": -1.0, "pz": False, "paused": False}


def _close(acc: Mapping[str, Any]) -> float:
    if acc["v"] >= 0:
        return day_score(acc["s"], acc["v"])
    return acc["s"] if acc["pz"] else day_score(acc["s"], 0.0)


def _advance(acc: dict[str, Any], day: int) -> None:
    if acc["d"] == 0:
        acc.update(d=day, v=-1.0, pz=acc["paused"])
        return
    if day <= acc["d"]:
        return  # a clock set back: fold into the open day rather than rewrite the past
    score = _close(acc)
    if not acc["paused"]:
        score *= MULTIPLIER ** (day - acc["d"] - 1)
    acc.update(s=score, d=day, v=-1.0, pz=acc["paused"])


def strength_start(acc: dict[str, Any], day: int) -> None:
    _advance(acc, day)


def strength_try(acc: dict[str, Any], day: int, value: float) -> None:
    _advance(acc, day)
    acc["v"] = max(acc["v"], value)


def strength_pause(acc: dict[str, Any], day: int, paused: bool) -> None:
    _advance(acc, day)
    acc["paused"] = paused
    if paused:
        acc["pz"] = True  # a day with a pause in it leaves the score unchanged (unless tried)


def strength_on(acc: Mapping[str, Any], today: int) -> float:
    """The strength to show on `today`. Today counts only once it holds a try: it is not over."""
    if acc["d"] == 0:
        return 0.0
    if today <= acc["d"]:
        score = day_score(acc["s"], acc["v"]) if acc["v"] >= 0 else acc["s"]
    else:
        score = _close(acc)
        if not acc["paused"]:
            score *= MULTIPLIER ** (today - acc["d"] - 1)
    return min(1.0, max(0.0, score))
