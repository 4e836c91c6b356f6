"""`hiki data encrypt / decrypt / passphrase` and `hiki data backup [list | restore ID]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from hikicli.cli.context import AppContext
from hikicli.cli.data_group import data_app
from hikicli.errors import UsageError
from hikicli.storage.crypto import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV

if TYPE_CHECKING:
    from hikicli.domain.content_types import PrivacyContent

backup_app = typer.Typer()
data_app.add_typer(backup_app, name="backup")


def _say(actx: AppContext, key: str, **params: Any) -> str:
    """hiki's own words (messages.yaml) in the person's language, a `Msg` parameter too."""
    from hikicli.errors import render

    return render(actx.language(), key, params)


def _texts(actx: AppContext) -> PrivacyContent:
    return actx.catalog["privacy"]


def _new_passphrase(actx: AppContext, env: str, intro: bool) -> str:
    """A new passphrase: from `env` for scripts, else asked twice without echo."""
    return actx.new_passphrase(env, "encrypt_intro" if intro else None)


@data_app.command("encrypt")
def encrypt(ctx: typer.Context) -> None:
    """Encrypt your data with a passphrase (asked twice; HIKI_PASSPHRASE for scripts)."""
    from hikicli.storage.convert import encrypt_profile
    from hikicli.storage.crypto import read_header
    from hikicli.storage.encstate import recorded_header

    actx: AppContext = ctx.obj
    # encryption.json too: a lost log must not make this look like a first encryption
    already = (
        read_header(actx.paths.log_file) is not None or recorded_header(actx.paths) is not None
    )
    passphrase = "" if already else _new_passphrase(actx, PASSPHRASE_ENV, intro=True)
    result = encrypt_profile(actx.paths, actx.keys, passphrase)
    texts = _texts(actx)
    typer.echo(
        texts["encrypt_already"] if already and not result.changed else texts["encrypt_done"]
    )


@data_app.command("decrypt")
def decrypt(ctx: typer.Context) -> None:
    """Turn encryption off: store your data as plain files again (asks for the passphrase)."""
    from hikicli.storage.convert import decrypt_profile

    actx: AppContext = ctx.obj
    decrypt_profile(actx.paths, actx.keys)
    typer.echo(_texts(actx)["decrypt_done"])


@data_app.command("passphrase")
def passphrase(
    ctx: typer.Context,
    rotate_key: Annotated[bool, typer.Option("--rotate-key")] = False,
) -> None:
    """Change the passphrase (scripts: HIKI_PASSPHRASE, then HIKI_NEW_PASSPHRASE)."""
    from hikicli.storage.convert import change_passphrase
    from hikicli.storage.convert import rotate_key as rotate
    from hikicli.storage.crypto import read_header

    actx: AppContext = ctx.obj
    header = read_header(actx.paths.log_file)
    if header is None:
        raise UsageError("privacy.not_encrypted")
    actx.keys.cipher(header)  # check the current passphrase before asking for a new one
    new = _new_passphrase(actx, NEW_PASSPHRASE_ENV, intro=False)
    if rotate_key:
        rotate(actx.paths, actx.keys, new)
        typer.echo(_say(actx, "privacy.rotate_done"))
        return
    change_passphrase(actx.paths, actx.keys, new)
    typer.echo(_texts(actx)["passphrase_done"])
    typer.echo(_say(actx, "privacy.rotate_offer"))


@backup_app.callback(invoke_without_command=True)
def backup(ctx: typer.Context) -> None:
    """Make a backup now (without a subcommand), or list / restore backups."""
    if ctx.invoked_subcommand is not None:
        return
    from hikicli.storage.backup import backup_now, backups_dir

    actx: AppContext = ctx.obj
    made = backup_now(actx.paths)
    texts = _texts(actx)
    if made is None:
        typer.echo(texts["backup_nothing"])
        return
    typer.echo(texts["backup_done"].format(id=made.id, folder=backups_dir(actx.paths)))


@backup_app.command("list")
def backup_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The backups, oldest first: ID, when, how many records."""
    from hikicli.storage.backup import list_backups

    actx: AppContext = ctx.obj
    backups = list_backups(actx.paths)
    if as_json:
        from hikicli.cli.render import print_json

        print_json([b.to_json() for b in backups], kind="data.backups")
        return
    if not backups:
        typer.echo(_texts(actx)["backup_list_empty"])
        return
    for b in backups:
        when = b.created.astimezone().strftime("%Y-%m-%d %H:%M")
        line = _say(
            actx, "privacy.backup_line", id=b.id, when=when, records=b.records(), size=b.size()
        )
        typer.echo(line)


@backup_app.command("restore")
def backup_restore(
    ctx: typer.Context,
    backup_id: Annotated[str, typer.Argument(metavar="ID")],
    yes: Annotated[bool, typer.Option("--yes")] = False,
) -> None:
    """Bring back a backup. What is there now is backed up first."""
    from hikicli.storage.backup import find_backup, restore_backup

    actx: AppContext = ctx.obj
    texts = _texts(actx)
    chosen = find_backup(actx.paths, backup_id)
    if not yes:
        prompter = actx.get_prompter("--yes")
        created = chosen.created.astimezone().strftime("%Y-%m-%d %H:%M")
        question = texts["restore_confirm"].format(id=chosen.id, created=created)
        if not prompter.confirm("restore", question, default=False):
            typer.echo(texts["restore_kept"])
            return
    restored, before = restore_backup(actx.paths, chosen.id)
    typer.echo(
        texts["restore_done"].format(
            id=restored.id, before=before.id if before else _say(actx, "privacy.no_backup_before")
        )
    )


@data_app.command("restore-header")
def restore_header(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes")] = False,
) -> None:
    """Bring back a damaged encryption header from encryption.json or a backup (asks first)."""
    from hikicli.storage.encstate import log_header_state, matching_copy, put_header

    actx: AppContext = ctx.obj
    state = log_header_state(actx.paths)
    if state in ("ok", "plain", "missing"):
        typer.echo(_say(actx, f"privacy.header_{state}"))
        return
    copy = matching_copy(actx.paths, actx.keys.passphrase())
    if copy is None:
        raise UsageError("privacy.no_header_copy")
    if not yes:
        prompter = actx.get_prompter("--yes")
        question = _say(
            actx, "privacy.restore_header_confirm", source=copy.source, log=actx.paths.log_file.name
        )
        if not prompter.confirm("restore_header", question, default=True):
            typer.echo(_say(actx, "privacy.nothing_changed"))
            return
    put_header(actx.paths, copy)
    typer.echo(_say(actx, "privacy.header_restored", source=copy.source))


@data_app.command("status")
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """What is encrypted, what is not, and what an interrupted change left (no passphrase)."""
    from hikicli.storage.status import PLAINTEXT, profile_status

    actx: AppContext = ctx.obj
    found = profile_status(actx.paths)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({"profile": actx.paths.profile, **found.to_json()}, kind="data.status")
        return
    state = found.state
    typer.echo(
        _say(
            actx,
            "privacy.status_title",
            profile=actx.paths.profile,
            state=_say(actx, f"privacy.status_{state}"),
        )
    )
    if found.scrypt is not None:
        n, r, p = found.scrypt
        typer.echo(_say(actx, "privacy.status_key", n=n.bit_length() - 1, r=r, p=p))
    for item in found.files:
        form = _say(actx, f"privacy.form_{item.form}")
        role = _say(actx, f"privacy.role_{item.role}")
        typer.echo(_say(actx, "privacy.status_file", path=item.path, form=form, role=role))
    if not found.files:
        typer.echo(_say(actx, "privacy.status_no_files"))
    plain = found.where(PLAINTEXT)
    left = [f for f in found.files if f.role in ("safety", "temp")]
    if found.key_id is None:
        typer.echo(_say(actx, "privacy.status_unfinished_decrypt" if state != "off"
                        else "privacy.status_is_off"))  # fmt: skip
    elif state == "on":
        typer.echo(_say(actx, "privacy.status_all_encrypted"))
    else:
        if plain:
            typer.echo(_say(actx, "privacy.status_plain_left", count=len(plain)))
        if found.where("other_key"):
            typer.echo(_say(actx, "privacy.status_other_key"))
        if left:
            typer.echo(_say(actx, "privacy.status_left_behind", count=len(left)))
