"""`hiki progress`: charts of the last weeks in the terminal, and a short weekly summary. The
work is in cli/progress_run.py (also reached by entry.py's fast path, without typer)."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def progress(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(min=1, max=104)] = 8,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Mood, anxiety, energy, time outside and contact over the last weeks, with a short summary."""
    from hikicli.cli.progress_run import progress_command

    progress_command(ctx.obj, weeks=weeks, as_json=as_json)
