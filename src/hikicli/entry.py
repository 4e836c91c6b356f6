"""Console entry point.

Fast paths skip typer, which costs ~90 ms to import and to build its command tree:
`hiki --version` imports nothing heavy; `hiki` alone (the dashboard people see every day),
`hiki checkin`, alone or with flags (the time to the first question, or to a saved check-in,
matters to an anxious person), `hiki step` with flags, and the read commands `history`,
`progress`, `report`, `assess history`, `homework` and `family` run their code directly, with
flags Click would accept as they are (FAST_PATHS: one table, one parser), after a `--profile
NAME` or not; `hiki --help` prints the help text cached for this version and width. Everything
else, and every error path (an unknown flag, a value Click would refuse, `--help`), goes through
the same code as the typer CLI, so every error is worded as it is there.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import ...`: typing costs `hiki --version` ~8 ms
if TYPE_CHECKING:
    from typing import Any


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from hikicli import __version__

        sys.stdout.write(f"hiki {__version__}\n")
        return 0
    if args == ["hello"]:  # at every shell start: next to nothing is imported
        from hikicli.cli.hello_line import hello

        return hello()
    if PASSPHRASE_ENV in os.environ and args[:1] not in NO_DATA:
        # The encrypted profile's key derivation starts now, in a thread, while typer and the
        # command load (storage/crypto.prefetch_profile); the unlock awaits it.
        from hikicli.storage.crypto import prefetch_profile

        prefetch_profile(args)
    found = fast_path(args)
    if found is not None:
        return guarded(*found)
    if args in (["--help"], ["-h"]) or [a.casefold() for a in args] == ["help"]:
        # `hiki help` is `hiki --help` (it ends with the crisis pointer), from the same cache.
        from hikicli.cli.helpcache import show_help

        return show_help(["--help"] if args[0].casefold() == "help" else args)
    from hikicli.cli.app import run

    return run(args)


PASSPHRASE_ENV = "HIKI_PASSPHRASE"  # storage/crypto.PASSPHRASE_ENV (not imported for plain use)
NO_DATA = (["--help"], ["-h"], ["help"])  # never unlock: no derivation started


SWITCH = True  # an option without a value (`--json`): True when given


def at_least(low: int, high: int | None = None) -> Any:
    """Click's IntRange(min=low, max=high): int(), and out of range is refused."""

    def convert(value: str) -> int:
        number = int(value)
        if number < low or (high is not None and number > high):
            raise ValueError(value)
        return number

    return convert


def a_path(value: str) -> Any:
    """Click's Path() as typer declares a `Path` option: a path that exists must be readable
    (else Click refuses it, in its own words)."""
    from pathlib import Path

    if os.path.exists(value) and not os.access(value, os.R_OK):
        raise ValueError(value)
    return Path(value)


# The commands entry.py runs without typer. Each: the words that name it, the function that runs
# it ("module:function", called with the context and the keyword arguments), its arguments in
# order, its options (flag: (keyword, how Click converts the value: int, float, str, a range,
# a path, or SWITCH)), and whether it runs only with a flag (`hiki step` alone asks its questions
# through the typer CLI). The options are the typer command's own (cli/checkin.py,
# cli/ladder_step.py, cli/history.py, cli/progress.py, cli/report.py, cli/assess.py,
# cli/homework.py, cli/family.py, cli/data_import.py); tests/test_fast_paths.py checks that each
# path does what the typer CLI does.
FAST_PATHS: dict[tuple[str, ...], tuple[str, tuple[str, ...], dict[str, Any], bool]] = {
    ("checkin",): ("checkin_run:checkin_command", (), {
        "--mood": ("mood", int), "--anxiety": ("anxiety", int), "--energy": ("energy", int),
        "--sleep": ("sleep", float), "--slept": ("slept", str), "--woke": ("woke", str),
        "--outside": ("outside", int), "--contact": ("contact", str), "--note": ("note", str),
        "--safe": ("safe", str), "--date": ("date", str), "--json": ("as_json", SWITCH),
    }, False),
    ("step",): ("step_run:step_command", ("step_id",), {
        "--what": ("what", str), "--where": ("where", str), "--when": ("when", str),
        "--plan-minutes": ("plan_minutes", int), "--expected": ("expected", int),
        "--fear": ("fear", str), "--likelihood": ("likelihood", int),
        "--safety": ("safety", str), "--result": ("result", str), "--peak": ("peak", int),
        "--end": ("end", int), "--happened": ("happened", str),
        "--feared": ("happened", str), "--learned": ("learned", str),
        "--minutes": ("minutes", int), "--date": ("date", str), "--plan": ("plan", SWITCH),
        "--finish": ("finish", SWITCH), "--with-someone": ("with_someone", SWITCH),
        "--json": ("as_json", SWITCH),
    }, True),
    ("history",): ("history_run:history_command", (), {
        "--since": ("since", str), "--limit": ("limit", at_least(1)),
        "--json": ("as_json", SWITCH),
    }, False),
    ("progress",): ("progress_run:progress_command", (), {
        "--weeks": ("weeks", at_least(1, 104)), "--json": ("as_json", SWITCH),
    }, False),
    ("assess", "history"): ("assess_history:show_history", ("only",), {
        "--json": ("as_json", SWITCH), "--all": ("everything", SWITCH),
    }, False),
    ("report",): ("report_run:report_command", (), {
        "--since": ("since", str), "--format": ("fmt", str), "-f": ("fmt", str),
        "--output": ("output", a_path), "-o": ("output", a_path),
        "--include": ("include", str), "--include-notes": ("include_notes", SWITCH),
        "--force": ("force", SWITCH),
    }, False),
    ("homework",): ("homework_view:homework_status", (), {"--json": ("as_json", SWITCH)}, False),
    ("family",): ("family_view:family_overview", (), {"--json": ("as_json", SWITCH)}, False),
    ("data", "import"): ("data_import_run:import_command", ("file",), {
        "--json": ("as_json", SWITCH),
    }, False),
    ("data", "export"): ("data_export_run:export_command", (), {
        "--format": ("fmt", str), "-f": ("fmt", str), "--output": ("output", str),
        "-o": ("output", str), "--force": ("force", SWITCH), "--encrypt": ("encrypt", SWITCH),
        "--json": ("as_json", SWITCH),
    }, False),
}  # fmt: skip
REQUIRED = {"file"}  # arguments a command cannot run without (`hiki data import` alone: Click says)


def fast_path(args: list[str]) -> tuple[str | None, dict[str, Any], str | None] | None:
    """(what runs, its keyword arguments, the profile) for a command line entry.py runs itself:
    the dashboard (`hiki`) or a FAST_PATHS command, after `--profile NAME` or not; None for
    anything else (the typer CLI then parses it, and words every error)."""
    profile = None
    if args and args[0].startswith("--profile"):
        name, eq, profile = args[0].partition("=")
        if name != "--profile" or not eq and len(args) < 2:
            return None
        profile, args = (profile, args[1:]) if eq else (args[1], args[2:])
        from hikicli.storage.paths import valid_profile

        if not valid_profile(profile):  # the typer CLI words it
            return None
    if not args:
        return None, {}, profile
    for words, (run, positional, options, needs_flag) in FAST_PATHS.items():
        if tuple(args[: len(words)]) == words:
            given = parse_flags(args[len(words) :], positional, options)
            if given is None or needs_flag and not set(given) - set(positional):
                return None
            if REQUIRED & set(positional) - set(given):
                return None
            return run, given, profile
    return None


def parse_flags(
    args: list[str], positional: tuple[str, ...], options: dict[str, Any]
) -> dict[str, Any] | None:
    """The keyword arguments for these arguments and flags, converted as Click would, or None
    for anything else: an unknown or repeated flag, one more argument than the command takes, a
    value that does not convert or is out of range, one that starts with '-', a switch given a
    value, --help. The typer CLI then parses them and words every error."""
    out: dict[str, Any] = {}
    places = list(positional)
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if not name.startswith("-"):
            if not places:
                return None
            out[places.pop(0)] = args[i]
            i += 1
            continue
        if name not in options or eq and not name.startswith("--"):
            return None  # Click reads `-f=md` as the value "=md": it words that
        key, convert = options[name]
        if key in out:
            return None
        if convert is SWITCH:
            if eq:
                return None
            out[key] = True
            i += 1
            continue
        if not eq:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
        i += 1 if eq else 2
        if value.startswith("-"):
            return None
        try:
            out[key] = convert(value)
        except ValueError:
            return None
    return out


def guarded(
    run: str | None, options: dict[str, Any] | None = None, profile: str | None = None
) -> int:
    """Run a fast path (`run`: "module:function" of hikicli.cli, None for the dashboard) with
    the same error handling as the typer CLI."""
    from hikicli.cli.context import AppContext
    from hikicli.cli.outcome import after_command, report, unexpected
    from hikicli.errors import HikiError

    actx = None
    try:
        actx = AppContext.default(profile)
        if run is None:
            from hikicli.cli.dashboard_view import show_dashboard

            show_dashboard(actx)
        else:
            import importlib

            from hikicli.content import messages

            messages.use_cache(actx.paths.cache_dir)  # the words, parsed once (as cli.app.run)
            module, _, function = run.partition(":")
            command = getattr(importlib.import_module(f"hikicli.cli.{module}"), function)
            command(actx, **(options or {}))
        after_command(actx)
    except (HikiError, KeyboardInterrupt) as err:
        return report(err, actx)
    except Exception as err:  # a bug: a short message, never locals
        from hikicli.cli.risk_view import close

        close(actx, "error")
        return unexpected(err)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
