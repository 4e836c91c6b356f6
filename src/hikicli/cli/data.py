"""`hiki data`: where the data lives, exporting it, and deleting it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hikicli.cli.context import AppContext
from hikicli.cli.data_group import data_app

WIPE_WORD = "delete"


@data_app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the folder where this profile's data lives."""
    actx: AppContext = ctx.obj
    typer.echo(str(actx.paths.data_dir))


@data_app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    force: Annotated[bool, typer.Option()] = False,
    encrypt: Annotated[bool, typer.Option("--encrypt")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Export everything recorded, as JSON or CSV."""
    from hikicli.cli.data_export_run import export_command

    export_command(ctx.obj, fmt, output, force, encrypt, as_json)


@data_app.command("wipe")
def wipe(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes")] = False,
) -> None:
    """Delete everything this profile has recorded, its settings and caches. Cannot be undone."""
    from hikicli.storage.wipe import wipe_profile

    actx: AppContext = ctx.obj
    ui = actx.catalog["ui"]
    if not yes:
        from hikicli.content.messages import text
        from hikicli.errors import Cancelled

        prompter = actx.get_prompter("--yes")
        try:
            typed = prompter.text(
                "wipe", ui["wipe_confirm"].format(word=WIPE_WORD, data_dir=actx.paths.data_dir)
            )
        except Cancelled:
            raise Cancelled("data.wipe_stopped") from None
        if typed.strip().lower() != WIPE_WORD:
            typer.echo(text(actx.language(), "data.wipe_not_confirmed"))
            return
    others = wipe_profile(actx.paths)
    typer.echo(ui["wipe_done"].format(profile=actx.paths.profile))
    if others:
        typer.echo(ui["wipe_others"].format(profiles=", ".join(others)))
