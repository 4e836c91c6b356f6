"""Delete one profile's data folder, settings and caches, leaving nothing behind.

The data folder holds the log, quarantine, state, the dashboard cache and every backup, so removing
it removes them all. Folders left empty above it (profiles/, config/) go too.
"""

from __future__ import annotations

import contextlib
import os
import shutil

from hikicli.errors import StorageError
from hikicli.storage.paths import Paths


def wipe_profile(paths: Paths) -> list[str]:
    """Delete the profile; return the names of the profiles that remain (their data is kept)."""
    targets = [paths.data_dir, paths.config_file]
    current = paths.data_dir
    try:
        for target in targets:
            current = target
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif os.path.lexists(target):
                target.unlink()  # a link is removed itself; what it points to is not followed
        # The content cache holds only shipped text, but remove it too: nothing of hiki remains.
        current = paths.cache_dir
        if paths.cache_dir.is_dir():
            shutil.rmtree(paths.cache_dir)
    except OSError as err:
        # shutil.rmtree can raise with no file name: name what was being deleted instead.
        where = err.filename or current
        why = err.strerror or str(err) or type(err).__name__
        raise StorageError("storage.wipe_failed", where=where, why=why, left=current) from None
    for folder in (
        paths.data_dir.parent,
        paths.config_file.parent,
        paths.config_root,
        paths.data_root,
    ):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: other profiles and unrelated files stay
    return remaining_profiles(paths)


def remaining_profiles(paths: Paths) -> list[str]:
    from hikicli.storage.paths import valid_profile

    try:
        entries = sorted((paths.data_root / "profiles").iterdir())
    except OSError:
        return []
    return [e.name for e in entries if e.is_dir() and valid_profile(e.name)]
