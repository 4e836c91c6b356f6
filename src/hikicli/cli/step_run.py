"""What `hiki step` does, without typer: the typer command (cli/ladder_step.py) and the fast path
of `hiki step` with flags (entry.py) both call `step_command`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext
from hikicli.cli.render import say
from hikicli.domain.words import word
from hikicli.services.ladder_state import ladder_words, load_ladder, step_row, template_of

if TYPE_CHECKING:
    from hikicli.domain.content_types import LadderContent
    from hikicli.prompting import Prompter

PLAN_FLAGS = (
    "--expected N --fear TEXT --likelihood PERCENT [--what T] [--where T] [--when T] "
    "[--plan-minutes N] [--safety T]"
)
BEFORE_FLAGS = {
    "what": "--what",
    "where": "--where",
    "when": "--when",
    "minutes_planned": "--plan-minutes",
    "expected": "--expected",
    "fear": "--fear",
    "likelihood": "--likelihood",
    "safety": "--safety",
}
TRY_FLAGS = (
    "--result done|partly|not-today --expected N --fear TEXT --likelihood PERCENT --peak N "
    "--end N --happened yes|no|partly --learned TEXT [--with-someone] [--minutes N]"
)


def step_command(
    actx: AppContext,
    step_id: str | None = None,
    plan: bool = False,
    finish: bool = False,
    what: str | None = None,
    where: str | None = None,
    when: str | None = None,
    plan_minutes: int | None = None,
    expected: int | None = None,
    fear: str | None = None,
    likelihood: int | None = None,
    safety: str | None = None,
    result: str | None = None,
    peak: int | None = None,
    end: int | None = None,
    happened: str | None = None,
    learned: str | None = None,
    with_someone: bool = False,
    minutes: int | None = None,
    date: str | None = None,
    as_json: bool = False,
) -> None:
    from hikicli.domain import ladder as dl
    from hikicli.errors import UsageError

    day = actx.today()
    if date is not None:
        from hikicli.domain.checkin import check_date, parse_date

        day = check_date(parse_date(date), day)  # a past day, never the future
    state = load_ladder(actx)
    if step_id is None:
        # a plan waiting comes first: it is what the dashboard points at
        chosen = dl.waiting_step(state) or dl.next_step(state)
        if chosen is None:
            raise UsageError("ladder.step_none_yet")
    else:
        chosen = dl.find_step(state, step_id)
    from hikicli.domain.homework import step_note
    from hikicli.services.ladder_state import counselor_notes

    # the counselor's own note on a pack's step, shown before the person plans or finishes it
    chosen = {**chosen, "counselor_note": step_note(counselor_notes(actx), chosen["text"])}
    sid = chosen["id"]
    if chosen["paused"]:
        raise UsageError("ladder.step_paused", id=sid)
    if plan and finish:
        raise UsageError("ladder.plan_or_finish")
    before = {
        "what": what,
        "where": where,
        "when": when,
        "minutes_planned": plan_minutes,
        "expected": expected,
        "fear": fear,
        "likelihood": likelihood,
        "safety": safety,
    }
    after = {
        "result": result,
        "peak": peak,
        "end": end,
        "happened": happened,
        "learned": learned,
        "minutes": minutes,
    }
    before_given: dict[str, Any] = {k: v for k, v in before.items() if v is not None}
    after_given: dict[str, Any] = {k: v for k, v in after.items() if v is not None}
    if with_someone:
        after_given["with_someone"] = True
    if plan:
        _plan_only(actx, chosen, before_given, after_given, as_json, day)
    elif finish or chosen["plan"] and not before_given:
        # a waiting plan is finished whether or not --finish was typed
        _finish_plan(actx, chosen, before_given, after_given, as_json, day)
    else:
        _whole_try(actx, chosen, before_given, after_given, as_json, day)


def _plan_only(
    actx: AppContext,
    chosen: dict[str, Any],
    before_given: dict[str, Any],
    after_given: dict[str, Any],
    as_json: bool,
    day: dt.date,
) -> None:
    from hikicli.domain.ladder import plan_data
    from hikicli.errors import UsageError

    sid = chosen["id"]
    if after_given:
        raise UsageError("ladder.plan_only_before", id=sid)
    if before_given:
        plan_values = plan_data(step=sid, day=day, **before_given)
    else:
        from hikicli.flows.ladder import run_plan

        content = ladder_words(actx)
        prompter = actx.get_prompter(f"hiki step {sid} --plan {PLAN_FLAGS}")
        plan_values = run_plan(prompter, content, chosen, template_of(content, chosen), day)
    _save_plan(actx, plan_values, as_json)


def _finish_plan(
    actx: AppContext,
    chosen: dict[str, Any],
    before_given: dict[str, Any],
    after_given: dict[str, Any],
    as_json: bool,
    day: dt.date,
) -> None:
    from hikicli.errors import UsageError

    sid = chosen["id"]
    if not chosen["plan"]:
        raise UsageError("ladder.no_plan_waiting", id=sid)
    if before_given:
        flags = ", ".join(BEFORE_FLAGS[k] for k in before_given)
        raise UsageError("ladder.finish_uses_plan", flags=flags)
    from hikicli.services.ladder_try import latest_plan

    plan_event = latest_plan(actx, sid)
    plan_values = {**plan_event["data"], "plan": plan_event["id"]}
    content = ladder_words(actx)
    prompter: Prompter | None = None
    if after_given:
        outcome = _result_from_flags(after_given)
    else:
        from hikicli.flows.ladder import run_result

        prompter = actx.get_prompter(f"hiki step {sid} --finish {TRY_FLAGS}")
        what = plan_values.get("what") or chosen["text"]
        prompter.say(content["step"]["plan_reminder"].format(date=plan_values["date"], what=what))
        if chosen["counselor_note"]:
            note = chosen["counselor_note"]
            prompter.say(content["step"]["counselor_note"].format(note=note))
        outcome = run_result(prompter, content, plan_values)
    _save_try(actx, chosen, plan_values, outcome, as_json, prompter, day)


def _whole_try(
    actx: AppContext,
    chosen: dict[str, Any],
    before_given: dict[str, Any],
    after_given: dict[str, Any],
    as_json: bool,
    day: dt.date,
) -> None:
    from hikicli.domain.ladder import plan_data
    from hikicli.errors import UsageError

    sid = chosen["id"]
    prompter: Prompter | None = None
    if before_given or after_given:
        if "result" not in after_given:
            raise UsageError("ladder.missing_result", flags=TRY_FLAGS)
        plan_values = plan_data(step=sid, day=day, **before_given)
        outcome = _result_from_flags(after_given)
    else:
        from hikicli.flows.ladder import ask_ready_now, run_plan, run_result

        content = ladder_words(actx)
        prompter = actx.get_prompter(f"hiki step {sid} {TRY_FLAGS}")
        template = template_of(content, chosen)
        plan_values = run_plan(prompter, content, chosen, template, day)
        if not ask_ready_now(prompter, content):
            _save_plan(actx, plan_values, as_json)
            return
        outcome = run_result(prompter, content, plan_values)
    _save_try(actx, chosen, plan_values, outcome, as_json, prompter, day)


def _result_from_flags(given: dict[str, Any]) -> dict[str, Any]:
    from hikicli.domain import ladder as dl
    from hikicli.errors import UsageError

    if "result" not in given:
        raise UsageError("ladder.missing_result_finish", flags=TRY_FLAGS)
    return dl.result_data(**{**given, "learned": given.get("learned") or ""})


def _save_plan(actx: AppContext, plan_values: dict[str, Any], as_json: bool) -> None:
    from hikicli.services.ladder_try import save_plan

    event = save_plan(actx, plan_values)
    if as_json:
        from hikicli.cli.render import entry_json, print_json

        print_json({"plan": entry_json(event)}, kind="step.planned")
        return
    say(ladder_words(actx)["step"]["plan_saved"].format(id=plan_values["step"]))


def _save_try(
    actx: AppContext,
    chosen: dict[str, Any],
    plan_values: dict[str, Any],
    outcome: dict[str, Any],
    as_json: bool,
    prompter: Prompter | None,
    day: dt.date,
) -> None:
    """Save the try (and a mastery it completes: services/ladder_try), then say so warmly."""
    from hikicli.services.ladder_try import save_try

    sid = chosen["id"]
    saved = save_try(actx, chosen, plan_values, outcome, day)
    state, upcoming, data = saved.state, saved.upcoming, saved.event["data"]
    if as_json:
        from hikicli.cli.render import entry_json, print_json

        print_json(
            {
                "try": entry_json(saved.event),
                "mastered": saved.newly_mastered,
                "step": step_row(actx, state, sid),
                "next_step": step_row(actx, state, upcoming["id"]) if upcoming else None,
            },
            kind="step.tried",
        )
        return
    content = ladder_words(actx)
    texts = content["step"]
    say(word(texts, f"saved_{outcome['result'].replace('not-today', 'not_today')}"))
    if data.get("fear") and outcome.get("happened") == "no" and data.get("likelihood") is not None:
        say(texts["fear_did_not_happen"].format(likelihood=data["likelihood"]))
    if saved.newly_mastered:
        say(texts["mastered"].format(**chosen))
        if upcoming is None:
            say(texts["mastered_top"])
        else:
            say(texts["mastered_next"].format(**upcoming))
    if outcome["result"] == "not-today":
        _offer_smaller(actx, content, state, chosen, prompter)


def _offer_smaller(
    actx: AppContext,
    content: LadderContent,
    state: dict[str, Any],
    chosen: dict[str, Any],
    prompter: Prompter | None,
) -> None:
    """After a not-today: an easier idea. Asked about only in an interactive step (flags mean no
    questions); added only if the person wants it."""
    from hikicli.services.ladder_try import smaller_idea

    texts = content["step"]
    found = smaller_idea(content, state, chosen)
    if found is None:
        say(texts["smaller_own"])
        return
    idea, suds = found
    offer = texts["smaller_offer"].format(text=idea["text"], suds=suds)
    if prompter is None:
        say(offer)
        say(texts["smaller_how"].format(id=idea["id"]))
        return
    prompter.say(offer)
    from hikicli.errors import Cancelled

    try:
        add = prompter.confirm("smaller_add", texts["smaller_add"], default=False)
    except Cancelled:
        # the try is in the log already; only the easier idea is left out
        raise Cancelled("ladder.stopped_after_try") from None
    if add:
        from hikicli.services.ladder_state import add_step

        event = add_step(actx, idea["text"], suds, idea["id"])
        say(texts["smaller_added"].format(id=event["data"]["step"], text=idea["text"], suds=suds))
