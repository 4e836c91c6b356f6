from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pytest

from hikicli.errors import StorageError
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths

# A complete check-in, as flags: 0-10 scales, hours, minutes, contact.
CHECKIN_FLAGS = "--mood 5 --anxiety 5 --energy 5 --sleep 8 --outside 0 --contact none".split()


@pytest.fixture
def log(home):
    return EventLog(Paths.resolve(home))


def test_append_and_read_back_in_order(log):
    ids = [log.append("test.event", {"date": "2026-11-25", "n": i})["id"] for i in range(5)]
    read = log.read()
    assert [e["id"] for e in read.events] == ids
    assert read.problems == []
    assert len(set(ids)) == 5


def test_private_permissions_under_umask_000(log, home):
    old = os.umask(0)
    try:
        log.append("test.event", {"date": "2026-11-25"})
    finally:
        os.umask(old)
    for folder in (home, home / "profiles", log.path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for name in ("log.jsonl", "log.lock"):
        assert stat.S_IMODE((log.path.parent / name).stat().st_mode) == 0o600


def test_corrupt_line_is_reported_with_its_number_and_kept(log):
    log.append("test.event", {"date": "2026-11-24"})
    with open(log.path, "ab") as fh:
        fh.write(b"{not json\n")
    log.append("test.event", {"date": "2026-11-25"})
    read = log.read()
    assert len(read.events) == 2
    assert [p.line for p in read.problems] == [2]
    assert b"{not json" in log.path.read_bytes()  # never silently dropped


def test_torn_tail_is_quarantined_at_next_append_not_by_readers(log):
    log.append("test.event", {"date": "2026-11-24"})
    with open(log.path, "ab") as fh:
        fh.write(b'{"v":1,"id":"torn')
    before = log.path.read_bytes()
    read = log.read()
    assert len(read.events) == 1 and "incomplete" in read.problems[0].reason
    assert log.path.read_bytes() == before  # readers never repair
    log.append("test.event", {"date": "2026-11-25"})
    read = log.read()
    assert len(read.events) == 2 and read.problems == []
    assert b'{"v":1,"id":"torn' in log.paths.quarantine_file.read_bytes()


def test_log_from_a_newer_hiki_is_refused(log):
    log.path.parent.mkdir(parents=True)
    log.path.write_text(json.dumps({"v": 99, "id": "x", "kind": "k", "ts": "t", "data": {}}) + "\n")
    with pytest.raises(StorageError, match="newer hiki"):
        log.read()


def _writer(home: str, n: int) -> None:
    log = EventLog(Paths.resolve(home))
    for i in range(n):
        log.append("test.event", {"date": "2026-11-25", "note": "x" * (i % 50) * 40})


def test_concurrent_writers_lose_nothing(log, home):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(home), 50)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    read = log.read()
    assert len(read.events) == 200 and read.problems == []


def test_a_torn_line_moved_at_save_time_is_reported(hiki, home):
    assert hiki(["checkin", *CHECKIN_FLAGS]).exit_code == 0
    log = home / "profiles" / "default" / "log.jsonl"
    with open(log, "ab") as fh:
        fh.write(b'{"v":1,"id":"torn')
    result = hiki(["checkin", *CHECKIN_FLAGS])
    assert result.exit_code == 0
    assert "moved" in result.output and "log.quarantine" in result.output


def test_exports_never_change_the_folder_they_write_into(hiki, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    assert hiki(["data", "export", "-o", str(shared / "e.json")]).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "e.json").stat().st_mode) == 0o600


def test_hiki_never_replaces_a_special_file(hiki, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = hiki(["data", "export", "-o", str(fifo), "--force"])
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    "data",
    [
        {"date": "2026-11-24", "mood": 99},
        {
            "date": "2026-11-24",
            "mood": 5,
            "anxiety": 5,
            "energy": 5,
            "sleep": "7",
            "outside": 0,
            "contact": ["none"],
        },
        {
            "date": "2026-11-24",
            "mood": True,
            "anxiety": 5,
            "energy": 5,
            "sleep": 7,
            "outside": 0,
            "contact": ["none"],
        },
        {
            "date": "yesterday",
            "mood": 5,
            "anxiety": 5,
            "energy": 5,
            "sleep": 7,
            "outside": 0,
            "contact": "family",
        },
    ],
)
def test_a_damaged_but_valid_json_checkin_is_skipped_and_located(hiki, home, data):
    folder = home / "profiles" / "default"
    folder.mkdir(parents=True)
    line = {
        "v": 1,
        "id": "hand",
        "kind": "checkin",
        "ts": "2026-11-25T10:00:00+00:00",
        "data": data,
    }
    (folder / "log.jsonl").write_text(json.dumps(line) + "\n")
    assert hiki(["checkin", *CHECKIN_FLAGS]).exit_code == 0
    for args in (
        [],
        ["history"],
        ["history", "--json"],
        ["progress"],
        ["report"],
        ["data", "export", "--format", "csv"],
    ):
        result = hiki(args)
        assert result.exit_code == 0, (args, result.output)
        assert "log.jsonl:1:" in result.output, args
