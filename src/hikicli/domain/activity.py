"""Behavioural activation for very low energy (`hiki activity`): small activities chosen by
today's energy, planned for a time of day and rated afterwards for pleasure and mastery 0-10
("an achievement, given how you felt"; shared/reference/exposure.md).

`activity.plan` is a plan for later today; `activity.done` is an activity done and rated (it names
its plan when it had one). The open plans are the fold of both."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, cast

from hikicli.errors import UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import ActivityContent
    from hikicli.domain.features.activity import ActivityDone, ActivityPlan

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


def plan_data(text: str, when: str, day: dt.date, activity: str = "") -> ActivityPlan:
    return {
        "plan": os.urandom(6).hex(),
        "date": day.isoformat(),
        "when": check_when(when),
        "text": check_text(text),
        "activity": activity,
    }


def done_data(
    text: str, pleasure: int, mastery: int, day: dt.date, activity: str = "", plan: str = ""
) -> ActivityDone:
    return {
        "date": day.isoformat(),
        "text": check_text(text),
        "activity": activity,
        "pleasure": check_rating("pleasure", pleasure),
        "mastery": check_rating("mastery", mastery),
        "plan": plan,
    }


def _plan(event: Mapping[str, Any]) -> ActivityPlan | None:
    """An `activity.plan`'s data as its kind's payload (read-back checked each field present),
    None for another kind or a damaged one."""
    data = event.get("data")
    if event.get("kind") != PLAN_KIND or not isinstance(data, dict):
        return None
    return cast("ActivityPlan", data)


def _done(event: Mapping[str, Any]) -> ActivityDone | None:
    """An `activity.done`'s data as its kind's payload, None for another kind."""
    data = event.get("data")
    if event.get("kind") != DONE_KIND or not isinstance(data, dict):
        return None
    return cast("ActivityDone", data)


def open_plans(events: Iterable[Mapping[str, Any]], today: dt.date) -> list[ActivityPlan]:
    """Plans of today and yesterday not yet rated, oldest first."""
    plans: dict[str, ActivityPlan] = {}
    earliest, last = (today - dt.timedelta(days=OPEN_DAYS - 1)).isoformat(), today.isoformat()
    for event in events:
        if (plan := _plan(event)) is not None:
            pid, day = plan.get("plan"), plan.get("date")
            if isinstance(pid, str) and isinstance(day, str) and earliest <= day <= last:
                plans[pid] = plan.copy()
        elif (done := _done(event)) is not None and done.get("plan"):
            plans.pop(str(done.get("plan")), None)
    return list(plans.values())


# --- what helped: progress, the report and the dashboard's idea ---------------------------------

HELPED_LEAST = 6.0  # an average rating from which an activity "helped" (pleasure or mastery)
TOP = 3  # activities listed per rating in progress and the report
IDEAS = 5  # the dashboard's idea rotates among this many of what helped most


class Tally(TypedDict):
    """One activity's rated entries, folded (`add_rating`): the latest words that name it, how
    often it was rated, the sums of its ratings and the last day."""

    text: str
    times: int
    pleasure: int  # the sum of its pleasure ratings
    mastery: int  # the sum of its mastery ratings
    last: str


class Rated(TypedDict):
    """One activity as progress, the report and the dashboard's idea show it: its average
    ratings (one decimal), how often it was done, the last day."""

    text: str
    times: int
    pleasure: float
    mastery: float
    last: str


class ActivitySummary(TypedDict):
    rated: int  # activities rated in the period
    enjoyed: list[Rated]  # highest for pleasure, at most TOP
    achieved: list[Rated]  # highest for mastery, at most TOP


def _key(data: ActivityDone) -> str | None:
    """One activity across its entries: the content's id, else the person's words (any case)."""
    activity, text = data.get("activity"), data.get("text")
    if isinstance(activity, str) and activity:
        return "a:" + activity
    if isinstance(text, str) and text.strip():
        return "t:" + " ".join(text.split()).casefold()
    return None


def _rating(value: object) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
    return value if ok and isinstance(value, int) else None


def _ratings(data: ActivityDone) -> tuple[int, int] | None:
    p, m = _rating(data.get("pleasure")), _rating(data.get("mastery"))
    return (p, m) if p is not None and m is not None else None


def add_rating(state: dict[str, Tally], data: ActivityDone) -> None:
    """Fold one `activity.done` into its activity's Tally (by `_key`)."""
    key, ratings, text = _key(data), _ratings(data), data.get("text")
    if key is None or ratings is None or not isinstance(text, str):
        return
    entry = state.setdefault(
        key, {"text": text, "times": 0, "pleasure": 0, "mastery": 0, "last": ""}
    )
    given = data.get("date")
    day = given if isinstance(given, str) else ""
    entry["text"] = text if day >= entry["last"] else entry["text"]  # the latest words name it
    entry["times"] += 1
    entry["pleasure"] += ratings[0]
    entry["mastery"] += ratings[1]
    entry["last"] = max(entry["last"], day)


def _rows(state: Mapping[str, Tally]) -> list[Rated]:
    return [
        {
            "text": e["text"],
            "times": e["times"],
            "pleasure": round(e["pleasure"] / e["times"], 1),
            "mastery": round(e["mastery"] / e["times"], 1),
            "last": e["last"],
        }
        for e in state.values()
        if e["times"]
    ]


def _best(rows: list[Rated], by: str) -> list[Rated]:
    def rank(r: Rated) -> tuple[float, int, str]:
        return (r["pleasure"] if by == "pleasure" else r["mastery"], r["times"], r["last"])

    return sorted(rows, key=rank, reverse=True)[:TOP]


def activity_summary(
    events: Iterable[Mapping[str, Any]], start: dt.date, end: dt.date
) -> ActivitySummary | None:
    """The period's rated activities: how many, and the ones rated highest for enjoyment
    (pleasure: what lifted the mood) and as an achievement (mastery), each with how often it was
    done and its average rating; None when nothing was rated in the period."""
    first, last = start.isoformat(), end.isoformat()
    state: dict[str, Tally] = {}
    count = 0
    for event in events:
        data = _done(event)
        if data is None:
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
    version = 2  # 2: a Tally per activity (was a list)

    def initial(self) -> dict[str, Tally]:
        return {}

    def apply(self, state: dict[str, Tally], event: Mapping[str, Any]) -> dict[str, Tally]:
        data = _done(event)
        if data is not None:
            add_rating(state, data)
        return state


def helped_ideas(state: Mapping[str, Tally]) -> list[Rated]:
    """What helped this person before: activities whose average pleasure or mastery is
    HELPED_LEAST or more, the best first (then the most often done, then the latest)."""
    rows = [r for r in _rows(state) if max(r["pleasure"], r["mastery"]) >= HELPED_LEAST]
    rows.sort(key=lambda r: (max(r["pleasure"], r["mastery"]), r["times"], r["last"]), reverse=True)
    return rows[:IDEAS]
