"""Numbered migrations of stored events: an older record is upgraded in memory when it is read.

`MIGRATIONS[n]` turns a version-n event into a version-(n+1) event. The log file itself is never
rewritten to upgrade it (old lines stay as they were written; new lines are written at the current
version), so a migration can never lose a record. Each migration has a test with a sample of the
old format (tests/test_migrations.py).

Version 0 is the format before events carried "v": `{"type", "time", "data"}`, sometimes without an
"id". It never shipped; it exists so the mechanism is exercised and tested from the start.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Event = dict[str, Any]


def _v0_to_v1(old: Event) -> Event:
    event = {k: v for k, v in old.items() if k not in ("type", "time")}
    event["kind"] = old.get("kind", old.get("type"))
    event["ts"] = old.get("ts", old.get("time"))
    if "id" not in event:
        # The same old line must get the same id at every read, so edits can refer to it.
        import hashlib  # only when an old record is upgraded

        digest = hashlib.sha256(json.dumps(old, sort_keys=True, default=str).encode()).hexdigest()
        event["id"] = "v0-" + digest[:29]
    event["v"] = 1
    return event


MIGRATIONS: dict[int, Callable[[Event], Event]] = {
    0: _v0_to_v1,
}


def stored_version(obj: dict[str, Any]) -> int | None:
    """The record's schema version; 0 when it has none; None when it is not a usable number."""
    if "v" not in obj:
        return 0
    v = obj["v"]
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        return None
    return v


def upgrade(obj: Event, version: int, target: int) -> Event:
    """Apply the migrations from `version` up to `target`, one step at a time."""
    while version < target:
        obj = MIGRATIONS[version](obj)
        version += 1
    return obj
