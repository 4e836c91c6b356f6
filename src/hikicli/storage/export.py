"""Exports of the whole log: JSON (every event, as stored) and CSV (one row per event).

Both are written as they are read (`LogEvents`, one chunk of the log at a time), so an export
takes the same memory at 100,000 events as at 100: one event per line, with the C encoder (an
event hiki stored in today's schema is copied as its stored line, which is that same JSON).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from hikicli import __version__
from hikicli.domain.kinds import CHECKIN_COLUMNS
from hikicli.storage.log import SCHEMA_VERSION, EventLog, LogProblem, LogRead

# The check-in's own columns come from its declaration (domain/features/checkin.py).
CHECKIN = "checkin"
CHECKIN_FIELDS = CHECKIN_COLUMNS
CSV_COLUMNS = ("id", "kind", "recorded", *CHECKIN_FIELDS, "data")


_CURRENT = b'{"v":%d,' % SCHEMA_VERSION  # a stored line needing no upgrade starts so
Write = Callable[[str], Any]


class LogEvents:
    """The log's events, read chunk by chunk while they are iterated; `problems` and `count`
    are complete once an iteration has ended."""

    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.problems: list[LogProblem] = []
        self.count = 0
        self._raws: list[bytes] = []
        self._reads: Iterator[LogRead] | None = None
        self._first: LogRead | None = None

    def open(self) -> LogEvents:
        """Open the log and read its first chunk now, so a refusal (a link, a wrong passphrase)
        comes before anything is written."""
        self._raws = []
        self._reads = self.log.stream(raws=self._raws)
        self._first = next(self._reads, None)
        return self

    def chunks(self) -> Iterator[tuple[list[dict[str, Any]], list[bytes]]]:
        """(events, their stored lines) per chunk of the log."""
        if self._reads is None:
            self.open()
        reads, first = self._reads, self._first
        self._reads = self._first = None
        self.problems, self.count = [], 0
        for read in itertools.chain([first] if first is not None else [], reads or ()):
            self.problems += read.problems
            self.count += len(read.events)
            yield read.events, self._raws

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


def _event_texts(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Each event as one line of JSON (its stored line when that is today's schema)."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    if not isinstance(events, LogEvents):
        yield from map(dumps, events)
        return
    for chunk, raws in events.chunks():
        for event, raw in zip(chunk, raws, strict=True):
            if raw.startswith(_CURRENT):
                try:
                    yield raw.decode("utf-8").strip()
                    continue
                except UnicodeDecodeError:
                    pass
            yield dumps(event)


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
