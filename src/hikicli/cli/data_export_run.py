"""What `hiki data export` does, without typer: the typer command (cli/data.py) and entry.py's
fast path both call `export_command` (an export of 100,000 entries is measured against `python
-c pass`, and typer's import and command tree were an eighth of it)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext
from hikicli.cli.plain import echo

if TYPE_CHECKING:
    from hikicli.storage.crypto import Cipher


def export_command(
    actx: AppContext,
    fmt: str = "json",
    output: str | Path | None = None,
    force: bool = False,
    encrypt: bool = False,
    as_json: bool = False,
) -> None:
    from hikicli.content.messages import text
    from hikicli.errors import UsageError
    from hikicli.storage.export import LogEvents, export_csv, export_json

    if fmt not in ("json", "csv"):
        raise UsageError("data.format", value=fmt)
    if encrypt and fmt != "json":
        raise UsageError("data.encrypt_csv")
    if as_json and output is None:
        raise UsageError("data.export_json_output")
    if encrypt and output is None and _stdout_is_terminal(actx):
        # Sealed bytes on a screen help nobody: refuse before a passphrase is asked.
        raise UsageError("data.sealed_to_terminal")
    lang = actx.language()
    from hikicli.storage.files import output_target

    target = output_target(Path(output) if output is not None else None, force)
    encrypted = actx.log.is_encrypted()
    sealer = _export_cipher(actx) if encrypt else None
    # Streamed: the log is read and the export written one chunk at a time.
    # A JSON export copies the lines it knows to be unchanged (storage/export.py).
    cache = actx.paths.profile_cache_dir if fmt == "json" else None
    events = LogEvents(actx.log, cache).open()

    def document(put: Callable[[bytes], Any]) -> None:
        if sealer is not None:
            from hikicli.storage.sealed_export import SealedWriter

            writer = SealedWriter(put, sealer)
            export_json(events, actx.now(), None, writer.write)
            writer.close()
        elif fmt == "json":
            export_json(events, actx.now(), None, lambda t: put(t.encode("utf-8")))
        else:
            export_csv(events, lambda t: put(t.encode("utf-8")))

    if target is None:
        out = sys.stdout.buffer
        sys.stdout.flush()
        document(out.write)
        out.flush()
    else:
        from hikicli.storage.files import atomic_writer

        with atomic_writer(target) as write:
            document(write)
        if as_json:
            from hikicli.cli.render import print_json

            print_json(
                {
                    "file": str(target), "format": fmt, "events": events.count,
                    "sealed": sealer is not None, "damaged": len(events.problems),
                },
                kind="data.exported",
            )  # fmt: skip
        else:
            key = "data.exported_one" if events.count == 1 else "data.exported"
            if sealer is not None:
                key = "data.exported_sealed_one" if events.count == 1 else "data.exported_sealed"
            echo(text(lang, key, count=events.count, path=target), err=True)
    if encrypted and sealer is None:
        echo(text(lang, "data.export_plaintext"), err=True)
    from hikicli.cli.render import note_text

    for problem in events.problems:
        echo(note_text(lang, problem.describe(actx.log.path, lang)), err=True)


def _stdout_is_terminal(actx: AppContext) -> bool:
    """Whether the export would be printed on a screen (a test's context says it itself)."""
    return actx.interactive if actx.interactive is not None else sys.stdout.isatty()


def _export_cipher(actx: AppContext) -> Cipher:
    """The key a sealed export is sealed with: when the data is encrypted, a new key wrapped by
    the same passphrase (asked once, as any read asks); else a passphrase for this export,
    asked twice (HIKI_PASSPHRASE in scripts)."""
    from hikicli.storage.crypto import EXPORT_KIND, PASSPHRASE_ENV, new_cipher

    header = actx.log.expected_header()
    if header is not None:
        return actx.log.cipher(header).sibling(EXPORT_KIND)
    return new_cipher(actx.new_passphrase(PASSPHRASE_ENV, "export_intro"), kind=EXPORT_KIND)
