"""Delete one profile's data folder, settings and caches, leaving nothing behind.

The data folder holds the log, quarantine, state, the dashboard cache and every backup, so removing
it removes them all. Folders left empty above it (profiles/, config/) go too.
"""

from __future__ import annotations

import contextlib
import shutil

from hikicli.errors import StorageError
from hikicli.storage.paths import Paths


def wipe_profile(paths: Paths) -> None:
    targets = [paths.data_dir, paths.config_file]
    try:
        for target in targets:
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        # The content cache holds only shipped text, but remove it too: nothing of hiki remains.
        if paths.cache_dir.is_dir():
            shutil.rmtree(paths.cache_dir)
    except OSError as err:
        raise StorageError(f"Could not delete {err.filename}: {err.strerror}.") from None
    for folder in (
        paths.data_dir.parent,
        paths.config_file.parent,
        paths.config_root,
        paths.data_root,
    ):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: other profiles and unrelated files stay
