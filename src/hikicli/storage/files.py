"""Private files: 0700 folders, 0600 files whatever the umask, and atomic rewrites."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from hikicli.errors import StorageError

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_PREFIX = ".hiki-tmp-"


def describe_os_error(err: OSError, path: Path) -> str:
    if err.errno == errno.ENOSPC:
        return f"The disk is full: could not write {path}. Nothing already saved was lost."
    if err.errno == errno.EROFS:
        return f"{path} is on a read-only disk. Nothing already saved was lost."
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"No permission to write {path}. Nothing already saved was lost."
    return f"Could not use {path}: {err.strerror or err}."


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and make it 0700, and any parent we create too: `makedirs(mode=)` is masked by
    the umask, and a HIKI_HOME we create must not be listable by others."""
    try:
        missing = [p for p in (path, *path.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True)
            os.chmod(folder, DIR_MODE)
        if (path.stat().st_mode & 0o777) != DIR_MODE:
            os.chmod(path, DIR_MODE)
    except OSError as err:
        raise StorageError(describe_os_error(err, path)) from None
    return path


def open_private(path: Path, flags: int) -> int:
    """Open (creating if needed) with 0600, fixing the mode after creation whatever the umask."""
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        if (os.fstat(fd).st_mode & 0o777) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    except OSError:
        os.close(fd)
        raise
    return fd


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync, then os.replace."""
    import stat
    import tempfile

    # hiki's own folders are created private; a folder the user chose (-o) is left as it is.
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise StorageError(f"{path} is not a regular file; hiki writes only regular files.")
    except FileNotFoundError:
        pass
    except OSError as err:
        raise StorageError(describe_os_error(err, path)) from None
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as err:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(describe_os_error(err, path)) from None


def sweep_temp_files(folder: Path) -> None:
    """Remove temp files left by a rewrite that was killed half-way (call under the lock)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    entry.unlink()


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock on a file that is never replaced; released if we are killed."""
    import fcntl

    ensure_private_dir(lock_path.parent)
    try:
        fd = open_private(lock_path, os.O_RDWR)
    except OSError as err:
        raise StorageError(describe_os_error(err, lock_path)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock
