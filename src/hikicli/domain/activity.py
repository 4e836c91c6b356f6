"""Behavioural activation for very low energy (`hiki activity`): small activities chosen by
today's energy, planned for a time of day and rated afterwards for pleasure and mastery 0-10
("an achievement, given how you felt"; shared/reference/exposure.md).

`activity.plan` is a plan for later today; `activity.done` is an activity done and rated (it names
its plan when it had one). The open plans are the fold of both."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from hikicli.errors import UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import ActivityContent

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


def fitting(content: ActivityContent, energy: int | None) -> list[dict[str, Any]]:
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


# --- what helped: progress, the report and the dashboard's idea ---------------------------------

HELPED_LEAST = 6.0  # an average rating from which an activity "helped" (pleasure or mastery)
TOP = 3  # activities listed per rating in progress and the report
IDEAS = 5  # the dashboard's idea rotates among this many of what helped most


def _key(data: Mapping[str, Any]) -> str | None:
    """One activity across its entries: the content's id, else the person's words (any case)."""
    activity, text = data.get("activity"), data.get("text")
    if isinstance(activity, str) and activity:
        return "a:" + activity
    if isinstance(text, str) and text.strip():
        return "t:" + " ".join(text.split()).casefold()
    return None


def _ratings(data: Mapping[str, Any]) -> tuple[int, int] | None:
    p, m = data.get("pleasure"), data.get("mastery")
    ok = all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10 for v in (p, m))
    return (int(p), int(m)) if ok else None  # type: ignore[arg-type]


def add_rating(state: dict[str, list[Any]], data: Mapping[str, Any]) -> None:
    """Fold one `activity.done` into {key: [words, times, pleasure sum, mastery sum, last day]}."""
    key, ratings, text = _key(data), _ratings(data), data.get("text")
    if key is None or ratings is None or not isinstance(text, str):
        return
    entry = state.setdefault(key, [text, 0, 0, 0, ""])
    day = data.get("date") if isinstance(data.get("date"), str) else ""
    entry[0] = text if day >= entry[4] else entry[0]  # the latest words name it
    entry[1] += 1
    entry[2] += ratings[0]
    entry[3] += ratings[1]
    entry[4] = max(entry[4], day)


def _rows(state: Mapping[str, list[Any]]) -> list[dict[str, Any]]:
    return [
        {
            "text": e[0],
            "times": e[1],
            "pleasure": round(e[2] / e[1], 1),
            "mastery": round(e[3] / e[1], 1),
            "last": e[4],
        }
        for e in state.values()
        if e[1]
    ]


def _best(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    ordered = sorted(rows, key=lambda r: (r[by], r["times"], r["last"]), reverse=True)
    return ordered[:TOP]


def activity_summary(
    events: Iterable[Mapping[str, Any]], start: dt.date, end: dt.date
) -> dict[str, Any] | None:
    """The period's rated activities: how many, and the ones rated highest for enjoyment
    (pleasure: what lifted the mood) and as an achievement (mastery), each with how often it was
    done and its average rating; None when nothing was rated in the period."""
    first, last = start.isoformat(), end.isoformat()
    state: dict[str, list[Any]] = {}
    count = 0
    for event in events:
        data = event.get("data")
        if event.get("kind") != DONE_KIND or not isinstance(data, dict):
            continue
        day = data.get("date")
        if isinstance(day, str) and first <= day <= last and _ratings(data) is not None:
            count += 1
            add_rating(state, data)
    if not count:
        return None
    rows = _rows(state)
    return {"rated": count, "enjoyed": _best(rows, "pleasure"), "achieved": _best(rows, "mastery")}


class ActivityHelped:
    """Projection for the dashboard: every rated activity's totals, by activity (no notes)."""

    name = "activity_helped"
    version = 1

    def initial(self) -> dict[str, list[Any]]:
        return {}

    def apply(self, state: dict[str, list[Any]], event: Mapping[str, Any]) -> Any:
        data = event.get("data")
        if event.get("kind") == DONE_KIND and isinstance(data, dict):
            add_rating(state, data)
        return state


def helped_ideas(state: Mapping[str, list[Any]]) -> list[dict[str, Any]]:
    """What helped this person before: activities whose average pleasure or mastery is
    HELPED_LEAST or more, the best first (then the most often done, then the latest)."""
    rows = [r for r in _rows(state) if max(r["pleasure"], r["mastery"]) >= HELPED_LEAST]
    rows.sort(key=lambda r: (max(r["pleasure"], r["mastery"]), r["times"], r["last"]), reverse=True)
    return rows[:IDEAS]
