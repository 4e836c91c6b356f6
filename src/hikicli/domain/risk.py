"""Risk: every source of risk becomes one `RiskSignal`, and one function decides the response.

Sources: the check-in's "are you safe right now?" answer, a questionnaire's risk item (with that
instrument's own threshold), the wording of a note, and a family member's own check-in (their
stress at FAMILY_HIGH_STRESS or above). A cancel after a risk answer is not a new
signal: the signal was saved the moment it was given, and the response is shown again at the end.

No flow decides risk on its own: flows report what was answered, `respond` says what to show, and
`safety_rows` is the one reading of the log that every screen (history, progress, report, the
dashboard) uses to say what counted as risk. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from hikicli.domain.crisis import CHANNEL_ORDER, CountryChoice
from hikicli.domain.features.risk import RiskPayload, Source, Strength

if TYPE_CHECKING:
    from hikicli.domain.content_types import CrisisContent, CrisisLine, Instrument
    from hikicli.domain.features.assess import AssessmentPayload
    from hikicli.domain.features.checkin import CheckinPayload
    from hikicli.errors import Msg

KIND = "risk.signal"
SOURCES: tuple[Source, ...] = ("checkin", "instrument", "note", "family")
STRENGTHS: tuple[Strength, ...] = ("high", "possible")
PlanState = Literal["plan", "none", "unknown"]

# The check-in asks "are you safe right now?" at this mood or lower (checkin.safety_question).
SAFETY_QUESTION_MAX_MOOD = 2
SAFE_ANSWERS = ("yes", "no", "skip")
FAMILY_HIGH_STRESS = 8  # a family member's own stress, 0-10: from here the carer gets the block
MAX_BLOCK_LINES = 3  # the short crisis block: at most three lines, then "hiki crisis" for all


@dataclass(frozen=True)
class RiskSignal:
    """One moment that carries risk. `answer` is what was answered, as the person gave it:
    "no" or "skip" for the safety question, the item's value for a questionnaire, "phrase" for a
    note (the note's words are never copied here)."""

    source: Source
    strength: Strength
    date: dt.date
    answer: str
    instrument: str | None = None  # questionnaire id, e.g. "phq9"
    instrument_name: str | None = None  # e.g. "PHQ-9", so a report needs no content to name it
    item: int | None = None
    threshold: int | None = None  # the instrument's own `at_least` for that item
    mood: int | None = None  # check-in: the answers given before the question are kept here
    context: str | None = None  # where it was given: "checkin", "assess", "homework:PACK"

    def to_data(self) -> RiskPayload:
        data: RiskPayload = {
            "source": self.source,
            "strength": self.strength,
            "date": self.date.isoformat(),
            "answer": self.answer,
        }
        # the optional fields in their documented order, when given
        if self.instrument is not None:
            data["instrument"] = self.instrument
        if self.instrument_name is not None:
            data["instrument_name"] = self.instrument_name
        if self.item is not None:
            data["item"] = self.item
        if self.threshold is not None:
            data["threshold"] = self.threshold
        if self.mood is not None:
            data["mood"] = self.mood
        if self.context is not None:
            data["context"] = self.context
        return data


def signal_problem(data: Mapping[str, Any]) -> Msg | None:
    """The one validator of a `risk.signal` payload: on write, on read-back and on import."""
    from hikicli.errors import Msg

    if data.get("source") not in SOURCES:
        return Msg("storage.signal_no_source")
    if data.get("strength") not in STRENGTHS:
        return Msg("storage.signal_no_strength")
    try:
        dt.date.fromisoformat(data["date"])
    except (KeyError, TypeError, ValueError):
        return Msg("storage.signal_no_date")
    if not isinstance(data.get("answer"), str) or len(data["answer"]) > 40:
        return Msg("storage.signal_unreadable", field="answer")
    for name in ("item", "threshold", "mood"):
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return Msg("storage.signal_not_whole", field=name)
    for name in ("instrument", "instrument_name", "context"):
        value = data.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 80):
            return Msg("storage.signal_unreadable", field=name)
    allowed = {"source", "strength", "date", "answer", "instrument", "instrument_name", "item",
               "threshold", "mood", "context"}  # fmt: skip
    extra = set(data) - allowed
    if extra:
        return Msg("storage.signal_unknown_fields", fields=", ".join(sorted(extra)))
    return None


def read_signal(data: Mapping[str, Any]) -> RiskPayload | None:
    """A stored `risk.signal`'s data as its kind's payload, when it meets the record rule (each
    field then has its declared type), else None."""
    return cast("RiskPayload", data) if signal_problem(data) is None else None


def signal_from_data(raw: Mapping[str, Any]) -> RiskSignal | None:
    data = read_signal(raw)
    if data is None:
        return None
    return RiskSignal(
        source=data["source"],
        strength=data["strength"],
        date=dt.date.fromisoformat(data["date"]),
        answer=data["answer"],
        instrument=data.get("instrument"),
        instrument_name=data.get("instrument_name"),
        item=data.get("item"),
        threshold=data.get("threshold"),
        mood=data.get("mood"),
        context=data.get("context"),
    )


# --- sources -------------------------------------------------------------------------------


def normalize_safe(raw: str | None) -> str | None:
    """`--safe`: any case, y/n, surrounding spaces. Unknown words return the text unchanged so
    the caller can refuse it *after* showing help (an unclear answer is treated as "not sure")."""
    if raw is None:
        return None
    word = raw.strip().lower()
    return {"y": "yes", "n": "no", "s": "skip", "not-sure": "no", "unsure": "no"}.get(word, word)


def from_safe_answer(
    answer: str | None, day: dt.date, mood: int | None = None, context: str = "checkin"
) -> RiskSignal | None:
    """The safety question's answer. "no" (or "not sure") is high; "I'd rather not say" is
    possible; "yes" and no answer are no signal."""
    if answer == "no":
        return RiskSignal("checkin", "high", day, "no", mood=mood, context=context)
    if answer == "skip":
        return RiskSignal("checkin", "possible", day, "skip", mood=mood, context=context)
    return None


def from_instrument_item(
    instrument: Instrument,
    number: int,
    answer: int,
    day: dt.date,
    context: str = "assess",
) -> RiskSignal | None:
    """A questionnaire answer at or above its risk item's own threshold."""
    for rule in instrument.get("scoring", {}).get("risk_items", []):
        if rule["item"] == number and answer >= rule["at_least"]:
            return RiskSignal(
                "instrument",
                "high",
                day,
                str(answer),
                instrument=str(instrument["id"]),
                instrument_name=str(instrument.get("name") or instrument["id"]),
                item=number,
                threshold=int(rule["at_least"]),
                context=context,
            )
    return None


def risk_answers_as_typed(instrument: Instrument, raw: str) -> list[tuple[int, int]]:
    """`--answers` as typed, before any check: the risk items' values. '…,4' for PHQ-9 item 9 is
    out of range, but it says at least what the top of the scale says, so it is honoured before
    the usage error. Only whole numbers in place are read."""
    parts = [p.strip() for p in raw.split(",")]
    found = []
    for rule in instrument.get("scoring", {}).get("risk_items", []):
        number = rule["item"]
        if number <= len(parts):
            try:
                found.append((number, int(parts[number - 1])))
            except ValueError:
                continue
    return found


def _fold(text: str) -> str:
    # Case, width (full-width letters) and spacing must not hide a phrase.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def from_note(note: str, phrases: Iterable[str], day: dt.date, context: str = "checkin") -> (
    RiskSignal | None
):
    """A note that contains one of the content's phrases (per language, reviewable). It never
    blocks the save and never copies the note: the signal says only that a phrase matched."""
    folded = _fold(note)
    if folded and any(_fold(p) in folded for p in phrases if p.strip()):
        return RiskSignal("note", "possible", day, "phrase", context=context)
    return None


def from_family_stress(stress: int, day: dt.date) -> RiskSignal | None:
    """A family member's own check-in with very high stress: the carer is offered people to
    reach (strength "possible": it says how heavy the day is, not that anyone is in danger)."""
    if stress >= FAMILY_HIGH_STRESS:
        return RiskSignal("family", "possible", day, f"stress {stress}", context="family.checkin")
    return None


# --- the response --------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskResponse:
    """What to show. `message` names the calm line to use (a content key); the block is always
    the short crisis block; `plan` is "show", "offer" (no plan yet) or "hint" (a plan may exist
    but cannot be read now: say where it is, never "you have no plan")."""

    level: Strength
    message: Literal["high", "possible", "note", "family"]
    plan: Literal["show", "offer", "hint"]
    offer_stop: bool  # in a longer flow: offer to stop here (what was given is kept) or go on
    offer_plan_now: bool  # interactive: offer to start the safety plan now


def respond(signals: Sequence[RiskSignal], plan_state: PlanState) -> RiskResponse | None:
    """The one decision: any signal -> the calm line, the short crisis block, the plan (or the
    offer of one) and what to do next. None when there is nothing to respond to."""
    if not signals:
        return None
    high = any(s.strength == "high" for s in signals)
    only_notes = all(s.source == "note" for s in signals)
    only_family = all(s.source == "family" for s in signals)
    plan: Literal["show", "offer", "hint"] = (
        "show" if plan_state == "plan" else "offer" if plan_state == "none" else "hint"
    )
    message: Literal["high", "possible", "note", "family"] = (
        "high" if high else "note" if only_notes else "family" if only_family else "possible"
    )
    return RiskResponse(
        level="high" if high else "possible",
        message=message,
        plan=plan,
        offer_stop=high and any(s.source == "checkin" for s in signals),
        offer_plan_now=high and plan_state == "none",
    )


# --- the short crisis block ----------------------------------------------------------------

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def open_now(line: CrisisLine, now: dt.datetime, utc_offset: float | None) -> bool:
    """Is the line open at `now`? `open: always` is 24 hours; a schedule is read in the country's
    own time (its `utc_offset`); a line without either is never called open."""
    rule = line.get("open")
    if rule == "always":
        return True
    if not rule or utc_offset is None:
        return False
    aware = now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)
    local = aware.astimezone(dt.timezone(dt.timedelta(hours=utc_offset)))
    minute = local.hour * 60 + local.minute
    for slot in rule:
        days = slot.get("days")
        if days is not None and WEEKDAYS[local.weekday()] not in days:
            continue
        if slot.get("day_of_month") is not None and slot["day_of_month"] != local.day:
            continue
        if _minutes(slot["from"]) <= minute < _minutes(slot["to"]):
            return True
    return False


def _rank(line: CrisisLine) -> int:
    return min(CHANNEL_ORDER.index(c) for c in line["channels"])


def short_block(
    crisis: CrisisContent, country: CountryChoice, now: dt.datetime
) -> dict[str, Any]:
    """The short crisis block as data (also the `crisis` object of every `--json` with a risk):
    the emergency number, then at most three lines that are confirmed and open now (or 24 hours),
    text and chat first, each with its note; the full list is `hiki crisis`."""
    entry = crisis["countries"].get(country.code or "")
    if entry:
        offset = entry.get("utc_offset")
        candidates = [
            line
            for line in sorted(entry["lines"], key=_rank)
            if line["status"] == "confirmed" and open_now(line, now, offset)
        ]
        lines = candidates[:MAX_BLOCK_LINES] or [crisis["directory"]]
        emergency = entry["emergency"]
    else:
        lines = [crisis["directory"]]
        emergency = crisis["default_emergency"]
    shown: Sequence[Mapping[str, object]] = lines  # read by name below
    return {
        "country": country.code if entry else None,
        "country_name": entry["name"] if entry else None,
        "country_from": country.how if entry else "none",
        "emergency": emergency,
        "lines": [
            {
                key: line[key]
                for key in ("name", "channels", "contact", "hours", "note", "source")
                if line.get(key)
            }
            for line in shown
        ],
        "countries": sorted(crisis["countries"]),
        "more": "hiki crisis",
    }


# --- what counted as risk, read back from the log --------------------------------------------


@dataclass(frozen=True)
class SafetyRow:
    """One row of a "Safety" section: date, source, answer (never a note's words)."""

    date: str
    recorded: str
    source: Source
    strength: Strength
    answer: str
    instrument: str | None = None
    instrument_name: str | None = None
    item: int | None = None
    threshold: int | None = None


def safety_rows(events: Iterable[Mapping[str, Any]]) -> list[SafetyRow]:
    """Every risk moment in the log, oldest first. `risk.signal` events are the record; check-ins
    and questionnaire results saved before those events existed (or by an older hiki) count too,
    once: a result is skipped when a signal for the same instrument and item was saved that day."""
    rows: list[SafetyRow] = []
    seen: set[tuple[str, str, str | None, int | None]] = set()
    # check-ins and results, each read as its kind's payload, in log order
    pending: list[tuple[str, CheckinPayload | None, AssessmentPayload | None]] = []
    for event in events:
        kind, data = event.get("kind"), event.get("data")
        if not isinstance(data, dict):
            continue
        recorded = str(event.get("ts", ""))
        if kind == KIND:
            signal = signal_from_data(data)
            if signal is None:
                continue
            key = (signal.date.isoformat(), signal.source, signal.instrument, signal.item)
            seen.add(key)
            rows.append(
                SafetyRow(
                    signal.date.isoformat(),
                    recorded,
                    signal.source,
                    signal.strength,
                    signal.answer,
                    signal.instrument,
                    signal.instrument_name,
                    signal.item,
                    signal.threshold,
                )
            )
        elif kind == "checkin":
            pending.append((recorded, cast("CheckinPayload", data), None))
        elif kind == "assessment":
            pending.append((recorded, None, cast("AssessmentPayload", data)))
    for recorded, checkin, data in pending:
        if checkin is not None:
            day = str(checkin.get("date", ""))[:10]
            safe = checkin.get("safe")
            if (safe == "no" or safe == "skip") and (day, "checkin", None, None) not in seen:
                strength: Strength = "high" if safe == "no" else "possible"
                rows.append(SafetyRow(day, recorded, "checkin", strength, safe))
                seen.add((day, "checkin", None, None))
        elif data is not None:  # the day the result is about: its `date`, else the day saved
            about = data.get("date")
            day = about if isinstance(about, str) and len(about) == 10 else recorded[:10]
            answers = data.get("answers")
            for item in data.get("risk_items") or []:
                if not isinstance(item, int) or not isinstance(answers, list):
                    continue
                key = (day, "instrument", data.get("instrument"), item)
                if key in seen or not 1 <= item <= len(answers):
                    continue
                seen.add(key)
                rows.append(
                    SafetyRow(
                        day,
                        recorded,
                        "instrument",
                        "high",
                        str(answers[item - 1]),
                        str(data.get("instrument")),
                        str(data.get("name") or data.get("instrument")),
                        item,
                    )
                )
    rows.sort(key=lambda r: (r.date, r.recorded))
    return rows


class RiskDays:
    """Dashboard projection: the days with a risk moment and the strongest one that day."""

    name = "risk_days"
    version = 1

    def initial(self) -> dict[str, Strength]:
        return {}

    def apply(self, state: dict[str, Strength], event: Mapping[str, Any]) -> dict[str, Strength]:
        if event.get("kind") == KIND:
            raw = event.get("data")
            data = read_signal(raw) if isinstance(raw, dict) else None
            if data is not None and state.get(data["date"]) != "high":
                state[data["date"]] = data["strength"]
        return state
