"""encryption.json: the profile's encryption state, recorded beside the log as well as in it.

Line 1 of an encrypted log is its header. If that were the only record of encryption, a log cut
to nothing or deleted would make the next save a plaintext one, silently. So whenever the log
is encrypted, `encryption.json` holds a copy of the same header line (public parameters only:
the salt, the scrypt settings and the data key as wrapped by the passphrase; nothing in it opens
anything without the passphrase). The rules (storage/log.py):

- a log with a header wins: the file is brought up to date from it (under the lock);
- a missing or empty log with this file: the next save writes this header first, so the
  profile stays encrypted;
- a log with content but no header, with this file: saving is refused (hiki never adds a
  plaintext line to an encrypted profile); `hiki data encrypt` or `hiki data decrypt` finishes an
  interrupted change, `hiki data restore-header` brings back a damaged header.

`hiki data decrypt` removes the file last, after the log is plaintext.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from hikicli.errors import Msg, StorageError
from hikicli.storage.crypto import MAGIC, MAX_HEADER, Header, split_header
from hikicli.storage.files import atomic_write, fsync_dir, read_regular
from hikicli.storage.paths import Paths

STATE_NAME = "encryption.json"
STATE_VERSION = 1


def state_file(paths: Paths) -> Path:
    return paths.data_dir / STATE_NAME


def recorded_header(paths: Paths) -> Header | None:
    """The header recorded in encryption.json; None when the profile has no such file.

    A damaged file still says "this profile is encrypted": StorageError, so no caller can take
    it for plaintext."""
    path = state_file(paths)
    try:
        raw = read_regular(path, 16 * MAX_HEADER)
    except FileNotFoundError:
        return None
    try:
        obj = json.loads(raw)
        line = obj["header"].encode("ascii")
        if obj.get("hiki") != "encryption" or not line.startswith(MAGIC):
            raise ValueError(Msg("storage.not_ours"))
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeEncodeError):
        raise StorageError("storage.state_damaged", path=path) from None
    return Header.parse(line, str(path))


def write_state(paths: Paths, header: Header) -> None:
    doc = {
        "hiki": "encryption",
        "v": STATE_VERSION,
        "key_id": header.key_id,
        "header": header.raw.decode("ascii"),
    }
    atomic_write(state_file(paths), (json.dumps(doc, indent=1) + "\n").encode())


def sync_state(paths: Paths, header: Header) -> None:
    """Record `header` unless encryption.json holds exactly it already."""
    try:
        current = recorded_header(paths)
    except StorageError:
        current = None
    if current is None or current.raw != header.raw:
        write_state(paths, header)


def remove_state(paths: Paths) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(state_file(paths))
        fsync_dir(paths.data_dir)


def write_cache(paths: Paths, path: Path, data: bytes, key_id: str | None) -> bool:
    """Write a derived cache file, only while no conversion runs and only if the log is still in
    the form the cache was made from (`key_id`: the log's key, None for plaintext). The log's
    lock is tried without waiting: a conversion (or a save) holding it means no cache this time,
    so a dashboard that overlaps `hiki data encrypt` can never leave a plaintext summary behind
    after it. False when nothing was written (a cache that is not written only costs time)."""
    import fcntl

    from hikicli.storage.crypto import read_header
    from hikicli.storage.files import open_private

    try:
        fd = open_private(paths.lock_file, os.O_RDWR)
    except (OSError, StorageError):
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        try:
            header = read_header(paths.log_file)
            if (header.key_id if header is not None else None) != key_id:
                return False
            if key_id is None and os.path.lexists(state_file(paths)):
                return False  # encryption is recorded: no plaintext summary, whatever the log
            atomic_write(path, data)
        except (OSError, StorageError):
            return False
        return True
    finally:
        os.close(fd)


def plaintext_refusal(paths: Paths) -> StorageError:
    return StorageError("storage.plaintext_refused", state=STATE_NAME, log=paths.log_file.name)


# --- bringing back a damaged header -----------------------------------------------------------


@dataclass(frozen=True)
class HeaderCopy:
    header: Header
    source: str | Msg  # where it was found, for the question and the message


def log_header_state(paths: Paths) -> str:
    """ "missing", "empty", "ok" (a usable header), "damaged" (line 1 looks like a header but
    cannot be used, or the profile says encrypted and line 1 is not a header) or "plain"."""
    try:
        head = read_regular(paths.log_file, MAX_HEADER)
    except FileNotFoundError:
        return "missing"
    if not head:
        return "empty"
    line, _ = split_header(head)
    if line is not None:
        try:
            Header.parse(line, str(paths.log_file))
            return "ok"
        except StorageError:
            return "damaged"
    if head.startswith(MAGIC[:8]):
        return "damaged"
    try:
        recorded = recorded_header(paths)
    except StorageError:
        recorded = None
    return "damaged" if recorded is not None else "plain"


def header_copies(paths: Paths) -> list[HeaderCopy]:
    """Usable copies of a header: encryption.json first, then each backup's files, newest
    first. The same header found twice is listed once."""
    from hikicli.storage.backup import list_backups
    from hikicli.storage.crypto import read_header

    found: list[HeaderCopy] = []
    seen: set[bytes] = set()

    def add(header: Header | None, source: str | Msg) -> None:
        if header is not None and header.raw not in seen:
            seen.add(header.raw)
            found.append(HeaderCopy(header, source))

    with contextlib.suppress(StorageError):
        add(recorded_header(paths), STATE_NAME)
    for backup in reversed(list_backups(paths)):
        for name in ("log.jsonl", "log.quarantine", "state.json"):
            with contextlib.suppress(StorageError):
                add(
                    read_header(backup.path / name),
                    Msg("storage.backup_copy", id=backup.id, name=name),
                )
    return found


def records_after_header(data: bytes) -> bytes:
    """The log's bytes after its (damaged) line 1; all of them if line 1 is a sealed record
    (the header line was removed rather than damaged)."""
    import re

    cut = data.find(b"\n")
    first = data if cut < 0 else data[:cut]
    if first and re.fullmatch(rb"[A-Za-z0-9+/]+={0,2}", first.strip()):
        return data
    return data[cut + 1 :] if cut >= 0 else b""


def first_record(rest: bytes) -> bytes | None:
    for line in rest.split(b"\n"):
        if line.strip():
            return line
    return None


def matching_copy(paths: Paths, passphrase: str) -> HeaderCopy | None:
    """The first saved copy of a header that `passphrase` unlocks and whose key opens the log's
    first record (any copy it unlocks, when the log holds no record)."""
    from hikicli.storage.crypto import WrongPassphrase, unlock

    try:
        data = read_regular(paths.log_file)
    except FileNotFoundError:
        data = b""
    record = first_record(records_after_header(data))
    for copy in header_copies(paths):
        try:
            cipher = unlock(copy.header, passphrase)
        except WrongPassphrase:
            continue
        if record is None:
            return copy
        try:
            cipher.open_record(record)
        except ValueError:
            continue
        return copy
    return None


def put_header(paths: Paths, copy: HeaderCopy) -> None:
    """Replace the log's line 1 with `copy` (the records stay byte for byte), under the lock,
    read back, and record it in encryption.json."""
    from hikicli.storage.backup import create_backup_locked
    from hikicli.storage.files import locked

    with locked(paths.lock_file):
        create_backup_locked(paths)  # the log as it was, damaged header and all
        try:
            data = read_regular(paths.log_file)
        except FileNotFoundError:
            data = b""
        new = copy.header.raw + b"\n" + records_after_header(data)
        atomic_write(paths.log_file, new)
        if read_regular(paths.log_file) != new:
            raise StorageError("storage.header_read_back", where=paths.log_file)
        write_state(paths, copy.header)
