"""`hiki report` in a family member's profile: their own track, as a counselor who works with the
family reads it. Safety first (their heavy days), then at a glance: the CRAFT lessons' exercises,
their own check-ins and stress, the short readings opened, the homework packs given to them; then
each lesson, the check-ins week by week, the readings and, only when chosen, their own words (the
exercise answers, what they wrote in check-ins, reflection answers).

A family profile holds only its own entries: the person's log is never read here. Pure: the
events, the days and the lessons' ids in; plain data out (the JSON of `hiki report -f json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from hikicli.domain.declare import payload
from hikicli.domain.family import CHECKIN_KIND, READING_KIND, lesson_progress
from hikicli.domain.features.family import FamilyCheckin, FamilyReading
from hikicli.domain.progress import Event, event_date, live_events, safety_json, week_bounds
from hikicli.domain.report import (
    DEFAULT_DAYS,
    REPORT_FORMAT,
    REPORT_VERSION,
    homework_section,
    reflections_section,
)
from hikicli.domain.risk import FAMILY_HIGH_STRESS, safety_rows

LAYOUT = "family"
# What a family member may choose to include (`--include`): what they wrote in their own
# check-ins (notes) and their exercise and reflection answers (reflections). `learned` is the
# ladder's, which a family profile does not have: accepted, and there is nothing to add.
OWN_WORDS = ("notes", "reflections")


class _Lesson(TypedDict):
    number: int
    id: str
    status: str  # new, read, exercise
    exercises: int  # exercises done, in all
    last: str | None  # the day of the latest lesson entry


class LessonRow(_Lesson, total=False):
    answers: dict[str, str]  # the latest exercise answers, only when included


class StressWeek(TypedDict):
    start: str
    end: str
    days: int  # days in the block
    checkins: int  # days with an own check-in
    stress: float | None  # average, 0-10
    highest: int | None


class ReadingRow(TypedDict):
    reading: str
    title: str  # as it was read, in the language it was read in
    date: str  # the first day it was opened in the period


class CheckinWords(TypedDict):
    date: str
    positive: str
    selfcare: str


class CheckinTotals(TypedDict):
    days: int  # days with an own check-in
    total_days: int  # days in the period
    stress: float | None  # average, 0-10
    highest: int | None


class _Report(TypedDict):
    format: str
    version: int
    layout: str
    generated: str
    start: str
    end: str
    safety_start: str
    safety: list[dict[str, Any]]  # as in hiki progress --json (progress.safety_json)
    heavy_stress: int  # a family check-in's stress from which it is a heavy day
    lessons: list[LessonRow]
    lessons_done: int
    next_lesson: int | None
    checkins: CheckinTotals
    weeks: list[StressWeek]
    readings: list[ReadingRow]
    homework: dict[str, Any] | None  # as the person's report (domain.report.homework_section)
    packs: list[dict[str, Any]]  # domain.homework.pack_summaries
    period: dict[str, Any]
    included: list[str]
    notes_included: bool


class FamilyReport(_Report, total=False):
    notes: list[CheckinWords]  # with --include notes
    reflections: list[dict[str, Any]]  # with --include reflections (report.reflections_section)


def _checkin_days(
    events: Sequence[Event], start: dt.date, end: dt.date
) -> dict[str, FamilyCheckin]:
    """The family check-in that counts for each day in [start, end]: the latest recorded."""
    first, last = start.isoformat(), end.isoformat()
    days: dict[str, FamilyCheckin] = {}
    for event in events:
        if event.get("kind") != CHECKIN_KIND:
            continue
        data = payload(event, FamilyCheckin)
        day = data.get("date")
        if isinstance(day, str) and first <= day <= last:
            days[day] = data
    return dict(sorted(days.items()))


def _stress(data: FamilyCheckin) -> int | None:
    value = data.get("stress")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _weeks(
    days: Mapping[str, FamilyCheckin], start: dt.date, end: dt.date, from_start: bool
) -> list[StressWeek]:
    """7-day blocks ending on `end`; with `from_start` (a pack's period) they begin on `start`,
    as the pack's check-in plan counts its weeks (the person's report does the same)."""
    out: list[StressWeek] = []
    for first, last in week_bounds(start, end, from_start):
        inside = [d for day, d in days.items() if first.isoformat() <= day <= last.isoformat()]
        values = [v for d in inside if (v := _stress(d)) is not None]
        out.append(
            {
                "start": first.isoformat(),
                "end": last.isoformat(),
                "days": (last - first).days + 1,
                "checkins": len(inside),
                "stress": _mean(values),
                "highest": max(values) if values else None,
            }
        )
    return out


def _readings(events: Sequence[Event], start: dt.date, end: dt.date) -> list[ReadingRow]:
    """Each short reading opened in the period, once, on the first day it was opened."""
    seen: dict[str, ReadingRow] = {}
    for event in events:
        if event.get("kind") != READING_KIND:
            continue
        day = event_date(event)
        data = payload(event, FamilyReading)
        rid, title = data.get("reading"), data.get("title")
        if day is None or not start <= day <= end or not isinstance(rid, str) or rid in seen:
            continue
        seen[rid] = {"reading": rid, "title": title if isinstance(title, str) else rid,
                     "date": day.isoformat()}  # fmt: skip
    return list(seen.values())


def build_family_report(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    generated: dt.datetime,
    module_ids: Sequence[str],
    include: Sequence[str] = (),
    period: Mapping[str, Any] | None = None,
) -> FamilyReport:
    """The family layout's report as data. `module_ids`: the programme's lessons in order (the
    content's); `include`: which of the family member's own words to copy in (OWN_WORDS)."""
    events = live_events(events)
    chosen = tuple(k for k in OWN_WORDS if k in include)
    safety_start = min(start, end - dt.timedelta(days=DEFAULT_DAYS - 1))
    first, last = safety_start.isoformat(), end.isoformat()
    safety = [safety_json(r) for r in safety_rows(events) if first <= r.date <= last]
    lessons: list[LessonRow] = []
    for item in lesson_progress(module_ids, events):
        row: LessonRow = {
            "number": item.number,
            "id": item.id,
            "status": item.status,
            "exercises": item.exercises,
            "last": item.last,
        }
        if "reflections" in chosen:
            row["answers"] = dict(item.answers)
        lessons.append(row)
    upcoming = next((r for r in lessons if r["status"] != "exercise"), None)
    days = _checkin_days(events, start, end)
    values = [v for d in days.values() if (v := _stress(d)) is not None]
    report: FamilyReport = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "layout": LAYOUT,
        "generated": generated.isoformat(timespec="seconds"),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "safety_start": safety_start.isoformat(),
        "safety": safety,
        "heavy_stress": FAMILY_HIGH_STRESS,
        "lessons": lessons,
        "lessons_done": sum(1 for r in lessons if r["status"] == "exercise"),
        "next_lesson": upcoming["number"] if upcoming else None,
        "checkins": {
            "days": len(days),
            "total_days": (end - start).days + 1,
            "stress": _mean(values),
            "highest": max(values) if values else None,
        },
        "weeks": _weeks(days, start, end, bool(period and period.get("source") == "pack")),
        "readings": _readings(events, start, end),
        "homework": homework_section(events, start, end, family=True),
        "packs": _packs(events, start, end),
        "period": dict(period or {"source": "default"}),
        "included": list(chosen),
        "notes_included": "notes" in chosen,
    }
    if "notes" in chosen:
        words: list[CheckinWords] = []
        for day, data in days.items():
            positive, selfcare = data.get("positive"), data.get("selfcare")
            positive = positive.strip() if isinstance(positive, str) else ""
            selfcare = selfcare.strip() if isinstance(selfcare, str) else ""
            if positive or selfcare:
                words.append({"date": day, "positive": positive, "selfcare": selfcare})
        report["notes"] = words
    if "reflections" in chosen:
        report["reflections"] = reflections_section(events, start, end)
    return report


def _packs(events: Sequence[Event], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    from hikicli.domain.homework import pack_summaries

    return pack_summaries(events, start, end, family=True)  # their check-ins count
