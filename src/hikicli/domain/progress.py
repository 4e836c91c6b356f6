"""Progress over time: weekly aggregates of the log and at most one observed pattern.

Pure functions over plain event dicts; the caller passes the dates in. What a ladder try or a
mastery is, the ladder feature says (`domain.ladder.is_try`, `is_mastery`); questionnaire results
are read by a few documented data keys (docs/progress.md), so an unknown shape is skipped, never
a crash.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hikicli.domain.activity import ActivitySummary, activity_summary
from hikicli.domain.checkin import CONTACT_IDS, SCALES, latest_per_day
from hikicli.domain.ladder import is_ladder_event as is_ladder
from hikicli.domain.ladder import is_mastery, is_try
from hikicli.domain.risk import SafetyRow, safety_rows
from hikicli.domain.sleep import SleepWindow, sleep_window
from hikicli.domain.weeks import weeks_from

if TYPE_CHECKING:
    from hikicli.domain.content_types import SafetyText
    from hikicli.domain.features.checkin import CheckinPayload

Event = Mapping[str, Any]

# The pattern rule. Four days on each side is the least that makes an average mean anything for a
# 0–10 self-rating; a difference under one point is within ordinary day-to-day noise.
MIN_DAYS_PER_GROUP = 4
MIN_DIFFERENCE = 1.0
SLEEP_ENOUGH_HOURS = 7.0
PATTERN_FACTORS = ("outside", "contact", "sleep")
PATTERN_MEASURES = SCALES  # mood, anxiety, energy


# --- reading the log loosely -------------------------------------------------------------------


def _kind(event: Event) -> str:
    kind = event.get("kind")
    return kind if isinstance(kind, str) else ""


def _data(event: Event) -> Mapping[str, Any]:
    data = event.get("data")
    if type(data) is dict:  # as stored: the quick test first (abc's isinstance is slow)
        return data
    return data if isinstance(data, Mapping) else {}


def _first(data: Mapping[str, Any], keys: Sequence[str], kind: type | tuple[type, ...]) -> Any:
    for key in keys:
        value = data.get(key)
        if isinstance(value, kind) and not isinstance(value, bool) and value != "":
            return value
    return None


def event_date(event: Event) -> dt.date | None:
    """The day an event is about: its `date` value, else the day it was recorded."""
    for raw in (_data(event).get("date"), event.get("ts")):
        if isinstance(raw, str) and len(raw) >= 10:
            try:
                return dt.date.fromisoformat(raw[:10])
            except ValueError:
                continue
    return None


def live_events(events: Iterable[Event]) -> list[Event]:
    """Events minus duplicates (the same id twice: an import merged twice, a copied line)."""
    seen: set[str] = set()
    unique: list[Event] = []
    for e in events:
        eid = e.get("id")
        if isinstance(eid, str) and eid in seen:
            continue
        if isinstance(eid, str):
            seen.add(eid)
        unique.append(e)
    return unique


def is_assessment(event: Event) -> bool:
    kind = _kind(event)
    return kind == "assessment" or kind.startswith("assessment.")


def is_homework(event: Event) -> bool:
    return _kind(event).startswith("homework.")


def ladder_entry(event: Event) -> dict[str, Any]:
    """What a report shows of one ladder event; a key is absent when the event lacks it."""
    data = _data(event)
    day = event_date(event)
    entry = {
        "date": day.isoformat() if day else None,
        "kind": _kind(event),
        "step": _first(data, ("step_title", "step"), str),
        "outcome": _first(data, ("result",), str),
        "peak_suds": _first(data, ("peak",), (int, float)),
        "learned": _first(data, ("learned",), str),
        "mastered": is_mastery(event),
    }
    return {k: v for k, v in entry.items() if v is not None}


def assessment_entry(
    event: Event, risk_marks: set[tuple[str, str, str]] | None = None
) -> dict[str, Any] | None:
    """Instrument, date, total score and band of one questionnaire result, or None if unreadable.

    Individual item answers are never copied out: only the total and the band. `risk_marks`
    (from `risk_marks`, the one reading of risk) say which results carry a risk moment; without
    them the result's own flag is read (an older caller)."""
    data = _data(event)
    # The display name ("PHQ-9") reads better than the id ("phq9") in charts and reports.
    instrument = _first(data, ("name", "instrument", "instrument_id", "id"), str)
    score = _first(data, ("total", "score", "raw_total"), (int, float))
    day = event_date(event)
    if instrument is None or score is None or day is None or not math.isfinite(score):
        return None
    entry = {"instrument": instrument, "date": day.isoformat(), "score": score}
    # A risk answer matters whatever the total: carry the mark, so the progress screen and the
    # report for a counselor never show such a result as just a number.
    if risk_marks is not None:
        if mark_key(event) in risk_marks:
            entry["risk"] = True
    elif data.get("risk") is True or data.get("risk_items"):
        entry["risk"] = True
    band = _first(data, ("band_label", "band", "severity", "label"), str)
    if band:
        entry["band"] = band
    maximum = _first(data, ("max", "max_score"), (int, float))
    if maximum:
        entry["max"] = maximum
    return entry


def homework_entry(event: Event) -> dict[str, Any]:
    data = _data(event)
    day = event_date(event)
    suffix = _kind(event).rsplit(".", 1)[-1].lower()
    status = _first(data, ("status", "outcome"), str) or suffix
    entry = {
        "date": day.isoformat() if day else None,
        "kind": _kind(event),
        "id": _first(data, ("homework_id", "task_id", "item_id", "pack_item", "id"), str),
        "title": _first(data, ("title", "task", "name"), str),
        "done": status.lower() in ("done", "completed", "complete", "finished"),
        "assigned": suffix in ("assigned", "added", "created", "given"),
    }
    return {k: v for k, v in entry.items() if v is not None}


# --- weekly aggregates --------------------------------------------------------------------------


@dataclass
class Week:
    start: dt.date
    end: dt.date
    checkins: int = 0
    averages: dict[str, float | None] = field(default_factory=dict)
    sleep: float | None = None
    days_outside: int = 0
    outside_minutes: int = 0
    contact: dict[str, int] = field(default_factory=dict)
    ladder_tries: int = 0
    steps_mastered: int = 0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "checkins": self.checkins,
            **{name: self.averages.get(name) for name in SCALES},
            "sleep": self.sleep,
            "days_outside": self.days_outside,
            "outside_minutes": self.outside_minutes,
            "contact": dict(self.contact),
            "ladder_tries": self.ladder_tries,
            "steps_mastered": self.steps_mastered,
        }


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def week_bounds(
    start: dt.date, end: dt.date, from_start: bool = False
) -> list[tuple[dt.date, dt.date]]:
    """7-day blocks ending on `end`, going back to `start`; the oldest block may be shorter.
    `from_start`: the blocks begin on `start` instead (a homework pack's weeks, as
    domain.homework counts them), and the newest may be shorter."""
    if from_start:
        return weeks_from(start, end)
    blocks: list[tuple[dt.date, dt.date]] = []
    block_end = end
    while block_end >= start:
        block_start = max(start, block_end - dt.timedelta(days=6))
        blocks.append((block_start, block_end))
        block_end = block_start - dt.timedelta(days=1)
    return blocks[::-1]


def checkin_days(
    events: Iterable[Event], start: dt.date, end: dt.date
) -> dict[dt.date, CheckinPayload]:
    """The check-in that counts for each day in [start, end] (the latest one recorded)."""
    days: dict[dt.date, CheckinPayload] = {}
    for raw, data in latest_per_day(events).items():
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            continue
        if start <= day <= end:
            days[day] = data.copy()
    return days


def contacts(data: Mapping[str, Any]) -> set[str]:
    contact = data.get("contact")
    return {c for c in contact if isinstance(c, str)} if isinstance(contact, list) else set()


def went_outside(data: Mapping[str, Any]) -> bool | None:
    minutes = _number(data.get("outside"))
    return None if minutes is None else minutes > 0


def had_contact(data: Mapping[str, Any]) -> bool | None:
    contact = data.get("contact")
    if not isinstance(contact, list):
        return None
    return bool(set(contact) - {"none"})


def slept_enough(data: Mapping[str, Any]) -> bool | None:
    hours = _number(data.get("sleep"))
    return None if hours is None else hours >= SLEEP_ENOUGH_HOURS


FACTOR_TESTS = {"outside": went_outside, "contact": had_contact, "sleep": slept_enough}


def build_weeks(
    events: Sequence[Event], start: dt.date, end: dt.date, from_start: bool = False
) -> list[Week]:
    days = checkin_days(events, start, end)
    weeks = [Week(s, e) for s, e in week_bounds(start, end, from_start)]
    for week in weeks:
        in_week = [d for day, d in days.items() if week.start <= day <= week.end]
        week.checkins = len(in_week)
        for name in SCALES:
            values = [v for d in in_week if (v := _number(d.get(name))) is not None]
            week.averages[name] = _mean(values)
        week.sleep = _mean([v for d in in_week if (v := _number(d.get("sleep"))) is not None])
        week.days_outside = sum(1 for d in in_week if went_outside(d))
        week.outside_minutes = int(sum(_number(d.get("outside")) or 0 for d in in_week))
        week.contact = {c: sum(1 for d in in_week if c in contacts(d)) for c in CONTACT_IDS}
    for event in events:
        day = event_date(event)
        if day is None or not start <= day <= end:
            continue
        week = next(w for w in weeks if w.start <= day <= w.end)
        if is_try(event):
            week.ladder_tries += 1
        if is_mastery(event):
            week.steps_mastered += 1
    return weeks


def daily_series(
    events: Sequence[Event], start: dt.date, end: dt.date, name: str
) -> list[float | None]:
    """One value per day from start to end (None on days without a check-in)."""
    days = checkin_days(events, start, end)
    count = (end - start).days + 1
    out: list[float | None] = []
    for i in range(count):
        data = days.get(start + dt.timedelta(days=i))
        out.append(_number(data.get(name)) if data else None)
    return out


def mark_key(event: Event) -> tuple[str, str, str]:
    """How `risk_marks` names a result: (recorded, instrument id, the day it is about)."""
    day = event_date(event)
    recorded = str(event.get("ts", ""))
    return recorded, str(_data(event).get("instrument")), day.isoformat() if day else recorded[:10]


def risk_marks(
    rows: Iterable[SafetyRow], events: Iterable[Event]
) -> set[tuple[str, str, str]]:
    """`mark_key` of each questionnaire result that carries a risk moment of the one reading of
    risk. A moment belongs to the first result of its instrument about the moment's day and
    recorded at or after it on the same day (the signal is saved just before its result; a
    result read from an older log is its own moment). A moment whose questionnaire was stopped
    marks no result."""
    import bisect

    # Each instrument's and day's result times, sorted: the first at or after a moment is one
    # bisect away (a scan of every result for every moment took 1.7 s at 100,000 events).
    times: dict[tuple[str, str], list[str]] = {}
    for e in events:
        if is_assessment(e):
            recorded, instrument, day = mark_key(e)
            times.setdefault((instrument, day), []).append(recorded)
    for found in times.values():
        found.sort()
    marks: set[tuple[str, str, str]] = set()
    for row in rows:
        if row.source != "instrument" or not row.instrument:
            continue
        found = times.get((row.instrument, row.date), [])
        at = bisect.bisect_left(found, row.recorded)
        if at < len(found) and found[at][:10] == row.recorded[:10]:
            marks.add((found[at], row.instrument, row.date))
    return marks


def fill_thresholds(
    rows: Sequence[SafetyRow], instruments: Mapping[str, Mapping[str, Any]]
) -> list[SafetyRow]:
    """Rows read from results saved before `risk.signal` events carry no threshold: take it
    from the instrument's own definition when it is known, so a report can say "this
    questionnaire counts question 9 from 1". Unknown stays None (said as such)."""
    import dataclasses

    out = []
    for row in rows:
        definition = instruments.get(row.instrument or "") if row.threshold is None else None
        rule = next(
            (
                r
                for r in (definition or {}).get("scoring", {}).get("risk_items", [])
                if r.get("item") == row.item
            ),
            None,
        )
        out.append(dataclasses.replace(row, threshold=int(rule["at_least"])) if rule else row)
    return out


def assessment_series(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    marks: set[tuple[str, str, str]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Questionnaire results by instrument, oldest first, within [start, end]. A result is
    marked `risk` when it carries a risk moment of the one reading of risk (`risk_marks`)."""
    if marks is None:
        marks = risk_marks(safety_rows(events), events)
    series: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        if not is_assessment(event):
            continue
        entry = assessment_entry(event, marks)
        if entry and start.isoformat() <= entry["date"] <= end.isoformat():
            series.setdefault(entry["instrument"], []).append(entry)
    for entries in series.values():
        entries.sort(key=lambda e: e["date"])
    return dict(sorted(series.items()))


def series_from(
    results: Mapping[str, list[dict[str, Any]]], start: dt.date
) -> dict[str, list[dict[str, Any]]]:
    """`assessment_series` from `start`, taken from one that begins earlier and ends on the same
    day: the same entries (the same dicts), in the same order (a date order, kept when cut)."""
    first = start.isoformat()
    series = {name: [e for e in entries if e["date"] >= first] for name, entries in results.items()}
    return {name: entries for name, entries in series.items() if entries}


# --- the observed pattern -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    factor: str  # outside | contact | sleep
    measure: str  # mood | anxiety | energy
    mean_with: float
    mean_without: float
    days_with: int
    days_without: int

    @property
    def difference(self) -> float:
        return round(self.mean_with - self.mean_without, 1)

    @property
    def direction(self) -> str:
        return "higher" if self.difference > 0 else "lower"

    def to_json(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "measure": self.measure,
            "difference": abs(self.difference),
            "direction": self.direction,
            "mean_with": self.mean_with,
            "mean_without": self.mean_without,
            "days_with": self.days_with,
            "days_without": self.days_without,
        }


def find_pattern(
    days: Mapping[dt.date, Mapping[str, Any]],
    min_days: int = MIN_DAYS_PER_GROUP,
    min_difference: float = MIN_DIFFERENCE,
) -> Pattern | None:
    """The one comparison with the largest difference in averages, if it is big enough and each
    side has at least `min_days` check-in days; else None. Ties keep the first in factor order."""
    return explain_pattern(days, min_days, min_difference)[0]


def explain_pattern(
    days: Mapping[dt.date, Mapping[str, Any]],
    min_days: int = MIN_DAYS_PER_GROUP,
    min_difference: float = MIN_DIFFERENCE,
) -> tuple[Pattern | None, str]:
    """The pattern and a status: "found", "not_enough" (no comparison had `min_days` on each
    side) or "none" (there was enough data, but no difference of `min_difference` or more)."""
    best: Pattern | None = None
    compared = False
    for factor in PATTERN_FACTORS:
        test = FACTOR_TESTS[factor]
        for measure in PATTERN_MEASURES:
            with_: list[float] = []
            without: list[float] = []
            for data in days.values():
                side = test(data)
                value = _number(data.get(measure))
                if side is None or value is None:
                    continue
                (with_ if side else without).append(value)
            if len(with_) < min_days or len(without) < min_days:
                continue
            compared = True
            mean_with = sum(with_) / len(with_)
            mean_without = sum(without) / len(without)
            candidate = Pattern(
                factor,
                measure,
                round(mean_with, 1),
                round(mean_without, 1),
                len(with_),
                len(without),
            )
            # Compare unrounded differences so rounding can never make a pattern appear.
            diff = abs(mean_with - mean_without)
            if diff + 1e-9 < min_difference:
                continue
            if best is None or diff > abs(best.mean_with - best.mean_without) + 1e-9:
                best = candidate
    if best is not None:
        return best, "found"
    return None, "none" if compared else "not_enough"


# --- the whole picture --------------------------------------------------------------------------


@dataclass
class Progress:
    start: dt.date
    end: dt.date
    weeks: list[Week]
    daily: dict[str, list[float | None]]
    assessments: dict[str, list[dict[str, Any]]]
    pattern: Pattern | None
    pattern_status: str  # found | not_enough | none
    has_ladder: bool
    checkin_count: int
    safety: list[SafetyRow] = field(default_factory=list)
    sleep: SleepWindow | None = None  # when check-ins noted sleep times (checkin.sleep_times)
    activities: ActivitySummary | None = None  # the rated activities (domain/activity.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "checkin_days": self.checkin_count,
            "weeks": [w.to_json() for w in self.weeks],
            "daily": {
                "start": self.start.isoformat(),
                **{k: list(v) for k, v in self.daily.items()},
            },
            "has_ladder": self.has_ladder,
            "assessments": self.assessments,
            "pattern": self.pattern.to_json() if self.pattern else None,
            "pattern_status": self.pattern_status,
            "safety": [safety_json(r) for r in self.safety],
            "sleep_window": self.sleep.to_json() if self.sleep else None,
            "activities": self.activities,
            "pattern_rule": {
                "min_days_per_group": MIN_DAYS_PER_GROUP,
                "min_difference": MIN_DIFFERENCE,
                "sleep_enough_hours": SLEEP_ENOUGH_HOURS,
            },
        }


def build_progress(
    events: Sequence[Event],
    start: dt.date,
    end: dt.date,
    safety_from: dt.date | None = None,
    weeks_from_start: bool = False,
    risk: tuple[list[SafetyRow], set[tuple[str, str, str]]] | None = None,
    results: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Progress:
    """Everything `hiki progress` and `hiki report` show for the days start..end (inclusive);
    the safety moments from `safety_from` when it is earlier (the report looks back further).
    `weeks_from_start`: the weeks begin on `start` (a pack's period: its weeks, as homework
    counts them), not end on `end`. `risk`: `safety_rows` and `risk_marks` of these events,
    when the caller has them (the report reads them twice); `results`: their
    `assessment_series` up to `end` from any day, when the caller has it (the same entries)."""
    events = live_events(events)
    days = checkin_days(events, start, end)
    pattern, status = explain_pattern(days)
    rows, marks = risk or (safety_rows(events), None)
    first = min(start, safety_from or start).isoformat()
    last = end.isoformat()
    return Progress(
        start=start,
        end=end,
        weeks=build_weeks(events, start, end, weeks_from_start),
        daily={name: daily_series(events, start, end, name) for name in (*SCALES, "outside")},
        assessments=(
            assessment_series(
                events, start, end, risk_marks(rows, events) if marks is None else marks
            )
            if results is None
            else series_from(results, start)
        ),
        pattern=pattern,
        pattern_status=status,
        has_ladder=any(is_ladder(e) for e in events),
        checkin_count=len(days),
        safety=[r for r in rows if first <= r.date <= last],
        sleep=sleep_window(days, week_bounds(start, end, weeks_from_start)),
        activities=activity_summary(events, start, end),
    )


def safety_json(row: SafetyRow) -> dict[str, Any]:
    """One risk moment as stable JSON: date, recorded, source, strength, answer, and for a
    questionnaire instrument, instrument_name, item and threshold (null when not known)."""
    data: dict[str, Any] = {
        "date": row.date,
        "recorded": row.recorded,
        "source": row.source,
        "strength": row.strength,
        "answer": row.answer,
    }
    if row.source == "instrument":
        data.update(
            instrument=row.instrument,
            instrument_name=row.instrument_name,
            item=row.item,
            threshold=row.threshold,
        )
    return data


def period_for_weeks(today: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    return today - dt.timedelta(days=7 * weeks - 1), today


def safety_words(
    row: SafetyRow | Mapping[str, Any],
    words: SafetyText,
    include_notes: bool = False,
) -> tuple[str, str, str | None]:
    """One risk moment in words: (what, answer, rule). `rule` is the instrument's own risk item
    and threshold ("this questionnaire counts question 9 from 1"), None for other sources. A
    note's words are never part of it."""
    r = safety_json(row) if isinstance(row, SafetyRow) else row
    source, answer = r.get("source"), str(r.get("answer", ""))
    if source == "instrument":
        name = r.get("instrument_name") or r.get("instrument") or ""
        what = str(words["sources"]["instrument"]).format(instrument=name, item=r.get("item"))
        said = str(words["answers"]["instrument"]).format(answer=answer)
        if r.get("threshold") is not None:
            rule = str(words["threshold"]).format(item=r.get("item"), threshold=r["threshold"])
        else:
            rule = str(words["threshold_unknown"]).format(item=r.get("item"))
        return what, said, rule
    if source == "note":
        answers = words["answers"]
        said = answers["note_included"] if include_notes else answers["note"]
        return words["sources"]["note"], said, None
    if source == "family":
        stress = answer.removeprefix("stress ").strip()
        said = str(words["answers"]["family_stress"]).format(stress=stress)
        return str(words["sources"]["family"]), said, None
    said = words["answers"]["checkin_skip" if answer == "skip" else "checkin_no"]
    return words["sources"]["checkin"], said, None
