"""The `hiki` command: the typer app, its global options, and the one exit point for errors."""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

from hikicli.cli.outcome import after_command, report, unexpected
from hikicli.errors import HikiError


class HikiGroup(TyperGroup):
    """Maps every HikiError to a short message and its exit code; no traceback, ever."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
        except (HikiError, KeyboardInterrupt) as err:
            raise typer.Exit(report(err)) from None
        after_command(ctx.obj)
        return result


app = typer.Typer(
    cls=HikiGroup,
    name="hiki",
    help="A private, gentle companion for small steps. Everything stays on this computer.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # plain help: rich help rendering costs ~80 ms
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module adds its commands to `app`; keep this list short and in the order of `hiki --help`.
COMMAND_MODULES = (
    "hikicli.cli.dashboard",
    "hikicli.cli.checkin",
    "hikicli.cli.ladder",
    "hikicli.cli.ladder_step",
    "hikicli.cli.history",
    "hikicli.cli.progress",
    "hikicli.cli.report",
    "hikicli.cli.guide",
    "hikicli.cli.family",
    "hikicli.cli.homework",
    "hikicli.cli.crisis",
    "hikicli.cli.safety_plan",
    "hikicli.cli.assess",
    "hikicli.cli.data",
    "hikicli.cli.data_import",
    "hikicli.cli.privacy",
    "hikicli.cli.config",
    "hikicli.cli.content",
)
for _name in COMMAND_MODULES:
    importlib.import_module(_name)


def run(args: list[str]) -> int:
    """Run hiki with `args`; return the exit code."""
    command = typer.main.get_command(app)
    try:
        command.main(args=args, prog_name="hiki", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except Exception as err:  # a bug: say so briefly; never dump locals (private answers)
        return unexpected(err)
    return 0
