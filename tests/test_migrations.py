"""Schema migrations: older records upgrade on read; newer ones stop the read, changing nothing."""

from __future__ import annotations

import json

import pytest

from hikicli.errors import StorageError
from hikicli.storage import migrations
from hikicli.storage.log import SCHEMA_VERSION, EventLog
from hikicli.storage.paths import Paths
from tests.support import tree_snapshot

V0 = {
    "type": "checkin",
    "time": "2019-05-01T08:00:00+09:00",
    "data": {
        "date": "2019-05-01",
        "mood": 5,
        "anxiety": 4,
        "energy": 3,
        "sleep": 7,
        "outside": 0,
        "contact": ["none"],
        "note": "",
    },
}


def write_log(home, *objs) -> EventLog:
    paths = Paths.resolve(home)
    paths.data_dir.mkdir(parents=True)
    paths.log_file.write_text("".join(json.dumps(o) + "\n" for o in objs))
    return EventLog(paths)


def test_every_version_below_the_current_has_a_migration():
    assert sorted(migrations.MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_v0_records_are_read_as_current_events(home):
    with_id = {**V0, "id": "abc123"}
    current = {"v": 1, "id": "new1", "kind": "note", "ts": "2026-01-01T00:00:00+00:00", "data": {}}
    log = write_log(home, V0, with_id, current)
    first = log.read()
    assert first.problems == []
    a, b, c = first.events
    assert a["v"] == b["v"] == 1 and a["kind"] == "checkin" and a["ts"] == V0["time"]
    assert "type" not in a and "time" not in a
    assert b["id"] == "abc123" and c == current
    assert a["id"].startswith("v0-")
    assert log.read().events[0]["id"] == a["id"], "the same old line always gets the same id"


def test_reading_never_rewrites_the_old_lines(home):
    log = write_log(home, V0)
    before = log.path.read_bytes()
    log.read()
    log.append("note", {"x": 1})
    assert log.path.read_bytes().startswith(before)
    assert [e["v"] for e in log.read().events] == [1, 1]


@pytest.mark.parametrize(
    "bad",
    [
        {"time": "x", "data": {}},  # v0 without a kind
        {"type": "checkin", "time": "x", "data": []},
        {"v": -1, "id": "a", "kind": "k", "ts": "t", "data": {}},
        {"v": True, "id": "a", "kind": "k", "ts": "t", "data": {}},
        {"v": "1", "id": "a", "kind": "k", "ts": "t", "data": {}},
    ],
)
def test_malformed_old_records_are_reported_not_fatal(home, bad):
    read = write_log(home, bad).read()
    assert read.events == [] and [p.line for p in read.problems] == [1]


def test_a_record_from_a_newer_hiki_stops_and_changes_nothing(home, hiki):
    future = {"v": SCHEMA_VERSION + 1, "id": "f", "kind": "k", "ts": "t", "data": {}}
    write_log(home, V0, future)
    before = tree_snapshot(home)
    with pytest.raises(StorageError, match="newer hiki; please upgrade"):
        EventLog(Paths.resolve(home)).read()
    for args in (["history"], ["data", "export"], []):
        result = hiki(args)
        assert result.exit_code == 2 and "newer hiki" in result.output, args
        assert "Line 2" in result.output
    assert tree_snapshot(home) == before


def test_an_encryption_header_from_a_newer_hiki_stops(home, hiki):
    paths = Paths.resolve(home)
    paths.data_dir.mkdir(parents=True)
    paths.log_file.write_bytes(b'{"hiki":"encrypted","v":99}\nAAAA\n')
    before = tree_snapshot(home)
    result = hiki(["history"])
    assert result.exit_code == 2 and "newer hiki" in result.output
    assert tree_snapshot(home) == before


def test_saving_into_a_log_from_a_newer_hiki_is_refused(home, hiki):
    future = {"v": SCHEMA_VERSION + 1, "id": "f", "kind": "k", "ts": "t", "data": {}}
    write_log(home, V0, future)
    before = tree_snapshot(home)
    flags = "--mood 1 --anxiety 2 --energy 3 --sleep 4 --outside 5 --contact none".split()
    result = hiki(["checkin", *flags])
    assert result.exit_code == 2 and "newer hiki; please upgrade" in result.output
    after = tree_snapshot(home)
    assert after.pop("profiles/default/log.lock") == b""  # the (empty) lock file, nothing else
    assert after == before
