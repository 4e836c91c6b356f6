"""The `hiki` command: the typer app, its global options, and the one exit point for errors."""

from __future__ import annotations

import importlib
import os
from typing import Any

import typer
from typer.core import TyperGroup

from hikicli.cli.outcome import after_command, report, unexpected
from hikicli.errors import HikiError

# Words a person may type when looking for help; each is `hiki crisis` (hidden from `hiki --help`).
CRISIS_ALIASES = (
    "emergency", "hotline", "helpline", "suicide", "help-me", "helpme", "urgent",
)  # fmt: skip
# Typed in any case (`hiki SOS`, `hiki Crisis`), these still find crisis help.
ANY_CASE = ("crisis", "sos", "help", *CRISIS_ALIASES)


def crisis_pointer(ctx: Any, key: str = "pointer") -> str:
    """The one line that points to `hiki crisis` (risk.yaml), loaded on its own: never raises."""
    from hikicli.content.risk_content import one_line

    root = ctx.find_root() if ctx is not None else None
    lang = getattr(root.command, "hiki_lang", None) if root is not None else None
    obj = root.obj if root is not None else None
    if lang is None:
        try:
            lang = obj.language() if obj is not None else "en"
        except Exception:  # the pointer must never wait on settings
            lang = "en"
    # --profile as typed (an unknown command stops before the context is made), else the context's
    profile = getattr(getattr(obj, "paths", None), "profile", "default")
    typed = None
    if root is not None:
        typed = root.params.get("profile") or root.meta.get("hiki_profile")
    typed = typed or os.environ.get("HIKI_PROFILE")
    if isinstance(typed, str):
        try:
            from hikicli.cli.context import check_profile

            profile = check_profile(typed)
        except Exception:  # a name that is not a profile's: the pointer still shows
            pass
    return one_line(lang, key, profile)


class HikiGroup(TyperGroup):
    """Maps every HikiError to a short message and its exit code; no traceback, ever.

    Every way in ends near crisis help: an unknown command ends with the crisis pointer, the
    crisis words work in any case, and the top-level help ends with the pointer."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Every help and Click's words in the person's language, set before parsing (a
        `--help` is answered while parsing, before any callback runs)."""
        from hikicli.cli.localize import apply_help, help_language

        self.hiki_lang = help_language(kwargs.get("obj"))
        apply_help(self, self.hiki_lang)
        return super().main(*args, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        # The profile as typed, for the crisis pointer of a `--help` (answered while parsing,
        # before --profile is processed) and of an unknown command.
        from hikicli.storage.roots import typed_profile

        profile, at = typed_profile(args)
        if profile is not None:
            ctx.meta["hiki_profile"] = profile
        ctx.meta["hiki_rest"] = args[at:]  # the command and its words (`help me`)
        return super().parse_args(ctx, args)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        from typer._click.exceptions import ClickException

        from hikicli.cli.localize import localized_error

        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except ClickException as err:  # `hiki --bad`: Click's words in the person's language
            raise localized_error(err, getattr(self, "hiki_lang", "en")) from None
        return ctx

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name.casefold() in ANY_CASE:
            command = super().get_command(ctx, cmd_name.casefold())
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        from typer._click.exceptions import UsageError

        try:
            name, command, rest = super().resolve_command(ctx, args)
        except UsageError as err:  # "No such command 'x'. Did you mean ...?"
            import shutil

            from hikicli.cli.plain import wrap_cells

            width = max(shutil.get_terminal_size().columns - 1, 40)
            # between words, by cells, a command such as `hiki --profile mum crisis` kept whole
            pointer = "\n".join(wrap_cells(crisis_pointer(ctx, "unknown_command"), width))
            err.message = f"{err.message}\n{pointer}"
            raise
        # The command's own name (`hiki SOS` runs `sos`), so the callback knows what runs.
        return (command.name if command is not None else name), command, rest

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        super().format_epilog(ctx, formatter)
        from hikicli.cli.plain import wrap_cells

        formatter.write_paragraph()
        # pre-wrapped, a command kept whole (Click's own wrap may cut `hiki --profile mum sos`)
        width = max((formatter.width or 80) - formatter.current_indent, 40)
        for line in wrap_cells(crisis_pointer(ctx), width):
            formatter.write(" " * formatter.current_indent + line + "\n")

    def invoke(self, ctx: Any) -> Any:
        from typer._click.exceptions import ClickException

        from hikicli.cli.localize import localized_error

        try:
            result = super().invoke(ctx)
        except ClickException as err:  # a subcommand's bad flag, an unknown command
            raise localized_error(err, getattr(self, "hiki_lang", "en")) from None
        except (HikiError, KeyboardInterrupt) as err:
            raise typer.Exit(report(err, ctx.obj)) from None
        except Exception:
            # A bug after a risk answer still ends with the crisis block, then the bug message.
            from hikicli.cli.risk_view import close

            close(ctx.obj, "error")
            raise
        after_command(ctx.obj)
        return result


app = typer.Typer(
    cls=HikiGroup,
    name="hiki",
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
    "hikicli.cli.activity",
    "hikicli.cli.history",
    "hikicli.cli.progress",
    "hikicli.cli.report",
    "hikicli.cli.guide",
    "hikicli.cli.family",
    "hikicli.cli.homework",
    "hikicli.cli.crisis",
    "hikicli.cli.now",
    "hikicli.cli.hello",
    "hikicli.cli.support",
    "hikicli.cli.safety_plan",
    "hikicli.cli.restart_plan",
    "hikicli.cli.assess",
    "hikicli.cli.data",
    "hikicli.cli.data_import",
    "hikicli.cli.privacy",
    "hikicli.cli.config",
    "hikicli.cli.content",
)
for _name in COMMAND_MODULES:
    importlib.import_module(_name)


def tree_for(args: list[str]) -> typer.Typer:
    """The part of the command tree `args` runs: for `hiki NAME ...` (NAME exactly a command's
    or group's name) the root with that one command, else the whole tree (`hiki --profile x`,
    `hiki help`, a misspelt or upper-case name: Click then finds, suggests or words it). Typer
    builds every command's parameters from its function (~0.1 s for the whole tree), and the
    help of every command is set in the person's language each run (localize.apply_help)."""
    name = args[0] if args else ""
    if not name or name.startswith("-") or name == "help":
        return app
    commands = [
        c
        for c in app.registered_commands
        if (c.name or typer.main.get_command_name(c.callback.__name__ if c.callback else ""))
        == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    import copy

    pruned = copy.copy(app)
    pruned.registered_commands, pruned.registered_groups = commands, groups
    return pruned


def run(args: list[str]) -> int:
    """Run hiki with `args`; return the exit code."""
    from hikicli.content import messages
    from hikicli.storage.paths import Paths

    messages.use_cache(Paths.resolve().cache_dir)  # the help's words, parsed once
    command = typer.main.get_command(tree_for(args))
    try:
        command.main(args=args, prog_name="hiki", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except Exception as err:  # a bug: say so briefly; never dump locals (private answers)
        return unexpected(err)
    return 0
