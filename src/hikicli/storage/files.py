"""Private files: 0700 folders, 0600 files whatever the umask, and atomic rewrites.

Every private file is opened without following a symbolic link (O_NOFOLLOW) and without blocking
(O_NONBLOCK: a FIFO put where the log should be must not hang hiki), and only a regular file is
read or written: anything else is refused with a message naming it (`NotRegular`).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator

from hikicli.errors import Msg, StorageError

TYPE_CHECKING = False  # pathlib only for the annotations: read_header runs before scrypt starts
if TYPE_CHECKING:
    from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_PREFIX = ".hiki-tmp-"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegular(StorageError):
    """A private file is a symbolic link, a FIFO, a device or a folder."""

    def __init__(self, path: os.PathLike[str] | str, what: str = "") -> None:
        super().__init__("storage.not_regular", path=path, what=Msg(what or "storage.kind_any"))


def _kind_of(mode: int) -> str:
    import stat

    if stat.S_ISLNK(mode):
        return "storage.kind_link"
    if stat.S_ISFIFO(mode):
        return "storage.kind_fifo"
    if stat.S_ISDIR(mode):
        return "storage.kind_folder"
    return "storage.kind_special"


def check_regular(path: os.PathLike[str] | str) -> bool:
    """True when `path` is a regular file, False when it does not exist; NotRegular otherwise
    (a link, even to a regular file, is refused: os.lstat looks at the link itself)."""
    import stat

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as err:
        raise StorageError("storage.cannot_read", path=path, why=err.strerror or err) from None
    if not stat.S_ISREG(mode):
        raise NotRegular(path, _kind_of(mode))
    return True


def open_regular(path: os.PathLike[str] | str, flags: int, mode: int = FILE_MODE) -> int:
    """os.open that follows no link at `path`, never blocks on a FIFO, and keeps the descriptor
    only for a regular file (NotRegular otherwise). Other OSErrors (FileNotFoundError, a
    read-only folder) reach the caller."""
    import stat

    try:
        fd = os.open(path, flags | NOFOLLOW | NONBLOCK | CLOEXEC, mode)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR) or (
            err.errno == errno.EMLINK and NOFOLLOW  # the BSDs say EMLINK for a link
        ):
            raise NotRegular(path) from None
        raise
    try:
        st_mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(st_mode):
            raise NotRegular(path, _kind_of(st_mode))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: os.PathLike[str] | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (at most `limit`), never through a link or from
    a FIFO. FileNotFoundError when it is missing; other problems are StorageError."""
    try:
        fd = open_regular(path, os.O_RDONLY)
    except (FileNotFoundError, StorageError):
        raise
    except OSError as err:
        raise StorageError("storage.cannot_read", path=path, why=err.strerror or err) from None
    try:
        size = os.fstat(fd).st_size if limit is None else limit
        chunks = []
        left = size
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if limit is None:  # a file that grew since fstat: read the rest too
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise StorageError("storage.cannot_read", path=path, why=err.strerror or err) from None
    finally:
        os.close(fd)


def describe_os_error(err: OSError, path: Path) -> Msg:
    if err.errno == errno.ENOSPC:
        return Msg("storage.disk_full", path=path)
    if err.errno == errno.EROFS:
        return Msg("storage.read_only", path=path)
    if err.errno in (errno.EACCES, errno.EPERM):
        return Msg("storage.no_permission", path=path)
    return Msg("storage.cannot_use", path=path, why=err.strerror or err)


def output_target(output: Path | None, force: bool) -> Path | None:
    """Where `--output` writes, checked before anything is read or asked: an existing file only
    with `--force`, and a folder that exists (exports and reports write through atomic_write)."""
    if output is None:
        return None
    from hikicli.errors import UsageError

    target = output.expanduser()
    if target.exists() and not force:
        raise UsageError("data.exists", path=target)
    if not target.parent.is_dir():
        raise UsageError("data.no_folder", path=target.parent)
    return target


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
    """Open (creating if needed) with 0600, fixing the mode after creation whatever the umask.
    A link or special file at `path` is refused (NotRegular), never followed or chmod-ed."""
    fd = open_regular(path, flags | os.O_CREAT, FILE_MODE)
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
    """Write `data` to `path` through a temp file in the same folder, fsync, then os.replace.

    A link at `path` is refused, not replaced: replacing it would leave the old contents (perhaps
    plaintext) at its target while hiki believed them gone."""
    with atomic_writer(path) as write:
        write(data)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[Callable[[bytes], None]]:
    """atomic_write of whatever is passed to the yielded `write`, written as it comes (a
    streamed export). An error on the way leaves `path` as it was and no temp file behind."""
    import tempfile

    # hiki's own folders are created private; a folder the user chose (-o) is left as it is.
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    check_regular(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    except OSError as err:  # a read-only or full folder: nothing was written
        raise StorageError(describe_os_error(err, path)) from None

    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    try:
        os.fchmod(fd, FILE_MODE)
        yield write
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as err:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise StorageError(describe_os_error(err, path)) from None
        raise


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
