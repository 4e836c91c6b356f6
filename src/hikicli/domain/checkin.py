"""The daily check-in: its values, their ranges, and which one counts for a day."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from hikicli.errors import UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import Reflection, When
    from hikicli.domain.features.checkin import CheckinPayload

KIND = "checkin"
CONTACT_IDS = ("none", "family", "online", "phone", "in-person")
SCALES = ("mood", "anxiety", "energy")
MAX_NOTE = 4000
MAX_SLEEP = 24.0
MAX_OUTSIDE = 1440
EARLIEST = dt.date(2000, 1, 1)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# At this mood or lower the check-in asks "are you safe right now?" (checkin.safety_question).
SAFETY_QUESTION_MAX_MOOD = 2
SAFE_ANSWERS = ("yes", "no", "skip")


@dataclass(frozen=True)
class CheckIn:
    date: dt.date
    mood: int
    anxiety: int
    energy: int
    sleep: float
    outside: int
    contact: tuple[str, ...]
    note: str = ""
    safe: str | None = None  # the low-mood follow-up's answer, when it was asked
    slept: str | None = None  # when one went to sleep ("03:30"), with checkin.sleep_times
    woke: str | None = None  # when one got up ("13:10"); both or neither (domain/sleep.py)

    def to_data(self) -> CheckinPayload:
        data: CheckinPayload = {
            "date": self.date.isoformat(),
            "mood": self.mood,
            "anxiety": self.anxiety,
            "energy": self.energy,
            "sleep": self.sleep,
            "outside": self.outside,
            "contact": list(self.contact),
            "note": self.note,
        }
        if self.safe is not None:
            data["safe"] = self.safe
        if self.slept is not None and self.woke is not None:
            data["slept"], data["woke"] = self.slept, self.woke
        return data


def check_scale(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise UsageError("checkin.scale", field=name, value=repr(value))
    return value


def check_sleep(value: float) -> float:
    if not isinstance(value, (int, float)) or math.isnan(value) or not 0 <= value <= MAX_SLEEP:
        raise UsageError("checkin.sleep", most=f"{MAX_SLEEP:g}", value=repr(value))
    return round(float(value), 2)


def check_outside(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OUTSIDE:
        raise UsageError("checkin.outside", most=MAX_OUTSIDE, value=repr(value))
    return value


def parse_contact(raw: str | Iterable[str]) -> tuple[str, ...]:
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    chosen: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in CONTACT_IDS:
            raise UsageError("checkin.contact_unknown", item=item, choices=", ".join(CONTACT_IDS))
        if item not in chosen:
            chosen.append(item)
    if not chosen:
        return ("none",)
    if "none" in chosen and len(chosen) > 1:
        raise UsageError("checkin.contact_none")
    # Keep the content's order so records read the same whichever order was typed.
    return tuple(c for c in CONTACT_IDS if c in chosen)


def check_note(note: str, flag: str = "--note") -> str:
    """A note, or a UsageError naming `flag` (the option the words came from)."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise UsageError("checkin.note_long", flag=flag, length=len(note), most=MAX_NOTE)
    if any(ord(c) < 32 and c not in "\n\t" for c in note):
        raise UsageError("checkin.note_control", flag=flag)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in note):
        raise UsageError("checkin.note_bytes", flag=flag)
    if any(c in BIDI_CONTROLS for c in note):
        # They can make a note display reversed or hidden in a terminal table.
        raise UsageError("checkin.note_bidi")
    return note


def check_date(value: dt.date, today: dt.date) -> dt.date:
    if value > today:
        raise UsageError("checkin.date_future", date=value.isoformat(), today=today.isoformat())
    if value < EARLIEST:
        raise UsageError("checkin.date_early", earliest=EARLIEST.isoformat())
    return value


def parse_date(raw: str, flag: str = "--date") -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise UsageError("checkin.date_format", flag=flag, value=raw) from None


def make_checkin(
    *,
    date: dt.date,
    today: dt.date,
    mood: int,
    anxiety: int,
    energy: int,
    sleep: float,
    outside: int,
    contact: str | Iterable[str],
    note: str = "",
    safe: str | None = None,
    slept: str | None = None,
    woke: str | None = None,
) -> CheckIn:
    from hikicli.domain.sleep import check_times

    if safe is not None and safe not in SAFE_ANSWERS:
        raise UsageError("checkin.safe", value=safe)
    slept, woke = check_times(slept, woke)
    return CheckIn(
        date=check_date(date, today),
        mood=check_scale("mood", mood),
        anxiety=check_scale("anxiety", anxiety),
        energy=check_scale("energy", energy),
        sleep=check_sleep(sleep),
        outside=check_outside(outside),
        contact=parse_contact(contact),
        note=check_note(note),
        safe=safe,
        slept=slept,
        woke=woke,
    )


def latest_per_day(events: Iterable[Mapping[str, Any]]) -> dict[str, CheckinPayload]:
    """The check-in that counts for each day: the latest one recorded (log order), read as its
    kind's payload (read-back checked every field)."""
    days: dict[str, CheckinPayload] = {}
    for event in events:
        if event.get("kind") == KIND:
            data = payload(event)
            day = data.get("date")
            if isinstance(day, str):
                days[day] = data
    return days


def matches(when: When | None, values: Mapping[str, Any]) -> bool:
    """Does a check-in (as a dict) meet a content `when` condition? Absent bounds always hold."""
    if not when:
        return True
    bounds: dict[str, tuple[float | None, float | None]] = {
        "mood": (when.get("mood_min"), when.get("mood_max")),
        "anxiety": (when.get("anxiety_min"), when.get("anxiety_max")),
        "energy": (when.get("energy_min"), when.get("energy_max")),
        "sleep": (when.get("sleep_min"), when.get("sleep_max")),
        "outside": (when.get("outside_min"), when.get("outside_max")),
    }
    for name, (lo, hi) in bounds.items():
        value = values.get(name)
        if value is None:
            if lo is not None or hi is not None:
                return False
            continue
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return False
    contact = set(values.get("contact") or ())
    contact_any = when.get("contact_any")
    if contact_any and not contact & set(contact_any):
        return False
    return not (when.get("contact_none") and contact - {"none"})


def choose_reflection(reflections: Sequence[Reflection], values: Mapping[str, Any]) -> str:
    for item in reflections:
        if matches(item.get("when"), values):
            return str(item["text"])
    return ""


def payload(event: Mapping[str, Any]) -> CheckinPayload:
    """A check-in's data as its kind's payload (features/checkin.CheckinPayload, declare.payload's
    rule: read-back checked each field with the kind's record rule); here without importing the
    feature's module, which imports this one."""
    data = event.get("data")
    return cast("CheckinPayload", data if isinstance(data, Mapping) else {})


def days_since_last(days: Mapping[str, Any], today: dt.date) -> int | None:
    past = [d for d in days if d <= today.isoformat()]
    if not past:
        return None
    return (today - dt.date.fromisoformat(max(past))).days


class CheckinDays:
    """Projection: the check-in that counts for each day, without its note (kept out of caches),
    read as its kind's payload."""

    name = "checkin_days"
    version = 1

    def initial(self) -> dict[str, CheckinPayload]:
        return {}

    def apply(
        self, state: dict[str, CheckinPayload], event: Mapping[str, Any]
    ) -> dict[str, CheckinPayload]:
        if event.get("kind") == KIND:
            data = payload(event)
            day = data.get("date")
            if isinstance(day, str):
                kept = data.copy()
                kept.pop("note", None)
                state[day] = kept
        return state
