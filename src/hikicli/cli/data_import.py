"""`hiki data import`: restore a `hiki data export` JSON file into the current profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hikicli.cli.context import AppContext
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
    from hikicli.storage.importing import (
        import_events,
        parse_export,
        read_export_file,
        stream_import,
    )
    from hikicli.storage.sealed_export import open_sealed, read_sealed, sealed_header, unlock_export

    actx: AppContext = ctx.obj
    path = file.expanduser()
    lock = actx.paths.data_dir / "import.lock"
    # A sealed export (`hiki data export --encrypt`): this profile's own data is unlocked first
    # when it is encrypted (its usual question), then the export, asked in words that name the
    # export; an export of this data, or one sealed with the same passphrase, opens without a
    # second question. Then it is read like a plain one, a chunk at a time; a damaged or cut
    # one stops before anything is written.
    header = sealed_header(path)
    cipher = None
    if header is not None:
        own = actx.log.expected_header()
        if own is not None:
            actx.log.cipher(own)
        cipher = unlock_export(actx.keys, header, path, lambda: actx.ask_export_passphrase(path))
    opener = (lambda: open_sealed(path, cipher)) if cipher is not None else None
    # Read a chunk at a time; a file the streamed reader is not sure of is read whole, which
    # names its problem (nothing is imported then).
    result = stream_import(actx.log, path, lock, opener)
    if result is None:
        raw = read_sealed(path, cipher) if cipher is not None else read_export_file(path)
        events = parse_export(raw, str(path))
        result = import_events(actx.log, events, lock)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {
                "file": str(path),
                "profile": actx.paths.profile,
                **result.to_json(),
                "sealed": cipher is not None,
            },
            kind="data.imported",
        )
        return
    from hikicli.content.messages import text

    lang = actx.language()
    key = "data.imported_one" if result.added == 1 else "data.imported"
    typer.echo(
        text(
            lang,
            key,
            added=result.added,
            profile=actx.paths.profile,
            skipped=result.skipped,
        )  # fmt: skip
    )
    if result.conflicts:
        count = len(result.conflicts)
        key = "data.import_conflicts_one" if count == 1 else "data.import_conflicts"
        typer.echo(text(lang, key, count=count), err=True)
