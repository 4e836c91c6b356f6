"""`hiki report`: a summary to bring to a session, as Markdown, one HTML file, or JSON. The work is
in cli/report_run.py (also reached by entry.py's fast path, without typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def report(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    include: Annotated[str | None, typer.Option("--include")] = None,
    include_notes: Annotated[bool, typer.Option("--include-notes")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """A report to bring to a session: safety answers first, then check-ins, ladder,
    questionnaires, homework."""
    from hikicli.cli.report_run import report_command

    report_command(
        ctx.obj,
        since=since,
        fmt=fmt,
        output=output,
        include=include,
        include_notes=include_notes,
        force=force,
    )
