"""`hiki history --json` showing every entry (`--limit` at least the log's entries) is written as
the log is read (services/reads.in_day_order): the same document, byte for byte, as sorting every
entry first (each entry's day, then its recorded time, two alike in the order written), whatever
order the lines were written in; and its first entries are out before most of the log is read."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hikicli.cli.history_rows import entry_date
from hikicli.cli.render import entry_json, json_item, print_json_list
from hikicli.storage.log import EventLog, new_event
from hikicli.storage.paths import Paths
from tests.support import examples

TZ = dt.timezone(dt.timedelta(hours=9))
START = dt.datetime(2024, 1, 1, 8, 0, tzinfo=TZ)


def done(at: dt.datetime, text: str, day: str | None = None) -> dict[str, Any]:
    data = {"date": day or at.date().isoformat(), "text": text, "activity": "", "pleasure": 3,
            "mastery": 2, "plan": ""}  # fmt: skip
    return new_event("activity.done", data, at)


def sorted_whole(log: EventLog, since: str | None = None) -> str:
    """The document as before: every entry read, sorted, then written."""
    events = [e for e in log.read().events if since is None or entry_date(e) >= since]
    events.sort(key=lambda e: (entry_date(e), e["ts"]))
    out = io.StringIO()
    real, sys.stdout = sys.stdout, out
    try:
        print_json_list(map(entry_json, events), kind="history")
    finally:
        sys.stdout = real
    return out.getvalue()


def in_time_order(home: Path, days: int, per_day: int = 6) -> EventLog:
    log = EventLog(Paths.resolve(home))
    log.append_events([
        done(START + dt.timedelta(days=d, minutes=37 * i), f"walk {d} {i} " + "x" * (i * 9))
        for d in range(days) for i in range(per_day)
    ])  # fmt: skip
    return log


def test_every_entry_in_order_is_the_sorted_document(hiki, home) -> None:
    log = in_time_order(home, 400)
    # then a back-dated day, two entries at the same moment, and an import of older entries
    late = START + dt.timedelta(days=401)
    yesterday = (late - dt.timedelta(days=1)).date().isoformat()
    log.append_events([
        done(late, "yesterday's, written today", day=yesterday),
        done(late, "same moment one"), done(late, "same moment two"),
        *[done(START + dt.timedelta(days=d, minutes=5), f"imported {d}") for d in range(0, 300, 7)],
        done(late + dt.timedelta(hours=1), "a day named in the future", day="2030-01-01"),
    ])  # fmt: skip
    count = len(log.read().events)
    for argv, since in (
        (["history", "--json", "--limit", str(count)], None),
        (["history", "--json", "--limit", "100000"], None),
        (["history", "--json", "--limit", "100000", "--since", "2024-06-01"], "2024-06-01"),
        (["history", "--json", "--limit", "100000", "--since", "2030-01-01"], "2030-01-01"),
    ):
        result = hiki(argv)
        assert result.exit_code == 0
        assert result.stdout == sorted_whole(log, since), argv
        hiki(argv)  # and again, from the cache the first run made
        assert hiki(argv).stdout == result.stdout


def test_entries_dated_days_back_all_through_the_log_wait_for_their_place(hiki, home) -> None:
    # Every 13th entry is for a day two days back (a check-in made up later): each part of the
    # log holds some, so what a part read holds must wait for the next part's.
    log = EventLog(Paths.resolve(home))
    events = []
    for n in range(2400):
        at = START + dt.timedelta(hours=4 * n)
        back = (at - dt.timedelta(days=2)).date().isoformat() if n % 13 == 0 else None
        events.append(done(at, f"entry {n} " + "y" * (n % 40), day=back))
    log.append_events(events)
    argv = ["history", "--json", "--limit", "100000"]
    hiki(argv)  # the cache made
    assert hiki(argv).stdout == sorted_whole(log)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.booleans()), max_size=60))
def test_any_order_of_writing_gives_the_sorted_document(tmp_path_factory, lines) -> None:
    home = tmp_path_factory.mktemp("h")
    log = EventLog(Paths.resolve(home))
    for n, (day, minute, own_day) in enumerate(lines):
        at = START + dt.timedelta(days=day % 7, minutes=minute)
        named = (START + dt.timedelta(days=day)).date().isoformat() if own_day else None
        log.append_events([done(at, f"entry {n}", day=named)])
    from hikicli.cli.context import AppContext
    from hikicli.cli.history_json import history_json

    actx = AppContext(Paths.resolve(home))
    for since in (None, "2024-01-03"):
        out = io.StringIO()
        real, sys.stdout = sys.stdout, out
        try:
            assert history_json(actx, since, 100000)
        finally:
            sys.stdout = real
        assert out.getvalue() == sorted_whole(log, since)


def test_the_first_entries_are_written_before_most_of_the_log_is_read(home, monkeypatch) -> None:
    in_time_order(home, 1000)  # 6,000 entries, about 11 parts of the log
    from hikicli.cli.context import AppContext
    from hikicli.cli.history_json import history_json

    actx = AppContext(Paths.resolve(home))
    assert history_json(actx, None, 100000) is not None  # the cache made
    parts: list[int] = []
    real = EventLog.read_from

    def counted(self, *args, **kw):  # type: ignore[no-untyped-def]
        parts.append(1)
        return real(self, *args, **kw)

    class Out(io.StringIO):
        written_after: list[int] = []

        def write(self, text: str) -> int:
            self.written_after.append(len(parts))
            return super().write(text)

    monkeypatch.setattr(EventLog, "read_from", counted)
    out = Out()
    monkeypatch.setattr(sys, "stdout", out)
    assert history_json(actx, None, 100000)
    monkeypatch.undo()
    assert len(json.loads(out.getvalue())["data"]) == 6000
    total = len(parts)
    assert total >= 8, total
    # the envelope's head, then the first thousand entries: out before half the log was read
    assert Out.written_after[1] <= total // 2, (Out.written_after, total)


def test_more_entries_than_the_limit_are_left_to_the_newest_parts(hiki, home) -> None:
    log = in_time_order(home, 30)
    from hikicli.cli.context import AppContext
    from hikicli.cli.history_json import history_json

    assert history_json(AppContext(Paths.resolve(home)), None, 10) is False
    data = json.loads(hiki(["history", "--json", "--limit", "10"]).stdout)["data"]
    assert [e["text"] for e in data] == [e["data"]["text"] for e in log.read().events[-10:]]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(200), deadline=None)
@given(JSON_VALUES)
def test_an_item_is_encoded_as_the_json_encoder_encodes_it(value: Any) -> None:
    expected = json.JSONEncoder(ensure_ascii=False, default=str).encode(value)
    assert json_item(value) == expected
    assert json_item({"when": dt.date(2026, 11, 20), "v": value}) == json.JSONEncoder(
        ensure_ascii=False, default=str
    ).encode({"when": dt.date(2026, 11, 20), "v": value})


def test_a_circular_item_is_refused_as_the_encoder_refuses_it() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError):
        json_item(loop)
    assert json_item([1, 2]) == "[1, 2]"  # and the next item is encoded as usual


def test_the_latest_of_a_longer_log_are_the_sorted_documents_end(hiki, home, monkeypatch) -> None:
    from hikicli.cli import history_json

    log = in_time_order(home, 60)
    late = START + dt.timedelta(days=61)
    log.append_events([done(late, "back-dated", day="2024-01-05"), done(late, "last")])
    newest_first = hiki(["history", "--json", "--limit", "300"]).stdout  # the newest parts read
    monkeypatch.setattr(history_json, "STREAM_FROM", 100)
    streamed = hiki(["history", "--json", "--limit", "300"]).stdout
    assert streamed == newest_first
    assert json.loads(streamed)["data"] == json.loads(sorted_whole(log))["data"][-300:]
    assert len(json.loads(hiki(["history", "--json", "--limit", "99"]).stdout)["data"]) == 99
