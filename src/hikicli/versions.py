"""What every derived cache is keyed by, besides its own inputs: hiki's version, the log's schema
version, and a fingerprint of the source files of the code that built it.

A cache (the validated content, the dashboard's folded summaries) is only as right as the code
that made it: a changed content model or projection must rebuild it even when hiki's version
number stayed the same (an editable install, a hot fix, a branch). The fingerprint is each
source file's name, size and mtime: one stat per file, cheap enough for every start (hashing
the bytes would cost more than the cache saves; hashlib alone takes 3 ms to import).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from hikicli import __version__

# The schema version of each stored event (`"v"`); storage/log.py and its migrations use it.
LOG_SCHEMA_VERSION = 1

PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(sources: Iterable[Path]) -> str:
    """A change detector over source files: each file itself, or each `.py` file in a folder."""
    key = ""
    for source in sources:
        try:
            if source.is_dir():
                with os.scandir(source) as entries:
                    files = sorted(e.path for e in entries if e.name.endswith(".py"))
            else:
                files = [str(source)]
            for name in files:
                st = os.stat(name)
                key += f"|{name}|{st.st_size}|{st.st_mtime_ns}"
        except OSError:
            key += f"|{source}|missing"
    return f"{zlib.crc32(key.encode()):08x}{len(key):x}"


def cache_key(sources: Iterable[Path]) -> str:
    """hiki's version, the log schema version and the code fingerprint, as one short text."""
    return f"{__version__}|v{LOG_SCHEMA_VERSION}|{code_fingerprint(sources)}"
