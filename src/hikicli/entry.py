"""Console entry point.

`hiki --version` is answered here without importing typer, rich or pydantic, so it starts about as
fast as Python itself. Everything else goes to the CLI, imported only when needed.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from hikicli import __version__

        sys.stdout.write(f"hiki {__version__}\n")
        return 0
    from hikicli.cli.app import run

    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
