"""How the read commands (`history`, `progress`, `report`, `assess history`) load the log, so
their cost depends on what they show, not on how long the person has used hiki.

Each command has a cache (`cache/reads-COMMAND.marshal`, sealed with the data key while
encrypted) folded from the offset it reached last time (storage/projection.py): the events of the
kinds the command reads from before its days (`domain.registry.READ_KEEPS`), the problems of
every line, and marks with the latest day anything before them is dated. The command then reads
only the part of the log its days can be in (`load_since`, the part kept parsed in
`cache/days-COMMAND.marshal` from the last run, so only lines added since are read), or parts
newest first until it has what it shows (`load_newest`), and gets the events it would have got
from the whole log for those days: the kept events before that part, then every event of the
part, in the order written. This holds whatever order lines were written in (a back-dated
check-in, an import): a mark's day is the latest of everything before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from hikicli.storage.log import EventLog, LogProblem

CACHE_FILE = "reads-{command}.marshal"  # derived data: deleting it loses nothing
# The part of the log a command read last time, kept parsed (storage/projection.part): derived
# data too.
PART_FILE = "days-{command}.marshal"

Event = dict[str, Any]


@dataclass
class Loaded:
    events: list[Event]  # as the whole log's, for the days loaded (see the module's words)
    problems: list[LogProblem]  # of the whole log, as `EventLog.read()` reports them
    count: int  # events in the whole log
    kept: list[Event]  # every kept event of the whole log (not only before the part)


def _project(log: EventLog, cache_dir: Any, command: str) -> Any:
    from hikicli.domain.registry import LastingEvents
    from hikicli.storage.projection import project

    cache = cache_dir / CACHE_FILE.format(command=command)
    return project(log, [LastingEvents(command)], cache, marks=True)


def _loaded(projected: Any, mark: Any, events: list[Event]) -> Loaded:
    [(name, kept)] = projected.states.items()
    return Loaded(
        kept[: mark.sizes.get(name, 0)] + events, projected.problems, projected.count, kept
    )


def load_since(log: EventLog, cache_dir: Any, command: str, day: str) -> Loaded:
    """The events for everything `command` shows from `day` (an ISO date) on."""
    from hikicli.storage.projection import part

    projected = _project(log, cache_dir, command)
    mark, events = part(log, projected, day, cache_dir / PART_FILE.format(command=command))
    return _loaded(projected, mark, events)


def load_since_widened(
    log: EventLog,
    cache_dir: Any,
    command: str,
    day: str,
    widen: Callable[[list[Event], str], str],
) -> Loaded:
    """`load_since` from `widen(kept events, day)`: a command that also shows something begun
    before its days (a homework pack's check-in plan) says from when."""
    from hikicli.storage.projection import part

    projected = _project(log, cache_dir, command)
    [kept] = projected.states.values()
    first = min(day, widen(kept, day))
    mark, events = part(log, projected, first, cache_dir / PART_FILE.format(command=command))
    return _loaded(projected, mark, events)


def load_newest(
    log: EventLog, cache_dir: Any, command: str, enough: Callable[[list[Event], str], bool]
) -> Loaded:
    """Parts of the log read newest first until `enough(part, bound)` says so, `part` being
    the events of the part just read and `bound` the latest day anything before it is dated;
    the whole log at most."""
    from hikicli.storage.projection import newest_first

    projected = _project(log, cache_dir, command)
    parts: list[list[Event]] = []
    mark = None
    for mark, read in newest_first(log, projected):
        parts.append(read.events)
        if enough(read.events, mark.bound):
            break
    if mark is None:  # no log
        return Loaded([], projected.problems, 0, [])
    return _loaded(projected, mark, [e for part in reversed(parts) for e in part])


@dataclass
class Ordered:
    problems: list[LogProblem]  # of the whole log, as `EventLog.read()` reports them
    count: int  # events in the whole log
    items: Iterator[Any]  # see `in_day_order`


def in_day_order(
    log: EventLog,
    cache_dir: Any,
    command: str,
    day_of: Callable[[Event], str],
    start: str | None,
    take: Callable[[Event], Any],
) -> Ordered:
    """`take(event)` of every event shown from `start` (an ISO day; None: all) on, in the order
    of (`day_of(event)`, its recorded time), two alike in the order written: the order a stable
    sort of the whole log's events gives, without holding them. The log is read a part at a
    time from the first part its days can be in, and what a part holds goes out as soon as no
    later part can hold an event to come before it (each mark's `low`: no event of its part is
    dated before it); only what waits for that is held (in a log written in time order, about a
    part). `day_of(event)` must be its recorded day or its own `date`."""
    projected = _project(log, cache_dir, command)
    # Lines added since the fold (almost always none): read now, they are counted too.
    extra = log.read_from(projected.end, projected.lines + 1)
    count = projected.count + len(extra.events)
    return Ordered(projected.problems, count, _ordered(log, projected, extra, day_of, start, take))


def _ordered(
    log: EventLog,
    projected: Any,
    extra: Any,
    day_of: Callable[[Event], str],
    start: str | None,
    take: Callable[[Event], Any],
) -> Iterator[Any]:
    import bisect

    from hikicli.storage.projection import UNDATED, day_low

    marks = projected.marks
    parts = [
        (m.offset, m.line, marks[at + 1].offset if at + 1 < len(marks) else projected.end, m.low)
        for at, m in enumerate(marks)
    ]
    first = 0  # the part after which everything is dated `start` or later
    if start is not None:
        first = next((at for at in range(len(marks) - 1, -1, -1) if marks[at].bound < start), 0)
    # after[at]: no event after part `at` is dated before it
    after = [""] * len(parts)
    low = min((day_low(e) for e in extra.events), default=UNDATED)
    for at in range(len(parts) - 1, -1, -1):
        after[at] = low
        low = min(low, parts[at][3])
    waiting: list[tuple[str, str, int, Any]] = []
    earliest = UNDATED  # the earliest day among `waiting`
    seq = 0
    reads = (log.read_from(o, line, stop=stop).events for o, line, stop, _ in parts[first:])
    for at, events in enumerate(reads, first):
        for event in events:
            day = day_of(event)
            if start is None or day >= start:
                waiting.append((day, event["ts"], seq, take(event)))
                if day < earliest:
                    earliest = day
            seq += 1
        if earliest < after[at]:
            waiting.sort()  # what waited, in order, and this part's (nearly in order)
            cut = bisect.bisect_left(waiting, (after[at],))
            for item in waiting[:cut]:
                yield item[3]
            del waiting[:cut]
            earliest = waiting[0][0] if waiting else UNDATED
    for event in extra.events:
        day = day_of(event)
        if start is None or day >= start:
            waiting.append((day, event["ts"], seq, take(event)))
        seq += 1
    waiting.sort()
    for item in waiting:
        yield item[3]
