"""The daily check-in's events: one `checkin` a day (a later one of the same day replaces it in
every view), folded per day for the dashboard."""

from __future__ import annotations

from typing import Any, TypedDict

from hikicli.domain.checkin import CONTACT_IDS, MAX_OUTSIDE, MAX_SLEEP
from hikicli.domain.declare import (
    Data,
    EventKind,
    Feature,
    Projection,
    SummaryContext,
    ctx,
    int_in,
    is_date,
    is_text,
    number,
)
from hikicli.errors import Msg


class CheckinPayload(TypedDict, total=False):
    date: str
    mood: int
    anxiety: int
    energy: int
    sleep: float
    outside: int
    contact: list[str]
    note: str
    safe: str  # the low-mood follow-up's answer, when it was asked
    slept: str  # "HH:MM": when one went to sleep (checkin.sleep_times, --slept); with woke
    woke: str  # "HH:MM": when one got up, on the check-in's day (domain/sleep.py)


# The check-in's own columns (CSV export), in the documented order (the sleep times came later:
# they are last, so an older spreadsheet's columns keep their places).
CHECKIN_COLUMNS = (
    "date", "mood", "anxiety", "energy", "sleep", "outside", "contact", "note", "slept", "woke",
)  # fmt: skip


_CONTACT_SET = frozenset(CONTACT_IDS)


def checkin_problem(data: Data) -> Msg | None:
    """Check-ins drive the dashboard and charts: every value is checked."""
    get = data.get
    mood: Any = get("mood")
    anxiety: Any = get("anxiety")
    energy: Any = get("energy")
    sleep: Any = get("sleep")
    outside: Any = get("outside")
    note, safe, contact = get("note", ""), get("safe", ""), get("contact")
    if (
        # The usual check-in, the rules below in one pass (a read of 100,000 events checks
        # each one); anything that does not pass them so is checked rule by rule.
        type(mood) is int and 0 <= mood <= 10
        and type(anxiety) is int and 0 <= anxiety <= 10
        and type(energy) is int and 0 <= energy <= 10
        and type(outside) is int and 0 <= outside <= MAX_OUTSIDE
        and type(sleep) in (int, float) and 0 <= sleep <= MAX_SLEEP
        and type(contact) is list and all(type(c) is str and c in _CONTACT_SET for c in contact)
        and type(note) is str and note.isascii()
        and type(safe) is str and safe.isascii()
        and is_date(get("date"))
    ):  # fmt: skip
        slept, woke = get("slept"), get("woke")
        if slept is None and woke is None:
            return None
        from hikicli.domain.sleep import is_clock

        if (slept is None or is_clock(slept)) and (woke is None or is_clock(woke)):
            return None
    if not is_date(data.get("date")):
        return Msg("storage.checkin_no_date")
    for name in ("mood", "anxiety", "energy"):
        if not int_in(data.get(name), 0, 10):
            return Msg("storage.checkin_scale", field=name)
    if not (number(sleep) and 0 <= sleep <= MAX_SLEEP):
        return Msg("storage.checkin_sleep", most=f"{MAX_SLEEP:g}")
    if not int_in(data.get("outside"), 0, MAX_OUTSIDE):
        return Msg("storage.checkin_outside", most=MAX_OUTSIDE)
    contact = data.get("contact")
    if not (isinstance(contact, list) and all(c in CONTACT_IDS for c in contact)):
        return Msg("storage.checkin_contact", ids=", ".join(CONTACT_IDS))
    for name in ("note", "safe"):
        if not is_text(data.get(name, "")):
            return Msg("storage.checkin_not_text", field=name)
    slept, woke = data.get("slept"), data.get("woke")
    if slept is None and woke is None:
        return None  # the usual case: no import statement run 100,000 times in an import
    from hikicli.domain.sleep import is_clock

    for name, value in (("slept", slept), ("woke", woke)):
        if value is not None and not is_clock(value):
            return Msg("storage.checkin_clock", field=name)
    return None


def summarize_checkin(d: Data, context: SummaryContext | None = None) -> str:
    words = ctx(context)
    line = words.say(
        "history.checkin", mood=d["mood"], anxiety=d["anxiety"], energy=d["energy"],
        sleep=f"{d['sleep']:g}", outside=d["outside"], contact=words.join(d["contact"], "contact"),
    )  # fmt: skip
    if d.get("slept") and d.get("woke"):
        times = words.say("history.checkin_sleep_times", slept=d["slept"], woke=d["woke"])
        line = words.parts([line, times])
    return line


def _projections() -> list[Projection]:
    from hikicli.domain.checkin import CheckinDays

    return [CheckinDays()]


FEATURE = Feature(
    "checkin",
    kinds=(
        EventKind(
            "checkin",
            "checkin",
            CheckinPayload,
            checkin_problem,
            summarize_checkin,
            example={
                "date": "2026-11-20",
                "mood": 6,
                "anxiety": 4,
                "energy": 3,
                "sleep": 7.5,
                "outside": 20,
                "contact": ["family", "online"],
                "note": "walked to the corner",
                "safe": "yes",
                "slept": "03:30",
                "woke": "11:00",
            },
            older=(
                # before the low-mood follow-up; a note of any length (the 4,000 limit is typing's)
                {
                    "date": "2026-01-02",
                    "mood": 0,
                    "anxiety": 10,
                    "energy": 5,
                    "sleep": 0,
                    "outside": 0,
                    "contact": ["none"],
                    "note": "x" * 4001,
                },
                {
                    "date": "2026-01-03",
                    "mood": 5,
                    "anxiety": 5,
                    "energy": 5,
                    "sleep": 24.0,
                    "outside": 1440,
                    "contact": [],
                },
            ),
        ),
    ),
    projections=_projections,
)
