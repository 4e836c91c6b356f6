"""Every event kind hiki writes: a view over the features' declarations (domain/features/),
each kind declared once there with its name, payload type, the one validator, its history
summary and its payload version (domain/declare.py says what a kind is).

The validator of a kind is the *record rule*: what a stored entry must be for hiki's screens to
read it. The same function runs at write (storage/log.py refuses to save an entry it could not
read back), at read-back (a failing entry is skipped and located, never a crash) and at import
(storage/importing.py), so an export of a log hiki reads can always be imported again.
*Input rules* are stricter and stay where input is parsed, with the flag's name: a note typed
today is at most 4,000 characters, a date is not in the future, a text has no control
characters. A record rule never adds such limits, so nothing an older hiki wrote (nor a
hand-edited entry hiki showed until now) is turned away later. Check-ins and risk signals drive
the dashboard and the safety screens and are checked whole; the other kinds' readers tolerate
missing values (their folds are fuzzed), so their rule is "each value, when present, has the
type hiki writes". Unknown kinds (a newer hiki's) have no check and pass through every path
unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hikicli.domain.declare import (
    PLAIN,
    Data,
    EventKind,
    SummaryContext,
    ctx,
    fill,
    is_text,
)
from hikicli.domain.features import FEATURES
from hikicli.domain.features.checkin import CHECKIN_COLUMNS, CheckinPayload, checkin_problem
from hikicli.errors import Msg

KINDS: tuple[EventKind, ...] = tuple(kind for feature in FEATURES for kind in feature.kinds)

BY_NAME: dict[str, EventKind] = {k.name: k for k in KINDS}
RULES = {k.name: k.problem for k in KINDS}  # each kind's record rule (an import runs 100,000)


def payload_problem(kind: str, data: Data) -> Msg | None:
    """Why a stored payload of `kind` cannot be read, or None (always None for unknown kinds)."""
    rule = RULES.get(kind)
    return rule(data) if rule is not None else None


def summarize(event: Mapping[str, Any], context: SummaryContext | None = None) -> str:
    """One line in words for `hiki history`; an entry of a kind this hiki does not know (written
    by a newer hiki) still gets a line."""
    declared = BY_NAME.get(str(event.get("kind")))
    data = event.get("data") or {}
    if declared is None:
        return ctx(context).say("history.unknown_kind", kind=event.get("kind"))
    return declared.summary(data, context)


def kept_by(command: str, kind: str) -> bool:
    """Whether the read command keeps events of `kind` from before the days it shows. A kind this
    hiki does not know (a newer hiki's) is kept by the report only, which reads every kind."""
    declared = BY_NAME.get(kind)
    if declared is None:
        return command == "report"
    return command in declared.kept_by


def versions() -> dict[str, int]:
    """Each kind's payload version (part of every cache key that folds the log)."""
    return {k.name: k.version for k in KINDS}


__all__ = [
    "BY_NAME",
    "CHECKIN_COLUMNS",
    "KINDS",
    "PLAIN",
    "RULES",
    "CheckinPayload",
    "EventKind",
    "SummaryContext",
    "checkin_problem",
    "fill",
    "is_text",
    "kept_by",
    "payload_problem",
    "summarize",
    "versions",
]
