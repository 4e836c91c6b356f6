"""`hiki restart-plan`: show, edit, add to, take from and export the restart plan, kept like the
safety plan (each item saved as it is given; a stop says exactly what was kept)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

restart_app = typer.Typer(invoke_without_command=True)
app.add_typer(restart_app, name="restart-plan")

JsonOpt = Annotated[bool, typer.Option("--json")]


@restart_app.callback(invoke_without_command=True)
def main(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show your restart plan. `hiki restart-plan edit` makes or changes it."""
    if ctx.invoked_subcommand is None:
        _show(ctx.obj, as_json)


@restart_app.command("show")
def show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show your restart plan."""
    _show(ctx.obj, as_json)


def _read(actx: AppContext) -> Any:
    from hikicli.domain.restart_plan import fold_plan

    return fold_plan(actx.log.read().events)


def _show(actx: AppContext, as_json: bool) -> None:
    from hikicli.cli.render import print_markdown
    from hikicli.domain.restart_plan import has_plan
    from hikicli.domain.safety_plan import plan_markdown

    plan = _read(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({"exists": has_plan(plan), "sections": plan}, kind="restart_plan")
        return
    words = actx.catalog["restart"]["plan"]
    print_markdown(plan_markdown(words, plan) if has_plan(plan) else words["empty"])


class _LogSaver:
    """Appends each confirmed change at once and counts what is kept."""

    def __init__(self, actx: AppContext) -> None:
        self.actx, self.added, self.removed = actx, 0, 0

    def add(self, section: str, text: str) -> None:
        from hikicli.domain.restart_plan import ADDED, added_data

        self.actx.log.append(ADDED, added_data(section, text), now=self.actx.now())
        self.added += 1

    def remove(self, items: Sequence[str]) -> None:
        from hikicli.domain.restart_plan import REMOVED
        from hikicli.storage.log import new_event

        now = self.actx.now()
        self.actx.log.append_events([new_event(REMOVED, {"item": i}, now) for i in items])
        self.removed += len(items)


@restart_app.command("edit")
def edit(ctx: typer.Context) -> None:
    """Make or change your restart plan, one step at a time; each item is kept as you give it."""
    from hikicli.cli.render import console, markup_escape
    from hikicli.cli.safety_plan_edit import stopped_message
    from hikicli.errors import Cancelled
    from hikicli.flows.safety_plan import run_safety_plan_edit

    actx: AppContext = ctx.obj
    prompter = actx.get_prompter("hiki restart-plan add SECTION TEXT")
    plan = _read(actx)  # an encrypted log asks for its passphrase here, before any step
    words = actx.catalog["restart"]["plan"]
    saver = _LogSaver(actx)
    try:
        run_safety_plan_edit(prompter, words, plan, (), save=saver)
    except (Cancelled, KeyboardInterrupt):
        message = stopped_message(words["stopped"], saver.added, saver.removed)
        pointer = str(actx.risk_content.risk["pointer"])
        raise Cancelled(f"{message}\n{pointer}") from None
    said = words["saved"] if saver.added or saver.removed else words["unchanged"]
    console().print(markup_escape(said))


@restart_app.command("add")
def add(
    ctx: typer.Context,
    section: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Argument()],
    as_json: JsonOpt = False,
) -> None:
    """Add one item to a step of your restart plan, without questions."""
    from hikicli.domain.restart_plan import ADDED, added_data

    actx: AppContext = ctx.obj
    data = added_data(section, text)
    event = actx.log.append(ADDED, data, now=actx.now())
    _done(actx, "added", {"id": event["id"], "recorded": event["ts"], **data}, as_json)


@restart_app.command("remove")
def remove(
    ctx: typer.Context,
    section: Annotated[str, typer.Argument()],
    number: Annotated[int, typer.Argument()],
    as_json: JsonOpt = False,
) -> None:
    """Take one item off your restart plan (it stays in your log's history)."""
    from hikicli.domain.restart_plan import REMOVED, item_at

    actx: AppContext = ctx.obj
    item = item_at(_read(actx), section, number)
    event = actx.log.append(REMOVED, {"item": item["item"]}, now=actx.now())
    data = {"id": event["id"], "recorded": event["ts"], "section": section, **item}
    _done(actx, "removed", data, as_json)


def _done(
    actx: AppContext, what: Literal["added", "removed"], data: dict[str, str], as_json: bool
) -> None:
    from hikicli.cli.render import print_saved

    words = actx.catalog["restart"]["plan"][what]
    print_saved(data, f"restart_plan.item_{what}", words, as_json)


@restart_app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    force: Annotated[bool, typer.Option()] = False,
) -> None:
    """A printable Markdown copy of your restart plan."""
    from hikicli.domain.safety_plan import plan_markdown
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    words = actx.catalog["restart"]["plan"]
    text = plan_markdown(words, _read(actx), heading="#") + f"\n\n*{words['export_footer']}*\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.is_dir():
        raise UsageError("restart_plan.is_folder", path=str(output))
    if output.exists() and not force:
        raise UsageError("restart_plan.exists", path=str(output))
    from hikicli.storage.files import atomic_write

    atomic_write(output, text.encode("utf-8"))
    typer.echo(str(output))
