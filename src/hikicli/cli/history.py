"""`hiki history`: recent entries as a table or JSON. The work is in cli/history_run.py (also
reached by entry.py's fast path, without typer)."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def history(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[int, typer.Option(min=1)] = 14,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Your recent entries, newest last."""
    from hikicli.cli.history_run import history_command

    history_command(ctx.obj, since=since, limit=limit, as_json=as_json)
