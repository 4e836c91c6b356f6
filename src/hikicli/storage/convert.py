"""Turning encryption on and off, and changing the passphrase, for every private file at once.

Every file of the profile is converted: the log, its quarantine, state.json and every backup, so
one passphrase opens everything and no plaintext copy is left behind. Under the log lock:

1. the log's torn tail (if any) is set aside as at every save;
2. a safety backup of the files as they are is made;
3. each file is converted in memory, the result is decrypted again and compared with the original
   lines, then written atomically (temp file in the same folder, fsync, os.replace) and read back;
4. caches (derived, possibly plaintext) are deleted;
5. only when every file verified is the safety backup removed.

A conversion that is interrupted leaves every file whole (old or new form; each file says which in
its first line); running the same command again finishes it: the files still in the old form
(backups too) are converted, and the safety copy the interrupted run left is replaced by the new
run's and removed with it, so copies never pile up (`hiki data status` lists what is left).
The log is converted first when
encrypting and last when decrypting, so "is the log encrypted?" always tells which command to
re-run.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hikicli.errors import StorageError, UsageError
from hikicli.storage.backup import (
    create_backup_locked,
    delete_backup_locked,
    list_backups,
    private_files,
    safety_copies,
)
from hikicli.storage.crypto import (
    Cipher,
    KeyRing,
    check_new_passphrase,
    header_from_fd,
    new_cipher,
    open_lines,
    read_header,
    seal_lines,
    split_header,
)
from hikicli.storage.encstate import recorded_header, remove_state, write_state
from hikicli.storage.files import (
    atomic_write,
    locked,
    open_private,
    read_regular,
    sweep_temp_files,
)
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths


@dataclass
class Converted:
    changed: int  # files rewritten
    checked: int  # files looked at


def _all_files(paths: Paths, skip: str = "") -> list[Path]:
    """The profile's private files and every backup's (a safety copy of an interrupted
    conversion is not converted: the run replaces it with its own and removes it)."""
    files = [p for p in private_files(paths) if os.path.lexists(p)]
    for backup in list_backups(paths):
        if backup.id != skip and not backup.safety:
            files += backup.files()
    return files


def _repair_log_tail(paths: Paths, keys: KeyRing) -> None:
    if not os.path.lexists(paths.log_file):
        return
    fd = open_private(paths.log_file, os.O_RDWR | os.O_APPEND)
    try:
        header = header_from_fd(fd, str(paths.log_file))
        cipher = keys.cipher(header) if header is not None else None
        EventLog(paths, keys)._repair_tail(fd, cipher)
    finally:
        os.close(fd)


def _convert_file(path: Path, keys: KeyRing, target: Cipher | None) -> bool:
    """Rewrite one file in the target form; False when it already is in that form."""
    data = read_regular(path)
    where = str(path)
    source, plain = open_lines(keys, data, where, keep_damaged=True)
    if target is None:
        if source is None:
            return False
        new = b"".join(line + b"\n" for line in plain)
    elif source is not None and source.key_id == target.key_id:
        if source.header.raw == target.header.raw:
            return False
        # A passphrase change: only the header changes; the sealed records stay byte for byte.
        _, start = split_header(data)
        new = target.header.raw + b"\n" + data[start:]
    else:
        new = seal_lines(target, b"".join(line + b"\n" for line in plain))
    check = KeyRing()
    if target is not None:
        check.add(target)
    if open_lines(check, new, where, keep_damaged=True)[1] != plain:
        raise StorageError("storage.convert_not_verified", where=where)
    before = os.stat(path)
    atomic_write(path, new)
    if read_regular(path) != new:
        raise StorageError("storage.read_back_differs", where=where)
    if path.parent.parent.name == "backups":
        # A backup's time is the time of its files (its name holds none): keep it.
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return True


def _convert_all(paths: Paths, keys: KeyRing, target: Cipher | None, log_first: bool) -> Converted:
    sweep_temp_files(paths.data_dir)
    for backup in list_backups(paths):
        sweep_temp_files(backup.path)
    _repair_log_tail(paths, keys)
    files = _all_files(paths)
    if paths.log_file in files:
        files.remove(paths.log_file)
        files.insert(0 if log_first else len(files), paths.log_file)
    # Open every file first: a damaged header or an unknown key stops us before any change.
    for path in files:
        open_lines(keys, read_regular(path), str(path), keep_damaged=True)
    safety = create_backup_locked(paths, rotate=False, safety=True)
    for old in safety_copies(paths):
        if safety is None or old.id != safety.id:
            delete_backup_locked(old)  # an interrupted run's: the new copy holds the files now
    changed = 0
    try:
        for path in files:
            changed += _convert_file(path, keys, target)
    except (StorageError, OSError) as err:
        problem = (
            err
            if isinstance(err, StorageError)
            else StorageError(f"{err.strerror}: {err.filename}")
        )
        if changed and safety is not None:
            raise StorageError("storage.convert_half", error=problem, id=safety.id) from None
        if safety is not None:
            delete_backup_locked(safety)
        raise problem from None
    # Derived caches may hold plaintext summaries; they are rebuilt (or, encrypted, not kept).
    shutil.rmtree(paths.profile_cache_dir, ignore_errors=True)
    # Sealed caches (projection.sealed_path) were sealed with the old data key: of no use now.
    shutil.rmtree(paths.profile_cache_dir.with_name("cache.sealed"), ignore_errors=True)
    if safety is not None:
        delete_backup_locked(safety)  # every file verified: the safety copy is no longer needed
    return Converted(changed, len(files))


def encrypt_profile(paths: Paths, keys: KeyRing, passphrase: str) -> Converted:
    """Encrypt every private file with a new data key wrapped by `passphrase`.

    If the log is already encrypted (an interrupted or repeated run), its key is used and the
    files still in plaintext are finished; `keys` then asks for the current passphrase. So it
    does when only encryption.json says the profile is encrypted (the log was cut or deleted, or
    a plaintext log was put back): the recorded key is used, never a new one."""
    header = read_header(paths.log_file)
    recorded = header or recorded_header(paths)
    if recorded is not None:
        target = keys.cipher(recorded)
    else:
        target = new_cipher(check_new_passphrase(passphrase))
        keys.add(target)
    # Unlock every other header before taking the lock (prompting must not hold it).
    _unlock_all(paths, keys)
    with locked(paths.lock_file):
        if header is None and read_header(paths.log_file) is not None:
            raise StorageError("storage.encrypted_meanwhile")
        if not os.path.lexists(paths.log_file):
            # Encrypting before the first entry: the header line alone marks the log encrypted.
            atomic_write(paths.log_file, b"")
        # Recorded first: from here on no save can be plaintext, even if this run is killed.
        write_state(paths, target.header)
        return _convert_all(paths, keys, target, log_first=True)


def decrypt_profile(paths: Paths, keys: KeyRing) -> Converted:
    header = read_header(paths.log_file)
    recorded = recorded_header(paths)
    if header is None and not any(read_header(p) for p in _all_files(paths)):
        if recorded is None:
            raise UsageError("storage.not_encrypted")
        # Only encryption.json is left (a decrypt killed at its last step, or a log cut to
        # nothing): the passphrase that opens it is asked before encryption is recorded off.
        keys.cipher(recorded)
        with locked(paths.lock_file):
            remove_state(paths)
        return Converted(1, 0)
    _unlock_all(paths, keys)
    with locked(paths.lock_file):
        result = _convert_all(paths, keys, None, log_first=False)
        remove_state(paths)  # last: the log is plaintext now
        return result


def change_passphrase(paths: Paths, keys: KeyRing, new_passphrase: str) -> Converted:
    header = read_header(paths.log_file)
    if header is None:
        raise UsageError("storage.no_passphrase_plain")
    target = keys.cipher(header).rewrap(check_new_passphrase(new_passphrase))
    _unlock_all(paths, keys)
    with locked(paths.lock_file):
        current = read_header(paths.log_file)
        if current is None or current.key_id != target.key_id:
            raise StorageError("storage.changed_meanwhile")
        result = _convert_all(paths, keys, target, log_first=False)
        write_state(paths, target.header)
        return result


def rotate_key(paths: Paths, keys: KeyRing, new_passphrase: str | None = None) -> Converted:
    """Seal everything again under a new random data key (after a suspected leak: an old
    passphrase or an old copy of a file then opens nothing written from now on), wrapped by the
    current passphrase; then, with `new_passphrase`, re-wrap it (a passphrase change).

    The log goes first. A rotation that was interrupted (the log's key differs from another
    file's) is finished with the log's key, not started again with yet another one; `hiki data
    encrypt` finishes it too."""
    header = read_header(paths.log_file)
    if header is None:
        raise UsageError("storage.no_passphrase_plain")
    current = keys.cipher(header)
    if new_passphrase is not None:
        check_new_passphrase(new_passphrase)
    _unlock_all(paths, keys)
    others = {h.key_id for h in (read_header(p) for p in _all_files(paths)) if h is not None}
    if others - {current.key_id}:
        target = current  # an interrupted rotation: finish it
    else:
        target = new_cipher(keys.passphrase())
        keys.add(target)
    with locked(paths.lock_file):
        now = read_header(paths.log_file)
        if now is None or now.key_id != header.key_id:
            raise StorageError("storage.changed_meanwhile")
        result = _convert_all(paths, keys, target, log_first=True)
        write_state(paths, target.header)
    if new_passphrase is not None and new_passphrase != keys.passphrase():
        change_passphrase(paths, keys, new_passphrase)
    return result


def _unlock_all(paths: Paths, keys: KeyRing) -> None:
    for path in _all_files(paths):
        header = read_header(path)
        if header is not None:
            keys.cipher(header)
