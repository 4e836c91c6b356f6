"""Every event kind hiki writes, declared once: its name, payload type, the one validator, its
history summary and its payload version.

The validator of a kind is the *record rule*: what a stored entry must be for hiki's screens to
read it. The same function runs at write (storage/log.py refuses to save an entry it could not
read back), at read-back (a failing entry is skipped and located, never a crash) and at import
(storage/importing.py), so an export of a log hiki reads can always be imported again.
*Input rules* are stricter and stay where input is parsed, with the flag's name: a note typed
today is at most 4,000 characters, a date is not in the future, a text has no control
characters. A record rule never adds such limits, so nothing an older hiki wrote (nor a
hand-edited entry hiki showed until now) is turned away later. Check-ins and risk signals drive
the dashboard and the safety screens and are checked whole; the other kinds' readers tolerate
missing values (their folds are fuzzed), so their rule is "each value, when present, has the
type hiki writes". Unknown kinds (a newer hiki's)
have no check and pass through every path unchanged.

Pure and cheap to import: this module is read on every start (the dashboard, the first check-in
question), so feature modules are imported inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from hikicli.domain.checkin import CONTACT_IDS, MAX_OUTSIDE, MAX_SLEEP

Data = Mapping[str, Any]
Problem = Callable[[Data], "str | None"]


@dataclass(frozen=True)
class SummaryContext:
    """What summaries are written with: `texts`, the summaries' own words in the person's
    language (the `history` group of content/<lang>/messages.yaml, passed in by the view: this
    module holds no words), the words of a safety row (content `progress.safety`) and the safety
    plan's items by id (an item_removed names only its id)."""

    words: Mapping[str, Any]
    plan_items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    texts: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def over(
        cls,
        events: Iterable[Mapping[str, Any]],
        words: Mapping[str, Any],
        texts: Mapping[str, Any] | None = None,
    ) -> SummaryContext:
        items = {}
        for event in events:
            data = event.get("data")
            if event.get("kind") == "safety_plan.item_added" and isinstance(data, dict):
                items[str(data.get("item"))] = data
        return cls(words, items, texts or {})

    def say(self, key: str, /, **params: Any) -> str:
        """The words `history.name` with `{placeholders}` filled; without words (no catalog at
        hand), the key and the values themselves, never a failure."""
        template = self.texts.get(key.partition(".")[2] or key)
        if not isinstance(template, str):
            values = [str(v) for v in params.values() if v not in ("", None)]
            return " ".join([key, *values])
        return fill(template, params)

    def label(self, group: str, value: Any) -> str:
        """An id in words (`contact` family -> 家族), or the id itself when it has none."""
        found = self.texts.get(f"{group}_{str(value).replace('-', '_')}")
        return found if isinstance(found, str) else str(value)

    def join(self, values: Iterable[Any], group: str | None = None) -> str:
        """A list in a sentence: `, ` in English, `、` in Japanese (the words' `list_sep`)."""
        sep = self.texts.get("list_sep", ", ")
        return str(sep).join(self.label(group, v) if group else str(v) for v in values)

    def parts(self, parts: Iterable[str]) -> str:
        """Pieces of one entry: ` · ` in English, `・` in Japanese (the words' `sep`)."""
        return str(self.texts.get("sep", " · ")).join(parts)


PLAIN = SummaryContext({})


def _ctx(context: SummaryContext | None) -> SummaryContext:
    return context if context is not None else PLAIN


def fill(template: str, params: Mapping[str, Any]) -> str:
    """`{name}` and `{name:spec}` placeholders only (no attribute or index lookups: words from a
    file cannot reach code); a missing or unformattable value is left as written."""
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        if not name.isidentifier() or name not in params:
            out.append("{" + name + "}")
            continue
        try:
            out.append(format(params[name], spec or ""))
        except (TypeError, ValueError):
            out.append(str(params[name]))
    return "".join(out)


Summary = Callable[[Data, "SummaryContext | None"], str]


@dataclass(frozen=True)
class EventKind:
    """One event kind. `example` is a payload as today's hiki writes it; `older` holds shapes
    older hikis wrote that must stay readable (both are walked by tests)."""

    name: str
    feature: str
    payload: type
    problem: Problem
    summary: Summary
    version: int = 1
    example: Mapping[str, Any] = field(default_factory=dict)
    older: tuple[Mapping[str, Any], ...] = ()


# --- small record rules ----------------------------------------------------------------------


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in(value: Any, lo: int, hi: int) -> bool:
    return _int(value) and lo <= value <= hi


def is_text(value: Any) -> bool:
    """A string that can be written back as UTF-8 (a JSON escape can hold a lone surrogate)."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _fields(
    what: str,
    required: Mapping[str, Callable[[Any], bool]],
    optional: Mapping[str, Callable[[Any], bool]] | None = None,
) -> Problem:
    """A record rule from field checks: required fields must hold, optional ones when present
    (None counts as absent: hiki writes None for a value that was not given)."""

    def problem(data: Data) -> str | None:
        for name, ok in required.items():
            if not ok(data.get(name)):
                return f"this {what}'s {name} is not readable"
        for name, ok in (optional or {}).items():
            value = data.get(name)
            if value is not None and not ok(value):
                return f"this {what}'s {name} is not readable"
        return None

    return problem


def _texts(value: Any) -> bool:
    return isinstance(value, dict) and all(is_text(k) and is_text(v) for k, v in value.items())


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _suds(value: Any) -> bool:
    return _int_in(value, 0, 100)


def _whole(value: Any) -> bool:
    return _int(value)


# --- check-in ----------------------------------------------------------------------------------


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


def checkin_problem(data: Data) -> str | None:
    """Check-ins drive the dashboard and charts: every value is checked."""
    if not _is_date(data.get("date")):
        return "this check-in has no readable date"
    for name in ("mood", "anxiety", "energy"):
        if not _int_in(data.get(name), 0, 10):
            return f"this check-in's {name} must be a whole number from 0 to 10"
    sleep: Any = data.get("sleep")
    if not (_number(sleep) and 0 <= sleep <= MAX_SLEEP):
        return f"this check-in's sleep must be hours from 0 to {MAX_SLEEP:g}"
    if not _int_in(data.get("outside"), 0, MAX_OUTSIDE):
        return f"this check-in's outside must be minutes from 0 to {MAX_OUTSIDE}"
    contact = data.get("contact")
    if not (isinstance(contact, list) and all(c in CONTACT_IDS for c in contact)):
        return f"this check-in's contact must be a list of: {', '.join(CONTACT_IDS)}"
    if not is_text(data.get("note", "")):
        return "this check-in's note is not text"
    if not is_text(data.get("safe", "")):
        return "this check-in's safety answer is not text"
    slept, woke = data.get("slept"), data.get("woke")
    if slept is None and woke is None:
        return None  # the usual case: no import statement run 100,000 times in an import
    from hikicli.domain.sleep import is_clock

    for name, value in (("slept", slept), ("woke", woke)):
        if value is not None and not is_clock(value):
            return f"this check-in's {name} must be a time written HH:MM"
    return None


def summarize_checkin(d: Data, context: SummaryContext | None = None) -> str:
    ctx = _ctx(context)
    line = ctx.say(
        "history.checkin", mood=d["mood"], anxiety=d["anxiety"], energy=d["energy"],
        sleep=f"{d['sleep']:g}", outside=d["outside"], contact=ctx.join(d["contact"], "contact"),
    )  # fmt: skip
    if d.get("slept") and d.get("woke"):
        times = ctx.say("history.checkin_sleep_times", slept=d["slept"], woke=d["woke"])
        line = ctx.parts([line, times])
    return line


# --- risk --------------------------------------------------------------------------------------


class RiskPayload(TypedDict, total=False):
    source: str  # checkin, instrument, note
    strength: str  # high, possible
    date: str
    answer: str
    instrument: str
    instrument_name: str
    item: int
    threshold: int
    mood: int
    context: str


def _risk_problem(data: Data) -> str | None:
    from hikicli.domain.risk import signal_problem

    return signal_problem(data)


def summarize_risk(data: Data, context: SummaryContext | None) -> str:
    """A `risk.signal`, e.g. "check-in: not safe / not sure, mood 1/10" (never a note's
    words): a check-in stopped at the safety question keeps its mood only here."""
    if context is None or not context.words:
        return _ctx(context).say("history.risk_unknown")
    from hikicli.domain.progress import safety_words

    what, said, _rule = safety_words(data, context.words)
    mood = data.get("mood")
    if isinstance(mood, int) and not isinstance(mood, bool):  # kept with it ("mood and answer")
        return context.say("history.risk_mood", what=what, said=said, mood=mood)
    return context.say("history.risk", what=what, said=said)


# --- questionnaires ----------------------------------------------------------------------------


class AssessmentPayload(TypedDict, total=False):
    instrument: str
    name: str
    answers: list[int]
    total: int
    max: int
    band: str | None
    risk_items: list[int]
    percent: float
    subscales: dict[str, int]
    own_file: bool
    date: str  # the day it is about (YYYY-MM-DD); `hiki assess --date` may give an earlier one


def _assessment_summary(data: Data, context: SummaryContext | None) -> str:
    """e.g. 'PHQ-9 12 (moderate)'."""
    name, total = data.get("name", data.get("instrument", "")), data.get("total", "")
    if data.get("percent") is not None:
        return _ctx(context).say("history.assessment_percent", name=name, total=total,
                                 percent=data["percent"])  # fmt: skip
    if data.get("band"):
        return _ctx(context).say(
            "history.assessment_band", name=name, total=total, band=data["band"]
        )
    return _ctx(context).say("history.assessment", name=name, total=total)


# --- safety plan -------------------------------------------------------------------------------


class PlanItemAdded(TypedDict):
    item: str
    section: str
    text: str


class PlanItemRemoved(TypedDict):
    item: str


def _plan_added_summary(data: Data, context: SummaryContext | None) -> str:
    section = _ctx(context).label("plan_section", data.get("section", ""))
    return _ctx(context).say("history.plan_added", section=section, text=data.get("text", ""))


def summarize_removed(data: Data, context: SummaryContext | None) -> str:
    added = context.plan_items.get(str(data.get("item"))) if context is not None else None
    if not added or not isinstance(added.get("text"), str):
        if context is None or "plan_removed_unknown" not in context.words:
            return _ctx(context).say("history.plan_removed_unknown")
        return str(context.words["plan_removed_unknown"])
    section = _ctx(context).label("plan_section", added.get("section", ""))
    if context is None or "plan_removed" not in context.words:
        return _ctx(context).say("history.plan_removed", section=section, text=added["text"])
    return fill(str(context.words["plan_removed"]), {"section": section, "text": added["text"]})


def _restart_removed_summary(data: Data, context: SummaryContext | None) -> str:
    return _ctx(context).say("history.restart_removed", item=data.get("item", ""))


# --- family, homework, guides ------------------------------------------------------------------


class FamilyLesson(TypedDict):
    module: str
    number: int
    status: str  # read, exercise
    answers: dict[str, str]


class FamilyCheckin(TypedDict):
    date: str
    stress: int
    positive: str
    selfcare: str


class HomeworkPack(TypedDict):
    id: str
    file: str
    pack: dict[str, Any]  # the validated pack, as imported


class HomeworkAnswer(TypedDict):
    pack: str
    task: str
    text: str


class HomeworkDone(TypedDict):
    pack: str
    task: str


class GuideRead(TypedDict):
    topic: str
    audience: str


def _simple(key: str, **labels: str) -> Summary:
    """A summary from the words `key` over the payload (missing values read as empty); a value
    named in `labels` is an id shown in words (`status` read -> 読みました)."""

    def summary(data: Data, context: SummaryContext | None) -> str:
        ctx = _ctx(context)
        params = {k: "" if v is None else v for k, v in data.items()}
        for name, group in labels.items():
            if name in params:
                params[name] = ctx.label(group, params[name])
        for name in _KEY_FIELDS.get(key, ()):
            params.setdefault(name, "")
        return ctx.say(key, **params)

    return summary


# The payload fields each simple summary's words may name (absent ones read as empty).
_KEY_FIELDS = {
    "history.restart_added": ("section", "text"),
    "history.family_lesson": ("number", "module", "status"),
    "history.family_checkin": ("stress",),
    "history.homework_pack": ("id",),
    "history.homework_answer": ("pack", "task"),
    "history.homework_done": ("pack", "task"),
    "history.guide_read": ("topic", "audience"),
    "history.activity_plan": ("when", "text"),
    "history.activity_done": ("text", "pleasure", "mastery"),
}


# --- activity (behavioural activation) ---------------------------------------------------------


class ActivityPlan(TypedDict):
    plan: str  # the plan's own id, named by the activity.done that rates it
    date: str
    when: str  # morning, afternoon, evening, night
    text: str
    activity: str  # the content's activity id, or "" for the person's own


class ActivityDone(TypedDict):
    date: str
    text: str
    activity: str
    pleasure: int  # 0-10
    mastery: int  # 0-10: an achievement, given how one felt
    plan: str  # the plan it rates, or ""


def _rating(value: Any) -> bool:
    return _int_in(value, 0, 10)


# --- ladder ------------------------------------------------------------------------------------


class LadderGoal(TypedDict):
    goal: str


class LadderStep(TypedDict, total=False):
    """add, edit (text and/or suds), remove, pause, resume: `step` names the step."""

    step: str
    text: str
    suds: int
    template: str


class LadderPlan(TypedDict, total=False):
    step: str
    date: str
    what: str
    where: str
    when: str
    minutes_planned: int | None
    expected: int | None
    fear: str
    likelihood: int | None
    safety: str


class LadderTry(LadderPlan, total=False):
    plan: str
    result: str  # done, partly, not-today
    peak: int | None
    end: int | None
    happened: str | None
    learned: str
    with_someone: bool
    minutes: int | None
    step_title: str


class LadderMastered(TypedDict, total=False):
    step: str
    step_title: str
    rule: str


def _ladder_summary(name: str) -> Summary:
    def summary(data: Data, context: SummaryContext | None) -> str:
        from hikicli.domain.ladder import summarizers  # the ladder's own summaries

        return str(summarizers()[name](data, _ctx(context)))

    return summary


_STEP = {"step": is_text}
_PLAN_FIELDS: dict[str, Callable[[Any], bool]] = {
    "date": _is_date,
    "what": is_text,
    "where": is_text,
    "when": is_text,
    "minutes_planned": _whole,
    "expected": _suds,
    "fear": is_text,
    "likelihood": _int,
    "safety": is_text,
}


def _try_problem(data: Data) -> str | None:
    # The fold counts a result only when it is one of the known ones; others pass as a try
    # without a result (hand-edited logs), so the result is not checked here.
    return _fields(
        "ladder try",
        {},
        {
            **_STEP,
            **_PLAN_FIELDS,
            "plan": is_text,
            "peak": _suds,
            "end": _suds,
            "happened": is_text,
            "learned": is_text,
            "minutes": _whole,
            "step_title": is_text,
        },
    )(data)


_PAYLOAD_TRY = {"step": "s1", "result": "done", "peak": 40, "end": 20, "date": "2026-11-20"}

KINDS: tuple[EventKind, ...] = (
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
    EventKind(
        "risk.signal",
        "risk",
        RiskPayload,
        _risk_problem,
        summarize_risk,
        example={
            "source": "checkin",
            "strength": "high",
            "date": "2026-11-20",
            "answer": "no",
            "mood": 1,
            "context": "checkin",
        },
    ),
    EventKind(
        "assessment",
        "assess",
        AssessmentPayload,
        _fields(
            "result",
            {},
            {
                "instrument": is_text,
                "total": _number,
                "name": is_text,
                "band": is_text,
                "percent": _number,
                "answers": lambda v: isinstance(v, list),
                "risk_items": lambda v: isinstance(v, list),
                "date": _is_date,
            },
        ),
        _assessment_summary,
        example={
            "instrument": "phq9",
            "name": "PHQ-9",
            "answers": [1] * 9,
            "total": 9,
            "max": 27,
            "band": "mild",
            "risk_items": [9],
            "own_file": False,
        },
    ),
    EventKind(
        "safety_plan.item_added",
        "safety_plan",
        PlanItemAdded,
        _fields("safety plan item", {}, {"item": is_text, "section": is_text, "text": is_text}),
        _plan_added_summary,
        example={"item": "a1b2c3d4e5f6", "section": "coping", "text": "a warm shower"},
    ),
    EventKind(
        "safety_plan.item_removed",
        "safety_plan",
        PlanItemRemoved,
        _fields("safety plan change", {}, {"item": is_text}),
        summarize_removed,
        example={"item": "a1b2c3d4e5f6"},
    ),
    EventKind(
        "restart_plan.item_added",
        "restart_plan",
        PlanItemAdded,
        _fields("restart plan item", {}, {"item": is_text, "section": is_text, "text": is_text}),
        _simple("history.restart_added", section="restart_section"),
        example={"item": "b1c2d3e4f5a6", "section": "first-step", "text": "open the curtains"},
    ),
    EventKind(
        "restart_plan.item_removed",
        "restart_plan",
        PlanItemRemoved,
        _fields("restart plan change", {}, {"item": is_text}),
        _restart_removed_summary,
        example={"item": "b1c2d3e4f5a6"},
    ),
    EventKind(
        "family.lesson",
        "family",
        FamilyLesson,
        _fields(
            "lesson", {}, {"module": is_text, "number": _int, "status": is_text, "answers": _texts}
        ),
        _simple("history.family_lesson", status="lesson"),
        example={
            "module": "understanding",
            "number": 1,
            "status": "exercise",
            "answers": {"noticed": "he came to dinner"},
        },
    ),
    EventKind(
        "family.checkin",
        "family",
        FamilyCheckin,
        _fields(
            "family check-in",
            {},
            {"date": _is_date, "stress": _int, "positive": is_text, "selfcare": is_text},
        ),
        _simple("history.family_checkin"),
        example={"date": "2026-11-20", "stress": 6, "positive": "we laughed", "selfcare": ""},
    ),
    EventKind(
        "homework.pack",
        "homework",
        HomeworkPack,
        _fields(
            "homework pack",
            {},
            {"id": is_text, "file": is_text, "pack": lambda v: isinstance(v, dict)},
        ),
        _simple("history.homework_pack"),
        example={
            "id": "week1",
            "file": "week1.yaml",
            "pack": {"id": "week1", "title": "Week one", "tasks": []},
        },
    ),
    EventKind(
        "homework.answer",
        "homework",
        HomeworkAnswer,
        _fields("homework answer", {}, {"pack": is_text, "task": is_text, "text": is_text}),
        _simple("history.homework_answer"),
        example={"pack": "week1", "task": "reflect", "text": "it went better than I feared"},
    ),
    EventKind(
        "homework.done",
        "homework",
        HomeworkDone,
        _fields("homework mark", {}, {"pack": is_text, "task": is_text}),
        _simple("history.homework_done"),
        example={"pack": "week1", "task": "walk"},
    ),
    EventKind(
        "guide.read",
        "guide",
        GuideRead,
        _fields("guide reading", {}, {"topic": is_text, "audience": is_text}),
        _simple("history.guide_read", audience="audience"),
        example={"topic": "behavioural-activation", "audience": "self"},
    ),
    EventKind(
        "ladder.goal",
        "ladder",
        LadderGoal,
        _fields("ladder goal", {}, {"goal": is_text}),
        _ladder_summary("ladder.goal"),
        example={"goal": "go to the library"},
    ),
    EventKind(
        "ladder.add",
        "ladder",
        LadderStep,
        # The fold numbers a step without a usable id itself: only the values are checked.
        _fields(
            "ladder step",
            {},
            {"step": is_text, "text": is_text, "suds": _whole, "template": is_text},
        ),
        _ladder_summary("ladder.add"),
        example={"step": "s1", "text": "open the curtains", "suds": 10, "template": ""},
    ),
    EventKind(
        "ladder.edit",
        "ladder",
        LadderStep,
        _fields("ladder change", {}, {**_STEP, "text": is_text, "suds": _whole}),
        _ladder_summary("ladder.edit"),
        example={"step": "s1", "text": "open the curtains wide", "suds": 15},
    ),
    *(
        EventKind(
            f"ladder.{name}",
            "ladder",
            LadderStep,
            _fields("ladder change", {}, _STEP),
            _ladder_summary(f"ladder.{name}"),
            example={"step": "s1"},
        )
        for name in ("remove", "pause", "resume")
    ),
    EventKind(
        "ladder.plan",
        "ladder",
        LadderPlan,
        _fields("ladder plan", {}, {**_STEP, **_PLAN_FIELDS}),
        _ladder_summary("ladder.plan"),
        example={
            "step": "s1",
            "date": "2026-11-20",
            "what": "curtains",
            "where": "",
            "when": "",
            "minutes_planned": 5,
            "expected": 30,
            "fear": "the light",
            "likelihood": 20,
            "safety": "",
        },
    ),
    EventKind(
        "ladder.try",
        "ladder",
        LadderTry,
        _try_problem,
        _ladder_summary("ladder.try"),
        example={
            "plan": "",
            "step": "s1",
            "step_title": "open the curtains",
            "result": "done",
            "peak": 40,
            "end": 20,
            "happened": "no",
            "learned": "it was fine",
            "with_someone": False,
            "minutes": 5,
            "date": "2026-11-20",
        },
        older=(_PAYLOAD_TRY, {"step": "s1", "result": "not-today"}),
    ),
    EventKind(
        "ladder.mastered",
        "ladder",
        LadderMastered,
        _fields("ladder mastery", {}, {**_STEP, "step_title": is_text, "rule": is_text}),
        _ladder_summary("ladder.mastered"),
        example={"step": "s1", "step_title": "open the curtains", "rule": "habituation"},
    ),
    EventKind(
        "activity.plan",
        "activity",
        ActivityPlan,
        _fields(
            "activity plan",
            {},
            {
                "plan": is_text,
                "date": _is_date,
                "when": is_text,
                "text": is_text,
                "activity": is_text,
            },
        ),  # fmt: skip
        _simple("history.activity_plan", when="when"),
        example={
            "plan": "a1b2c3d4e5f6",
            "date": "2026-11-20",
            "when": "afternoon",
            "text": "make a cup of tea",
            "activity": "tea",
        },
    ),
    EventKind(
        "activity.done",
        "activity",
        ActivityDone,
        # progress reads the ratings: a stored one must be a whole number from 0 to 10
        _fields(
            "activity",
            {},
            {
                "date": _is_date,
                "text": is_text,
                "activity": is_text,
                "pleasure": _rating,
                "mastery": _rating,
                "plan": is_text,
            },
        ),  # fmt: skip
        _simple("history.activity_done"),
        example={
            "date": "2026-11-20",
            "text": "made tea",
            "activity": "",
            "pleasure": 3,
            "mastery": 5,
            "plan": "",
        },
    ),
)

BY_NAME: dict[str, EventKind] = {k.name: k for k in KINDS}


def payload_problem(kind: str, data: Data) -> str | None:
    """Why a stored payload of `kind` cannot be read, or None (always None for unknown kinds)."""
    declared = BY_NAME.get(kind)
    return declared.problem(data) if declared is not None else None


def summarize(event: Mapping[str, Any], context: SummaryContext | None = None) -> str:
    """One line in words for `hiki history`; an entry of a kind this hiki does not know (written
    by a newer hiki) still gets a line."""
    declared = BY_NAME.get(str(event.get("kind")))
    data = event.get("data") or {}
    if declared is None:
        return _ctx(context).say("history.unknown_kind", kind=event.get("kind"))
    return declared.summary(data, context)


def versions() -> dict[str, int]:
    """Each kind's payload version (part of every cache key that folds the log)."""
    return {k.name: k.version for k in KINDS}
