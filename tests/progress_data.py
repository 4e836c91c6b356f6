"""A realistic log for the progress, report and import tests, written through the real EventLog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hikicli.storage.log import EventLog, new_event
from hikicli.storage.paths import Paths
from tests.support import FIXED_NOW

TODAY = FIXED_NOW.date()
SECRET_NOTE = "secret-note <script>alert(1)</script> & more"
LEARNED = "Nobody looked at me; the street was quiet."


def at(day: dt.date, hour: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=FIXED_NOW.tzinfo)


def seed(
    home: Path, profile: str = "default", days: int = 28, extras: bool = True
) -> list[dict[str, Any]]:
    """Check-ins on most days (every 4th day missed): on days out mood is 7, on days in 4."""
    events = []
    for back in range(days - 1, -1, -1):
        day = TODAY - dt.timedelta(days=back)
        if back % 4 == 3:
            continue
        out = 30 if back % 2 == 0 else 0
        events.append(
            new_event(
                "checkin",
                {
                    "date": day.isoformat(),
                    "mood": 7 if out else 4,
                    "anxiety": 5,
                    "energy": 5,
                    "sleep": 7.5,
                    "outside": out,
                    "contact": ["family", "online"] if back % 3 else ["none"],
                    "note": f"{SECRET_NOTE} {day}" if back == 0 else "",
                },
                at(day),
            )
        )
    if extras:
        mid = TODAY - dt.timedelta(days=5)
        events += [
            new_event(
                "ladder.try",
                {
                    "date": mid.isoformat(),
                    "step": "s1",
                    "step_title": "Walk to the mailbox",
                    "result": "done",
                    "peak": 40,
                    "learned": LEARNED,
                },
                at(mid, 21),
            ),
            new_event(
                "ladder.mastered",
                {"date": TODAY.isoformat(), "step": "s1", "step_title": "Walk to the mailbox"},
                at(TODAY, 8),
            ),
            new_event(
                "assessment",
                {
                    "date": (TODAY - dt.timedelta(days=14)).isoformat(),
                    "instrument": "phq9",
                    "total": 11,
                    "band": "moderate",
                },
                at(TODAY - dt.timedelta(days=14)),
            ),
            new_event(
                "assessment",
                {"date": TODAY.isoformat(), "instrument": "phq9", "total": 8, "band": "mild"},
                at(TODAY, 8),
            ),
            new_event(
                "homework.assigned",
                {"homework_id": "curtains", "title": "Open the curtains each morning"},
                at(TODAY - dt.timedelta(days=10)),
            ),
            new_event(
                "homework.done",
                {"homework_id": "curtains", "title": "Open the curtains each morning"},
                at(TODAY - dt.timedelta(days=2)),
            ),
        ]
    EventLog(Paths.resolve(home, profile)).append_events(events)
    return events
