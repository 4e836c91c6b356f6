"""The session report as plain data: what `hiki report` renders as Markdown, HTML or JSON.

Words the person wrote are copied in only when asked for, per kind (`include`, from
`hiki report --include notes,reflections,learned`): check-in and other notes, answers to a pack's
reflection questions (each with its question), and what was learned after ladder steps.
Questionnaire item answers never are, only totals and bands, and the answer to a risk item under
"Safety". The counselor's own words in a pack (a note on a ladder step) are theirs and always shown.

The period is the active homework pack's dates when one is active today (`active_pack`), else the
last DEFAULT_DAYS days; the report says which (`period`).

"Safety" comes first in every format: each risk moment of the period, as `domain.risk.safety_rows`
reads them (the one reading of what counted as risk). A note's words are never copied there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from hikicli.domain.checkin import CONTACT_IDS, SCALES
from hikicli.domain.ladder import is_ladder_event as is_ladder
from hikicli.domain.ladder import is_try
from hikicli.domain.progress import (
    Event,
    assessment_series,
    build_progress,
    checkin_days,
    contacts,
    event_date,
    fill_thresholds,
    homework_entry,
    is_homework,
    ladder_entry,
    live_events,
    risk_marks,
    safety_json,
)
from hikicli.domain.risk import safety_rows

REPORT_FORMAT = "hiki-report"
REPORT_VERSION = 1
DEFAULT_DAYS = 28
# What the person may choose to include (`--include`), in the order the header names them.
INCLUDE_KINDS = ("notes", "reflections", "learned")
FEARED_ANSWERS = ("yes", "partly", "no")


def _avg(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def checkin_summary(events: Sequence[Event], start: dt.date, end: dt.date) -> dict[str, Any]:
    days = checkin_days(events, start, end)
    values = list(days.values())

    def numbers(name: str) -> list[float]:
        rows: list[Mapping[str, object]] = list(values)  # a field named at run time
        return [
            float(v)
            for d in rows
            if isinstance(v := d.get(name), (int, float)) and not isinstance(v, bool)
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


def ladder_section(
    events: Sequence[Event], start: dt.date, end: dt.date, learned: bool = True
) -> dict[str, Any] | None:
    """Tries and masteries of the period; each try with its distress before and after; what was
    learned only when the person chose to include it."""
    ladder = [e for e in events if is_ladder(e)]
    if not ladder:
        return None
    in_period = [e for e in ladder if (d := event_date(e)) is not None and start <= d <= end]
    in_period.sort(key=lambda e: (event_date(e) or dt.date.min, str(e.get("ts", ""))))
    entries = [ladder_entry(e) for e in in_period]
    section: dict[str, Any] = {
        "tries": sum(1 for e in in_period if is_try(e)),
        "attempts": [try_detail(e) for e in in_period if is_try(e)],
        "mastered": [e for e in entries if e.get("mastered")],
    }
    if learned:
        section["learned"] = [e for e in entries if e.get("learned")]
    return section


def _suds(value: Any) -> int | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return int(value) if ok else None


def try_detail(event: Event) -> dict[str, Any]:
    """One try as the counselor reads it: expected against actual distress (SUDS 0-100) and
    whether the feared outcome happened (yes, partly, no; None when not asked or skipped).
    The fear's own words are the person's and are not copied."""
    data = event.get("data") or {}
    entry = ladder_entry(event)
    feared = data.get("happened")
    return {
        "date": entry.get("date"),
        "step": entry.get("step"),
        "ladder": entry.get("ladder"),
        "result": entry.get("outcome"),
        "expected": _suds(data.get("expected")),
        "peak": _suds(data.get("peak", data.get("peak_suds"))),
        "end": _suds(data.get("end")),
        "feared": feared if feared in FEARED_ANSWERS else None,
    }


def step_notes(events: Sequence[Event], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The counselor's own notes on a pack's ladder steps (packs overlapping the period)."""
    from hikicli.domain.homework import overlapping_packs

    return [
        {"pack": pack["title"], "step": step["step"], "note": note}
        for _, pack in overlapping_packs(events, start, end)
        for step in pack.get("ladder_steps") or []
        if isinstance(note := step.get("note"), str) and note.strip()
    ]


def reflections_section(
    events: Sequence[Event], start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Each reflection question of the packs overlapping the period or answered in it, with its
    answer (None when not answered yet), as of `end`."""
    from hikicli.domain.homework import (
        ANSWER_KIND,
        current_packs,
        event_day,
        overlapping_packs,
        task_status,
        tasks_of,
    )

    first, last = start.isoformat(), end.isoformat()
    seen = [e for e in events if event_day(e) <= last]
    answered = {
        (e.get("data") or {}).get("pack")
        for e in seen
        if e.get("kind") == ANSWER_KIND and event_day(e) >= first
    }
    shown = {pack_id for pack_id, _ in overlapping_packs(seen, start, end)} | answered
    out = []
    for pack_id, (pack, _) in current_packs(seen).items():
        if pack_id not in shown:
            continue
        for task in tasks_of(pack):
            if task.kind != "reflection":
                continue
            status = task_status(pack_id, pack, task, seen, end)
            out.append(
                {
                    "pack": pack["title"],
                    "question": task.label,
                    "answer": status.answer,
                    "date": status.done_on,
                }
            )
    return out


def active_pack(events: Sequence[Event], today: dt.date) -> dict[str, str] | None:
    """The homework pack running today (started, not past its due date); the earliest started
    when there are several. Its dates are the report's default period."""
    from hikicli.domain.homework import current_packs

    day = today.isoformat()
    running = sorted(
        (pack["start"], pack_id, pack)
        for pack_id, (pack, _) in current_packs(live_events(events)).items()
        if pack["start"] <= day <= pack["due"]
    )
    if not running:
        return None
    _, pack_id, pack = running[0]
    return {"id": pack_id, "title": pack["title"], "start": pack["start"], "due": pack["due"]}


def parse_include(value: str | None, all_notes: bool = False) -> tuple[str, ...]:
    """`--include notes,reflections,learned` as the kinds in their usual order; `--include-notes`
    (all_notes) is all of them. Raises ValueError naming an unknown kind."""
    if all_notes:
        return INCLUDE_KINDS
    wanted = {part.strip() for part in (value or "").split(",") if part.strip()}
    unknown = sorted(wanted - set(INCLUDE_KINDS))
    if unknown:
        raise ValueError(unknown[0])
    return tuple(k for k in INCLUDE_KINDS if k in wanted)


def homework_section(
    events: Sequence[Event], start: dt.date, end: dt.date, family: bool = False
) -> dict[str, Any] | None:
    """`family`: a family member's own report (their check-ins count for a pack's plan)."""
    from hikicli.domain.homework import is_pack_event, report_items

    # counselor packs: tasks given and done by their rules
    packs = report_items(events, start, end, family)
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
        note = payload.get("note")  # reflection answers are `reflections`, with their question
        if when and start <= when <= end and isinstance(note, str) and note.strip():
            notes.append({"date": when.isoformat(), "kind": event.get("kind"), "text": note})
    notes.sort(key=lambda n: n["date"])
    return notes


def band_labels(instruments: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Each instrument's band labels ("Moderately severe (15–19)") by band id, under its id and
    its display name squashed (results name it either way)."""
    from hikicli.domain.homework import _squash

    out: dict[str, dict[str, str]] = {}
    for iid, definition in instruments.items():
        scoring = definition.get("scoring") if isinstance(definition, Mapping) else None
        bands = scoring.get("bands") if isinstance(scoring, Mapping) else None
        labels = {
            str(b["id"]): str(b["label"])
            for b in bands or []
            if isinstance(b, Mapping) and b.get("id") and b.get("label")
        }
        for name in (iid, definition.get("name")):
            if isinstance(name, str) and labels:
                out[_squash(name)] = labels
    return out


def label_bands(entries: Sequence[dict[str, Any]], labels: Mapping[str, Mapping[str, str]]) -> None:
    """Add `band_label`, the instrument's words for the band, to results that have a band."""
    from hikicli.domain.homework import _squash

    for entry in entries:
        band = entry.get("band")
        label = labels.get(_squash(str(entry.get("instrument", ""))), {}).get(str(band))
        if band and label:
            entry["band_label"] = label


def score_summaries(
    events: Sequence[Event],
    end: dt.date,
    in_period: Mapping[str, list[dict[str, Any]]],
    marks: set[tuple[str, str, str]] | None = None,
    results: Mapping[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Each questionnaire of the period: its latest score with band and maximum, and the change
    since the result before it (which may lie before the period). `marks`: the events'
    `risk_marks`, `results`: their `assessment_series` up to `end`, when the caller has them."""
    from hikicli.domain.progress import assessment_series

    everything = assessment_series(events, dt.date.min, end, marks) if results is None else results
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
                **({"band_label": latest["band_label"]} if latest.get("band_label") else {}),
                "risk": bool(latest.get("risk")),
                "previous": before["score"] if before else None,
                "previous_date": before["date"] if before else None,
                "change": round(latest["score"] - before["score"], 1) if before else None,
            }
        )
    return out


def ladder_glance(ladder: Mapping[str, Any] | None) -> dict[str, Any]:
    """Is the ladder moving: expected against highest distress on average (tries with both),
    and how often the feared outcome happened (tries where it was answered)."""
    attempts = list(ladder.get("attempts") or []) if ladder else []
    both = [a for a in attempts if a.get("expected") is not None and a.get("peak") is not None]
    feared = [a["feared"] for a in attempts if a.get("feared")]
    return {
        "ladder_suds": {
            "tries": len(both),
            "expected": _avg([float(a["expected"]) for a in both]),
            "peak": _avg([float(a["peak"]) for a in both]),
        },
        "ladder_feared": {
            "asked": len(feared),
            **{answer: feared.count(answer) for answer in FEARED_ANSWERS},
        },
    }


def summary_section(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    checkins: Mapping[str, Any],
    ladder: Mapping[str, Any] | None,
    assessments: Mapping[str, list[dict[str, Any]]],
    marks: set[tuple[str, str, str]] | None = None,
    results: Mapping[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Page 1 after Safety: did the homework happen, is the ladder moving, are scores changing.
    `marks`, `results`: as `score_summaries` takes them."""
    from hikicli.domain.homework import pack_summaries

    return {
        "checkin_days": checkins["days"],
        "total_days": checkins["total_days"],
        "packs": pack_summaries(events, start, end),
        "ladder_tries": ladder["tries"] if ladder else 0,
        "ladder_mastered": len(ladder["mastered"]) if ladder else 0,
        **ladder_glance(ladder),
        "scores": score_summaries(events, end, assessments, marks, results),
    }


def build_report(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    generated: dt.datetime,
    include_notes: bool = False,
    instruments: Mapping[str, Mapping[str, Any]] | None = None,
    include: Sequence[str] | None = None,
    period: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The report as data. `instruments` (id -> definition) gives the risk item's threshold of
    results saved before `risk.signal` events carried it, and the bands' words. `include` names
    the kinds of the person's words to copy in (INCLUDE_KINDS; `include_notes` is all of them).
    `period` says where the dates come from: {"source": "pack", "pack": {...}}, "since" or
    "default"."""
    events = live_events(events)
    chosen = tuple(INCLUDE_KINDS if include_notes else (include or ()))
    # Safety never looks back less than the default window: a pack that began yesterday, or a
    # short --since, must not hide a "not safe" answer from last week.
    safety_start = min(start, end - dt.timedelta(days=DEFAULT_DAYS - 1))
    # A pack's period: the weekly rows are the pack's weeks (they begin on its start date), so
    # "week 2 of 2: met" and the table below it count the same days.
    from_start = bool(period and period.get("source") == "pack")
    rows = safety_rows(events)  # the one reading of risk, once for the whole report
    marks = risk_marks(rows, events)
    # Every result up to the end, read once: the period's are among them (and the one before
    # each latest score, which may be years old, for its change).
    results = assessment_series(events, dt.date.min, end, marks)
    progress = build_progress(
        events,
        start,
        end,
        safety_from=safety_start,
        weeks_from_start=from_start,
        risk=(rows, marks),
        results=results,
    )
    safety = fill_thresholds(progress.safety, instruments or {})
    checkins = checkin_summary(events, start, end)
    ladder = ladder_section(events, start, end, learned="learned" in chosen)
    labels = band_labels(instruments or {})
    for entries in progress.assessments.values():
        label_bands(entries, labels)
    report: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "safety_start": safety_start.isoformat(),
        "safety": [safety_json(r) for r in safety],
        "summary": summary_section(
            events, start, end, checkins, ladder, progress.assessments, marks, results
        ),
        "checkins": checkins,
        "weeks": [w.to_json() for w in progress.weeks],
        "daily": progress.to_json()["daily"],
        "pattern": progress.pattern.to_json() if progress.pattern else None,
        "pattern_status": progress.pattern_status,
        "sleep_window": progress.sleep.to_json() if progress.sleep else None,
        "activities": progress.activities,
        "ladder": ladder,
        "assessments": progress.assessments,
        "homework": homework_section(events, start, end),
        "step_notes": step_notes(events, start, end),
        "period": dict(period or {"source": "default"}),
        "included": list(chosen),
        "notes_included": "notes" in chosen,
    }
    if "notes" in chosen:
        report["notes"] = private_notes(events, start, end)
    if "reflections" in chosen:
        report["reflections"] = reflections_section(events, start, end)
    return report
