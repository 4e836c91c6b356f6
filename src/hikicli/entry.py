"""Console entry point.

Two fast paths skip typer: `hiki --version` imports nothing heavy, and `hiki` alone (the
dashboard people see every day) imports only rich. Everything else goes to the typer CLI.
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
        return dashboard()
    from hikicli.cli.app import run

    return run(args)


def dashboard() -> int:
    from hikicli.cli.context import AppContext
    from hikicli.cli.dashboard_view import show_dashboard
    from hikicli.cli.outcome import report
    from hikicli.errors import HikiError

    try:
        show_dashboard(AppContext.default())
    except (HikiError, KeyboardInterrupt) as err:
        return report(err)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
