"""`hiki data`: where the data lives, exporting it, and deleting it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hikicli.cli.context import AppContext
from hikicli.cli.data_group import data_app

if TYPE_CHECKING:
    from hikicli.storage.crypto import Cipher

WIPE_WORD = "delete"


@data_app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the folder where this profile's data lives."""
    actx: AppContext = ctx.obj
    typer.echo(str(actx.paths.data_dir))


@data_app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o"),
    ] = None,
    force: Annotated[bool, typer.Option()] = False,
    encrypt: Annotated[bool, typer.Option("--encrypt")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Export everything recorded, as JSON or CSV."""
    import sys

    from hikicli.content.messages import text
    from hikicli.errors import UsageError
    from hikicli.storage.export import LogEvents, export_csv, export_json

    actx: AppContext = ctx.obj
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

    target = output_target(output, force)
    encrypted = actx.log.is_encrypted()
    sealer = _export_cipher(actx) if encrypt else None
    # Streamed: the log is read and the export written one chunk at a time.
    events = LogEvents(actx.log).open()

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
            typer.echo(text(lang, key, count=events.count, path=target), err=True)
    if encrypted and sealer is None:
        typer.echo(text(lang, "data.export_plaintext"), err=True)
    from hikicli.cli.render import note_text

    for problem in events.problems:
        typer.echo(note_text(lang, problem.describe(actx.log.path, lang)), err=True)


def _stdout_is_terminal(actx: AppContext) -> bool:
    """Whether the export would be printed on a screen (a test's context says it itself)."""
    import sys

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


@data_app.command("wipe")
def wipe(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes")] = False,
) -> None:
    """Delete everything this profile has recorded, its settings and caches. Cannot be undone."""
    from hikicli.storage.wipe import wipe_profile

    actx: AppContext = ctx.obj
    ui = actx.catalog["ui"]
    if not yes:
        from hikicli.content.messages import text
        from hikicli.errors import Cancelled

        prompter = actx.get_prompter("--yes")
        try:
            typed = prompter.text(
                "wipe", ui["wipe_confirm"].format(word=WIPE_WORD, data_dir=actx.paths.data_dir)
            )
        except Cancelled:
            raise Cancelled("data.wipe_stopped") from None
        if typed.strip().lower() != WIPE_WORD:
            typer.echo(text(actx.language(), "data.wipe_not_confirmed"))
            return
    others = wipe_profile(actx.paths)
    typer.echo(ui["wipe_done"].format(profile=actx.paths.profile))
    if others:
        typer.echo(ui["wipe_others"].format(profiles=", ".join(others)))
