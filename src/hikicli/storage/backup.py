"""Backups: dated copies of the private files (as stored, so still encrypted if they were).

A backup is a folder `profiles/<p>/backups/<ID>/` holding copies of log.jsonl, log.quarantine and
state.json; folders 0700, files 0600. It is written into a temp folder and renamed into place, so a
backup is either whole or absent. One is made automatically before the first change of each day
(at most one per 24 hours), and the newest KEEP are kept. Caches are never backed up: they are
derived and rebuilt.

Functions named `*_locked` expect the caller to hold the log lock (flock is per open file, so
taking it twice in one process would wait forever).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from hikicli.errors import StorageError, UsageError
from hikicli.storage.files import (
    TEMP_PREFIX,
    atomic_write,
    describe_os_error,
    ensure_private_dir,
    fsync_dir,
    locked,
    open_private,
    read_regular,
)
from hikicli.storage.paths import Paths

KEEP = 7
AUTO_EVERY = dt.timedelta(hours=24)
_ID_RE = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
_STAMP = "%Y%m%dT%H%M%SZ"


def backups_dir(paths: Paths) -> Path:
    return paths.data_dir / "backups"


def private_files(paths: Paths) -> list[Path]:
    """The files a backup copies: everything private that is not a cache or the lock."""
    return [paths.log_file, paths.quarantine_file, paths.state_file]


@dataclass(frozen=True)
class Backup:
    id: str
    path: Path
    created: dt.datetime

    def files(self) -> list[Path]:
        return sorted(p for p in self.path.iterdir() if p.is_file())

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.files())

    def records(self) -> int:
        """Lines in the copied log (the encryption header not counted); no passphrase needed."""
        log = self.path / "log.jsonl"
        try:
            data = read_regular(log)
        except (FileNotFoundError, StorageError):
            return 0
        lines = data.count(b"\n")
        return lines - 1 if data.startswith(b'{"hiki":"encrypted"') else lines

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "created": self.created.isoformat(timespec="seconds"),
            "files": [p.name for p in self.files()],
            "bytes": self.size(),
            "records": self.records(),
        }


def _parse_id(name: str) -> dt.datetime | None:
    match = _ID_RE.match(name)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def list_backups(paths: Paths) -> list[Backup]:
    """Every backup, oldest first."""
    folder = backups_dir(paths)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        created = _parse_id(entry.name)
        if created is not None and entry.is_dir():
            found.append(Backup(entry.name, entry, created))
    return sorted(found, key=lambda b: (b.created, _suffix(b.id)))


def _suffix(backup_id: str) -> int:
    match = _ID_RE.match(backup_id)
    return int(match.group(2) or 1) if match else 0


def find_backup(paths: Paths, backup_id: str) -> Backup:
    for backup in list_backups(paths):
        if backup.id == backup_id:
            return backup
    known = ", ".join(b.id for b in list_backups(paths))
    if not known:
        raise UsageError("storage.no_backup_none", id=backup_id)
    raise UsageError("storage.no_backup", id=backup_id, known=known)


def _sweep(folder: Path) -> None:
    """Remove half-made backups left by a process that was killed (under the lock)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(TEMP_PREFIX):
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink()


def _copy_private(src: Path, dst: Path) -> None:
    data = read_regular(src)  # a link or FIFO in the log's place is refused, never copied
    fd = open_private(dst, os.O_WRONLY | os.O_TRUNC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def create_backup_locked(
    paths: Paths, now: dt.datetime | None = None, rotate: bool = True, protect: str = ""
) -> Backup | None:
    """Copy the private files into a new backup; None when there is nothing to back up."""
    sources = [p for p in private_files(paths) if os.path.lexists(p)]
    if not sources:
        return None
    folder = ensure_private_dir(backups_dir(paths))
    _sweep(folder)
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).strftime(_STAMP)
    backup_id, n = stamp, 1
    while (folder / backup_id).exists():
        n += 1
        backup_id = f"{stamp}-{n}"
    tmp = folder / f"{TEMP_PREFIX}{backup_id}"
    try:
        ensure_private_dir(tmp)
        for src in sources:
            _copy_private(src, tmp / src.name)
        fsync_dir(tmp)
        os.rename(tmp, folder / backup_id)
        fsync_dir(folder)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StorageError(describe_os_error(err, folder)) from None
    if rotate:
        rotate_locked(paths, protect)
    created = _parse_id(backup_id)
    assert created is not None
    return Backup(backup_id, folder / backup_id, created)


def rotate_locked(paths: Paths, protect: str = "", keep: int = KEEP) -> None:
    backups = list_backups(paths)
    for old in backups[: max(0, len(backups) - keep)]:
        if old.id != protect:
            shutil.rmtree(old.path, ignore_errors=True)


def delete_backup_locked(backup: Backup) -> None:
    shutil.rmtree(backup.path, ignore_errors=True)
    fsync_dir(backup.path.parent)


def auto_backup(paths: Paths) -> None:
    """Under the lock, before a change: a backup if the newest is more than a day old.

    A backup that fails (a full disk) must not stop the record being saved; it is tried again at
    the next save."""
    try:
        if paths.log_file.stat().st_size == 0:
            return
    except OSError:
        return
    backups = list_backups(paths)
    now = dt.datetime.now(dt.timezone.utc)
    if backups and now - backups[-1].created < AUTO_EVERY and backups[-1].created <= now:
        return
    with contextlib.suppress(StorageError, OSError):
        create_backup_locked(paths, now)


def _follow_restored_header(paths: Paths) -> None:
    """An encrypted log brought back is recorded in encryption.json (its key may differ from
    the one recorded). A plaintext one leaves the record as it is: saving then stays refused
    until `hiki data encrypt` seals it, so a restore never turns encryption off by itself."""
    from hikicli.storage.crypto import read_header
    from hikicli.storage.encstate import sync_state

    header = read_header(paths.log_file)
    if header is not None:
        sync_state(paths, header)


def backup_now(paths: Paths) -> Backup | None:
    with locked(paths.lock_file):
        return create_backup_locked(paths)


def restore_backup(paths: Paths, backup_id: str) -> tuple[Backup, Backup | None]:
    """Bring back backup `backup_id`, after backing up the current files. Returns (restored,
    backup of what was there before)."""
    with locked(paths.lock_file):
        backup = find_backup(paths, backup_id)
        before = create_backup_locked(paths, protect=backup.id)
        for target in private_files(paths):
            source = backup.path / target.name
            if os.path.lexists(source):
                data = read_regular(source)
                atomic_write(target, data)
                if read_regular(target) != data:
                    if before is None:
                        raise StorageError("storage.restore_unverified_none", name=target.name)
                    raise StorageError(
                        "storage.restore_unverified", name=target.name, before=before.id
                    )
            elif target.exists():
                target.unlink()  # it was not there when the backup was made; it is in `before`
        _follow_restored_header(paths)
        shutil.rmtree(paths.profile_cache_dir, ignore_errors=True)
        fsync_dir(paths.data_dir)
        return backup, before
