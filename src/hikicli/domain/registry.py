"""Views over the features' declarations (domain/features/): what the dashboard folds from the
log and shows, what each read command keeps, and history's one-line summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from hikicli.domain.features import FEATURES
from hikicli.domain.kinds import KINDS, SummaryContext, kept_by, summarize

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent


def dashboard_projections() -> list[Any]:
    """What the dashboard folds: each feature's projections (domain/features/), in its order."""
    return [p for f in FEATURES if f.projections is not None for p in f.projections()]


# The read commands (services/reads.py) and, for each, which kinds it keeps of the log before
# the days it shows: the events it reads there, declared by each kind (`EventKind.kept_by`).
# Everything else of those earlier days (check-ins above all) is left out; the part of the log
# its days can be in is read each time, whole.
READ_COMMANDS = ("history", "progress", "report", "assess_history", "homework", "family")
READ_KEEPS: dict[str, Callable[[str], bool]] = {
    command: partial(kept_by, command) for command in READ_COMMANDS
}


# Kinds kept only once per value (`EventKind.once`).
ONCE: dict[str, Callable[[Mapping[str, Any]], Any]] = {k.name: k.once for k in KINDS if k.once}


class LastingEvents:
    """Projection: the events a read command keeps (READ_KEEPS), in the order written; of a
    kind with `once`, the first event of each value."""

    version = 2

    def __init__(self, command: str) -> None:
        self.name = f"lasting_{command}"
        self.keeps = READ_KEEPS[command]
        self._seen: set[tuple[str, Any]] | None = None  # the `once` values kept so far

    def initial(self) -> list[Any]:
        return []

    def apply(self, state: list[Any], event: Mapping[str, Any]) -> list[Any]:
        kind = event["kind"]
        if not self.keeps(kind):
            return state
        once = ONCE.get(kind)
        if once is not None:
            if self._seen is None:  # a cached state: its values, once a run
                self._seen = {(e["kind"], ONCE[e["kind"]](e)) for e in state if e["kind"] in ONCE}
            key = (kind, once(event))
            if key in self._seen:
                return state
            self._seen.add(key)
        state.append(event)
        return state


def dashboard_extras(
    states: Mapping[str, Any], catalog: CatalogContent, now: dt.datetime
) -> list[str]:
    """Lines under today's status (e.g. the current ladder step): each feature's own."""
    today = now.date()
    return [
        line
        for f in FEATURES
        if f.dashboard_lines is not None
        for line in f.dashboard_lines(states, catalog, today)
    ]


# One-line summaries for `hiki history`, by event kind: a view over each kind's declaration
# (domain/features/). Summaries that need content words take a SummaryContext.
SUMMARIZERS: dict[str, Callable[[Mapping[str, Any], SummaryContext | None], str]] = {
    k.name: k.summary for k in KINDS
}


__all__ = [
    "READ_KEEPS",
    "SUMMARIZERS",
    "LastingEvents",
    "SummaryContext",
    "dashboard_extras",
    "dashboard_projections",
    "summarize",
]
