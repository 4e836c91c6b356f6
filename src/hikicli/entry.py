"""Console entry point.

Fast paths skip typer, which costs ~90 ms to import and to build its command tree:
`hiki --version` imports nothing heavy; `hiki` alone (the dashboard people see every day) and
`hiki checkin` (time to the first question matters to an anxious person) run their code directly;
`hiki --help` prints the help text cached for this version and width. Everything else, and every
error path, goes through the same code as the typer CLI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from hikicli import __version__

        sys.stdout.write(f"hiki {__version__}\n")
        return 0
    if not args:
        return guarded("dashboard")
    if args == ["checkin"]:
        return guarded("checkin")
    if args in (["--help"], ["-h"]) or [a.casefold() for a in args] == ["help"]:
        # `hiki help` is `hiki --help` (it ends with the crisis pointer), from the same cache.
        from hikicli.cli.helpcache import show_help

        return show_help(["--help"] if args[0].casefold() == "help" else args)
    from hikicli.cli.app import run

    return run(args)


def guarded(command: str) -> int:
    """Run a fast-path command with the same error handling as the typer CLI."""
    from hikicli.cli.context import AppContext
    from hikicli.cli.outcome import after_command, report, unexpected
    from hikicli.errors import HikiError

    actx = None
    try:
        actx = AppContext.default()
        if command == "checkin":
            from hikicli.cli.checkin_run import checkin_command

            checkin_command(actx)
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
