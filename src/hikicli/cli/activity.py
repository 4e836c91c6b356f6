"""`hiki activity`: small activities for very low energy, planned and rated for pleasure and
mastery. The flags twin: `--log TEXT --pleasure N --mastery N` (done) and `--plan TEXT --when
TIME` (later); `--list` shows the menu for `--energy N`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.errors import UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import ActivityContent
    from hikicli.domain.features.activity import ActivityDone, ActivityPlan

Rating = Annotated[int | None, typer.Option(min=0, max=10, metavar="0-10")]


@app.command("activity")
def activity(
    ctx: typer.Context,
    log: Annotated[str | None, typer.Option("--log", metavar="TEXT")] = None,
    pleasure: Rating = None,
    mastery: Rating = None,
    plan: Annotated[str | None, typer.Option("--plan", metavar="TEXT")] = None,
    when: Annotated[str | None, typer.Option("--when", metavar="TIME")] = None,
    energy: Annotated[int | None, typer.Option("--energy", min=0, max=10)] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD")] = None,
    list_: Annotated[bool, typer.Option("--list")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Small activities for low-energy days: choose one, do it now or later, then rate it."""
    from hikicli.domain import activity as domain
    from hikicli.domain.checkin import check_date, parse_date

    actx: AppContext = ctx.obj
    content = actx.catalog["activity"]
    if list_:
        _list(content, energy, as_json)
        return
    today = actx.today()
    day = check_date(parse_date(date), today) if date is not None else today
    if log is not None:
        if plan is not None:
            raise UsageError("activity.log_or_plan")
        if pleasure is None or mastery is None:
            raise UsageError("activity.log_needs")
        _save(actx, domain.DONE_KIND, domain.done_data(log, pleasure, mastery, day),
              content["saved"], as_json)  # fmt: skip
        return
    if plan is not None:
        if when is None:
            raise UsageError("activity.plan_needs", choices=", ".join(domain.TIMES))
        _save(actx, domain.PLAN_KIND, domain.plan_data(plan, when, day), content["planned"],
              as_json)  # fmt: skip
        return
    if pleasure is not None or mastery is not None or when is not None:
        raise UsageError("activity.needs_text")
    _interactive(actx, content, energy, as_json)


def _interactive(
    actx: AppContext, content: ActivityContent, energy: int | None, as_json: bool
) -> None:
    from hikicli.domain import activity as domain
    from hikicli.domain.checkin import latest_per_day
    from hikicli.flows.activity import run_activity

    prompter = actx.get_prompter(
        'hiki activity --log "TEXT" --pleasure N --mastery N '
        '(or --plan "TEXT" --when morning|afternoon|evening|night)'
    )
    today = actx.today()
    events = actx.log.read().events  # an encrypted log asks for its passphrase here, first
    if energy is None:
        checkin = latest_per_day(events).get(today.isoformat())
        energy = checkin.get("energy") if checkin else None
    choice = run_activity(prompter, content, energy, domain.open_plans(events, today))
    if choice.when != "now":
        plan = domain.plan_data(choice.text, choice.when, today, choice.activity)
        _save(actx, domain.PLAN_KIND, plan, content["planned"], as_json)
        return
    assert choice.pleasure is not None and choice.mastery is not None
    data = domain.done_data(
        choice.text, choice.pleasure, choice.mastery, today, choice.activity, choice.plan
    )
    _save(actx, domain.DONE_KIND, data, content["saved"], as_json)


def _save(
    actx: AppContext, kind: str, data: ActivityPlan | ActivityDone, said: str, as_json: bool
) -> None:
    from hikicli.cli.render import entry_json, print_saved

    event = actx.log.append(kind, data, now=actx.now())
    print_saved(entry_json(event), "activity.saved", said, as_json)


def _list(content: ActivityContent, energy: int | None, as_json: bool) -> None:
    from hikicli.domain.activity import fitting

    menu = fitting(content, energy)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({"energy": energy, "activities": menu}, kind="activity.menu")
        return
    from hikicli.cli.render import console, markup_escape

    out = console()
    title = content["list_all_title"] if energy is None else content["list_title"]
    out.print(markup_escape(title.format(energy=energy)))
    titles = {c["id"]: c["title"] for c in content["categories"]}
    category = None
    for item in menu:
        if item["category"] != category:
            category = item["category"]
            out.print()
            out.print(markup_escape(titles[category]), style="bold")
        out.print(markup_escape(f"  {item['text']}"))
    out.print()
    out.print(markup_escape(content["list_footer"]))
