"""Exports of the whole log: JSON (every event, as stored) and CSV (one row per event).

Both are written as they are read (`LogEvents`, one chunk of the log at a time), so an export
takes the same memory at 100,000 events as at 100: one event per line, with the C encoder (an
event hiki stored in today's schema is copied as its stored line, which is that same JSON).

A JSON export of a plaintext log also remembers, in the profile's cache folder, which lines it
copied as they were stored (`export-lines.marshal`: the numbers of the lines that were not such
a line, the log's inode, how far it was read and a SHA-256 of those bytes). The next export
checks the digest over the same bytes and, when they are unchanged, copies those lines again
without parsing them: each was read and checked by its kind's record rule when the lines were
these very bytes. Every other line (damaged, blank, of an older schema) and every line added
since is read as always. The cache says nothing about the entries themselves, and is never kept
for an encrypted log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from hikicli import __version__
from hikicli.domain.kinds import CHECKIN_COLUMNS
from hikicli.errors import StorageError
from hikicli.storage.log import SCHEMA_VERSION, EventLog, LogProblem, LogRead, parse_line

# The check-in's own columns come from its declaration (domain/features/checkin.py).
CHECKIN = "checkin"
CHECKIN_FIELDS = CHECKIN_COLUMNS
CSV_COLUMNS = ("id", "kind", "recorded", *CHECKIN_FIELDS, "data")


_CURRENT = b'{"v":%d,' % SCHEMA_VERSION  # a stored line needing no upgrade starts so
Write = Callable[[str], Any]


class LogEvents:
    """The log's events, read chunk by chunk while they are iterated; `problems` and `count`
    are complete once an iteration has ended. With `cache_dir`, a JSON export's lines are
    copied by `entry_texts` as the module's words say."""

    def __init__(self, log: EventLog, cache_dir: Path | None = None) -> None:
        self.log = log
        self.problems: list[LogProblem] = []
        self.count = 0
        self._raws: list[bytes] = []
        self._reads: Iterator[LogRead] | None = None
        self._first: LogRead | None = None
        self._cache = cache_dir / EXPORT_CACHE if cache_dir is not None else None
        self._copy: _Copy | None = None

    def open(self) -> LogEvents:
        """Open the log and read its first chunk now, so a refusal (a link, a wrong passphrase)
        comes before anything is written."""
        self._raws = []
        self._copy = None
        if self._cache is not None and self.log.header() is None:
            self.log.read_from(0, 1, stop=0)  # the refusals of a read, without reading a line
            self._copy = _Copy.begin(self.log, self._cache)
            if self._copy is not None:
                return self
        elif self._cache is not None:
            _forget(self._cache)  # encrypted: no export cache (not even line numbers)
        self._reads = self.log.stream(raws=self._raws)
        self._first = next(self._reads, None)
        return self

    def chunks(self) -> Iterator[tuple[list[dict[str, Any]], list[bytes]]]:
        """(events, their stored lines) per chunk of the log."""
        if self._reads is None:
            if self._copy is not None:
                self._copy.close()
                self._copy = None
            self._reads = self.log.stream(raws=self._raws)
            self._first = next(self._reads, None)
        reads, first = self._reads, self._first
        self._reads = self._first = None
        self.problems, self.count = [], 0
        for read in itertools.chain([first] if first is not None else [], reads or ()):
            self.problems += read.problems
            self.count += len(read.events)
            yield read.events, self._raws

    def entry_texts(self) -> Iterator[str]:
        """Each event as its line of the export (its stored line when that is today's schema),
        several of them joined by the export's separator in one text when they are copied."""
        if self._copy is None and self._reads is None:
            self.open()
        copy, self._copy = self._copy, None
        if copy is None:
            for chunk, raws in self.chunks():
                yield from map(_entry_text, chunk, raws)
            return
        self.problems, self.count = [], 0
        yield from copy.texts(self)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for events, _raws in self.chunks():
            yield from events

    def __getitem__(self, index: int) -> dict[str, Any]:
        if index < 0:
            raise IndexError(index)
        for event in itertools.islice(self, index, None):
            return event
        raise IndexError(index)

    def damaged(self) -> list[dict[str, Any]]:
        return [{"line": p.line, "text": p.text} for p in self.problems if p.text]


_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _entry_text(event: dict[str, Any], raw: bytes) -> str:
    if raw.startswith(_CURRENT):
        try:
            return raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            pass
    return _dumps(event)


def _event_texts(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Each event as one line of JSON (its stored line when that is today's schema); from a
    `LogEvents`, copied lines come several to a text."""
    if isinstance(events, LogEvents):
        yield from events.entry_texts()
    else:
        yield from map(_dumps, events)


# --- the lines an export copies as stored --------------------------------------------------------

EXPORT_CACHE = "export-lines.marshal"  # derived: deleting it only costs the next export time
_CACHE_VERSION = 1
_SEP = b",\n    "  # between two entries of the export
_BLOCK = 1 << 20


def _cache_key() -> list[Any]:
    """The code that decides what a line is (the record rules, how lines are read) and this
    module: a cache made by other code is not used."""
    from hikicli.domain.kinds import versions
    from hikicli.storage.projection import CODE
    from hikicli.versions import PACKAGE, cache_key

    sources = (*CODE, PACKAGE / "domain" / "features", PACKAGE / "storage" / "export.py")
    return [cache_key(sources), sorted(versions().items())]


def _plain(raw: bytes) -> bool:
    """A stored line the export copies as it is: an event in today's schema, nothing around it
    (`_entry_text` gives its bytes back unchanged)."""
    return raw.startswith(_CURRENT) and raw.endswith(b"}")


def _forget(cache: Path) -> None:
    try:
        os.unlink(cache)
    except OSError:
        pass


class _Copy:
    """One export of a plaintext log with its lines cache (`begin`): the bytes the cache covers,
    checked first, then copied; the lines added since, read as always; the cache written anew
    for what was read."""

    def __init__(
        self, log: EventLog, cache: Path, fd: int, state: dict[str, Any], digest: Any
    ) -> None:
        self.log = log
        self.cache = cache
        self.fd = fd
        self.state = state  # as cached; "end" 0 when nothing is known yet
        self.digest = digest  # SHA-256 of the bytes up to state["end"], to go on from

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    @classmethod
    def begin(cls, log: EventLog, cache: Path) -> _Copy | None:
        """None when there is no log; else the copy, its cache checked against the log's bytes
        (a cache that does not match is set aside: every line is read)."""
        import hashlib
        import marshal

        from hikicli.storage.files import open_regular

        try:
            fd = open_regular(log.path, os.O_RDONLY)
        except OSError:
            return None  # no log (the read just before words any other case)
        try:
            st = os.fstat(fd)
            key = _cache_key()
            state: dict[str, Any] = {
                "v": _CACHE_VERSION, "key": key, "ino": st.st_ino, "end": 0, "lines": 0,
                "sha256": hashlib.sha256().hexdigest(), "odd": [],
            }  # fmt: skip
            digest = hashlib.sha256()
            try:
                cached = marshal.loads(cache.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                cached = None
            if (
                isinstance(cached, dict)
                and cached.get("v") == _CACHE_VERSION
                and cached.get("key") == key
                and cached.get("ino") == st.st_ino
                and isinstance(cached.get("end"), int)
                and isinstance(cached.get("lines"), int)
                and 0 < cached["end"] <= st.st_size
                and isinstance(cached.get("odd"), list)
            ):
                found = _digest(fd, cached["end"])
                if found.hexdigest() == cached.get("sha256"):
                    state, digest = cached, found
        except BaseException:
            os.close(fd)
            raise
        return cls(log, cache, fd, state, digest)

    def texts(self, events: LogEvents) -> Iterator[str]:
        try:
            yield from self._texts(events)
        finally:
            self.close()

    def _texts(self, events: LogEvents) -> Iterator[str]:
        state = self.state
        end, lines = state["end"], state["lines"]
        odd: list[int] = state["odd"]
        if end:
            yield from self._copied(events, end, odd)
        # The lines added since (all of them, without a cache), read as always; what each was
        # is noted for the next export.
        noted: list[int] = []
        reached, counted = end, lines
        raws: list[bytes] = []
        for read in self.log.stream_from(end, lines + 1, raws=raws):
            events.problems += read.problems
            events.count += len(read.events)
            yield from map(_entry_text, read.events, raws)
            if read.lines:
                whole = _whole_lines(self.fd, read.start, read.end)
                odd_here, lines_here = _odd_lines(self.fd, read.start, whole, counted + 1, raws)
                noted += odd_here
                reached, counted = whole, counted + lines_here
        if reached == end:
            return
        digest = self.digest
        if not _update(digest, self.fd, end, reached):
            return  # cut meanwhile: no cache this time
        state = {
            **state, "end": reached, "lines": counted, "sha256": digest.hexdigest(),
            "odd": odd + noted,
        }  # fmt: skip
        try:
            import marshal

            from hikicli.storage.encstate import write_cache
            from hikicli.storage.files import ensure_private_dir

            if os.stat(self.log.path).st_ino == state["ino"]:
                ensure_private_dir(self.cache.parent)
                write_cache(self.log.paths, self.cache, marshal.dumps(state), None)
        except (OSError, ValueError, StorageError):
            pass  # a cache that cannot be written only costs time

    def _copied(self, events: LogEvents, end: int, odd: list[int]) -> Iterator[str]:
        """The entries of the log's first `end` bytes: the cache's odd lines read one by one
        (as the log's reader reads each line), every other line copied."""
        import bisect

        odd_set = set(odd)
        odd = sorted(odd_set)
        at, line = 0, 1  # where the next block starts, and its first line's number
        rest = b""
        while at < end:
            block = rest + os.pread(self.fd, min(_BLOCK, end - at), at)
            at += len(block) - len(rest)
            cut = block.rfind(b"\n") + 1
            block, rest = block[:cut], block[cut:]
            if not block:
                rest = block + rest
                continue
            count = block.count(b"\n")
            first_odd = bisect.bisect_left(odd, line)
            if first_odd == len(odd) or odd[first_odd] >= line + count:
                events.count += count
                yield block[:-1].replace(b"\n", _SEP).decode("utf-8")
            else:
                yield from self._careful(events, block, line, odd_set)
            line += count
        assert not rest  # the cache ends where a line ended

    @staticmethod
    def _careful(events: LogEvents, block: bytes, line: int, odd: set[int]) -> Iterator[str]:
        copied: list[bytes] = []
        for lineno, raw in enumerate(block.split(b"\n")[:-1], line):
            if lineno not in odd:
                copied.append(raw)
                continue
            if copied:
                events.count += len(copied)
                yield _SEP.join(copied).decode("utf-8")
                copied = []
            if not raw.strip():
                continue  # a blank line, as the log's reader skips it
            event, problem = parse_line(raw, lineno)
            if event is not None:
                events.count += 1
                yield _entry_text(event, raw)
            elif problem is not None:
                text = raw.decode("utf-8", "replace")
                events.problems.append(LogProblem(problem.line, problem.why, text))
        if copied:
            events.count += len(copied)
            yield _SEP.join(copied).decode("utf-8")


def _digest(fd: int, end: int) -> Any:
    import hashlib

    digest = hashlib.sha256()
    _update(digest, fd, 0, end)
    return digest


def _update(digest: Any, fd: int, start: int, end: int) -> bool:
    """Add the bytes from `start` to `end`; False when the log no longer has them all."""
    while start < end:
        block = os.pread(fd, min(_BLOCK, end - start), start)
        if not block:
            return False
        digest.update(block)
        start += len(block)
    return True


def _whole_lines(fd: int, start: int, end: int) -> int:
    """Where the last line ending with a newline before `end` ends (a whole last record without
    its newline is not noted: the next export reads it again)."""
    if end <= start or os.pread(fd, 1, end - 1) == b"\n":
        return end
    size = end - start
    tail = os.pread(fd, min(size, 1 << 16), end - min(size, 1 << 16))
    cut = tail.rfind(b"\n")
    if cut >= 0:
        return end - len(tail) + cut + 1
    block = os.pread(fd, size, start)
    return start + block.rfind(b"\n") + 1


def _odd_lines(
    fd: int, start: int, end: int, first: int, raws: list[bytes]
) -> tuple[list[int], int]:
    """The numbers of the lines from `start` to `end` (the first is line `first`) that are not
    an event's stored line the export copies (`raws`: the stored lines of the events read there,
    in order), and how many lines there are."""
    data = os.pread(fd, end - start, start) if end > start else b""
    count = data.count(b"\n")
    if count == len(raws) and all(map(_plain, raws)):
        return [], count  # every line an event's, copied as stored: nothing to look at
    found = []
    pending = iter(raws)
    want = next(pending, None)
    for lineno, raw in enumerate(data.split(b"\n")[:-1], first):
        if want is not None and raw == want:
            want = next(pending, None)
            if _plain(raw):
                continue
        found.append(lineno)
    return found, count


def export_json(
    events: Iterable[dict[str, Any]],
    now: dt.datetime,
    damaged: list[dict[str, Any]] | None = None,
    write: Write | None = None,
) -> str | None:
    """The export document, written piece by piece to `write` (returned as text without it).
    Lines hiki could not read (`damaged`, or those `LogEvents` met) follow the events."""
    buf = io.StringIO() if write is None else None
    out: Write = buf.write if buf is not None else write  # type: ignore[assignment]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    out(
        '{\n  "format": "hiki-export",\n  "version": 1,\n'
        f'  "hiki": {dumps(__version__)},\n'
        f'  "exported": {dumps(now.isoformat(timespec="seconds"))},\n  "events": ['
    )
    pending: list[str] = []
    size, first = 0, True
    for text in _event_texts(events):
        pending.append(("\n    " if first else ",\n    ") + text)
        first = False
        size += len(text)
        if size > 1 << 18:
            out("".join(pending))
            pending, size = [], 0
    out("".join(pending))
    out("\n  ]" if not first else "]")
    if damaged is None and isinstance(events, LogEvents):
        damaged = events.damaged()
    if damaged:
        # Lines hiki could not read are still part of what was recorded: carried as text.
        out(',\n  "damaged_lines": ' + json.dumps(damaged, ensure_ascii=False))
    out("\n}\n")
    return buf.getvalue() if buf is not None else None


def export_csv(events: Iterable[dict[str, Any]], write: Write | None = None) -> str | None:
    """Check-in values get their own columns; other kinds keep their payload as JSON in `data`.
    Written row by row to `write` (returned as text without it)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        d = e["data"]
        if e["kind"] == CHECKIN:
            values = [d.get(k, "") for k in CHECKIN_FIELDS]
            values[CHECKIN_FIELDS.index("contact")] = ",".join(d.get("contact", []))
            # Keys added later (e.g. the low-mood follow-up's "safe") are kept as JSON in `data`.
            extra = {k: v for k, v in d.items() if k not in CHECKIN_FIELDS}
            extra_json = json.dumps(extra, ensure_ascii=False) if extra else ""
            writer.writerow([e["id"], e["kind"], e["ts"], *values, extra_json])
        else:
            writer.writerow(
                [
                    e["id"],
                    e["kind"],
                    e["ts"],
                    d.get("date", ""),
                    *[""] * 7,
                    json.dumps(d, ensure_ascii=False),
                ]
            )
        if write is not None and buf.tell() > 1 << 18:
            write(buf.getvalue())
            buf.seek(0)
            buf.truncate()
    if write is None:
        return buf.getvalue()
    write(buf.getvalue())
    return None
