"""Console entry point.

Fast paths skip typer, which costs ~90 ms to import and to build its command tree:
`hiki --version` imports nothing heavy; `hiki` alone (the dashboard people see every day) and
`hiki checkin`, alone or with flags (the time to the first question, or to a saved check-in,
matters to an anxious person), and `hiki step` with flags run their code directly, with flags
Click would accept as they are;
`hiki --help` prints the help text cached for this version and width. Everything else, and every
error path, goes through the same code as the typer CLI.
"""

from __future__ import annotations

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
    if not args:
        return guarded("dashboard")
    if args == ["hello"]:  # at every shell start: next to nothing is imported
        from hikicli.cli.hello_line import hello

        return hello()
    if args[0] == "checkin":
        flags = checkin_flags(args[1:])
        if flags is not None:
            return guarded("checkin", flags)
    if args[0] == "step":
        options = step_flags(args[1:])
        if options is not None:
            return guarded("step", options)
    if args in (["--help"], ["-h"]) or [a.casefold() for a in args] == ["help"]:
        # `hiki help` is `hiki --help` (it ends with the crisis pointer), from the same cache.
        from hikicli.cli.helpcache import show_help

        return show_help(["--help"] if args[0].casefold() == "help" else args)
    from hikicli.cli.app import run

    return run(args)


# `hiki checkin`'s options (cli/checkin.py) and how Click converts each value: int(), float(),
# or the text as it is.
CHECKIN_OPTIONS: dict[str, type[Any]] = {
    "--mood": int,
    "--anxiety": int,
    "--energy": int,
    "--sleep": float,
    "--slept": str,
    "--woke": str,
    "--outside": int,
    "--contact": str,
    "--note": str,
    "--safe": str,
    "--date": str,
}


def checkin_flags(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `checkin_command` for these flags, converted as Click would, or
    None for anything else (an unknown or repeated flag, a value that does not convert, one
    that starts with '-', --help): the typer CLI then parses them and words every error."""
    out: dict[str, Any] = {}
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if name == "--json" and not eq:
            if "as_json" in out:
                return None
            out["as_json"] = True
            i += 1
            continue
        convert = CHECKIN_OPTIONS.get(name)
        if convert is None:
            return None
        if not eq:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
        i += 1 if eq else 2
        key = name[2:]
        if key in out or value.startswith("-"):
            return None
        try:
            out[key] = convert(value)
        except ValueError:
            return None
    return out


# `hiki step`'s options (cli/ladder_step.py): converted as Click would, or a switch (True).
STEP_OPTIONS: dict[str, Any] = {
    "--what": str, "--where": str, "--when": str, "--plan-minutes": int, "--expected": int,
    "--fear": str, "--likelihood": int, "--safety": str, "--result": str, "--peak": int,
    "--end": int, "--happened": str, "--feared": str, "--learned": str, "--minutes": int,
    "--date": str, "--plan": True, "--finish": True, "--with-someone": True, "--json": True,
}  # fmt: skip
STEP_NAMES = {"--feared": "happened", "--json": "as_json"}


def step_flags(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `step_command` for `hiki step [ID] --flag ...`, or None when
    there is no flag (the questions: the typer CLI), or for anything `checkin_flags` would
    refuse (then the typer CLI parses them and words every error)."""
    out: dict[str, Any] = {}
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if not name.startswith("-"):
            if "step_id" in out:
                return None
            out["step_id"] = args[i]
            i += 1
            continue
        convert = STEP_OPTIONS.get(name)
        if convert is None:
            return None
        key = STEP_NAMES.get(name, name[2:].replace("-", "_"))
        if key in out:
            return None
        if convert is True:
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
    return out if set(out) - {"step_id"} else None


def guarded(command: str, options: dict[str, Any] | None = None) -> int:
    """Run a fast-path command with the same error handling as the typer CLI."""
    from hikicli.cli.context import AppContext
    from hikicli.cli.outcome import after_command, report, unexpected
    from hikicli.errors import HikiError

    actx = None
    try:
        actx = AppContext.default()
        if command == "checkin":
            from hikicli.cli.checkin_run import checkin_command

            checkin_command(actx, **(options or {}))
        elif command == "step":
            from hikicli.cli.step_run import step_command

            step_command(actx, **(options or {}))
        else:
            from hikicli.cli.dashboard_view import show_dashboard

            show_dashboard(actx)
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
