"""`hiki data import`: restore a `hiki data export` JSON file into the current profile. The work
is in cli/data_import_run.py (also reached by entry.py's fast path, without typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hikicli.cli.data_group import data_app


@data_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument()],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Restore entries from a `hiki data export` JSON file into this profile.

    Entries already here are skipped. If anything in the file is wrong, nothing is imported.
    """
    from hikicli.cli.data_import_run import import_command

    import_command(ctx.obj, file, as_json=as_json)
