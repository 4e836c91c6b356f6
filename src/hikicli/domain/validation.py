"""Checks on stored entries as they are read back: a hand-edited or damaged entry is skipped and
reported with its line number instead of crashing the screens that read it.

Each kind whose readers index its payload directly has a check here; other kinds' readers are
written to tolerate odd values (the ladder fold, for instance, is fuzzed).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from hikicli.domain.checkin import CONTACT_IDS, MAX_OUTSIDE, MAX_SLEEP


def _int_in(value: Any, lo: int, hi: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi


def checkin_problem(data: Mapping[str, Any]) -> str | None:
    try:
        dt.date.fromisoformat(data["date"])
    except (KeyError, TypeError, ValueError):
        return "this check-in has no readable date"
    for name in ("mood", "anxiety", "energy"):
        if not _int_in(data.get(name), 0, 10):
            return f"this check-in's {name} is not a number from 0 to 10"
    sleep = data.get("sleep")
    if not (
        isinstance(sleep, (int, float))
        and not isinstance(sleep, bool)
        and math.isfinite(sleep)
        and 0 <= sleep <= MAX_SLEEP
    ):
        return "this check-in's sleep is not a number of hours"
    if not _int_in(data.get("outside"), 0, MAX_OUTSIDE):
        return "this check-in's minutes outside are not readable"
    contact = data.get("contact")
    if not (isinstance(contact, list) and all(c in CONTACT_IDS for c in contact)):
        return "this check-in's contact list is not readable"
    if not isinstance(data.get("note", ""), str):
        return "this check-in's note is not text"
    return None


def _risk_problem(data: Mapping[str, Any]) -> str | None:
    from hikicli.domain.risk import signal_problem

    return signal_problem(data)


CHECKS: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "checkin": checkin_problem,
    "risk.signal": _risk_problem,  # one validator: on write, on read-back and on import
}


def payload_problem(kind: str, data: Mapping[str, Any]) -> str | None:
    check = CHECKS.get(kind)
    return check(data) if check else None
