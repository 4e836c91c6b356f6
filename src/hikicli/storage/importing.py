"""Restore a `hiki data export` JSON file into the current profile, merging by event id.

The whole file is checked before anything is written, each entry by its kind's record rule (the
one the log uses at write and at read-back, so an export of a log hiki reads always imports again);
then the new events go into the log in one append under the log's lock. Events whose id is
already in the log are skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hikicli.domain.kinds import RULES, payload_problem
from hikicli.errors import Msg, UsageError
from hikicli.storage.files import ensure_private_dir, locked
from hikicli.storage.log import SCHEMA_VERSION, Event, EventLog

EXPORT_FORMAT = "hiki-export"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_ID = 200
MAX_KIND = 100


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0  # already in the log (same id)
    conflicts: list[str] = field(default_factory=list)  # same id, different content: ours kept

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "skipped": self.skipped, "conflicts": len(self.conflicts)}


def _fail(source: str, where: str | Msg, reason: str | Msg) -> UsageError:
    said = reason.rstrip(".") if isinstance(reason, str) else reason  # a Msg: in its language
    return UsageError("data.import_bad", source=source, where=where, reason=said)


def read_export_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UsageError("data.import_too_large", path=path, size=size)
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError("data.no_such_file", path=path) from None
    except IsADirectoryError:
        raise UsageError("data.import_folder", path=path) from None
    except OSError as err:
        raise UsageError("data.import_unreadable", path=path, why=err.strerror or err) from None


def _event_line(text: str, index: int, event_id: Any) -> str | Msg:
    """Where an event sits in the file: its index, and its line when its id can be found."""
    if isinstance(event_id, str) and event_id:
        pos = text.find(json.dumps(event_id, ensure_ascii=False))
        if pos >= 0:
            return Msg("data.where_event_line", index=index, line=text.count(chr(10), 0, pos) + 1)
    return f"events[{index}]"


def _no_bad_numbers(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _no_bad_numbers(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_no_bad_numbers(v) for v in value)
    return True


_EXPECTED = frozenset({"v", "id", "kind", "ts", "data"})
_when = dt.datetime.fromisoformat


def check_event(obj: Any, numbers_checked: bool = False) -> str | Msg | None:
    """Why `obj` is not a valid stored event, or None if it is. `numbers_checked`: the reader
    has seen every number as it was parsed (the streamed import), so none is walked again."""
    if type(obj) is dict and len(obj) == 5:
        # The usual case, in fewer steps: every test as below, in the same order of strictness
        # (five keys, each of them found: the five expected ones).
        try:
            v, eid, kind, ts, data = obj["v"], obj["id"], obj["kind"], obj["ts"], obj["data"]
        except KeyError:
            v = eid = kind = ts = data = None
        rule = RULES.get(kind) if type(kind) is str else None
        if (
            type(v) is int
            and 1 <= v <= SCHEMA_VERSION
            and type(eid) is str
            and 0 < len(eid) <= MAX_ID
            # letters and digits only (a hiki id) are printable and hold no space
            and (eid.isalnum() or (eid.isprintable() and eid.split() == [eid]))
            and type(kind) is str
            # a declared kind's name is short and printable
            and (rule is not None or (0 < len(kind) <= MAX_KIND and kind.isprintable()))
            and type(ts) is str
            and type(data) is dict
            and (numbers_checked or _no_bad_numbers(data))
        ):
            try:
                _when(ts)
            except ValueError:
                pass  # worded below
            else:
                return rule(data) if rule is not None else None  # payload_problem, inlined
    if not isinstance(obj, dict):
        return Msg("data.why_not_object")
    if obj.keys() != _EXPECTED:
        missing = sorted(_EXPECTED - obj.keys())
        if missing:
            return Msg("data.why_missing_keys", keys=", ".join(missing))
        extra = sorted(obj.keys() - _EXPECTED)
        if extra:
            return Msg("data.why_unknown_keys", keys=", ".join(extra))
    v = obj["v"]
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        return Msg("data.why_v")
    if v > SCHEMA_VERSION:
        return Msg("data.why_newer_event", version=v)
    eid = obj["id"]
    if not isinstance(eid, str) or not eid or len(eid) > MAX_ID or not eid.isprintable():
        return Msg("data.why_id")
    if eid.split() != [eid]:  # str.split() cuts at exactly what str.isspace() calls space
        return Msg("data.why_id_spaces")
    kind = obj["kind"]
    if not isinstance(kind, str) or not kind or len(kind) > MAX_KIND or not kind.isprintable():
        return Msg("data.why_kind")
    ts = obj["ts"]
    if not isinstance(ts, str):
        return Msg("data.why_ts")
    try:
        dt.datetime.fromisoformat(ts)
    except ValueError:
        return Msg("data.why_ts_value", value=repr(ts[:40]))
    if not isinstance(obj["data"], dict):
        return Msg("data.why_data")
    if not numbers_checked and not _no_bad_numbers(obj["data"]):
        return Msg("data.why_data_number")
    # The record rule of the kind: the same one the log applies at write and at read-back.
    return payload_problem(kind, obj["data"])


def parse_export(raw: bytes, source: str) -> list[Event]:
    """Every event of an export file, checked; raise UsageError naming the first problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        where = Msg("data.where_byte", at=err.start)
        raise _fail(source, where, Msg("data.why_not_utf8")) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        # Where it broke, in the person's language; Python's own words (English, and cut short
        # by its position suffix) stay out.
        raise UsageError(
            "data.import_not_json", source=source, line=err.lineno, column=err.colno
        ) from None
    except RecursionError:
        raise _fail(source, Msg("data.where_line", line=1), Msg("data.why_too_deep")) from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise _fail(source, Msg("data.where_top"), Msg("data.why_not_export", format=EXPORT_FORMAT))
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(source, "version", Msg("data.why_missing_number"))
    if version > EXPORT_VERSION:
        raise _fail(source, "version", Msg("data.why_newer_export", version=version))
    if version != EXPORT_VERSION:
        raise _fail(source, "version", Msg("data.why_unsupported", version=version))
    events = doc.get("events")
    if not isinstance(events, list):
        raise _fail(source, "events", Msg("data.why_missing_list"))
    seen: dict[str, Event] = {}
    unique: list[Event] = []
    for index, obj in enumerate(events):
        problem = check_event(obj)
        if problem:
            eid = obj.get("id") if isinstance(obj, dict) else None
            raise _fail(source, _event_line(text, index, eid), problem)
        if obj["id"] in seen:
            if seen[obj["id"]] != obj:
                raise _fail(
                    source,
                    _event_line(text, index, obj["id"]),
                    Msg("data.why_id_twice", id=obj["id"]),
                )
            continue
        seen[obj["id"]] = obj
        unique.append(obj)
    return unique


def import_events(log: EventLog, events: list[Event], import_lock: Path) -> ImportResult:
    """Append the events whose ids the log does not have yet, in one append.

    A separate import lock keeps two imports from both deciding an id is new; ordinary appends
    need no such care because each makes a fresh id. (The log's own lock cannot be held here:
    append_events takes it, and flock on a second descriptor of the same file would wait on
    ourselves.)"""
    result = ImportResult()
    with locked(import_lock):
        present = {e["id"]: e for e in log.read().events}
        new: list[Event] = []
        for event in events:
            mine = present.get(event["id"])
            if mine is None:
                new.append(event)
            else:
                result.skipped += 1
                if mine != event:
                    result.conflicts.append(event["id"])
        if new:
            log.append_events(new, whole=True)
        result.added = len(new)
    return result


# --- streamed import ---------------------------------------------------------------------------
# A file hiki can import is read once, a chunk at a time: each event is checked as it is met
# (check_event, the kinds' record rule) and its stored line is spooled (sealed when the log is
# encrypted) into an unnamed temporary file in the profile's folder; only when the whole file has
# passed are the spooled lines appended, in bounded blocks under one lock, all or none. Anything
# this reader is not sure of (invalid JSON or UTF-8, an unexpected shape, a bad event, a repeated
# key) sends the file through parse_export above, which names the problem exactly as before.

_CHUNK = 1 << 20
_BLOCK = 1 << 20
_TAIL = 1 << 16  # near a chunk's end, a value is read by the careful reader (it reads on)
_WS = " \t\n\r"
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class _Unsure(Exception):
    """The streamed reader cannot decide: the whole-file path decides (and words the error)."""


class _Text:
    """The file's text, decoded a chunk at a time; `buf[pos:]` is what is not read yet."""

    def __init__(self, fh: Any) -> None:
        import codecs

        self.fh = fh
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        block = self.fh.read(_CHUNK)
        try:
            text = self.decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            raise _Unsure from None
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not block
        return True

    def skip_ws(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WS:
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.skip_ws() != char:
            raise _Unsure
        self.pos += 1

    def value(self, decode: Callable[[str, int], tuple[Any, int]]) -> tuple[Any, str]:
        """The next JSON value and its text."""
        self.skip_ws()
        buf, pos = self.buf, self.pos
        if not self.eof and len(buf) - pos < _TAIL and buf.find("\n", pos) < 0:
            self.more()  # the value is perhaps cut by the chunk's end (no failed parse then)
        while True:
            try:
                obj, end = decode(self.buf, self.pos)
            except (ValueError, RecursionError):
                # Perhaps cut by the chunk's end: read on (a value cannot outgrow the file).
                if self.more():
                    continue
                raise _Unsure from None
            if end == len(self.buf) and not self.eof:
                # A number at the chunk's end may go on in the next chunk.
                if self.more():
                    continue
            text = self.buf[self.pos : end]
            self.pos = end
            return obj, text


class _Spool:
    """The stored lines to append: in memory up to 8 MiB, then in an unnamed temporary file in
    the profile's folder (gone with the process however it ends), and each line's id, in order.
    A stored line never holds a newline (JSON text on one line, or base64), so the lines are
    found again by their newlines."""

    LIMIT = 8 << 20

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.batch: list[bytes] = []  # lines not joined yet, without their newlines
        self.blocks: list[bytes] = []  # joined lines, each ending with a newline
        self.size = 0
        self.file: Any = None
        self.ids: list[str] = []
        self.pending = 0  # bytes in `batch`
        self.first_seq = 2  # sealed lines are numbered from this (EventLog.append_stored)

    def add(self, eid: str, line: bytes) -> None:
        self.ids.append(eid)
        self.batch.append(line)
        self.pending += len(line)
        if self.pending > _BLOCK:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.batch.append(b"")  # the last line's newline, in the same join
            block = b"\n".join(self.batch)
            self.batch.clear()  # the same list: _usual_entries appends to it
            self.pending = 0
            self.blocks.append(block)
            self.size += len(block)
        if self.file is None and self.size > self.LIMIT:
            import tempfile

            self.file = tempfile.TemporaryFile(dir=ensure_private_dir(self.folder))
        if self.file is not None:
            for block in self.blocks:
                self.file.write(block)
            self.blocks = []

    def close(self) -> None:
        if self.file is not None:
            self.file.close()

    def _chunks(self) -> Iterator[bytes]:
        if self.file is None:
            yield from self.blocks
            return
        self.file.seek(0)
        while block := self.file.read(_BLOCK):
            yield block

    def lines(self, skip: set[str]) -> Iterator[bytes]:
        """Blocks of whole spooled lines (about 1 MiB each) but those whose id is in `skip`."""
        self.flush()
        ids = iter(self.ids)
        rest = b""
        for chunk in self._chunks():
            block = rest + chunk if rest else chunk
            cut = block.rfind(b"\n") + 1
            block, rest = block[:cut], block[cut:]
            if not block:
                continue
            if skip:
                kept = [line for line in block.split(b"\n")[:-1] if next(ids) not in skip]
                block = b"".join(line + b"\n" for line in kept)
            if block:
                yield block
        assert not rest


def stream_import(
    log: EventLog, path: Path, import_lock: Path, opener: Callable[[], Any] | None = None
) -> ImportResult | None:
    """Import `path` as import_events(parse_export(...)) would, reading it a chunk at a time;
    None when the streamed reader is not sure of the file (the caller then takes that path).
    `opener` gives the document as a binary file when it is not the file itself (a sealed
    export, read through sealed_export.SealedReader)."""
    try:
        size = path.stat().st_size
        fh = opener() if opener is not None else open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError:
        return None  # read_export_file words every such case
    if size > MAX_IMPORT_BYTES:
        fh.close()
        return None
    spool = _Spool(log.path.parent)
    try:
        expected = log.expected_header()
        cipher = log.cipher(expected) if expected is not None else None
        if cipher is not None:
            spool.first_seq = log.guess_next_seq(cipher)
        paused = gc.isenabled()
        gc.disable()  # what is kept only grows (as in parse_bytes)
        try:
            with fh:
                _spool_events(_Text(fh), spool, cipher)
        except _Unsure:
            return None
        finally:
            if paused:
                gc.enable()
        wanted = set(spool.ids)
        if len(wanted) != len(spool.ids):
            return None  # an id twice: the whole-file path says whether it is the same entry
        result = ImportResult()
        with locked(import_lock):
            present: set[str] = set()
            for read in log.stream():
                present.update(e["id"] for e in read.events if e["id"] in wanted)
            if present:
                # Entries already here are skipped; one that differs is a conflict (ours kept).
                theirs = _events_by_id(path, present, opener)
                for read in log.stream():
                    for event in read.events:
                        other = theirs.pop(event["id"], None)
                        if other is not None and other != event:
                            result.conflicts.append(event["id"])
            result.skipped = len(present)
            result.added = len(wanted) - len(present)
            if result.added:

                def reseal(first: int) -> Iterator[bytes]:
                    # The log grew meanwhile, or entries already here were left out: numbered
                    # again from the line they will be at.
                    assert cipher is not None
                    seq = first
                    for block in spool.lines(present):
                        out = []
                        for line in block.splitlines():
                            out.append(cipher.seal_record(cipher.open_record(line)[1], seq))
                            seq += 1
                        yield b"".join(x + b"\n" for x in out)

                log.append_stored(
                    spool.lines(present),
                    cipher,
                    whole=True,
                    first_seq=None if present else spool.first_seq,
                    reseal=reseal,
                )
        return result
    finally:
        spool.close()


def _events_by_id(
    path: Path, ids: set[str], opener: Callable[[], Any] | None = None
) -> dict[str, Event]:
    """The file's events with these ids (read again: the file passed once already)."""
    found: dict[str, Event] = {}
    with opener() if opener is not None else open(path, "rb") as fh:
        text = _Text(fh)

        def keep(obj: Event) -> None:
            if obj["id"] in ids and obj["id"] not in found:
                found[obj["id"]] = obj

        _spool_events(text, None, None, keep)
    return found


def _spool_events(
    text: _Text,
    spool: _Spool | None,
    cipher: Any,
    each: Callable[[Event], None] | None = None,
) -> None:
    """Read the export document, checking each event and spooling each id's first (an id
    repeated with the same text is skipped; with other text the whole-file path decides)."""
    bad: list[str] = []  # numbers that are not finite (NaN, Infinity, 1e999), as met

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            bad.append(text)
        return value

    def constant(text: str) -> float:
        bad.append(text)
        return float(text)

    decoder = json.JSONDecoder(parse_float=number, parse_constant=constant)
    decode = decoder.raw_decode
    scan = decoder.scan_once  # type: ignore[attr-defined]
    string = json.decoder.scanstring  # type: ignore[attr-defined]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    seen: dict[str, int] = {}
    keys: set[str] = set()
    head: dict[str, Any] = {}
    text.expect("{")
    if text.skip_ws() == "}":
        raise _Unsure
    while True:
        text.expect('"')
        while True:
            try:
                key, end = string(text.buf, text.pos)
                break
            except ValueError:
                if not text.more():
                    raise _Unsure from None
        text.pos = end
        if key in keys:
            raise _Unsure  # json.loads keeps the last: the whole-file path decides
        keys.add(key)
        text.expect(":")
        if key != "events":
            head[key], _ = text.value(decode)
            if text.skip_ws() not in (",", "}"):
                raise _Unsure
        else:
            if "format" not in head or "version" not in head:
                raise _Unsure  # the document's kind is checked before its events
            _check_head(head)
            text.expect("[")
            if text.skip_ws() == "]":
                text.pos += 1
            else:

                def handle(obj: Any, raw: str) -> None:
                    if bad or check_event(obj, numbers_checked=True) is not None:
                        raise _Unsure
                    eid = obj["id"]
                    mark = hash(raw)
                    if eid in seen:
                        if seen[eid] != mark:
                            raise _Unsure  # perhaps a conflict: worded by the whole-file path
                        return
                    seen[eid] = mark
                    if each is not None:
                        each(obj)
                    if spool is not None:
                        line = raw
                        if "\r" in raw or ("\\u" in raw and _SURROGATE.search(raw)):
                            line = dumps(obj)
                        try:
                            data = line.encode("utf-8")
                        except UnicodeEncodeError:
                            raise _Unsure from None
                        if cipher is not None:
                            data = cipher.seal_record(data, spool.first_seq + len(spool.ids))
                        spool.add(eid, data)

                if spool is not None and cipher is None and each is None:
                    usual = _usual_entries(spool, seen, bad)
                else:
                    usual = None
                while True:
                    _whole_lines(text, scan, handle, usual)
                    obj, raw = text.value(decode)
                    if "\n" in raw:
                        raw = _compact(obj)  # a value over several lines: stored on one
                    handle(obj, raw)
                    after = text.skip_ws()
                    text.pos += 1
                    if after == "]":
                        break
                    if after != ",":
                        raise _Unsure
        after = text.skip_ws()
        text.pos += 1
        if after == "}":
            break
        if after != ",":
            raise _Unsure
    if text.skip_ws() != "" or "events" not in keys:
        raise _Unsure


_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")  # after a value: its comma, and the space after it
_LAYOUT = ",\n    "  # the same, as `hiki data export` writes it


def _whole_lines(
    text: _Text,
    scan: Callable[[str, int], tuple[Any, int]],
    handle: Callable[[Any, str], None],
    usual: Callable[[Any, str], bool] | None = None,
) -> None:
    """The fast way through the events: each value that parses where it stands in the buffer
    and is followed by a comma there is handled without the careful reader's steps (its text is
    the buffer's from where it starts to where the scanner ended it, as the careful reader takes
    it: one scan and one match a value). It stops at any other case (the last event, a value
    cut by the chunk's end, which cannot be followed by its comma in the buffer, anything odd),
    leaving `text` at that value's start for the careful reader. `usual(obj, raw)` takes an
    entry as `handle` would in fewer steps, or says False: `handle` takes it."""
    comma = _COMMA.match
    buf = text.buf
    pos = text.pos
    while buf[pos : pos + 1] in _WS_CHARS:
        pos += 1
    end_of_buffer = len(buf) - _TAIL
    while True:
        if pos > end_of_buffer and buf.find("\n", pos) < 0:
            # The last line of the chunk, perhaps cut: the careful reader reads on first. A
            # failed scan there costs more than the value (JSONDecodeError counts the lines
            # before it: a megabyte of text, for each chunk of the file).
            break
        try:
            obj, end = scan(buf, pos)
        except (StopIteration, ValueError, RecursionError):
            if buf[pos : pos + 1] in _WS_CHARS:  # more space before it than the usual layout's
                while buf[pos : pos + 1] in _WS_CHARS:
                    pos += 1
                continue
            break
        if buf.startswith(_LAYOUT, end):  # `hiki data export`'s own way between two entries
            after = end + len(_LAYOUT)
        else:
            found = comma(buf, end)
            if found is None:
                break
            after = found.end()
        raw = buf[pos:end]
        if usual is None or not usual(obj, raw):
            handle(obj, raw if "\n" not in raw else _compact(obj))
        pos = after
    text.pos = pos


def _usual_entries(
    spool: _Spool, seen: dict[str, int], bad: list[str]
) -> Callable[[Any, str], bool]:
    """`handle` of _spool_events for the usual entry of a plaintext import (no cipher, nobody
    told of each entry), its steps in one function: checked and its text spooled. False, having
    done nothing, for anything else (a value over several lines or with a CR in it, a JSON
    escape of a surrogate, a number that is not finite met, an id `handle` met): `handle` then
    takes it, and words or refuses it as always. An id met twice here is found once the file is
    read (`stream_import`: the whole-file path decides then, as for any repeated id)."""
    ids, lines = spool.ids, spool.batch
    check = check_event
    block = _BLOCK

    def usual(obj: Any, raw: str) -> bool:
        if bad or "\n" in raw or "\r" in raw or ("\\u" in raw and _SURROGATE.search(raw)):
            return False
        if check(obj, True) is not None:  # numbers_checked: `bad` holds what was met
            raise _Unsure
        eid = obj["id"]
        if eid in seen:
            return False  # met before by `handle`: it decides
        try:
            line = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise _Unsure from None
        ids.append(eid)
        lines.append(line)
        spool.pending += len(line)
        if spool.pending > block:
            spool.flush()
        return True

    return usual


_WS_CHARS = (" ", "\t", "\n", "\r")  # one character of JSON's space (not "": the buffer's end)
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _check_head(head: dict[str, Any]) -> None:
    version = head.get("version")
    if (
        head.get("format") != EXPORT_FORMAT
        or isinstance(version, bool)
        or not isinstance(version, int)
        or version != EXPORT_VERSION
    ):
        raise _Unsure
