"""What `hiki data import FILE` does, without typer: the typer command (cli/data_import.py) and
entry.py's fast path both call `import_command` (an import of 100,000 entries is measured
against `python -c pass`, and typer's import and command tree are a part of it)."""

from __future__ import annotations

import sys
from pathlib import Path

from hikicli.cli.context import AppContext


def import_command(actx: AppContext, file: str | Path, as_json: bool = False) -> None:
    from hikicli.storage.importing import (
        import_events,
        parse_export,
        read_export_file,
        stream_import,
    )
    from hikicli.storage.sealed_export import open_sealed, read_sealed, sealed_header, unlock_export

    path = Path(file).expanduser()
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
    said = text(lang, key, added=result.added, profile=actx.paths.profile, skipped=result.skipped)
    sys.stdout.write(said + "\n")
    sys.stdout.flush()
    if result.conflicts:
        count = len(result.conflicts)
        key = "data.import_conflicts_one" if count == 1 else "data.import_conflicts"
        sys.stderr.write(text(lang, key, count=count) + "\n")
        sys.stderr.flush()
