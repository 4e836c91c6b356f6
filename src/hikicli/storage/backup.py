"""Backups: numbered copies of the private files (as stored, so still encrypted if they were).

A backup is a folder `profiles/<p>/backups/<ID>/` holding copies of log.jsonl, log.quarantine and
state.json; folders 0700, files 0600. IDs are numbers (1, 2, ...), so a folder's name tells nothing
of the day it was made; when it was made is the time of its files (which the file system shows
anyway; conversions keep it). Older hikis named backups by their UTC time (20260101T000000Z):
those are still listed and restored. A conversion's safety copy is `safety-N`: made before a
conversion, removed when it has verified, and when a conversion was interrupted, replaced by the
next one's (never more than one is kept).
It is written into a temp folder and renamed into place, so a
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
_NUMBER_RE = re.compile(r"^(safety-)?([1-9]\d{0,8})$")
SAFETY_PREFIX = "safety-"
_STAMP = "%Y%m%dT%H%M%SZ"


def backups_dir(paths: Paths) -> Path:
    return paths.data_dir / "backups"


def private_files(paths: Paths) -> list[Path]:
    """The files a backup copies: everything private that is not a cache or the lock."""
    return [paths.log_file, paths.quarantine_file, paths.state_file]



def _rmtree(path: Path, ignore_errors: bool = False) -> None:
    """shutil.rmtree, imported only when a backup is made or removed: every save checks whether
    one is due, and shutil (with lzma and bz2) costs that check ~5 ms."""
    import shutil

    shutil.rmtree(path, ignore_errors=ignore_errors)

@dataclass(frozen=True)
class Backup:
    id: str
    path: Path
    created: dt.datetime

    @property
    def safety(self) -> bool:
        """A conversion's safety copy (see the module's text)."""
        return self.id.startswith(SAFETY_PREFIX)

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


def _number(name: str) -> int:
    match = _NUMBER_RE.match(name)
    return int(match.group(2)) if match else 0


def _made(folder: Path) -> dt.datetime:
    """When a numbered backup was made: the newest time among its files (the folder's own
    time, when it holds none)."""
    times = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                times.append(entry.stat(follow_symlinks=False).st_mtime)
    if not times:
        times.append(folder.stat().st_mtime)
    return dt.datetime.fromtimestamp(max(times), dt.timezone.utc)


def _parse_id(name: str, folder: Path | None = None) -> dt.datetime | None:
    if _NUMBER_RE.match(name):
        if folder is None:
            return None
        try:
            return _made(folder)
        except OSError:
            return None
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
        if not entry.is_dir() or entry.is_symlink():
            continue
        created = _parse_id(entry.name, entry)
        if created is not None:
            found.append(Backup(entry.name, entry, created))
    return sorted(found, key=lambda b: (b.created, _suffix(b.id)))


def _suffix(backup_id: str) -> int:
    if _NUMBER_RE.match(backup_id):
        return _number(backup_id)
    match = _ID_RE.match(backup_id)
    return int(match.group(2) or 1) if match else 0


def safety_copies(paths: Paths) -> list[Backup]:
    """The safety copies interrupted conversions left, oldest first."""
    return [b for b in list_backups(paths) if b.safety]


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
                    _rmtree(entry, ignore_errors=True)
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


def _next_id(folder: Path, safety: bool) -> str:
    numbers = [0]
    with contextlib.suppress(OSError):
        numbers += [_number(entry.name) for entry in os.scandir(folder)]
    return f"{SAFETY_PREFIX if safety else ''}{max(numbers) + 1}"


def create_backup_locked(
    paths: Paths,
    now: dt.datetime | None = None,
    rotate: bool = True,
    protect: str = "",
    safety: bool = False,
) -> Backup | None:
    """Copy the private files into a new backup (with `safety`, a conversion's safety copy);
    None when there is nothing to back up. `now` sets its time (tests)."""
    sources = [p for p in private_files(paths) if os.path.lexists(p)]
    if not sources:
        return None
    folder = ensure_private_dir(backups_dir(paths))
    _sweep(folder)
    backup_id = _next_id(folder, safety)
    tmp = folder / f"{TEMP_PREFIX}{backup_id}"
    try:
        ensure_private_dir(tmp)
        for src in sources:
            _copy_private(src, tmp / src.name)
            if now is not None:
                stamp = now.timestamp()
                os.utime(tmp / src.name, (stamp, stamp))
        fsync_dir(tmp)
        os.rename(tmp, folder / backup_id)
        fsync_dir(folder)
    except OSError as err:
        _rmtree(tmp, ignore_errors=True)
        raise StorageError(describe_os_error(err, folder)) from None
    if rotate:
        rotate_locked(paths, protect)
    created = _parse_id(backup_id, folder / backup_id)
    assert created is not None
    return Backup(backup_id, folder / backup_id, created)


def rotate_locked(paths: Paths, protect: str = "", keep: int = KEEP) -> None:
    backups = [b for b in list_backups(paths) if not b.safety]
    for old in backups[: max(0, len(backups) - keep)]:
        if old.id != protect:
            _rmtree(old.path, ignore_errors=True)


def delete_backup_locked(backup: Backup) -> None:
    _rmtree(backup.path, ignore_errors=True)
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
    backups = [b for b in list_backups(paths) if not b.safety]
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
        _rmtree(paths.profile_cache_dir, ignore_errors=True)
        fsync_dir(paths.data_dir)
        return backup, before
