"""`hiki safety-plan`: show, edit, add to, take from and export the personal safety plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.cli.safety_plan_edit import run_edit

plan_app = typer.Typer(
    invoke_without_command=True,
)
app.add_typer(plan_app, name="safety-plan")


@plan_app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show your safety plan. `hiki safety-plan edit` walks you through making or changing it."""
    if ctx.invoked_subcommand is None:
        _show(ctx.obj, as_json)


@plan_app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show your safety plan."""
    _show(ctx.obj, as_json)


def _show(actx: AppContext, as_json: bool) -> None:
    from hikicli.cli.render import print_markdown
    from hikicli.domain.safety_plan import has_plan, plan_markdown
    from hikicli.services.safety_plan_state import read_plan

    plan = read_plan(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({"exists": has_plan(plan), "sections": plan}, kind="safety_plan")
        return
    content = actx.catalog["safety"]["plan"]
    if not has_plan(plan):
        print_markdown(content["empty"])
        return
    print_markdown(plan_markdown(content, plan))


@plan_app.command("edit")
def edit(ctx: typer.Context) -> None:
    """Make or change your plan, one step at a time, with examples. Each item is saved as soon
    as you give it, so you can stop (Ctrl-C) at any point and keep what you wrote."""
    run_edit(ctx.obj)


@plan_app.command("add")
def add(
    ctx: typer.Context,
    section: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Argument()],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add one item to a step of your plan, without questions."""
    from hikicli.domain.safety_plan import ADDED, added_data

    actx: AppContext = ctx.obj
    data = added_data(section, text)
    event = actx.log.append(ADDED, data, now=actx.now())
    _done(actx, "added", {"id": event["id"], "recorded": event["ts"], **data}, as_json)


@plan_app.command("remove")
def remove(
    ctx: typer.Context,
    section: Annotated[str, typer.Argument()],
    number: Annotated[int, typer.Argument()],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Take one item off your plan (it stays in your log's history)."""
    from hikicli.domain.safety_plan import REMOVED, item_at
    from hikicli.services.safety_plan_state import read_plan

    actx: AppContext = ctx.obj
    item = item_at(read_plan(actx), section, number)
    event = actx.log.append(REMOVED, {"item": item["item"]}, now=actx.now())
    _done(
        actx,
        "removed",
        {"id": event["id"], "recorded": event["ts"], "section": section, **item},
        as_json,
    )


def _done(
    actx: AppContext, what: Literal["added", "removed"], data: dict[str, str], as_json: bool
) -> None:
    from hikicli.cli.render import print_saved

    words = actx.catalog["safety"]["plan"][what]
    print_saved(data, f"safety_plan.item_{what}", words, as_json)


@plan_app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    force: Annotated[bool, typer.Option()] = False,
) -> None:
    """A printable Markdown copy of your plan, with crisis lines for your country."""
    from hikicli.domain.safety_plan import crisis_markdown, plan_markdown
    from hikicli.errors import UsageError
    from hikicli.services.safety_plan_state import crisis_view_for, read_plan

    actx: AppContext = ctx.obj
    safety = actx.catalog["safety"]
    plan = read_plan(actx)
    risk = actx.risk_content.risk
    text = "\n\n".join(
        [
            plan_markdown(safety["plan"], plan, heading="#"),
            f"## {risk['block']['title']}",
            crisis_markdown(crisis_view_for(actx), risk["crisis"], risk["block"]),
            f"*{safety['plan']['export_footer']}*",
        ]
    )
    text += "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise UsageError("safety_plan.export_exists", path=output)
    if output.is_dir():
        raise UsageError(
            "safety_plan.export_folder", path=output, example=output / "safety-plan.md"
        )
    from hikicli.storage.files import atomic_write

    atomic_write(output, text.encode("utf-8"))
    typer.echo(str(output))
