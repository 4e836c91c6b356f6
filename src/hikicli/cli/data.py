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
) -> None:
    """Export everything recorded, as JSON or CSV."""
    import sys

    from hikicli.content.messages import text
    from hikicli.errors import UsageError
    from hikicli.storage.export import LogEvents, export_csv, export_json

    actx: AppContext = ctx.obj
    if fmt not in ("json", "csv"):
        raise UsageError("data.format", value=fmt)
    encrypted = actx.log.is_encrypted()
    # Streamed: the log is read and the export written one chunk at a time.
    events = LogEvents(actx.log).open()
    if output is None:
        out = sys.stdout
        if fmt == "json":
            export_json(events, actx.now(), None, out.write)
        else:
            export_csv(events, out.write)
        out.flush()
        if encrypted:
            typer.echo(text(actx.language(), "data.export_plaintext"), err=True)
    else:
        from hikicli.storage.files import atomic_writer

        target = output.expanduser()
        if target.exists() and not force:
            raise UsageError("data.exists", path=target)
        if not target.parent.is_dir():
            raise UsageError("data.no_folder", path=target.parent)
        with atomic_writer(target) as write:

            def put(text: str) -> None:
                write(text.encode("utf-8"))

            if fmt == "json":
                export_json(events, actx.now(), None, put)
            else:
                export_csv(events, put)
        key = "data.exported_one" if events.count == 1 else "data.exported"
        typer.echo(text(actx.language(), key, count=events.count, path=target), err=True)
        if encrypted:
            typer.echo(text(actx.language(), "data.export_plaintext"), err=True)
    from hikicli.cli.render import note_text
    for problem in events.problems:
        typer.echo(note_text(actx.language(), problem.describe(actx.log.path)), err=True)


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
