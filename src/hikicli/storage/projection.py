"""Summaries folded from the log, cached with the byte offset they reach.

The dashboard must not re-read 100,000 events on every start. Each projection is a pure fold
(initial state + apply(event)); its state is cached with the log's inode, the offset and a hash of
the bytes just before it. The next run folds only the lines appended since. Any mismatch (a rewrite,
a restore, a new projection version) folds from the start again. The cache is derived data: deleting
it loses nothing. Its key also holds hiki's version, the log schema version, each event kind's
payload version and a fingerprint of the code that folds (`CODE`), so a cache never outlives
the code that built it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from hikicli.errors import StorageError
from hikicli.storage.files import atomic_write
from hikicli.storage.log import Event, EventLog, LogProblem
from hikicli.versions import PACKAGE, cache_key

CACHE_VERSION = 2  # the layout of the cache file; what built it is in the key (see `cache_key`)
_TAIL = 256
# The code a cached state depends on: the folds and record rules (domain/), how lines are read
# (log, migrations) and this module. A change to any of them folds from the start again.
CODE: tuple[Path, ...] = (
    PACKAGE / "domain",
    PACKAGE / "storage" / "projection.py",
    PACKAGE / "storage" / "log.py",
    PACKAGE / "storage" / "migrations.py",
)


class Projection(Protocol):
    name: str
    version: int

    def initial(self) -> Any: ...

    def apply(self, state: Any, event: Event) -> Any: ...


@dataclass
class Projected:
    states: dict[str, Any]
    problems: list[LogProblem]


def _tail_hash(path: Path, end: int) -> int:
    """A checksum of the bytes just before `end`: detects a log replaced by different content."""
    with open(path, "rb") as fh:
        fh.seek(max(0, end - _TAIL))
        return zlib.crc32(fh.read(min(end, _TAIL)))


def key_of(projections: Sequence[Projection]) -> list[Any]:
    """hiki's version, the log schema, the code that folds (CODE), each kind's payload version
    and each projection's own version: a cache made under any other key is not used."""
    from hikicli.domain.kinds import versions

    return [cache_key(CODE), sorted(versions().items()), [(p.name, p.version) for p in projections]]


def project(log: EventLog, projections: Sequence[Projection], cache_file: Path | None) -> Projected:
    key = key_of(projections)
    try:
        st = os.stat(log.path)
    except FileNotFoundError:
        return Projected({p.name: p.initial() for p in projections}, [])
    except OSError as err:
        raise StorageError(f"Cannot read the log {log.path}: {err.strerror or err}.") from None

    if cache_file is not None and log.is_encrypted():
        # The cache holds plaintext summaries: none is kept while the log is encrypted.
        with contextlib.suppress(OSError):
            cache_file.unlink()
        cache_file = None
    cached = _read_cache(cache_file) if cache_file else None
    start, lines, problems = 0, 0, []
    states = {p.name: p.initial() for p in projections}
    if (
        cached
        and cached.get("key") == key
        and cached.get("ino") == st.st_ino
        and cached.get("end", 0) <= st.st_size
        and cached.get("tail") == _tail_hash(log.path, cached["end"])
    ):
        start, lines, states = cached["end"], cached["lines"], cached["states"]
        problems = [LogProblem(n, r) for n, r in cached["problems"]]

    read = log.read_from(start, lines + 1)
    for event in read.events:
        for p in projections:
            states[p.name] = p.apply(states[p.name], event)
    # Only complete lines are folded; an unfinished tail is reported but not cached as a problem.
    complete = [pr for pr in read.problems if pr.line <= lines + read.lines]
    problems += complete
    if cache_file and (read.end != start or not cached):
        payload = {
            "v": CACHE_VERSION,
            "key": key,
            "ino": st.st_ino,
            "end": read.end,
            "lines": lines + read.lines,
            "tail": _tail_hash(log.path, read.end),
            "states": states,
            "problems": [(pr.line, pr.reason) for pr in problems],
        }
        try:
            atomic_write(cache_file, marshal.dumps(payload))
        except (StorageError, ValueError):
            pass  # a cache we cannot write only costs time
    return Projected(states, problems + [pr for pr in read.problems if pr not in complete])


def _read_cache(cache_file: Path) -> dict[str, Any] | None:
    try:
        data = marshal.loads(cache_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("v") == CACHE_VERSION else None
