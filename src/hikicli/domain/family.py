"""The family programme: lesson progress folded from the log, exercise answers, the family check-in.

Event kinds written here:
- `family.lesson`: {module, number, status: "read" | "exercise", answers: {key: text}};
- `family.checkin`: {date, stress 0-10, positive, selfcare} (the latest one counts for a day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from hikicli.domain.checkin import check_date, check_note, check_scale
from hikicli.domain.declare import payload
from hikicli.domain.features.family import FamilyCheckin
from hikicli.domain.features.family import FamilyLesson as FamilyLessonEntry
from hikicli.errors import UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import FamilyContent

LESSON_KIND = "family.lesson"
CHECKIN_KIND = "family.checkin"
READING_KIND = "family.reading"  # a short reading opened (`hiki family read ID`)
FAMILY_KINDS = (LESSON_KIND, CHECKIN_KIND, READING_KIND)
STATUSES = ("new", "read", "exercise")
FAMILY_ROLE = "family"
MAIN_PROFILE = "default"  # the person's own profile (storage.paths.DEFAULT_PROFILE)
HIKI = "{hiki}"  # in family texts: the command that names this profile
# The short readings for families (content/<lang>/family-readings/), in the order they are listed;
# a reading the content adds without a place here comes after these, by id.
READING_ORDER = (
    "guilt",
    "suicide-signs",
    "support-stages",
    "home-visits",
    "parents-disagree",
    "siblings",
    "money-gaming",
    "sleep",
    "shame",
    "over-40",
    "living-alone",
)


def reading_order(ids: Iterable[str]) -> list[str]:
    """The readings' ids in their listed order: READING_ORDER first, any others by id."""
    have = set(ids)
    return [i for i in READING_ORDER if i in have] + sorted(have - set(READING_ORDER))


def hiki_command(profile: str) -> str:
    """How to start hiki in this profile, for every hint a family member may copy."""
    return "hiki" if profile == MAIN_PROFILE else f"hiki --profile {profile}"


def with_profile(text: str, profile: str) -> str:
    """A family text with `{hiki}` filled in (a plain replace: texts may hold other braces)."""
    return str(text).replace(HIKI, hiki_command(profile))


def fill_hiki(value: Any, profile: str) -> Any:
    """Every text in a nest of dicts and lists with `{hiki}` naming this profile."""
    if isinstance(value, str):
        return with_profile(value, profile) if HIKI in value else value
    if isinstance(value, dict):
        return {key: fill_hiki(item, profile) for key, item in value.items()}
    if isinstance(value, list):
        return [fill_hiki(item, profile) for item in value]
    return value


def counts_as_family(profile: str, marked: bool, events: Iterable[Mapping[str, Any]]) -> bool:
    """A profile is a family member's when marked so, or when it is a named profile that holds
    family programme entries. The main profile is the person's own unless marked."""
    if marked:
        return True
    if profile == MAIN_PROFILE:
        return False
    return any(e.get("kind") in FAMILY_KINDS for e in events)


@dataclass
class ModuleProgress:
    number: int
    id: str
    status: str = "new"  # new, read, exercise
    exercises: int = 0  # how many times the exercise was done
    last: str | None = None  # day of the latest lesson event
    answers: dict[str, str] = field(default_factory=dict)  # the latest exercise answers

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "id": self.id,
            "status": self.status,
            "exercises": self.exercises,
            "last": self.last,
            "answers": self.answers,
        }


def lesson_progress(
    module_ids: Sequence[str], events: Iterable[Mapping[str, Any]]
) -> list[ModuleProgress]:
    """Each module's progress. A done exercise outranks a reading; nothing ever goes back."""
    progress = {mid: ModuleProgress(i, mid) for i, mid in enumerate(module_ids, start=1)}
    for event in events:
        if event.get("kind") != LESSON_KIND:
            continue
        data = payload(event, FamilyLessonEntry)
        item = progress.get(str(data.get("module")))
        if item is None:  # a module that the content no longer has: keep it in the log only
            continue
        status = data.get("status")
        if status not in STATUSES:
            continue
        item.last = str(event.get("ts", ""))[:10]
        if status == "exercise":
            item.exercises += 1
            answers = data.get("answers")
            if isinstance(answers, dict) and answers:
                item.answers = {str(k): str(v) for k, v in answers.items()}
        if STATUSES.index(status) > STATUSES.index(item.status):
            item.status = status
    return list(progress.values())


def next_module(progress: Sequence[ModuleProgress]) -> ModuleProgress | None:
    """The first module whose exercise is not yet done, in programme order."""
    return next((p for p in progress if p.status != "exercise"), None)


def module_number(raw: str, count: int) -> int:
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= count:
        raise UsageError("family.lesson_number", count=count, value=raw)
    return number


def parse_answers(raw: Sequence[str], keys: Sequence[str]) -> dict[str, str]:
    """`--answer KEY=TEXT` values for one exercise: every key once, nothing unknown, none empty."""
    answers: dict[str, str] = {}
    for item in raw:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep:
            raise UsageError("family.answer_form", value=item)
        if key not in keys:
            raise UsageError("family.answer_unknown", key=key, keys=", ".join(keys))
        if key in answers:
            raise UsageError("family.answer_twice", key=key)
        text = check_note(text, "--answer").strip()
        if not text:
            raise UsageError("family.answer_empty", key=key)
        answers[key] = text
    missing = [k for k in keys if k not in answers]
    if missing:
        flags = ", ".join(f"--answer {k}=TEXT" for k in missing)
        raise UsageError("family.answer_missing", flags=flags, keys=", ".join(keys))
    return answers


def lesson_record(
    module_id: str, number: int, answers: Mapping[str, str] | None
) -> FamilyLessonEntry:
    """The event data for a lesson: read only (answers None) or the exercise done."""
    if answers is None:
        return {"module": module_id, "number": number, "status": "read", "answers": {}}
    return {"module": module_id, "number": number, "status": "exercise", "answers": dict(answers)}


@dataclass(frozen=True)
class FamilyCheckIn:
    date: dt.date
    stress: int
    positive: str = ""
    selfcare: str = ""

    def to_data(self) -> FamilyCheckin:
        return {
            "date": self.date.isoformat(),
            "stress": self.stress,
            "positive": self.positive,
            "selfcare": self.selfcare,
        }


def make_family_checkin(
    *, date: dt.date, today: dt.date, stress: int, positive: str = "", selfcare: str = ""
) -> FamilyCheckIn:
    clean_positive = check_note(positive, "--positive")
    clean_selfcare = check_note(selfcare, "--selfcare")
    return FamilyCheckIn(
        date=check_date(date, today),
        stress=check_scale("stress", stress),
        positive=clean_positive,
        selfcare=clean_selfcare,
    )


def checkin_reply_key(record: FamilyCheckIn) -> Literal["no_selfcare", "kind_word"]:
    """Which kind word follows a family check-in (a very heavy day is answered by the risk
    mechanism instead: domain.risk.from_family_stress)."""
    if not record.selfcare:
        return "no_selfcare"
    return "kind_word"


class LessonsState(TypedDict):
    """The dashboard's fold of the family programme (FamilyLessons)."""

    modules: dict[str, str]  # each lesson's furthest status, by module id
    last_checkin: str | None  # the latest day with a family check-in
    stress: dict[str, int]  # each day's stress (the latest check-in of the day)


class FamilyLessons:
    """Projection for the dashboard: each lesson's furthest status and the last family check-in day
    (no answers, nothing written in a check-in)."""

    name = "family_lessons"
    version = 3

    def initial(self) -> LessonsState:
        return {"modules": {}, "last_checkin": None, "stress": {}}

    def apply(self, state: LessonsState, event: Mapping[str, Any]) -> LessonsState:
        kind = event.get("kind")
        if kind == LESSON_KIND:
            lesson = payload(event, FamilyLessonEntry)
            module, status = lesson.get("module"), lesson.get("status")
            if isinstance(module, str) and status in STATUSES:
                old = state["modules"].get(module, "new")
                if STATUSES.index(status) > STATUSES.index(old):
                    state["modules"][module] = status
        elif kind == CHECKIN_KIND:
            data = payload(event, FamilyCheckin)
            day = data.get("date")
            if isinstance(day, str):
                last = state["last_checkin"]
                state["last_checkin"] = max(last, day) if last else day
                stress = data.get("stress")
                if isinstance(stress, int) and not isinstance(stress, bool):
                    state.setdefault("stress", {})[day] = stress  # the latest of a day
        return state


def in_use(state: Mapping[str, Any]) -> bool:
    return bool(state.get("modules") or state.get("last_checkin"))


def dashboard_lines(
    state: Mapping[str, Any],
    content: FamilyContent,
    today: dt.date,
    profile: str = MAIN_PROFILE,
    always: bool = False,
) -> list[str]:
    """Once the family programme is in use (or `always`, in a family profile): how far it is, the
    next lesson, today's own check-in. Every hint names the profile."""
    statuses: Mapping[str, str] = state.get("modules") or {}
    last_checkin = state.get("last_checkin")
    if not always and not in_use(state):
        return []
    texts = content["texts"]
    lines = []
    if statuses or always:
        ids = [m["id"] for m in content["modules"]]
        done = sum(1 for mid in ids if statuses.get(mid) == "exercise")
        upcoming = next(
            (i for i, mid in enumerate(ids, 1) if statuses.get(mid) != "exercise"), None
        )
        if upcoming is None:
            lines.append(with_profile(texts["dashboard_done"], profile))
        else:
            line = with_profile(texts["dashboard_line"], profile)
            lines.append(line.format(done=done, total=len(ids), number=upcoming))
    if last_checkin != today.isoformat():
        lines.append(with_profile(texts["dashboard_checkin"], profile))
    return lines
