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
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hikicli.errors import StorageError
from hikicli.storage.log import Event, EventLog, LogProblem, LogRead, msg_data, msg_from
from hikicli.versions import PACKAGE, cache_key

if TYPE_CHECKING:
    from hikicli.storage.crypto import Cipher

CACHE_VERSION = 5  # the layout of the cache file; what built it is in the key (see `cache_key`)
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


# With `marks`, a mark is kept at least every SPAN bytes: where a part of the log starts, so a
# command can read only the part its days can be in (`since`, `newest_first`).
SPAN = 1 << 16


@dataclass(frozen=True)
class Mark:
    """Where a line starts (`offset`, line number `line`), with `bound`: no event before it is
    dated after this day (the largest of each event's recorded day and its own `date`), how
    long each list-valued state was there (`sizes`: an append-only list cut at the mark), and
    `low`: no event from it to the next mark is dated before this day (the smallest of each
    one's recorded day and its own `date`; "" when not known: anything may be)."""

    offset: int
    line: int
    bound: str
    sizes: dict[str, int]
    low: str = ""


@dataclass
class Projected:
    states: dict[str, Any]
    problems: list[LogProblem]
    marks: list[Mark] = field(default_factory=list)
    count: int = 0  # events folded (with `marks`)
    end: int = 0  # the offset folded to (its lines: `lines`); what follows was not there yet
    lines: int = 0
    key: list[Any] = field(default_factory=list)  # what built it (`key_of`), for `part`
    ino: int = 0  # the log's inode
    seal: Sealer | None = None  # the log's data key while encrypted


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


def day_bound(event: Event) -> str:
    """The latest day an event can be shown under: its recorded day or its own `date`."""
    day: str = event["ts"][:10]
    own = event["data"].get("date")
    return own if isinstance(own, str) and own > day else day


def day_low(event: Event) -> str:
    """The earliest day an event can be shown under: its recorded day or its own `date`."""
    day: str = event["ts"][:10]
    own = event["data"].get("date")
    return own if isinstance(own, str) and own < day else day


UNDATED = "~"  # a part's `low` before any of its events is seen: after every day


def project(
    log: EventLog,
    projections: Sequence[Projection],
    cache_file: Path | None,
    marks: bool = False,
) -> Projected:
    """Fold `projections` over the log from the offset the cache reached. With `marks`, also
    keep the marks (`Mark`) that `since` and `newest_first` read parts of the log from."""
    key = [*key_of(projections), marks]
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
            seal = Sealer(log.cipher(header), st.st_ino)
        cache_file = _cache_place(cache_file, seal)
    cached = _read_cache(cache_file, seal) if cache_file else None
    start, lines, problems = 0, 0, []
    states = {p.name: p.initial() for p in projections}
    kept: list[Any] = []  # Mark fields, as cached
    bound, count = "", 0
    if (
        cached
        and cached.get("key") == key
        and cached.get("ino") == st.st_ino
        and cached.get("end", 0) <= st.st_size
        and cached.get("tail") == _tail_hash(log.path, cached["end"])
    ):
        start, lines, states = cached["end"], cached["lines"], cached["states"]
        problems = [LogProblem(n, msg_from(r)) for n, r in cached["problems"]]
        kept, bound, count = cached["marks"], cached["bound"], cached["count"]

    end, read_lines, found = start, 0, []
    for read in log.stream_from(start, lines + 1, min(SPAN, 1 << 20)):
        if marks and read.lines and (not kept or read.start - kept[-1][0] >= SPAN):
            sizes = {n: len(v) for n, v in states.items() if isinstance(v, list)}
            kept.append((read.start, lines + read_lines + 1, bound, sizes, UNDATED))
        for event in read.events:
            for p in projections:
                states[p.name] = p.apply(states[p.name], event)
        if marks and read.events:
            count += len(read.events)
            low = kept[-1][4]
            for event in read.events:
                day = day_bound(event)
                if day > bound:
                    bound = day
                day = day_low(event)
                if day < low:
                    low = day
            if low != kept[-1][4]:
                kept[-1] = (*kept[-1][:4], low)
        end, read_lines = read.end, read_lines + read.lines
        found += read.problems
    # Only complete lines are folded; an unfinished tail is reported but not cached as a problem.
    complete = [pr for pr in found if pr.line <= lines + read_lines]
    problems += complete
    if cache_file and (end != start or not cached):
        payload = {
            "v": CACHE_VERSION,
            "key": key,
            "ino": st.st_ino,
            "end": end,
            "lines": lines + read_lines,
            "tail": _tail_hash(log.path, end),
            "states": states,
            "problems": [(pr.line, msg_data(pr.why)) for pr in problems],
            "marks": kept,
            "bound": bound,
            "count": count,
        }
        _write(log, cache_file, payload, seal)
    return Projected(
        states,
        # The unfinished tail's note (by line: `pr not in complete` compared every pair, and a
        # log of 50,000 damaged lines took the dashboard 200 s; issue 12, case 7).
        problems + [pr for pr in found if pr.line > lines + read_lines],
        [Mark(*m) for m in kept],
        count,
        end,
        lines + read_lines,
        key,
        st.st_ino,
        seal,
    )


def _cache_place(cache_file: Path, seal: Sealer | None) -> Path:
    """Where a cache lives: in the clear for a plaintext log; for an encrypted one sealed with
    the log's own data key, in a folder of its own (the summaries are plaintext: none is kept
    in the clear while the log is encrypted). The other form, if left, is removed."""
    if seal is not None:
        with contextlib.suppress(OSError):
            cache_file.unlink()
        return sealed_path(cache_file)
    with contextlib.suppress(OSError):
        sealed_path(cache_file).unlink()  # left from before a decrypt: of no use now
    return cache_file


def _write(log: EventLog, cache_file: Path, payload: dict[str, Any], seal: Sealer | None) -> None:
    try:
        from hikicli.storage.encstate import write_cache

        blob = marshal.dumps(payload)
        data = seal.seal(blob, payload["end"]) if seal else blob
        # Never while a conversion holds the lock, never in another form than the log's.
        write_cache(log.paths, cache_file, data, seal.cipher.key_id if seal else None)
    except (StorageError, ValueError):
        pass  # a cache we cannot write only costs time


def mark_for(projected: Projected, day: str) -> Mark:
    """The last mark before which no event is dated `day` or later: every event shown under
    `day` or after is in the part of the log from it (whatever order the lines were written
    in: a back-dated entry or an import's)."""
    for mark in reversed(projected.marks):
        if mark.bound < day:
            return mark
    return Mark(0, 1, "", {})


def since(log: EventLog, projected: Projected, day: str) -> tuple[Mark, LogRead]:
    """The part of the log from `mark_for(projected, day)`, with that mark. Read with the log's
    own cipher; its problems are among `projected.problems`."""
    found = mark_for(projected, day)
    return found, log.read_from(found.offset, found.line)


def part(
    log: EventLog, projected: Projected, day: str, cache_file: Path | None
) -> tuple[Mark, list[Event]]:
    """What `since` gives (a mark, the events from it to the end of the log), the events kept
    parsed in `cache_file` from the last run (sealed as the log is): a warm run reads only the
    lines added since, not the whole part again (5,000 lines of a half year of homework packs
    cost 35-50 ms to parse and check, the cache 6-10 ms to load). The cached part may start at an
    earlier mark than `day` needs (its events are then those of that mark's days, as `since`
    would give for an earlier day); it is read again from the mark `day` needs when that one
    is earlier, or when more than half of it lies before it. Kept under the projection's own
    key, the log's inode and a checksum of the bytes before its end, as `project`'s cache."""
    mark = mark_for(projected, day)
    if cache_file is None or not projected.key:  # no cache asked for, or no log
        return mark, log.read_from(mark.offset, mark.line).events
    place = _cache_place(cache_file, projected.seal)
    cached = _read_cache(place, projected.seal)
    at = {m.offset: m for m in [Mark(0, 1, "", {}), *projected.marks]}
    first = at.get(cached.get("offset", -1)) if cached else None
    if (
        cached
        and first is not None
        and cached.get("key") == projected.key
        and cached.get("ino") == projected.ino
        and first.offset <= mark.offset
        and mark.offset - first.offset <= cached["end"] - mark.offset
        and _tail_matches(log.path, cached["end"], cached.get("tail"))
    ):
        events: list[Event] = cached["events"]
        read = log.read_from(cached["end"], cached["line"])
        if read.end == cached["end"]:
            return first, events
        mark, line = first, cached["line"]
        events += _held(read.events)
    else:
        read = log.read_from(mark.offset, mark.line)
        events, line = _held(read.events), mark.line
    try:
        tail = _tail_hash(log.path, read.end)
    except OSError:  # the log went away meanwhile: no cache this time
        return mark, events
    payload = {
        "v": CACHE_VERSION,
        "key": projected.key,
        "ino": projected.ino,
        "offset": mark.offset,
        "end": read.end,
        "line": line + read.lines,
        "tail": tail,
        "events": events,
    }
    _write(log, place, payload, projected.seal)
    return mark, events


def _tail_matches(path: Path, end: int, tail: Any) -> bool:
    """The log still holds the bytes a cache was made from up to `end`: at least that many,
    with the same checksum of the bytes just before it (`_tail_hash`)."""
    try:
        return end <= os.stat(path).st_size and _tail_hash(path, end) == tail
    except OSError:
        return False


def _held(events: list[Event]) -> list[Event]:
    """The events as the part's cache keeps them: the same dicts, in the same order, with their
    keys and short texts interned, so the cache names each once (marshal writes a reference to
    an interned string it wrote before): 0.9 MB instead of 1.2 for 5,000 events, and about half
    the time to load."""
    intern = sys.intern

    def held(value: Any) -> Any:
        if isinstance(value, str):
            return intern(value) if len(value) < 24 else value
        if isinstance(value, dict):
            return {intern(k): held(v) for k, v in value.items()}
        if isinstance(value, list):
            return [held(v) for v in value]
        return value

    return [held(e) for e in events]


def newest_first(log: EventLog, projected: Projected) -> Iterator[tuple[Mark, LogRead]]:
    """The log in parts, newest first, each with the mark it starts at (whose `bound` holds for
    everything before it); a part's events are in the order written. The last part reads up to
    the end of the file as it is now (an unfinished line is left out, a whole record without
    its newline read), so lines appended since `project` are not missed."""
    stop: int | None = None
    for mark in reversed(projected.marks or [Mark(0, 1, "", {})]):
        yield mark, log.read_from(mark.offset, mark.line, stop=stop)
        stop = mark.offset


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
