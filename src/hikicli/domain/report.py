"""The session report as plain data: what `hiki report` renders as Markdown, HTML or JSON.

Private notes are copied in only when asked for (`include_notes`); questionnaire item answers never
are, only totals and bands, and the answer to a risk item under "Safety".

"Safety" comes first in every format: each risk moment of the period, as `domain.risk.safety_rows`
reads them (the one reading of what counted as risk). A note's words are never copied there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from hikicli.domain.checkin import CONTACT_IDS, SCALES
from hikicli.domain.progress import (
    Event,
    build_progress,
    checkin_days,
    contacts,
    event_date,
    fill_thresholds,
    homework_entry,
    is_homework,
    is_ladder,
    is_try,
    ladder_entry,
    live_events,
    safety_json,
)

REPORT_FORMAT = "hiki-report"
REPORT_VERSION = 1
DEFAULT_DAYS = 28


def _avg(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def checkin_summary(events: Sequence[Event], start: dt.date, end: dt.date) -> dict[str, Any]:
    days = checkin_days(events, start, end)
    values = list(days.values())

    def numbers(name: str) -> list[float]:
        return [
            float(d[name])
            for d in values
            if isinstance(d.get(name), (int, float)) and not isinstance(d.get(name), bool)
        ]

    outside = numbers("outside")
    return {
        "days": len(days),
        "total_days": (end - start).days + 1,
        **{name: _avg(numbers(name)) for name in SCALES},
        "sleep": _avg(numbers("sleep")),
        "days_outside": sum(1 for m in outside if m > 0),
        "outside_minutes": int(sum(outside)),
        "contact": {c: sum(1 for d in values if c in contacts(d)) for c in CONTACT_IDS},
    }


def ladder_section(events: Sequence[Event], start: dt.date, end: dt.date) -> dict[str, Any] | None:
    ladder = [e for e in events if is_ladder(e)]
    if not ladder:
        return None
    in_period = [e for e in ladder if (d := event_date(e)) is not None and start <= d <= end]
    entries = [ladder_entry(e) for e in in_period]
    entries.sort(key=lambda e: e.get("date") or "")
    return {
        "tries": sum(1 for e in in_period if is_try(e)),
        "mastered": [e for e in entries if e.get("mastered")],
        "learned": [e for e in entries if e.get("learned")],
    }


def homework_section(
    events: Sequence[Event], start: dt.date, end: dt.date
) -> dict[str, Any] | None:
    from hikicli.domain.homework import is_pack_event, report_items

    packs = report_items(events, start, end)  # counselor packs: tasks given and done by their rules
    homework = [e for e in events if is_homework(e) and not is_pack_event(e)]
    if not homework and not packs:
        return None
    items: dict[str, dict[str, Any]] = {}
    for event in homework:
        day = event_date(event)
        if day is None or not start <= day <= end:
            continue
        entry = homework_entry(event)
        key = str(entry.get("id") or entry.get("title") or entry["kind"])
        item = items.setdefault(key, {"title": entry.get("title") or key, "done": False})
        if entry.get("done"):
            item["done"] = True
            item["done_on"] = entry.get("date")
        if entry.get("assigned"):
            item["assigned_on"] = entry.get("date")
    listed = sorted(
        [*items.values(), *packs], key=lambda i: i.get("assigned_on") or i.get("done_on") or ""
    )
    return {
        "assigned": len(listed),
        "done": sum(1 for i in listed if i["done"]),
        "items": listed,
    }


def private_notes(events: Sequence[Event], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Free-text `note` values in the period: the check-in that counts for each day, and notes
    on other entries."""
    notes: list[dict[str, Any]] = []
    for day, data in sorted(checkin_days(events, start, end).items()):
        if isinstance(data.get("note"), str) and data["note"].strip():
            notes.append({"date": day.isoformat(), "kind": "checkin", "text": data["note"]})
    for event in events:
        payload = event.get("data")
        if event.get("kind") == "checkin" or not isinstance(payload, dict):
            continue
        when = event_date(event)
        note = payload.get("note")
        if event.get("kind") == "homework.answer" and isinstance(payload.get("text"), str):
            # A reflection question answered for the counselor: private like a note.
            note = f"{payload.get('task', '')}: {payload['text']}"
        if when and start <= when <= end and isinstance(note, str) and note.strip():
            notes.append({"date": when.isoformat(), "kind": event.get("kind"), "text": note})
    notes.sort(key=lambda n: n["date"])
    return notes


def score_summaries(
    events: Sequence[Event], end: dt.date, in_period: Mapping[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Each questionnaire of the period: its latest score with band and maximum, and the change
    since the result before it (which may lie before the period)."""
    from hikicli.domain.progress import assessment_series

    everything = assessment_series(events, dt.date.min, end)
    out = []
    for name, entries in in_period.items():
        if not entries:
            continue
        latest = entries[-1]
        history = everything.get(name, entries)
        index = next(
            (i for i in range(len(history) - 1, -1, -1) if history[i] == latest), len(history) - 1
        )
        before = history[index - 1] if index > 0 else None
        out.append(
            {
                "instrument": name,
                "date": latest["date"],
                "score": latest["score"],
                "max": latest.get("max"),
                "band": latest.get("band"),
                "risk": bool(latest.get("risk")),
                "previous": before["score"] if before else None,
                "previous_date": before["date"] if before else None,
                "change": round(latest["score"] - before["score"], 1) if before else None,
            }
        )
    return out


def summary_section(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    checkins: Mapping[str, Any],
    ladder: Mapping[str, Any] | None,
    assessments: Mapping[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    """Page 1 after Safety: did the homework happen, is the ladder moving, are scores changing."""
    from hikicli.domain.homework import pack_summaries

    return {
        "checkin_days": checkins["days"],
        "total_days": checkins["total_days"],
        "packs": pack_summaries(events, start, end),
        "ladder_tries": ladder["tries"] if ladder else 0,
        "ladder_mastered": len(ladder["mastered"]) if ladder else 0,
        "scores": score_summaries(events, end, assessments),
    }


def build_report(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    generated: dt.datetime,
    include_notes: bool = False,
    instruments: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The report as data. `instruments` (id -> definition) gives the risk item's threshold of
    results saved before `risk.signal` events carried it."""
    events = live_events(events)
    progress = build_progress(events, start, end)
    safety = fill_thresholds(progress.safety, instruments or {})
    checkins = checkin_summary(events, start, end)
    ladder = ladder_section(events, start, end)
    report: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "safety": [safety_json(r) for r in safety],
        "summary": summary_section(events, start, end, checkins, ladder, progress.assessments),
        "checkins": checkins,
        "weeks": [w.to_json() for w in progress.weeks],
        "daily": progress.to_json()["daily"],
        "pattern": progress.pattern.to_json() if progress.pattern else None,
        "pattern_status": progress.pattern_status,
        "ladder": ladder,
        "assessments": progress.assessments,
        "homework": homework_section(events, start, end),
        "notes_included": include_notes,
    }
    if include_notes:
        report["notes"] = private_notes(events, start, end)
    return report
