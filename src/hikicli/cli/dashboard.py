"""`hiki` with no command: a calm one-screen dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", help="Show hiki's version.")] = False,
) -> None:
    """A private, gentle companion for small steps. Everything stays on this computer.

    Run [bold]hiki[/] alone for today's overview. In a hard moment: [bold]hiki crisis[/].
    """
    if version:
        from hikicli import __version__

        typer.echo(f"hiki {__version__}")
        raise typer.Exit()
    if ctx.obj is None:
        ctx.obj = AppContext.default()
    if ctx.invoked_subcommand is None:
        from hikicli.cli.dashboard_view import show_dashboard

        show_dashboard(ctx.obj)
