"""Exports of the whole log: JSON (every event, as stored) and CSV (one row per event)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from hikicli import __version__
from hikicli.domain.kinds import CHECKIN_COLUMNS

# The check-in's own columns come from its declaration (domain/kinds.py).
CHECKIN = "checkin"
CHECKIN_FIELDS = CHECKIN_COLUMNS
CSV_COLUMNS = ("id", "kind", "recorded", *CHECKIN_FIELDS, "data")


def export_json(
    events: list[dict[str, Any]], now: dt.datetime, damaged: list[dict[str, Any]] | None = None
) -> str:
    doc: dict[str, Any] = {
        "format": "hiki-export",
        "version": 1,
        "hiki": __version__,
        "exported": now.isoformat(timespec="seconds"),
        "events": events,
    }
    if damaged:
        # Lines hiki could not read are still part of what was recorded: carried as text.
        doc["damaged_lines"] = damaged
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export_csv(events: list[dict[str, Any]]) -> str:
    """Check-in values get their own columns; other kinds keep their payload as JSON in `data`."""
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
    return buf.getvalue()
