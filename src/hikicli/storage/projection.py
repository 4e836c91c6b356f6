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
from typing import TYPE_CHECKING, Any, Protocol

from hikicli.errors import StorageError
from hikicli.storage.log import Event, EventLog, LogProblem
from hikicli.versions import PACKAGE, cache_key

if TYPE_CHECKING:
    from hikicli.storage.crypto import Cipher

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
        why = err.strerror or err
        raise StorageError("storage.cannot_read_log", path=log.path, why=why) from None

    seal: Sealer | None = None
    if cache_file is not None:
        header = log.header()
        if header is not None:
            # The summaries are plaintext: while the log is encrypted none is kept in the clear,
            # and the cache lives sealed with the log's own data key (a folder of its own).
            with contextlib.suppress(OSError):
                cache_file.unlink()
            seal = Sealer(log.cipher(header), st.st_ino)
            cache_file = sealed_path(cache_file)
        else:
            with contextlib.suppress(OSError):
                sealed_path(cache_file).unlink()  # left from before a decrypt: of no use now
    cached = _read_cache(cache_file, seal) if cache_file else None
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
            from hikicli.storage.encstate import write_cache

            blob = marshal.dumps(payload)
            data = seal.seal(blob, read.end) if seal else blob
            # Never while a conversion holds the lock, never in another form than the log's.
            write_cache(log.paths, cache_file, data, seal.cipher.key_id if seal else None)
        except (StorageError, ValueError):
            pass  # a cache we cannot write only costs time
    return Projected(states, problems + [pr for pr in read.problems if pr not in complete])


def _read_cache(cache_file: Path, seal: Sealer | None = None) -> dict[str, Any] | None:
    try:
        raw = cache_file.read_bytes()
        if seal is not None:
            opened = seal.open(raw)
            if opened is None:
                return None
            raw = opened
        data = marshal.loads(raw)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("v") == CACHE_VERSION else None


def sealed_path(cache_file: Path) -> Path:
    """Where the sealed form of `cache_file` lives: `cache.sealed/` beside `cache/`."""
    folder = cache_file.parent
    return folder.with_name(folder.name + ".sealed") / cache_file.name


class Sealer:
    """A cache file sealed with the log's data key (AES-256-GCM, as a log record), bound to the
    log's identity and the offset it reaches: the first line says `key_id ino end` in the clear
    (nothing about the entries) and the sealed text starts with the same binding, checked after
    opening, so a cache copied from another log, another key or another offset is not used."""

    MAGIC = b"hiki-sealed-cache-v1"

    def __init__(self, cipher: Cipher, ino: int) -> None:
        self.cipher = cipher
        self.ino = ino

    def _binding(self, end: int) -> bytes:
        return b"%s %s %d %d" % (self.MAGIC, self.cipher.key_id.encode(), self.ino, end)

    def seal(self, blob: bytes, end: int) -> bytes:
        binding = self._binding(end)
        return binding + b"\n" + self.cipher.seal(binding + b"\0" + blob) + b"\n"

    def open(self, raw: bytes) -> bytes | None:
        """The cache's plaintext, or None when it is not this log's (or damaged)."""
        first, _, sealed = raw.partition(b"\n")
        parts = first.split(b" ")
        if len(parts) != 4 or parts[0] != self.MAGIC or not parts[3].isdigit():
            return None
        binding = self._binding(int(parts[3]))
        if first != binding:
            return None
        try:
            plain = self.cipher.open(sealed)
        except ValueError:
            return None
        head, _, blob = plain.partition(b"\0")
        return blob if head == binding else None
