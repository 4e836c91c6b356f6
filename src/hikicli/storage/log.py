"""The private log: one append-only JSON Lines file of versioned events.

Every append takes an exclusive lock on a separate lock file, reopens the log inside the lock,
repairs a torn tail (moving the fragment to a quarantine file, never dropping it), writes the whole
line with one os.write on an O_APPEND descriptor, then fsyncs. Readers never repair: a line without
its newline may be a write in progress. Corrupt lines are reported with their line number.

When the log is encrypted (storage/crypto.py) line 1 is the header and every other line is one
sealed record; the discipline is the same. Older records are upgraded on read
(storage/migrations.py); a record from a newer hiki stops the read and nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hikicli.domain.kinds import RULES, payload_problem
from hikicli.errors import Msg, StorageError, UsageError
from hikicli.storage import migrations
from hikicli.storage.files import (
    describe_os_error,
    ensure_private_dir,
    locked,
    open_private,
    open_regular,
    sweep_temp_files,
)
from hikicli.storage.paths import Paths
from hikicli.versions import LOG_SCHEMA_VERSION

if TYPE_CHECKING:
    from hikicli.storage.crypto import Cipher, Header, KeyRing, RecordOrder

SCHEMA_VERSION = LOG_SCHEMA_VERSION
# A line as hiki writes it starts `{"v":N`; this finds one whose N is not a known version (0 to
# SCHEMA_VERSION) without reading the rest: the first such line is checked by number.
_NEWER = re.compile(
    rb'(?:^|\n)\{"v":\s*(?!(?:'
    + b"|".join(str(n).encode() for n in range(SCHEMA_VERSION, -1, -1))
    + rb")[^0-9])(\d+)"
)
Event = dict[str, Any]


def _read_error(path: Path, err: OSError) -> StorageError:
    return StorageError("storage.cannot_read_log", path=path, why=err.strerror or err)


class LogTooLarge(StorageError):
    """A bounded read (`hiki crisis`) met a log larger than its limit."""


def _read_all(fd: int, offset: int) -> bytes:
    chunks = []
    while chunk := os.pread(fd, 1 << 24, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class LogProblem:
    line: int
    why: Msg = field(compare=False)  # words by key: the note reads in the person's language
    # The damaged line as text (plaintext logs), so an export can carry it: "everything recorded".
    text: str = field(default="", compare=False, repr=False)
    key: str = field(default="", init=False, repr=False)  # what is compared: the words' data

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", repr(msg_data(self.why)))

    @property
    def reason(self) -> str:
        """The reason in English (logs, tests); `describe` says it in a language."""
        return str(self.why)

    def describe(self, path: Path, lang: str = "en") -> str:
        return f"{path}:{self.line}: {self.why.render(lang)}"


def msg_data(msg: Msg) -> list[Any]:
    """A reason as plain data (the read caches keep it with marshal): [key, {name: value}], a
    value that is words itself nested the same way."""
    return [msg.key, {k: msg_data(v) if isinstance(v, Msg) else v for k, v in msg.params.items()}]


def msg_from(data: Any) -> Msg:
    key, params = data
    return Msg(key, **{k: msg_from(v) if isinstance(v, list) else v for k, v in params.items()})


@dataclass
class LogRead:
    events: list[Event] = field(default_factory=list)
    problems: list[LogProblem] = field(default_factory=list)
    end: int = 0  # byte offset just after the last complete line
    lines: int = 0  # complete lines read
    start: int = 0  # byte offset of the first line read (EventLog.stream_from)


def now_local() -> dt.datetime:
    return dt.datetime.now().astimezone()


def new_event(kind: str, data: Mapping[str, Any], now: dt.datetime | None = None) -> Event:
    """`data` is a kind's payload (its TypedDict, or a plain dict), held as the dict it is."""
    when = (now or now_local()).isoformat(timespec="seconds")
    held = data if isinstance(data, dict) else dict(data)
    return {"v": SCHEMA_VERSION, "id": os.urandom(16).hex(), "kind": kind, "ts": when, "data": held}


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _loads(raw: bytes) -> Any:
    """json.loads(raw) in fewer steps for a line as hiki writes it (UTF-8, one object, nothing
    around it): the C scanner is called on the line directly, without json.loads' encoding
    detection and whitespace matching (60 % of its time on a short line). Anything else (a BOM,
    leading space, bad JSON, text after the object) goes through json.loads itself, so what is
    accepted and every error are exactly json.loads'."""
    try:
        text = raw.decode("utf-8")
        obj, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return json.loads(raw)
    if end != len(text) and text[end:].strip(" \t\n\r"):
        return json.loads(raw)  # "Extra data"
    return obj


def parse_line(raw: bytes, lineno: int) -> tuple[Event | None, LogProblem | None]:
    try:
        obj = _loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, LogProblem(lineno, Msg("storage.line_skipped_damaged"))
    if (
        # The usual line: today's schema with the five fields typed (the same tests as below)
        type(obj) is dict
        and type(obj.get("v")) is int
        and obj["v"] == SCHEMA_VERSION
        and type(obj.get("id")) is str
        and type(obj.get("kind")) is str
        and type(obj.get("ts")) is str
        and type(obj.get("data")) is dict
    ):
        rule = RULES.get(obj["kind"])  # payload_problem, one call fewer a line
        if rule is None or not rule(obj["data"]):
            return obj, None
    version = migrations.stored_version(obj) if isinstance(obj, dict) else None
    if version is not None and version > SCHEMA_VERSION:
        raise StorageError("storage.line_newer_changed", line=lineno)
    if isinstance(obj, dict) and version is not None and version < SCHEMA_VERSION:
        try:
            obj = migrations.upgrade(obj, version, SCHEMA_VERSION)
        except (KeyError, TypeError, ValueError):
            obj = None
    if not (
        isinstance(obj, dict)
        and migrations.stored_version(obj) == SCHEMA_VERSION
        and isinstance(obj.get("id"), str)
        and isinstance(obj.get("kind"), str)
        and isinstance(obj.get("ts"), str)
        and isinstance(obj.get("data"), dict)
    ):
        return None, LogProblem(lineno, Msg("storage.line_not_event"))
    problem = payload_problem(obj["kind"], obj["data"])
    if problem:
        # A hand-edited or damaged entry must not crash every screen that reads it.
        return None, LogProblem(lineno, Msg("storage.entry_skipped", problem=problem))
    return obj, None


def complete_record(tail: bytes, cipher: Cipher | None = None) -> bytes | None:
    """The plaintext of a last line that has no newline but is a whole record (a JSON object;
    sealed: one that decrypts), else None. A cut-off line is never one: no proper prefix of a
    JSON object is itself a JSON object, and a cut sealed record fails its tag."""
    try:
        raw = cipher.open_record(tail)[1] if cipher is not None else tail
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return raw if isinstance(obj, dict) else None


def parse_bytes(
    data: bytes,
    first_line: int = 1,
    cipher: Cipher | None = None,
    raws: list[bytes] | None = None,
    order: RecordOrder | None = None,
) -> LogRead:
    """Parse complete lines of `data`; a tail without a newline is left unread, unless it is a
    whole record (complete_record): then it is read like any line, and `end` is after it (the
    next save gives it its newline instead of moving it to the quarantine).

    With a cipher, `data` holds sealed records (line 1 of the file, the header, is skipped).
    With `raws`, each event's line as stored (opened, when sealed) is appended to it, in step
    with `events`. The garbage collector is paused meanwhile: the new events are all kept, and
    its passes over them cost 40 % of a large read.

    Sealed records are checked for their place (crypto.RecordOrder): `order` carries that check
    from one call to the next (a streamed read); without it each call starts its own, expecting
    line numbers from the log's start when `first_line` is 1."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        if cipher is not None and order is None:
            from hikicli.storage.crypto import RecordOrder

            order = RecordOrder(from_start=first_line == 1)
        return _parse(data, first_line, cipher, raws, order)
    finally:
        if paused:
            gc.enable()


def _parse(
    data: bytes,
    first_line: int,
    cipher: Cipher | None,
    raws: list[bytes] | None,
    order: RecordOrder | None,
) -> LogRead:
    result = LogRead()
    end = data.rfind(b"\n") + 1
    whole_tail = end < len(data) and complete_record(data[end:], cipher) is not None
    body = data + b"\n" if whole_tail else data[:end]
    lineno = first_line - 1
    for raw in body.split(b"\n")[:-1]:
        lineno += 1
        if not raw.strip():
            continue
        if cipher is not None:
            if lineno == 1:
                continue  # the header
            try:
                seq, raw = cipher.open_record(raw)
            except ValueError:
                result.problems.append(
                    LogProblem(lineno, Msg("storage.line_skipped_damaged"))
                )
                continue
            if order is not None and seq is not None:
                misplaced, repeat = order.check(seq, lineno)
                if misplaced is not None:
                    result.problems.append(LogProblem(lineno, misplaced))
                if repeat:
                    continue
        event, problem = parse_line(raw, lineno)
        if event is not None:
            result.events.append(event)
            if raws is not None:
                raws.append(raw)
        elif problem is not None:
            text = raw.decode("utf-8", "replace")
            result.problems.append(LogProblem(problem.line, problem.why, text))
    result.end = len(data) if whole_tail else end
    result.lines = lineno - first_line + 1
    if end < len(data) and not whole_tail:
        result.problems.append(
            LogProblem(lineno + 1, Msg("storage.last_line_incomplete"))
        )
    return result


class EventLog:
    """The log of one profile. `keys` unlocks it when it is encrypted (asked only then)."""

    def __init__(self, paths: Paths, keys: KeyRing | None = None) -> None:
        self.paths = paths
        self.path = paths.log_file
        self.keys = keys
        # Bytes of a torn last line this object moved to the quarantine file (the CLI says so).
        self.quarantined = 0

    def exists(self) -> bool:
        # lexists: a link at the log's place is there (and refused when read), not "no log"
        return os.path.lexists(self.path)

    def header(self) -> Header | None:
        """The encryption header, or None when the log is plaintext or missing."""
        if not self.exists():
            return None
        from hikicli.storage.crypto import read_header

        return read_header(self.path)

    def is_encrypted(self) -> bool:
        return self.header() is not None

    def keyring(self) -> KeyRing:
        if self.keys is None:
            from hikicli.storage.crypto import KeyRing

            self.keys = KeyRing()
        return self.keys

    def cipher(self, header: Header) -> Cipher:
        return self.keyring().cipher(header)

    def unlock(self) -> None:
        """Ask for the passphrase now if the log is encrypted (no-op otherwise). Call it before
        an interactive flow that will save, so a wrong passphrase is known before the questions."""
        header = self.header()
        if header is not None:
            self.cipher(header)

    def read(self) -> LogRead:
        return self.read_from(0, 1)

    def read_from(
        self, offset: int, first_line: int, limit: int | None = None, stop: int | None = None
    ) -> LogRead:
        """The events from byte `offset` (line `first_line`) on. With `limit`, a log larger
        than that many bytes is not read: LogTooLarge. With `stop` (where a line starts), only
        the lines before it (a part of the log read on its own, storage/projection.py)."""
        try:
            fd = open_regular(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return LogRead(end=offset)
        except OSError as err:
            raise _read_error(self.path, err) from None
        try:
            size = os.fstat(fd).st_size
            if limit is not None and size - offset > limit:
                raise LogTooLarge("storage.log_too_large", path=self.path, limit=limit)
            head = os.pread(fd, 4096, 0)
            # A whole last record that had no newline was read already; a save then added it.
            around = os.pread(fd, 2, offset - 1) if offset > 0 else b""
            skip = len(around) == 2 and around[0:1] != b"\n" and around[1:2] == b"\n"
            if stop is None:
                data = _read_all(fd, offset)
            else:
                data = os.pread(fd, max(0, stop - offset), offset)
        except OSError as err:
            raise _read_error(self.path, err) from None
        finally:
            os.close(fd)
        if skip:
            offset, data = offset + 1, data[1:]
        cipher = None
        if head.startswith(b'{"hiki":"encrypted"'):
            from hikicli.storage.crypto import Header, split_header

            line, _ = split_header(head)
            if line is not None:
                cipher = self.cipher(Header.parse(line, str(self.path)))
        result = parse_bytes(data, first_line, cipher)
        result.end += offset
        return result

    def stream(self, chunk: int = 1 << 20, raws: list[bytes] | None = None) -> Iterator[LogRead]:
        """The whole log as a series of reads of about `chunk` bytes each, in order, so a
        caller that writes as it goes (an export) holds one chunk at a time. Line numbers and
        problems are those of `read()`; the last read reports an unfinished tail. With `raws`,
        it holds each read's stored lines (see parse_bytes), emptied before the next read."""
        return self.stream_from(0, 1, chunk, raws)

    def stream_from(
        self, offset: int, first_line: int, chunk: int = 1 << 20, raws: list[bytes] | None = None
    ) -> Iterator[LogRead]:
        """`stream` from byte `offset` (where line `first_line` starts, as `read_from` takes
        them) on; each read's `start` is where its first line starts."""
        try:
            fd = open_regular(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return
        except OSError as err:
            raise _read_error(self.path, err) from None
        try:
            try:
                head = os.pread(fd, 4096, 0)
                # A whole last record that had no newline was read already; a save then added it.
                around = os.pread(fd, 2, offset - 1) if offset > 0 else b""
            except OSError as err:
                raise _read_error(self.path, err) from None
            if len(around) == 2 and around[0:1] != b"\n" and around[1:2] == b"\n":
                offset += 1
            cipher = None
            if head.startswith(b'{"hiki":"encrypted"'):
                from hikicli.storage.crypto import Header, split_header

                line, _ = split_header(head)
                if line is not None:
                    cipher = self.cipher(Header.parse(line, str(self.path)))
            order = None
            if cipher is not None:
                from hikicli.storage.crypto import RecordOrder

                order = RecordOrder(from_start=first_line == 1)
            lineno, rest = first_line, b""
            while True:
                try:
                    block = os.pread(fd, chunk, offset)
                except OSError as err:
                    raise _read_error(self.path, err) from None
                offset += len(block)
                data = rest + block
                cut = len(data) if not block else data.rfind(b"\n") + 1
                if not cut and block:
                    rest = data  # a line longer than a chunk: read on
                    continue
                if raws is not None:
                    raws.clear()
                result = parse_bytes(data[:cut], lineno, cipher, raws, order)
                result.start = offset - len(data)
                result.end += result.start
                rest = data[cut:]
                lineno += result.lines
                yield result
                if not block:
                    return
        finally:
            os.close(fd)

    def read_matching(self, needle: bytes, limit: int) -> LogRead:
        """Only the lines of a plaintext log that contain `needle` (e.g. b"safety_plan."), found
        with a byte search instead of parsing every line: for `hiki crisis` on a log too large
        to read whole quickly. At most `limit` bytes (LogTooLarge beyond); an encrypted log is
        LogTooLarge too (every line would have to be opened). Line numbers are exact."""
        try:
            fd = open_regular(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return LogRead()
        except OSError as err:
            raise _read_error(self.path, err) from None
        try:
            size = os.fstat(fd).st_size
            if size > limit or os.pread(fd, 19, 0) == b'{"hiki":"encrypted"':
                raise LogTooLarge("storage.log_unsearchable", path=self.path, limit=limit)
            data = _read_all(fd, 0)
        except OSError as err:
            raise _read_error(self.path, err) from None
        finally:
            os.close(fd)
        result = LogRead(end=data.rfind(b"\n") + 1)
        pos, counted, lineno = 0, 0, 1
        while (hit := data.find(needle, pos)) >= 0:
            start = data.rfind(b"\n", 0, hit) + 1
            stop = data.find(b"\n", hit)
            if stop < 0:
                stop = len(data)
            lineno += data.count(b"\n", counted, start)
            counted = start
            line = parse_bytes(data[start:stop] + b"\n", lineno)
            result.events += line.events
            result.problems += line.problems
            pos = stop + 1
        return result

    def append(self, kind: str, data: Mapping[str, Any], now: dt.datetime | None = None) -> Event:
        event = new_event(kind, data, now)
        self.append_events([event])
        return event

    def append_events(self, events: list[Event], whole: bool = False) -> None:
        """Append whole events durably; each line is written with a single os.write.

        Each payload meets its kind's record rule first (the one read-back and import use), so
        hiki never writes an entry it would skip when reading it."""
        for event in events:
            problem = payload_problem(str(event.get("kind")), event.get("data") or {})
            if problem:
                raise StorageError("storage.read_back_failed", problem=problem)
        try:
            lines = [
                json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                for e in events
            ]
        except UnicodeEncodeError:
            # e.g. a terminal that passed bytes that are not UTF-8: refuse before writing anything
            raise UsageError("storage.text_not_utf8") from None
        # Unlock before taking the lock: a passphrase prompt must never hold other writers up.
        expected = self.expected_header()
        cipher = self.cipher(expected) if expected is not None else None
        if cipher is None:
            self.append_stored([b"".join(line + b"\n" for line in lines)], None, whole)
            return
        sealer = cipher

        def sealed(first: int) -> list[bytes]:
            # Sealed under the lock, once the number of the next line is known.
            return [b"".join(sealer.seal_record(x, first + i) + b"\n" for i, x in enumerate(lines))]

        self.append_stored([], cipher, whole, reseal=sealed)

    def append_stored(
        self,
        blocks: Iterable[bytes],
        cipher: Cipher | None,
        whole: bool = False,
        first_seq: int | None = None,
        reseal: Callable[[int], Iterable[bytes]] | None = None,
    ) -> None:
        """Append blocks of whole stored lines (sealed by `cipher`, which must be
        `self.cipher(self.expected_header())`, when the log is encrypted), under one lock: all of
        them or, on any error, none (the log is cut back to where it was). Callers have checked
        each record (append_events, an import).

        `whole` (an import): the log is never written in place. Its bytes and the new lines go
        into a temp file in the same folder, fsynced, then os.replace: a process killed at any
        moment, even by SIGKILL, leaves the log exactly as it was or with every new line (a
        temp file left behind is swept by the next writer).

        Sealed records carry the number of the line they are written at. `blocks` were sealed
        from number `first_seq`; when the log's next line has another number (or `first_seq` is
        None), `reseal(next)` gives the blocks again, sealed from `next` (under the lock)."""
        folder = ensure_private_dir(self.path.parent)
        with locked(self.paths.lock_file):
            sweep_temp_files(folder)
            try:
                fd = open_private(self.path, os.O_RDWR | os.O_APPEND)
            except OSError as err:
                raise StorageError(describe_os_error(err, self.path)) from None
            try:
                fresh = self._check_same_encryption(fd, cipher.header if cipher else None)
                self._repair_tail(fd, cipher)
                self._refuse_if_newer(fd, cipher)
                self._auto_backup()
                start = os.fstat(fd).st_size
                # The log was cut to nothing or deleted: encryption.json holds its header,
                # which goes first (in the first write), so the profile stays encrypted.
                head = cipher.header.raw + b"\n" if cipher is not None and fresh else b""
                if cipher is not None:
                    following = self.next_seq(fd, cipher, fresh)
                    if following != first_seq and reseal is not None:
                        blocks = reseal(following)
                if whole:
                    self._replace_appended(fd, start, head, blocks)
                else:
                    self._write_appended(fd, start, head, blocks, cipher)
            finally:
                os.close(fd)
            if cipher is not None:
                self._record_encryption(cipher.header)

    def _write_appended(
        self, fd: int, start: int, head: bytes, blocks: Iterable[bytes], cipher: Cipher | None
    ) -> None:
        """Under the lock: append in place, one os.write loop, fsync; cut back on any error."""
        try:
            for payload in blocks:
                view = memoryview(head + payload if head else payload)
                head = b""
                while view:
                    view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException as err:
            # Leave the file as it was: a half-written record must not glue onto the next.
            os.ftruncate(fd, start)
            if isinstance(err, OSError):
                raise StorageError(describe_os_error(err, self.path)) from None
            raise
        if cipher is None:
            self._mark_scanned(fd)

    def guess_next_seq(self, cipher: Cipher) -> int:
        """next_seq without the lock: what an import seals with first (checked under the lock;
        sealed again if the log changed meanwhile)."""
        try:
            fd = open_regular(self.path, os.O_RDONLY)
        except OSError:
            return 2
        try:
            return self.next_seq(fd, cipher)
        except OSError:
            return 2
        finally:
            os.close(fd)

    def next_seq(self, fd: int, cipher: Cipher, fresh: bool = False) -> int:
        """The number the next sealed record gets: the line it will be written at. Read from
        the last record (one record opened), else by counting the lines."""
        size = os.fstat(fd).st_size
        if fresh or size == 0:
            return 2  # the header is line 1
        start = max(0, size - 65536)
        block = os.pread(fd, size - start, start)
        cut = block.rstrip(b"\n").rfind(b"\n")
        if cut >= 0 or start == 0:
            last = block[cut + 1 :]
            if last.startswith(b'{"hiki":"encrypted"'):
                return 2
            try:
                seq, _ = cipher.open_record(last)
            except ValueError:
                seq = None
            if seq is not None and last.endswith(b"\n"):
                return seq + 1
        lines, offset = 0, 0
        while chunk := os.pread(fd, 1 << 24, offset):
            lines += chunk.count(b"\n")
            offset += len(chunk)
        return lines + 1

    def _replace_appended(self, fd: int, size: int, head: bytes, blocks: Iterable[bytes]) -> None:
        """Under the lock: the log's first `size` bytes, `head` and `blocks` into a temp file,
        then os.replace (see append_stored's `whole`)."""
        import tempfile

        from hikicli.storage.files import FILE_MODE, TEMP_PREFIX, fsync_dir

        try:
            out, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=self.path.parent)
        except OSError as err:
            raise StorageError(describe_os_error(err, self.path)) from None
        try:
            os.fchmod(out, FILE_MODE)
            offset = 0
            while offset < size:
                chunk = os.pread(fd, min(1 << 22, size - offset), offset)
                if not chunk:
                    break
                offset += len(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view) :]
            for payload in (head, *blocks) if head else blocks:
                view = memoryview(payload)
                while view:
                    view = view[os.write(out, view) :]
            os.fsync(out)
            os.close(out)
            out = -1
            os.replace(tmp, self.path)
            fsync_dir(self.path.parent)
        except BaseException as err:
            if out >= 0:
                os.close(out)
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(err, OSError):
                raise StorageError(describe_os_error(err, self.path)) from None
            raise

    def expected_header(self) -> Header | None:
        """The header a save must seal under: the log's own, else the one encryption.json
        recorded when the log is missing or empty. A log with content and no header in a
        profile recorded as encrypted is refused: hiki never appends plaintext to it."""
        header = self.header()
        if header is not None:
            return header
        from hikicli.storage.encstate import plaintext_refusal, recorded_header

        recorded = recorded_header(self.paths)
        if recorded is None:
            return None
        try:
            size = os.lstat(self.path).st_size
        except FileNotFoundError:
            size = 0
        if size:
            raise plaintext_refusal(self.paths)
        return recorded

    def _record_encryption(self, header: Header) -> None:
        """encryption.json follows the log's header (it is written when missing or stale)."""
        from hikicli.storage.encstate import sync_state

        try:
            sync_state(self.paths, header)
        except StorageError:
            pass  # the record is saved; the copy is written again at the next save

    def _check_same_encryption(self, fd: int, expected: Header | None) -> bool:
        """Refuse when another hiki changed the encryption since `expected` was read. True when
        the log is empty and `expected` (from encryption.json) must be written first."""
        first = os.pread(fd, 19, 0)
        if expected is None and first != b'{"hiki":"encrypted"':
            if first:
                return False
            from hikicli.storage.encstate import plaintext_refusal, recorded_header

            if recorded_header(self.paths) is not None:
                raise plaintext_refusal(self.paths)
            return False
        if expected is not None and not first:
            return True
        from hikicli.storage.crypto import header_from_fd

        current = header_from_fd(fd, str(self.path))
        if (current is None) != (expected is None) or (
            current is not None and expected is not None and current.key_id != expected.key_id
        ):
            raise StorageError("storage.crypto_changed_meanwhile")
        return False

    @property
    def _scan_mark(self) -> Path:
        return self.paths.profile_cache_dir / "newer-scan"

    def _scanned_to(self, fd: int, size: int) -> int:
        """How far a plaintext log was looked at for newer records by the last save (its inode,
        that size and a checksum of the bytes before it still match), else 0. Derived, like
        every cache: a missing or odd mark only means looking at the whole log again."""
        import zlib

        try:
            ino, end, crc = (int(x) for x in self._scan_mark.read_text().split())
        except (OSError, ValueError):
            return 0
        if ino != os.fstat(fd).st_ino or not 0 < end <= size:
            return 0
        tail = os.pread(fd, min(end, 256), end - min(end, 256))
        return end if zlib.crc32(tail) == crc and tail.endswith(b"\n") else 0

    def _mark_scanned(self, fd: int) -> None:
        """After a plaintext save (under the lock): the whole log has been looked at."""
        import zlib

        try:
            st = os.fstat(fd)
            end = st.st_size
            tail = os.pread(fd, min(end, 256), end - min(end, 256))
            folder = ensure_private_dir(self.paths.profile_cache_dir)
            tmp = folder / "newer-scan.tmp"
            out = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            try:
                os.write(out, f"{st.st_ino} {end} {zlib.crc32(tail)}\n".encode())
            finally:
                os.close(out)
            os.replace(tmp, self._scan_mark)
        except Exception:  # noqa: BLE001 (a mark that cannot be written only costs time)
            pass  # only costs the next save a whole look

    def _refuse_if_newer(self, fd: int, cipher: Cipher | None) -> None:
        """A log a newer hiki wrote to is left alone: every read would stop at that record, so
        a save must not say "Saved." either. The last line is opened (a newer hiki appends at the
        end); in a plaintext log every line hiki's way of writing starts (`{"v":N`) is looked at
        too, which finds one in the middle (a restored or merged log): one pass over the bytes,
        no JSON parsing."""
        size = os.fstat(fd).st_size
        if cipher is None and size:
            # The bytes up to where the last save's look ended (scan_mark) were looked at then.
            start = self._scanned_to(fd, size)
            data = _read_all(fd, start)
            match = _NEWER.search(data)
            if match is not None and int(match.group(1)) > SCHEMA_VERSION:
                before = _read_all(fd, 0)[:start].count(b"\n") if start else 0
                line = before + data.count(b"\n", 0, match.start() + 1) + 1
                raise StorageError("storage.line_newer_saved", line=line)
        start = max(0, size - 65536)
        block = os.pread(fd, size - start, start)
        last = block[block.rstrip(b"\n").rfind(b"\n") + 1 :].strip()
        if not last or last.startswith(b'{"hiki":"encrypted"'):
            return
        try:
            raw = cipher.open_record(last)[1] if cipher is not None else last
            version = json.loads(raw).get("v")
        except (ValueError, AttributeError, RecursionError):
            return  # a damaged line is the reader's business, not a reason to refuse a save
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            raise StorageError("storage.log_newer")

    def _auto_backup(self) -> None:
        """At most once a day, copy the log (as stored) before changing it. Under the lock."""
        from hikicli.storage.backup import auto_backup

        auto_backup(self.paths)

    def _repair_tail(self, fd: int, cipher: Cipher | None = None) -> None:
        """Under the lock: move a torn last line to the quarantine file and cut it off; a whole
        last record without its newline is given one instead."""
        size = os.fstat(fd).st_size
        if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
            return
        chunk = 65536
        pos = size
        cut = 0
        while pos > 0:
            start = max(0, pos - chunk)
            block = os.pread(fd, pos - start, start)
            idx = block.rfind(b"\n")
            if idx >= 0:
                cut = start + idx + 1
                break
            pos = start
        fragment = os.pread(fd, size - cut, cut)
        if complete_record(fragment, cipher) is not None:
            # A whole record that only lacks its newline (written by another tool, or a save
            # killed between its record and its newline): readers read it; it gets the newline.
            os.write(fd, b"\n")
            os.fsync(fd)
            return
        stamp = now_local().isoformat(timespec="seconds")
        entry = f"# {stamp} torn line moved from {self.path.name}\n".encode() + fragment
        qfd = open_private(self.paths.quarantine_file, os.O_RDWR | os.O_APPEND)
        try:
            qsize = os.fstat(qfd).st_size
            # A quarantine entry cut by an earlier kill must not glue itself to this one.
            prefix = b"\n" if qsize and os.pread(qfd, 1, qsize - 1) != b"\n" else b""
            if cipher is not None:
                # Encrypted: the quarantine file has the same header, and the entry is sealed
                # as the record of the line it goes to there.
                if qsize == 0:
                    prefix = cipher.header.raw + b"\n"
                if qsize == 0:
                    seq = 2
                else:
                    seq = _read_all(qfd, 0).count(b"\n") + (2 if prefix else 1)
                os.write(qfd, prefix + cipher.seal_record(entry, seq) + b"\n")
            else:
                os.write(qfd, prefix + entry + b"\n")
            os.fsync(qfd)
        finally:
            os.close(qfd)
        os.ftruncate(fd, cut)
        os.fsync(fd)
        self.quarantined += size - cut
