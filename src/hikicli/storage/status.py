"""What is encrypted and what is not, file by file, without a passphrase (`hiki data status`).

Each private file says its form in its first bytes: an encryption header (and its key's id) or
not. That is all this module reads, so it needs no passphrase and shows nothing the folder does
not already show to anyone who can list it: names, sizes, and which files are encrypted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from hikicli.errors import StorageError
from hikicli.storage.backup import list_backups, private_files
from hikicli.storage.crypto import MAGIC, MAX_HEADER, Header, split_header
from hikicli.storage.files import TEMP_PREFIX, read_regular
from hikicli.storage.paths import Paths

# The forms a file can be in, as `hiki data status --json` names them.
ENCRYPTED, PLAINTEXT, EMPTY, OTHER_KEY, DAMAGED = (
    "encrypted", "plaintext", "empty", "other_key", "damaged",
)  # fmt: skip


@dataclass(frozen=True)
class FileForm:
    path: str  # relative to the profile's folder
    form: str
    role: str  # "profile", "backup", "safety" (an interrupted conversion's copy), "temp", "cache"


@dataclass
class Status:
    key_id: str | None  # the key the profile is encrypted with (log or encryption.json), or None
    scrypt: tuple[int, int, int] | None
    recorded: bool  # encryption.json is there
    files: list[FileForm] = field(default_factory=list)

    def where(self, *forms: str, roles: tuple[str, ...] = ()) -> list[FileForm]:
        return [f for f in self.files if f.form in forms and (not roles or f.role in roles)]

    @property
    def state(self) -> str:
        """ "on": every file sealed with the profile's key, nothing left behind; "off": nothing
        encrypted; "unfinished": anything else (an interrupted conversion)."""
        if self.key_id is None:
            return "unfinished" if self.where(ENCRYPTED, OTHER_KEY) else "off"
        left = self.where(PLAINTEXT, OTHER_KEY, DAMAGED) or self.where(
            ENCRYPTED, EMPTY, roles=("safety", "temp")
        )
        return "unfinished" if left else "on"

    def to_json(self) -> dict[str, object]:
        return {
            "state": self.state,
            "key_id": self.key_id,
            "scrypt": dict(zip(("n", "r", "p"), self.scrypt, strict=True)) if self.scrypt else None,
            "encryption_json": self.recorded,
            "files": [{"path": f.path, "form": f.form, "role": f.role} for f in self.files],
        }


def _form(path: Path, key_id: str | None) -> str:
    try:
        head = read_regular(path, MAX_HEADER)
    except (OSError, StorageError):
        return DAMAGED
    if not head:
        return EMPTY
    if not head.startswith(MAGIC):
        return PLAINTEXT
    line, _ = split_header(head)
    if line is None:
        return DAMAGED
    try:
        header = Header.parse(line, str(path))
    except StorageError:
        return DAMAGED
    return ENCRYPTED if key_id is None or header.key_id == key_id else OTHER_KEY


def profile_status(paths: Paths) -> Status:
    from hikicli.storage.crypto import read_header
    from hikicli.storage.encstate import recorded_header, state_file

    header: Header | None
    try:
        header = read_header(paths.log_file)
    except StorageError:
        header = None
    recorded = os.path.lexists(state_file(paths))
    if header is None and recorded:
        try:
            header = recorded_header(paths)
        except StorageError:
            header = None
    key_id = header.key_id if header is not None else None
    status = Status(key_id, (header.n, header.r, header.p) if header else None, recorded)
    base = paths.data_dir

    def add(path: Path, role: str) -> None:
        status.files.append(FileForm(str(path.relative_to(base)), _form(path, key_id), role))

    for path in private_files(paths):
        if os.path.lexists(path):
            add(path, "profile")
    for backup in list_backups(paths):
        for path in backup.files():
            add(path, "safety" if backup.safety else "backup")
    folders = [base, base / "backups", *[b.path for b in list_backups(paths)]]
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(TEMP_PREFIX):
                if entry.is_file(follow_symlinks=False):
                    add(Path(entry.path), "temp")
                elif entry.is_dir(follow_symlinks=False):
                    for inner in sorted(Path(entry.path).iterdir()):
                        add(inner, "temp")
    cache = paths.profile_cache_dir
    if key_id is not None and cache.is_dir():
        # Summaries in the clear (made before encryption was on); the sealed ones are fine.
        for path in sorted(cache.glob("*.marshal")):
            status.files.append(FileForm(str(path.relative_to(base)), PLAINTEXT, "cache"))
    return status
