"""The graded exposure ladder: steps, events, order, the fold, records, dashboard and history lines.

Practice strength lives in `ladder_strength`, the mastery rules in `ladder_rules`. Everything here
is pure: values in, values out, the day passed in. The log holds one event per change (a step
added, edited, removed, paused, resumed; a plan; a try; a mastery); `LadderProjection` folds them
into a small plain-dict state the dashboard caches with marshal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hikicli.domain.declare import payload
from hikicli.domain.features.ladder import LadderGoal, LadderStep, LadderTry
from hikicli.domain.ladder_strength import (
    new_strength,
    strength_on,
    strength_pause,
    strength_start,
    strength_try,
)
from hikicli.errors import Msg, UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import DashboardTexts, Template

# Event kinds. Each change is a new event; nothing is ever rewritten.
GOAL = "ladder.goal"
ADD = "ladder.add"
EDIT = "ladder.edit"
REMOVE = "ladder.remove"
PAUSE = "ladder.pause"
RESUME = "ladder.resume"
PLAN = "ladder.plan"
TRY = "ladder.try"
MASTERED = "ladder.mastered"
KINDS = (GOAL, ADD, EDIT, REMOVE, PAUSE, RESUME, PLAN, TRY, MASTERED)

RESULTS = ("done", "partly", "not-today")
HAPPENED = ("yes", "no", "partly")
STATUSES = ("not-started", "practising", "mastered", "paused")
RULES = ("habituation", "expectancy")
MAX_TEXT = 200
MAX_NOTE = 4000
MAX_MINUTES = 1440
FIRST_STEP_MAX = 40  # start at or under 40 (Anxiety Canada, see the exposure reference)
GAP_MAX = 15  # gaps larger than 15 points are worth filling
BUILD_MIN, BUILD_MAX = 5, 10
SMALLER_BY = 10  # after a not-today, an idea at least this much easier

# What a day with a try is worth to the strength score: a partial try is still practice.
RESULT_VALUE = {"done": 1.0, "partly": 0.5, "not-today": 0.0}
NOT_TODAY = "not-today"


# --- what the ladder's events mean, for every other feature -----------------------------------
# Progress, the report and homework ask these, so "a try" and "a mastery" have one meaning.


def is_ladder_event(event: Mapping[str, Any]) -> bool:
    return event.get("kind") in KINDS


def is_try(event: Mapping[str, Any]) -> bool:
    """A try that happened: done or partly done. A not-today is recorded kindly but is not a
    try. A hand-edited try without a result still counts as a try (the fold does the same)."""
    if event.get("kind") != TRY:
        return False
    data = event.get("data")
    return not (isinstance(data, Mapping) and data.get("result") == NOT_TODAY)


def is_mastery(event: Mapping[str, Any]) -> bool:
    return event.get("kind") == MASTERED


# ---------------------------------------------------------------------------------------------
# Checking input


def check_suds(value: Any, flag: str = "--suds") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise UsageError("ladder.suds_range", flag=flag, value=repr(value))
    return value


def check_percent(value: Any, flag: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise UsageError("ladder.percent_range", flag=flag, value=repr(value))
    return value


def check_minutes(value: Any, flag: str = "--minutes") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MINUTES:
        raise UsageError("ladder.minutes_range", flag=flag, most=MAX_MINUTES, value=repr(value))
    return value


def check_text(
    value: str, flag: str | Msg, limit: int = MAX_NOTE, required: bool = False
) -> str:
    value = value.strip()
    if required and not value:
        raise UsageError("ladder.text_empty", flag=flag)
    if len(value) > limit:
        raise UsageError("ladder.text_long", flag=flag, length=len(value), most=limit)
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise UsageError("ladder.text_control", flag=flag)
    return value


STEP_TEXT = Msg("ladder.name_step_text")  # "the step's text", when no flag gave it


def check_step_text(value: str, flag: str | Msg = STEP_TEXT) -> str:
    text = check_text(value, flag, MAX_TEXT, required=True)
    if "\n" in text:
        raise UsageError("ladder.text_one_line", flag=flag)
    return text


def check_choice(value: str, choices: Sequence[str], flag: str) -> str:
    if value not in choices:
        raise UsageError("ladder.choice", flag=flag, choices=", ".join(choices), value=value)
    return value


# ---------------------------------------------------------------------------------------------
# Order and shape of a ladder


def order_key(step: Mapping[str, Any]) -> tuple[int, int]:
    """Easiest first; equal SUDS keep the order they were added in."""
    return (int(step["suds"]), int(step["n"]))


def ordered(steps: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(steps, key=order_key)


def gaps(steps: Sequence[Mapping[str, Any]], limit: int = GAP_MAX) -> list[tuple[str, str, int]]:
    """Neighbouring steps (in order) more than `limit` points apart: (easier id, harder id, gap)."""
    ranked = ordered(steps)
    return [
        (str(a["id"]), str(b["id"]), int(b["suds"]) - int(a["suds"]))
        for a, b in zip(ranked, ranked[1:], strict=False)
        if int(b["suds"]) - int(a["suds"]) > limit
    ]


def first_step(steps: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The easiest step, when it is at or under 40 (the same step `next_step` will suggest on a
    new ladder); None when every step is above 40 and a smaller one is worth adding."""
    ranked = ordered(steps)
    return ranked[0] if ranked and int(ranked[0]["suds"]) <= FIRST_STEP_MAX else None


def status_of(step: Mapping[str, Any]) -> str:
    if step["paused"]:
        return "paused"
    if step["mastered"]:
        return "mastered"
    return "practising" if step["done"] + step["partly"] + step["not_today"] else "not-started"


def active_steps(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [s for s in state["steps"].values() if not s["removed"]]


def next_step(state: Mapping[str, Any]) -> dict[str, Any] | None:
    """The easiest step that is neither mastered nor paused."""
    candidates = [s for s in active_steps(state) if not s["mastered"] and not s["paused"]]
    return dict(ordered(candidates)[0]) if candidates else None


def waiting_step(state: Mapping[str, Any]) -> dict[str, Any] | None:
    """The step whose plan has waited the least time (the one most on the person's mind)."""
    waiting = [s for s in active_steps(state) if s["plan"] and not s["paused"]]
    return dict(max(waiting, key=lambda s: (s["plan"], s["n"]))) if waiting else None


def find_step(state: Mapping[str, Any], step_id: str) -> dict[str, Any]:
    step = state["steps"].get(step_id.strip().lower())
    if step is None or step["removed"]:
        known = [s["id"] for s in ordered(active_steps(state))]
        if known:
            raise UsageError("ladder.no_step", step=step_id, steps=", ".join(known))
        raise UsageError("ladder.no_step_empty", step=step_id)
    return dict(step)


# ---------------------------------------------------------------------------------------------
# The projection


def event_day(event: Mapping[str, Any]) -> str:
    date = event["data"].get("date")
    return date if isinstance(date, str) and len(date) == 10 else str(event["ts"])[:10]


def _ordinal(day: str) -> int:
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return 0


def new_state() -> dict[str, Any]:
    return {"next": 1, "goal": "", "steps": {}}


def _new_step(step_id: str, n: int, data: Mapping[str, Any], day: str) -> dict[str, Any]:
    return {
        "id": step_id,
        "n": n,
        "text": str(data.get("text", "")),
        "suds": data["suds"] if _is_suds(data.get("suds")) else 0,
        "template": str(data.get("template") or ""),
        "added": day,
        "removed": False,
        "paused": False,
        "mastered": False,
        "done": 0,
        "partly": 0,
        "not_today": 0,
        "last": "",
        "plan": "",
        "strength": new_strength(),
    }


def _is_suds(value: Any) -> bool:
    """A hand-edited or imported log may hold anything; the fold keeps only what makes sense."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100


def step_number(step_id: str) -> int:
    return int(step_id[1:]) if step_id[:1] == "s" and step_id[1:].isdigit() else 0


def apply_event(state: dict[str, Any], event: Mapping[str, Any]) -> dict[str, Any]:
    """Fold one event into the ladder state (in place; also returned). Unknown kinds pass by."""
    kind = event.get("kind")
    if kind not in KINDS:
        return state
    if kind == GOAL:
        state["goal"] = str(payload(event, LadderGoal).get("goal", ""))
        return state
    change = payload(event, LadderStep)  # every other kind names its step
    step_id = str(change.get("step", ""))
    day = event_day(event)
    steps = state["steps"]
    if kind == ADD:
        if step_id in steps or step_number(step_id) == 0:
            step_id = f"s{state['next']}"  # two hikis adding at once: keep both, numbered apart
        state["next"] = max(state["next"], step_number(step_id) + 1)
        step = steps[step_id] = _new_step(step_id, len(steps) + 1, change, day)
        strength_start(step["strength"], _ordinal(day))
        return state
    step = steps.get(step_id)
    if step is None:
        return state
    if kind == EDIT:
        if isinstance(text := change.get("text"), str):
            step["text"] = text
        if _is_suds(suds := change.get("suds")):
            step["suds"] = suds
    elif kind == REMOVE:
        step["removed"] = True
        step["plan"] = ""
    elif kind in (PAUSE, RESUME):
        step["paused"] = kind == PAUSE
        strength_pause(step["strength"], _ordinal(day), kind == PAUSE)
    elif kind == PLAN:
        step["plan"] = day
    elif kind == TRY:
        result = payload(event, LadderTry).get("result")
        if result in RESULTS:
            step[result.replace("-", "_")] += 1
            if result != "not-today":
                step["last"] = max(step["last"], day)
            strength_try(step["strength"], _ordinal(day), RESULT_VALUE[result])
        step["plan"] = ""
    elif kind == MASTERED:
        step["mastered"] = True
    return state


def fold(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    state = new_state()
    for event in events:
        apply_event(state, event)
    return state


class LadderProjection:
    """Dashboard projection: the ladder without any private notes (fears, learnings stay in the
    log only). Small and marshal-able: a few dicts of str/int/float/bool per step."""

    name = "ladder"
    version = 1

    def initial(self) -> dict[str, Any]:
        return new_state()

    def apply(self, state: dict[str, Any], event: Mapping[str, Any]) -> dict[str, Any]:
        return apply_event(state, event)


def step_rows(state: Mapping[str, Any], today: dt.date) -> list[dict[str, Any]]:
    """The active ladder, easiest first, in the documented JSON shape."""
    rows = []
    for step in ordered(active_steps(state)):
        rows.append(
            {
                "id": step["id"],
                "text": step["text"],
                "suds": step["suds"],
                "status": status_of(step),
                "tries": step["done"] + step["partly"],
                "done": step["done"],
                "partly": step["partly"],
                "not_today": step["not_today"],
                "last_tried": step["last"] or None,
                "strength": round(strength_on(step["strength"], today.toordinal()), 4),
                "template": step["template"] or None,
                "plan_waiting": step["plan"] or None,
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Records


def next_id(state: Mapping[str, Any]) -> str:
    return f"s{state['next']}"


def add_data(text: str, suds: int, template: str = "") -> dict[str, Any]:
    return {
        "text": check_step_text(text),
        "suds": check_suds(suds),
        "template": template,
    }


def plan_data(
    *,
    step: str,
    day: dt.date,
    what: str = "",
    where: str = "",
    when: str = "",
    minutes_planned: int | None = None,
    expected: int | None = None,
    fear: str = "",
    likelihood: int | None = None,
    safety: str = "",
) -> dict[str, Any]:
    """The before-part of a try, checked."""
    return {
        "step": step,
        "date": day.isoformat(),
        "what": check_text(what, "--what", MAX_TEXT),
        "where": check_text(where, "--where", MAX_TEXT),
        "when": check_text(when, "--when", MAX_TEXT),
        "minutes_planned": None
        if minutes_planned is None
        else check_minutes(minutes_planned, "--plan-minutes"),
        "expected": None if expected is None else check_suds(expected, "--expected"),
        "fear": check_text(fear, "--fear"),
        "likelihood": None if likelihood is None else check_percent(likelihood, "--likelihood"),
        "safety": check_text(safety, "--safety"),
    }


def result_data(
    *,
    result: str,
    peak: int | None = None,
    end: int | None = None,
    happened: str | None = None,
    learned: str = "",
    with_someone: bool = False,
    minutes: int | None = None,
) -> dict[str, Any]:
    """The after-part of a try, checked. Not-today needs nothing else and takes no SUDS."""
    check_choice(result, RESULTS, "--result")
    if result == "not-today":
        given = [f for f, v in (("--peak", peak), ("--end", end)) if v is not None]
        if given:
            raise UsageError("ladder.not_today_extra", flags=" / ".join(given))
    return {
        "result": result,
        "peak": None if peak is None else check_suds(peak, "--peak"),
        "end": None if end is None else check_suds(end, "--end"),
        "happened": (
            None if happened in (None, "skip") else check_choice(happened, HAPPENED, "--happened")
        ),
        "learned": check_text(learned, "--learned"),
        "with_someone": bool(with_someone),
        "minutes": None if minutes is None else check_minutes(minutes),
    }


def smaller_templates(
    templates: Sequence[Template], area: str, below: int, taken: Iterable[str]
) -> list[Template]:
    """Templates at least SMALLER_BY points easier than `below`, same area first, then the
    closest in difficulty (a noticeably smaller step, not a big drop)."""
    skip = set(taken)
    easier = [
        t for t in templates if template_suds(t) <= below - SMALLER_BY and t["id"] not in skip
    ]
    return sorted(easier, key=lambda t: (t["area"] != area, below - template_suds(t), t["id"]))


def template_suds(template: Template) -> int:
    """A template's default SUDS: the middle of its expected range, rounded down to 5 (a lower
    guess errs on the side of a gentler start; the person's own rating always wins)."""
    middle = (template["suds_min"] + template["suds_max"]) // 2
    return int(middle // 5 * 5)


# ---------------------------------------------------------------------------------------------
# Dashboard and history


def dashboard_lines(state: Mapping[str, Any], texts: DashboardTexts) -> list[str]:
    """A waiting plan first (it is what to do next), then the next step. Nothing for no ladder."""
    steps = active_steps(state)
    if not steps:
        return []
    waiting = waiting_step(state)
    if waiting:
        return [texts["plan_waiting"].format(id=waiting["id"], date=waiting["plan"])]
    upcoming = next_step(state)
    if upcoming is None:
        if any(not s["paused"] for s in steps):
            return [texts["all_mastered"]]
        return []
    return [texts["next_step"].format(**upcoming)]


def _summary_try(d: Mapping[str, Any], ctx: Any) -> str:
    parts = [str(d.get("step", "")), ctx.label("result", d.get("result", ""))]
    if d.get("peak") is not None or d.get("end") is not None:
        none = ctx.say("history.ladder_none")
        peak, end = d.get("peak"), d.get("end")
        parts.append(ctx.say("history.ladder_suds_peak_end", peak=none if peak is None else peak,
                             end=none if end is None else end))  # fmt: skip
    if d.get("happened"):
        parts.append(
            ctx.say("history.ladder_feared", happened=ctx.label("happened", d["happened"]))
        )
    if d.get("with_someone"):
        parts.append(ctx.say("history.ladder_with_someone"))
    if d.get("minutes") is not None:
        parts.append(ctx.say("history.ladder_minutes", minutes=d["minutes"]))
    if d.get("learned"):
        parts.append(ctx.say("history.ladder_learned", learned=d["learned"]))
    return str(ctx.parts(parts))


def _summary_plan(d: Mapping[str, Any], ctx: Any) -> str:
    parts = [str(d.get("step", "")), ctx.say("history.ladder_planned")]
    if d.get("what"):
        parts.append(str(d["what"]))
    if d.get("expected") is not None:
        parts.append(ctx.say("history.ladder_expected", expected=d["expected"]))
    if d.get("fear"):
        if d.get("likelihood") is not None:
            parts.append(
                ctx.say("history.ladder_fear_likely", fear=d["fear"], likelihood=d["likelihood"])
            )
        else:
            parts.append(ctx.say("history.ladder_fear", fear=d["fear"]))
    return str(ctx.parts(parts))


def _summary_edit(d: Mapping[str, Any], ctx: Any) -> str:
    parts = [str(d.get("step", "")), ctx.say("history.ladder_edited")]
    if "text" in d:
        parts.append(str(d["text"]))
    if "suds" in d:
        parts.append(ctx.say("history.ladder_suds", suds=d["suds"]))
    return str(ctx.parts(parts))


def _step(d: Mapping[str, Any], ctx: Any, key: str, **params: Any) -> str:
    return str(ctx.parts([str(d.get("step", "")), ctx.say(key, **params)]))


def summarizers() -> dict[str, Any]:
    """One-line summaries for `hiki history`, by event kind: `(data, ctx)` -> words, `ctx` being
    the domain.declare.SummaryContext that holds the person's words (no words here)."""
    return {
        GOAL: lambda d, ctx: ctx.parts([ctx.say("history.ladder_goal"), str(d.get("goal", ""))]),
        ADD: lambda d, ctx: ctx.parts(
            [
                str(d.get("step", "")),
                ctx.say("history.ladder_added"),
                str(d.get("text", "")),
                ctx.say("history.ladder_suds", suds=d.get("suds")),
            ]
        ),  # fmt: skip
        EDIT: _summary_edit,
        REMOVE: lambda d, ctx: _step(d, ctx, "history.ladder_removed"),
        PAUSE: lambda d, ctx: _step(d, ctx, "history.ladder_paused"),
        RESUME: lambda d, ctx: _step(d, ctx, "history.ladder_resumed"),
        PLAN: _summary_plan,
        TRY: _summary_try,
        MASTERED: lambda d, ctx: _step(
            d, ctx, "history.ladder_mastered", rule=ctx.label("rule", d.get("rule", ""))
        ),
    }
