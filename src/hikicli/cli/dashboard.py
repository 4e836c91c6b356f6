"""`hiki` with no command: a calm one-screen dashboard."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from hikicli.cli.app import CRISIS_ALIASES, app
from hikicli.cli.context import AppContext
from hikicli.errors import UsageError

# Commands that show crisis help: they never wait on a bad profile name (see `main`).
CRISIS_COMMANDS = ("crisis", "sos", *CRISIS_ALIASES)


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V")] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            envvar="HIKI_PROFILE",
            show_envvar=True,
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """A private, gentle companion for small steps. Everything stays on this computer.

    Run [bold]hiki[/] alone for today's overview. In a hard moment: [bold]hiki crisis[/].
    """
    if version:
        from hikicli import __version__

        typer.echo(f"hiki {__version__}")
        raise typer.Exit()
    try:
        ctx.obj = with_profile(ctx.obj, profile)
    except UsageError as err:
        if not asks_for_crisis(ctx):
            raise
        # Crisis help never waits on a typo in a profile name: say what is wrong, then help,
        # reading nobody's private data (no settings, no safety plan).
        from hikicli.cli.outcome import for_stderr

        sys.stderr.write(for_stderr(str(err)) + "\n")
        ctx.obj = AppContext.without_private_data()
    if ctx.invoked_subcommand is None:
        from hikicli.cli.dashboard_view import show_dashboard

        show_dashboard(ctx.obj)


def asks_for_crisis(ctx: typer.Context) -> bool:
    """`hiki crisis`, `hiki sos`, an alias, or `hiki help me`: help that never waits on a typo."""
    if ctx.invoked_subcommand in CRISIS_COMMANDS:
        return True
    rest = [str(a).casefold() for a in ctx.meta.get("hiki_rest", ())]  # HikiGroup.parse_args
    return rest[:2] == ["help", "me"]


def with_profile(actx: AppContext | None, profile: str | None) -> AppContext:
    """The context for `profile`: each profile has its own folder, so none reads another's data."""
    if profile is not None:
        from hikicli.cli.context import check_profile

        check_profile(profile)
    if actx is None:
        return AppContext.default(profile)
    if profile is None or profile == actx.paths.profile:
        return actx
    # A context handed in (tests) keeps its root and clock but moves to the other profile.
    from dataclasses import replace

    return replace(actx, paths=replace(actx.paths, profile=profile), _settings=None)


@app.command("help", hidden=True)
def help_(
    ctx: typer.Context,
    command: Annotated[list[str] | None, typer.Argument(show_default=False)] = None,
) -> None:
    """Same as `hiki --help`; `hiki help COMMAND` shows that command's help."""
    root = ctx.find_root()
    if command and command[0].casefold() == "me":  # `hiki help me`: someone asking for help now
        group: Any = root.command
        crisis = group.get_command(root, "crisis")
        crisis.invoke(crisis.make_context("crisis", [], parent=root))
        return
    shown: Any = root
    for name in command or []:
        group = shown.command
        if not hasattr(group, "resolve_command"):
            break  # a command has no subcommands: its own help is the answer
        # An unknown name is the same "No such command" as `hiki NAME` (with the crisis pointer).
        found, sub, _ = group.resolve_command(shown, [name])
        shown = sub.make_context(found, [], parent=shown, resilient_parsing=True)
    typer.echo(shown.get_help())
