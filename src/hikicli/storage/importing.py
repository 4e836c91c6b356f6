"""Restore a `hiki data export` JSON file into the current profile, merging by event id.

The whole file is checked before anything is written, each entry by its kind's record rule (the
one the log uses at write and at read-back, so an export of a log hiki reads always imports again);
then the new events go into the log in one append under the log's lock. Events whose id is
already in the log are skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hikicli.domain.kinds import payload_problem
from hikicli.errors import UsageError
from hikicli.storage.files import locked
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


def _fail(source: str, where: str, reason: str) -> UsageError:
    return UsageError(f"{source}: {where}: {reason.rstrip('.')}. Nothing was imported.")


def read_export_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UsageError(f"{path}: the file is too large to be a hiki export ({size} bytes).")
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not an export file.") from None
    except OSError as err:
        raise UsageError(f"{path}: cannot be read ({err.strerror or err}).") from None


def _event_line(text: str, index: int, event_id: Any) -> str:
    """Where an event sits in the file: its index, and its line when its id can be found."""
    where = f"events[{index}]"
    if isinstance(event_id, str) and event_id:
        pos = text.find(json.dumps(event_id, ensure_ascii=False))
        if pos >= 0:
            where += f" (line {text.count(chr(10), 0, pos) + 1})"
    return where


def _no_bad_numbers(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _no_bad_numbers(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_no_bad_numbers(v) for v in value)
    return True


def check_event(obj: Any) -> str | None:
    """Why `obj` is not a valid stored event, or None if it is."""
    if not isinstance(obj, dict):
        return "is not an object"
    expected = {"v", "id", "kind", "ts", "data"}
    missing = sorted(expected - obj.keys())
    if missing:
        return f"is missing {', '.join(missing)}"
    extra = sorted(obj.keys() - expected)
    if extra:
        return f"has unknown keys {', '.join(extra)}"
    v = obj["v"]
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        return "'v' must be a whole number from 1"
    if v > SCHEMA_VERSION:
        return f"was written by a newer hiki (event version {v}); please upgrade hiki"
    eid = obj["id"]
    if not isinstance(eid, str) or not eid or len(eid) > MAX_ID or not eid.isprintable():
        return "'id' must be a short non-empty text"
    if any(c.isspace() for c in eid):
        return "'id' must not contain spaces"
    kind = obj["kind"]
    if not isinstance(kind, str) or not kind or len(kind) > MAX_KIND or not kind.isprintable():
        return "'kind' must be a short non-empty text"
    ts = obj["ts"]
    if not isinstance(ts, str):
        return "'ts' must be a date and time"
    try:
        dt.datetime.fromisoformat(ts)
    except ValueError:
        return f"'ts' is not a date and time ({ts[:40]!r})"
    if not isinstance(obj["data"], dict):
        return "'data' must be an object"
    if not _no_bad_numbers(obj["data"]):
        return "'data' holds a number that is not finite"
    # The record rule of the kind: the same one the log applies at write and at read-back.
    return payload_problem(kind, obj["data"])


def parse_export(raw: bytes, source: str) -> list[Event]:
    """Every event of an export file, checked; raise UsageError naming the first problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _fail(source, f"byte {err.start}", "the file is not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        raise _fail(source, where, f"not valid JSON ({err.msg})") from None
    except RecursionError:
        raise _fail(source, "line 1", "the JSON is nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise _fail(source, "top level", f'not a hiki export (no "format": "{EXPORT_FORMAT}")')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(source, "version", "missing or not a whole number")
    if version > EXPORT_VERSION:
        raise _fail(
            source,
            "version",
            f"written by a newer hiki (export version {version}); please upgrade hiki",
        )
    if version != EXPORT_VERSION:
        raise _fail(source, "version", f"export version {version} is not supported")
    events = doc.get("events")
    if not isinstance(events, list):
        raise _fail(source, "events", "missing or not a list")
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
                    f"id {obj['id']} appears twice with different content",
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
            log.append_events(new)
        result.added = len(new)
    return result
