"""Homework packs: which tasks a pack holds and whether each is done, computed from the log.

Pure rules: a pack (plain dict, dates as ISO text), the events, and today in; task statuses out.
Tasks complete themselves when the person does the thing. The event kinds relied on:

- check-ins: `checkin` for the person's pack, `family.checkin` for a family pack
  (`audience: family`), never the other (the day is `data.date`); in a family member's own
  profile (`family=True`) their `family.checkin` is the check-in, whatever the pack's audience;
- lessons (family packs): `family.lesson` with that `number` and `status: exercise`;
- family readings (family packs): `family.reading` with that `reading` id (recorded when
  `hiki family read ID` is opened);
- readings: `guide.read` with `data.topic` (recorded when `hiki guide TOPIC` is opened);
- ladder steps: a try that happened (done or partly: the ladder's own `is_try`) of the step,
  named by its text or by the id (`step`) that a ladder event gave to that text (the pack's own
  `ladder.add` at import, or one the person added);
- questionnaires: `assessment` / `assessment.*` whose data names the instrument
  (`instrument`, `questionnaire`, `id` or `name`; compared without case, spaces or dashes);
- reflections: `homework.answer` (pack, task, text); any task: `homework.done` (pack, task), for
  work done away from hiki.

Events count from the pack's start date on (late work still counts). The check-in plan and weekly
questionnaires count in 7-day blocks from the start date, within the pack's dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard, cast

# the family programme's own kinds, named where the family domain declares them
from hikicli.domain.family import LESSON_KIND, MAIN_PROFILE, with_profile
from hikicli.domain.family import READING_KIND as FAMILY_READING_KIND
from hikicli.domain.ladder import is_ladder_event, is_try
from hikicli.domain.weeks import weeks_from

if TYPE_CHECKING:
    from hikicli.domain.content_types import HomeworkPack as Pack
    from hikicli.domain.content_types import HomeworkTexts
    from hikicli.domain.features.homework import HomeworkPack as PackEntry
    from hikicli.domain.features.homework import PackDates

PACK_KIND = "homework.pack"
ANSWER_KIND = "homework.answer"
DONE_KIND = "homework.done"
# Whose check-ins count: the person's own for their pack, the family member's for a family pack.
# A family check-in never counts as the person's homework.
CHECKIN_KINDS = {"self": ("checkin",), "family": ("family.checkin",)}
GUIDE_KIND = "guide.read"
INSTRUMENT_KEYS = ("instrument", "questionnaire", "id", "name")
TASK_KINDS = (
    "checkins", "reading", "ladder", "questionnaire", "reflection", "lesson", "family_reading",
)  # fmt: skip

Event = Mapping[str, Any]


@dataclass(frozen=True)
class Task:
    id: str
    kind: str  # one of TASK_KINDS
    label: str  # the pack's own words: a topic id, a step, a question
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class TaskStatus:
    id: str
    kind: str
    label: str
    done: bool
    progress: dict[str, int] | None = None  # e.g. {"done": 2, "needed": 3}
    answer: str | None = None
    done_on: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, repr=False)  # the pack's own fields

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["detail"]
        return data


@dataclass(frozen=True)
class Block:
    """One 7-day stretch of a pack, from the start date; the last one may be shorter."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def tasks_of(pack: Mapping[str, Any]) -> list[Task]:
    """The pack's tasks, each with a stable id the person can type (`hiki homework answer ID`)."""
    tasks: list[Task] = []
    if pack.get("checkins"):
        days = int(pack["checkins"]["days_per_week"])
        tasks.append(Task("checkins", "checkins", str(days), {"days_per_week": days}))
    for reading in pack.get("readings") or []:
        tasks.append(
            Task(f"reading-{reading['topic']}", "reading", reading["topic"], dict(reading))
        )
    for i, step in enumerate(pack.get("ladder_steps") or [], start=1):
        tasks.append(Task(f"step-{i}", "ladder", step["step"], dict(step)))
    for q in pack.get("questionnaires") or []:
        tasks.append(Task(f"questionnaire-{q['id']}", "questionnaire", q["id"], dict(q)))
    for r in pack.get("reflections") or []:
        tasks.append(Task(f"reflection-{r['id']}", "reflection", r["question"], dict(r)))
    for lesson in pack.get("lessons") or []:
        n = int(lesson["number"])
        tasks.append(Task(f"lesson-{n}", "lesson", str(n), dict(lesson)))
    for reading in pack.get("family_readings") or []:
        rid = reading["id"]
        tasks.append(Task(f"family-reading-{rid}", "family_reading", rid, dict(reading)))
    return tasks


def blocks(start: dt.date, due: dt.date) -> list[Block]:
    return [Block(first, last) for first, last in weeks_from(start, due)]


def current_block(all_blocks: list[Block], today: dt.date) -> int:
    """Index of the block holding today (the first before the start, the last after the end)."""
    for i, block in enumerate(all_blocks):
        if today <= block.last:
            return i
    return len(all_blocks) - 1


def event_day(event: Event) -> str:
    data = event.get("data") or {}
    day = data.get("date")
    return day if isinstance(day, str) else str(event.get("ts", ""))[:10]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _squash(text: str) -> str:
    squashed = _SQUASHED.get(text)
    if squashed is None:  # an instrument's few names, squashed once each (not once an event)
        squashed = _SQUASHED[text] = re.sub(r"[^0-9a-z]", "", text.lower())
    return squashed


_SQUASHED: dict[str, str] = {}


def _strings(data: Any, depth: int = 0) -> Iterable[str]:
    """Every text value in an event's data (one level of nesting is enough for step records)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping) and depth < 2:
        for value in data.values():
            yield from _strings(value, depth + 1)
    elif isinstance(data, list) and depth < 2:
        for value in data:
            yield from _strings(value, depth + 1)


def step_words(event: Event) -> tuple[Any, frozenset[str]]:
    """What a ladder event says of its step for `step_done_on`: its step id and its words (every
    text value but its date, normalised). Two events with the same say the same."""
    data = event.get("data") or {}
    words = {k: v for k, v in data.items() if k != "date"} if isinstance(data, Mapping) else data
    return data.get("step") if isinstance(data, Mapping) else None, frozenset(
        _norm(s) for s in _strings(words)
    )


def step_done_on(step_text: str, events: Sequence[Event], start: str) -> str | None:
    """The first day, on or after `start`, of a try (done or partly) of this step: a try whose
    `step_title` is the text, or whose `step` id a ladder event gave to that text (its words,
    `step_words`: a date is never a step's words)."""
    wanted = _norm(step_text)
    ladder = [e for e in events if is_ladder_event(e)]
    ids = set()
    for e in ladder:
        step, words = step_words(e)
        if isinstance(step, str) and wanted in words:
            ids.add(step)
    for e in ladder:
        data = e.get("data") or {}
        if event_day(e) < start or not is_try(e):
            continue
        if data.get("step") in ids or wanted in step_words(e)[1]:
            return event_day(e)
    return None


def same_instrument(a: str, b: str) -> bool:
    """`who-5`, `WHO5` and `who5` name the same questionnaire."""
    return _squash(a) == _squash(b)


def find_instrument(name: str, instruments: Mapping[str, Any]) -> str | None:
    """The id of hiki's questionnaire that `name` refers to, if hiki has one."""
    return next((i for i in instruments if same_instrument(i, name)), None)


def _is_assessment_of(event: Event, instrument: str) -> bool:
    kind = str(event.get("kind", ""))
    if kind != "assessment" and not kind.startswith("assessment."):
        return False
    data = event.get("data") or {}
    return any(
        isinstance(data.get(k), str) and _squash(data[k]) == _squash(instrument)
        for k in INSTRUMENT_KEYS
    )


def pack_audience(pack: Mapping[str, Any]) -> str:
    return "family" if pack.get("audience") == "family" else "self"


def _per_block(days: set[str], all_blocks: list[Block], needed: int) -> list[tuple[int, int]]:
    """(days done, days needed) for each block; a short last block needs at most its length."""
    out = []
    for block in all_blocks:
        done = sum(1 for d in days if block.first.isoformat() <= d <= block.last.isoformat())
        out.append((done, min(needed, block.days)))
    return out


def task_status(
    pack_id: str,
    pack: Mapping[str, Any],
    task: Task,
    events: Sequence[Event],
    today: dt.date,
    mine: Sequence[Event] | None = None,
    family: bool = False,
) -> TaskStatus:
    """`mine`: the events naming this pack, when the caller has them (`by_pack`). `family`: this
    is a family member's own profile, where their `family.checkin` is the check-in."""
    start_day = dt.date.fromisoformat(pack["start"])
    due_day = dt.date.fromisoformat(pack["due"])
    start, due = start_day.isoformat(), due_day.isoformat()
    status = TaskStatus(task.id, task.kind, task.label, done=False, detail=dict(task.detail))
    if mine is None:
        mine = by_pack(events).get(pack_id, [])
    answers = [e for e in mine if e.get("kind") == ANSWER_KIND and e["data"].get("task") == task.id]
    marks = [e for e in mine if e.get("kind") == DONE_KIND and e["data"].get("task") == task.id]
    if task.kind == "reflection":
        if answers:
            status.answer = str(answers[-1]["data"].get("text", ""))
            status.done, status.done_on = True, event_day(answers[-1])
        return status
    if marks:
        status.done, status.done_on = True, event_day(marks[0])
    if task.kind in ("checkins", "questionnaire") and (
        task.kind == "checkins" or task.detail.get("every") == "weekly"
    ):
        all_blocks = blocks(start_day, due_day)
        if task.kind == "checkins":
            checkin_kinds = CHECKIN_KINDS["family" if family else pack_audience(pack)]
            days = {
                event_day(e)
                for e in events
                if e.get("kind") in checkin_kinds and start <= event_day(e) <= due
            }
            per = _per_block(days, all_blocks, int(task.detail["days_per_week"]))
        else:
            days = {
                day
                for e in events
                if start <= (day := event_day(e)) <= due and _is_assessment_of(e, task.label)
            }
            per = _per_block(days, all_blocks, 1)
        now = current_block(all_blocks, today)
        met = sum(1 for done, needed in per if done >= needed)
        status.progress = {
            "done": min(per[now][0], per[now][1]),
            "needed": per[now][1],
            "week": now + 1,
            "weeks": len(all_blocks),
            "weeks_met": met,
        }
        if met == len(all_blocks) and not status.done:
            status.done, status.done_on = True, max(days)
        return status
    if status.done:
        return status
    found: str | None = None
    if task.kind == "reading":
        found = next(
            (
                event_day(e)
                for e in events
                if e.get("kind") == GUIDE_KIND
                and (e.get("data") or {}).get("topic") == task.label
                and event_day(e) >= start
            ),
            None,
        )
    elif task.kind == "ladder":
        found = step_done_on(task.label, events, start)
    elif task.kind == "lesson":
        found = next(
            (
                str(e.get("ts", ""))[:10]
                for e in events
                if e.get("kind") == LESSON_KIND
                and (e.get("data") or {}).get("number") == int(task.label)
                and (e.get("data") or {}).get("status") == "exercise"
                and str(e.get("ts", ""))[:10] >= start
            ),
            None,
        )
    elif task.kind == "family_reading":
        found = next(
            (
                event_day(e)
                for e in events
                if e.get("kind") == FAMILY_READING_KIND
                and (e.get("data") or {}).get("reading") == task.label
                and event_day(e) >= start
            ),
            None,
        )
    elif task.kind == "questionnaire":
        found = next(
            (
                event_day(e)
                for e in events
                if _is_assessment_of(e, task.label) and event_day(e) >= start
            ),
            None,
        )
    if found:
        status.done, status.done_on = True, found
    return status


@dataclass
class PackView:
    id: str
    pack: Pack
    imported: str
    tasks: list[TaskStatus]
    days_left: int  # negative once the due date has passed
    started: bool

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.pack["title"],
            "counselor": self.pack.get("counselor"),
            "message": self.pack.get("message"),
            "start": self.pack["start"],
            "due": self.pack["due"],
            "imported": self.imported,
            "days_left": self.days_left,
            "done": self.done,
            "total": len(self.tasks),
            "tasks": [t.to_json() for t in self.tasks],
        }


def read_pack(event: Event) -> tuple[str, Pack] | None:
    """A `homework.pack` event's (id, pack) read through their types, when the pack is one hiki
    can read (`well_formed`); None for another kind or a damaged pack."""
    if event.get("kind") != PACK_KIND:
        return None
    data = event.get("data")
    entry = cast("PackEntry", data if isinstance(data, Mapping) else {})
    pack_id, pack = entry.get("id"), entry.get("pack")
    return (pack_id, pack) if isinstance(pack_id, str) and well_formed(pack) else None


def current_packs(events: Iterable[Event]) -> dict[str, tuple[Pack, str]]:
    """Imported packs by id; a newer import of the same id replaces the older one."""
    packs: dict[str, tuple[Pack, str]] = {}
    for e in events:
        if (found := read_pack(e)) is not None:
            packs[found[0]] = (found[1], str(e.get("ts", "")))
    return packs


def well_formed(pack: object) -> TypeGuard[Pack]:
    """A stored pack hiki can read (packs are validated on import; this guards hand-edited logs):
    a title, its dates and tasks that read. Its other fields may be missing in a hand-edited
    log: they are read with `.get`."""
    if not isinstance(pack, dict) or not isinstance(pack.get("title"), str):
        return False
    try:
        start = dt.date.fromisoformat(str(pack.get("start")))
        due = dt.date.fromisoformat(str(pack.get("due")))
        tasks_of(pack)
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    return start <= due


def by_pack(events: Iterable[Event]) -> dict[str, list[Event]]:
    """The events that name a pack (its answers and marks), by the pack's id, in order."""
    out: dict[str, list[Event]] = {}
    for e in events:
        data = e.get("data")
        # a dict first: `isinstance(x, Mapping)` alone cost 2 µs an event (abc's check)
        if (type(data) is dict or isinstance(data, Mapping)) and isinstance(data.get("pack"), str):
            out.setdefault(data["pack"], []).append(e)
    return out


def _counted(events: Iterable[Event]) -> dict[str, list[Event]]:
    """The events each kind of task counts, by the task's kind (`task_status` reads no others;
    a reflection reads only the pack's own answers)."""
    checkins = {kind for kinds in CHECKIN_KINDS.values() for kind in kinds}
    out: dict[str, list[Event]] = {
        k: []
        for k in ("checkins", "questionnaire", "reading", "ladder", "lesson", "family_reading")
    }

    def counted_as(kind: str) -> list[Event] | None:
        if kind in checkins:
            return out["checkins"]
        if kind == "assessment" or kind.startswith("assessment."):
            return out["questionnaire"]
        if kind == GUIDE_KIND:
            return out["reading"]
        if is_ladder_event({"kind": kind}):
            return out["ladder"]
        if kind == LESSON_KIND:
            return out["lesson"]
        if kind == FAMILY_READING_KIND:
            return out["family_reading"]
        return None

    found: dict[str, list[Event] | None] = {}  # each kind's list, worked out once a kind
    for e in events:
        kind = str(e.get("kind", ""))
        if kind not in found:
            found[kind] = counted_as(kind)
        into = found[kind]
        if into is not None:
            into.append(e)
    return out


def homework_view(events: Sequence[Event], today: dt.date, family: bool = False) -> list[PackView]:
    """Every imported pack with its tasks' status: open packs first (soonest due), then ended.
    `family`: a family member's own profile (see `task_status`)."""
    views = []
    named = by_pack(events)  # once, not once a task
    counted = _counted(events)  # once too: each task reads only the kinds it counts
    for pack_id, (pack, imported) in current_packs(events).items():
        mine = named.get(pack_id, [])
        statuses = [
            task_status(pack_id, pack, t, counted.get(t.kind, []), today, mine, family)
            for t in tasks_of(pack)
        ]
        due = dt.date.fromisoformat(pack["due"])
        start = dt.date.fromisoformat(pack["start"])
        views.append(
            PackView(pack_id, pack, imported, statuses, (due - today).days, today >= start)
        )
    views.sort(key=lambda v: (v.days_left < 0, abs(v.days_left)))
    return views


def find_task(
    views: list[PackView], task_id: str, pack_id: str | None = None
) -> tuple[PackView, TaskStatus] | None:
    """The task with this id, in the given pack or else the first (soonest due) pack holding it."""
    for view in views:
        if pack_id is not None and view.id != pack_id:
            continue
        for task in view.tasks:
            if task.id == task_id:
                return view, task
    return None


_DATE_LINE = re.compile(r"^(start|due):[ \t]*(\d{4}-\d{2}-\d{2})[ \t]*$", re.MULTILINE)


def shift_dates(text: str, today: dt.date) -> str:
    """An example pack's text with its dates moved to start today; its length and comments kept."""
    found = {m.group(1): dt.date.fromisoformat(m.group(2)) for m in _DATE_LINE.finditer(text)}
    if "start" not in found or "due" not in found:
        return text
    new = {"start": today, "due": today + (found["due"] - found["start"])}
    return _DATE_LINE.sub(lambda m: f"{m.group(1)}: {new[m.group(1)].isoformat()}", text)


class HomeworkPacks:
    """Projection for the dashboard: each pack's title and dates (no answers, nothing private)."""

    name = "homework_packs"
    version = 1

    def initial(self) -> dict[str, PackDates]:
        return {}

    def apply(self, state: dict[str, PackDates], event: Mapping[str, Any]) -> dict[str, PackDates]:
        if (found := read_pack(event)) is not None:
            pack_id, pack = found
            state[pack_id] = {
                "title": str(pack.get("title", "")),
                "start": str(pack.get("start", "")),
                "due": str(pack.get("due", "")),
            }
        return state


class PackStepNotes:
    """Projection for `hiki ladder` and `hiki step`: the counselor's note on each of a pack's
    ladder steps, by pack and the step's words (a re-imported pack replaces its notes)."""

    name = "pack_step_notes"
    version = 1

    def initial(self) -> dict[str, dict[str, str]]:
        return {}

    def apply(
        self, state: dict[str, dict[str, str]], event: Mapping[str, Any]
    ) -> dict[str, dict[str, str]]:
        if (found := read_pack(event)) is not None:
            pack_id, pack = found
            notes: dict[str, str] = {}
            for step in pack.get("ladder_steps") or []:
                note = step.get("note")
                if isinstance(note, str) and note.strip():
                    notes[_norm(step["step"])] = note
            state[pack_id] = notes
        return state


def step_note(notes: Mapping[str, Mapping[str, str]], step_text: str) -> str | None:
    """The counselor's note on a step with these words (any case or spacing), from the pack
    imported last that gives one."""
    wanted = _norm(step_text)
    found = [by_step[wanted] for by_step in notes.values() if wanted in by_step]
    return found[-1] if found else None


def dashboard_lines(
    packs: Mapping[str, PackDates],
    texts: HomeworkTexts,
    today: dt.date,
    profile: str = MAIN_PROFILE,
) -> list[str]:
    """One line per pack that has started and is not yet past its due date, soonest due first
    (`{hiki}` in its words names the profile)."""
    day = today.isoformat()
    current = sorted(
        (p for p in packs.values() if p["start"] <= day <= p["due"]), key=lambda p: p["due"]
    )
    lines = []
    for p in current:
        days = (dt.date.fromisoformat(p["due"]) - today).days
        when = texts["due_today"] if days == 0 else texts["days_left"].format(days=days)
        line = with_profile(texts["dashboard_line"], profile)
        lines.append(line.format(title=p["title"], when=when))
    return lines


def is_pack_event(event: Event) -> bool:
    """Written by `hiki homework` (a pack, or an answer or mark that names its pack)."""
    kind = event.get("kind")
    data = event.get("data") or {}
    return kind == PACK_KIND or (kind in (ANSWER_KIND, DONE_KIND) and "pack" in data)


def overlapping_packs(
    events: Sequence[Event], start: dt.date, end: dt.date
) -> list[tuple[str, Pack]]:
    """(id, pack) of each imported pack whose dates overlap [start, end]."""
    first, last = start.isoformat(), end.isoformat()
    return [
        (pack_id, pack)
        for pack_id, (pack, _) in current_packs(events).items()
        if pack["start"] <= last and pack["due"] >= first
    ]


def report_window_start(events: Iterable[Event], day: str) -> str:
    """The first day a report from `day` on reads check-ins of: a pack still running on `day`
    counts its check-in plan from its own start (read from the packs in `events`)."""
    packs = [pack for pack, _ in current_packs(events).values()]
    while True:  # a pack running on its first day can have begun earlier still
        first = min([day, *(p["start"] for p in packs if p["due"] >= day)])
        if first == day:
            return day
        day = first


def pack_window_start(events: Iterable[Event], day: str) -> str:
    """The first day `hiki homework` reads events of: the earliest start of any pack (each is
    shown with its tasks' status), or `day` when that is earlier."""
    return str(min([day, *(pack["start"] for pack, _ in current_packs(events).values())]))


def report_items(
    events: Sequence[Event], start: dt.date, end: dt.date, family: bool = False
) -> list[dict[str, Any]]:
    """Tasks of the packs whose dates overlap [start, end], as the report lists homework:
    {title, done, assigned_on, done_on?}. Only events up to `end` count, as on that day."""
    last = end.isoformat()
    seen = [e for e in events if event_day(e) <= last]
    items: list[dict[str, Any]] = []
    named, counted = by_pack(seen), _counted(seen)  # once, as homework_view
    for pack_id, (pack, imported) in current_packs(seen).items():
        if pack["start"] > last or pack["due"] < start.isoformat():
            continue
        mine = named.get(pack_id, [])
        for task in tasks_of(pack):
            status = task_status(pack_id, pack, task, counted.get(task.kind, []), end, mine, family)
            label = task.label if task.kind in ("ladder", "reflection") else task.id
            item: dict[str, Any] = {
                "title": f"{pack['title']}: {label}",
                "pack": pack["title"],
                "task": {"kind": task.kind, "label": task.label},  # for the task in words
                "done": status.done,
                "assigned_on": max(pack["start"], imported[:10]) if imported else pack["start"],
            }
            if status.done_on:
                item["done_on"] = status.done_on
            if status.progress:  # e.g. a check-in plan met in week 1 of 2: said, not "not yet"
                item["progress"] = dict(status.progress)
            items.append(item)
    return items


def pack_summaries(
    events: Sequence[Event], start: dt.date, end: dt.date, family: bool = False
) -> list[dict[str, Any]]:
    """One line per pack overlapping [start, end], as of `end`: dates, tasks done, and the
    check-in plan's weeks met (for the report's first page)."""
    last = end.isoformat()
    seen = [e for e in events if event_day(e) <= last]
    out: list[dict[str, Any]] = []
    named, counted = by_pack(seen), _counted(seen)  # once, as homework_view
    for pack_id, (pack, _) in current_packs(seen).items():
        if pack["start"] > last or pack["due"] < start.isoformat():
            continue
        mine = named.get(pack_id, [])
        statuses = [
            task_status(pack_id, pack, t, counted.get(t.kind, []), end, mine, family)
            for t in tasks_of(pack)
        ]
        plan = next((s.progress for s in statuses if s.kind == "checkins" and s.progress), None)
        out.append(
            {
                "id": pack_id,
                "title": pack["title"],
                "start": pack["start"],
                "due": pack["due"],
                "done": sum(1 for s in statuses if s.done),
                "total": len(statuses),
                "weeks_met": plan["weeks_met"] if plan else None,
                "weeks": plan["weeks"] if plan else None,
                "week": plan["week"] if plan else None,
            }
        )
    return out
