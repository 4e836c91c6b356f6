"""Behavioural activation for very low energy (`hiki activity`): small activities chosen by
today's energy, planned for a time of day and rated afterwards for pleasure and mastery 0-10
("an achievement, given how you felt"; shared/reference/exposure.md).

`activity.plan` is a plan for later today; `activity.done` is an activity done and rated (it names
its plan when it had one). The open plans are the fold of both."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from hikicli.errors import UsageError

PLAN_KIND = "activity.plan"
DONE_KIND = "activity.done"
KINDS = (PLAN_KIND, DONE_KIND)
TIMES = ("morning", "afternoon", "evening", "night")
ENERGY_LEVELS = ("very-low", "low", "some")
MAX_TEXT = 200
OPEN_DAYS = 2  # a plan can be rated today or the day after (a night can run past midnight)


def energy_level(energy: int) -> int:
    """Which activities fit a 0-10 energy: 0-3 only the very-low ones, 4-6 up to low, 7+ all."""
    return 0 if energy <= 3 else 1 if energy <= 6 else 2


def fitting(content: Mapping[str, Any], energy: int | None) -> list[dict[str, Any]]:
    """The menu for this energy (all of it when energy is unknown), category by category."""
    most = 2 if energy is None else energy_level(energy)
    return [
        {**a, "category": c["id"]}
        for c in content["categories"]
        for a in c["activities"]
        if ENERGY_LEVELS.index(a["energy"]) <= most
    ]


def check_rating(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise UsageError("activity.rating", field=name, value=repr(value))
    return value


def check_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UsageError("activity.text_empty")
    if len(text) > MAX_TEXT:
        raise UsageError("activity.text_long", length=len(text), most=MAX_TEXT)
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise UsageError("activity.text_control")
    return text


def check_when(when: str) -> str:
    when = when.strip().lower()
    if when not in TIMES:
        raise UsageError("activity.when", value=when, choices=", ".join(TIMES))
    return when


def plan_data(text: str, when: str, day: dt.date, activity: str = "") -> dict[str, Any]:
    return {
        "plan": os.urandom(6).hex(),
        "date": day.isoformat(),
        "when": check_when(when),
        "text": check_text(text),
        "activity": activity,
    }


def done_data(
    text: str, pleasure: int, mastery: int, day: dt.date, activity: str = "", plan: str = ""
) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "text": check_text(text),
        "activity": activity,
        "pleasure": check_rating("pleasure", pleasure),
        "mastery": check_rating("mastery", mastery),
        "plan": plan,
    }


def open_plans(events: Iterable[Mapping[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Plans of today and yesterday not yet rated, oldest first."""
    plans: dict[str, dict[str, Any]] = {}
    earliest = (today - dt.timedelta(days=OPEN_DAYS - 1)).isoformat()
    for event in events:
        data = event.get("data")
        if not isinstance(data, dict):
            continue
        if event.get("kind") == PLAN_KIND and isinstance(data.get("plan"), str):
            if isinstance(data.get("date"), str) and earliest <= data["date"] <= today.isoformat():
                plans[data["plan"]] = dict(data)
        elif event.get("kind") == DONE_KIND and data.get("plan"):
            plans.pop(str(data["plan"]), None)
    return list(plans.values())


def what_helped(events: Sequence[Mapping[str, Any]], least: int = 6) -> list[str]:
    """Done activities rated `least` or more for pleasure or mastery: texts, latest first."""
    seen: list[str] = []
    for event in reversed(events):
        data = event.get("data")
        if event.get("kind") != DONE_KIND or not isinstance(data, dict):
            continue
        p, m, text = data.get("pleasure"), data.get("mastery"), data.get("text")
        good = any(isinstance(v, int) and v >= least for v in (p, m))
        if good and isinstance(text, str) and text not in seen:
            seen.append(text)
    return seen
