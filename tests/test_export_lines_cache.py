"""`hiki data export` copies the lines it already read and checked (storage/export.py: the lines
cache, a SHA-256 of the bytes it covers): the same export as reading every line, whatever
changed in the log since (appended, edited in place, damaged), never kept for an encrypted log,
and holding nothing of what the entries say."""

from __future__ import annotations

from pathlib import Path

import pytest

from hikicli.storage import log as log_module
from hikicli.storage.export import EXPORT_CACHE, LogEvents, export_json
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.durable import PASS, fast_kdf
from tests.support import FIXED_NOW, ScriptedPrompter, json_data

__all__ = ["fast_kdf"]

NOTE = "a walk to the river ✓"
CHECKIN = {
    "date": "2026-11-20", "mood": 5, "anxiety": 5, "energy": 5, "sleep": 7.0, "outside": 0,
    "contact": ["none"], "note": NOTE,
}  # fmt: skip


def a_log(home: Path, entries: int = 30) -> EventLog:
    log = EventLog(Paths.resolve(home))
    for i in range(entries):
        log.append("checkin", {**CHECKIN, "mood": i % 11})
    with open(log.path, "ab") as fh:
        # a damaged line, a blank one, an entry of an older schema and one written with CRLF
        fh.write(b"garbage line\n\n")
        fh.write(b'{"v":0,"id":"old1","kind":"guide.read","ts":"2026-11-20T09:00:00+09:00",'
                 b'"data":{"topic":"t","audience":"self"}}\n')  # fmt: skip
        fh.write(b'{"v":1,"id":"crlf1","kind":"guide.read","ts":"2026-11-20T09:00:00+09:00",'
                 b'"data":{"topic":"t","audience":"self"}}\r\n')  # fmt: skip
    for i in range(5):
        log.append("guide.read", {"topic": f"t{i}", "audience": "self"})
    return log


def exported(log: EventLog, cache: Path | None) -> tuple[str, int, list[int]]:
    chunks: list[str] = []
    events = LogEvents(log, cache).open()
    export_json(events, FIXED_NOW, None, chunks.append)
    return "".join(chunks), events.count, [p.line for p in events.problems]


def cache_dir(home: Path) -> Path:
    return Paths.resolve(home).profile_cache_dir


def test_a_copied_export_is_the_export_read_line_by_line(home: Path) -> None:
    log = a_log(home)
    read = exported(log, None)  # every line read, no cache
    cold = exported(log, cache_dir(home))
    assert (cache_dir(home) / EXPORT_CACHE).exists()
    warm = exported(log, cache_dir(home))
    assert read == cold == warm
    doc = json_data(read[0])
    assert len(doc["events"]) == 30 + 2 + 5 and [d["text"] for d in doc["damaged_lines"]] == [
        "garbage line"
    ]
    assert doc["events"] == log.read().events


def test_the_second_export_reads_only_the_lines_it_could_not_copy(home, monkeypatch) -> None:
    log = a_log(home)
    exported(log, cache_dir(home))
    read: list[int] = []
    real = log_module.parse_line

    def counted(raw: bytes, lineno: int):  # type: ignore[no-untyped-def]
        read.append(lineno)
        return real(raw, lineno)

    monkeypatch.setattr(log_module, "parse_line", counted)
    monkeypatch.setattr("hikicli.storage.export.parse_line", counted)
    exported(log, cache_dir(home))
    assert read == [31, 33, 34]  # the damaged line, the older schema's, the CRLF one
    log.append("guide.read", {"topic": "new", "audience": "self"})
    read.clear()
    text, count, _ = exported(log, cache_dir(home))
    assert read == [31, 33, 34, 40] and count == 38  # and the line added since
    assert json_data(text)["events"][-1]["data"]["topic"] == "new"
    read.clear()
    exported(log, cache_dir(home))
    assert read == [31, 33, 34]  # the cache went on to the new line


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data.replace(b'"mood":3', b'"mood":4', 1),  # same size, other content
        lambda data: data.replace(b'"mood":3', b'"mood":X', 1),  # an entry damaged in place
        lambda data: data.replace(b'"mood":3,', b"", 1),  # shorter
    ],
    ids=["edited", "damaged", "shorter"],
)
def test_a_log_changed_in_place_is_read_again_whole(home: Path, change) -> None:
    log = a_log(home)
    exported(log, cache_dir(home))
    with open(log.path, "r+b") as fh:  # in place: the same inode
        data = fh.read()
        fh.seek(0)
        fh.write(change(data))
        fh.truncate()
    assert exported(log, cache_dir(home)) == exported(log, None)


def test_a_cache_of_another_log_is_not_used(home: Path, tmp_path: Path) -> None:
    log = a_log(home)
    exported(log, cache_dir(home))
    other = a_log(tmp_path / "other", entries=3)
    (cache_dir(tmp_path / "other")).mkdir(parents=True, exist_ok=True)
    (cache_dir(tmp_path / "other") / EXPORT_CACHE).write_bytes(
        (cache_dir(home) / EXPORT_CACHE).read_bytes()
    )
    assert exported(other, cache_dir(tmp_path / "other")) == exported(other, None)


def test_the_cache_says_nothing_of_the_entries(home: Path) -> None:
    log = a_log(home)
    exported(log, cache_dir(home))
    kept = (cache_dir(home) / EXPORT_CACHE).read_bytes()
    for word in (NOTE.encode(), b"walk", b"river", b"topic", b"2026-11-20", b"garbage"):
        assert word not in kept


@pytest.mark.usefixtures("fast_kdf")
def test_an_encrypted_log_keeps_no_export_cache(hiki, make_ctx, home: Path) -> None:
    log = a_log(home)
    exported(log, cache_dir(home))
    assert (cache_dir(home) / EXPORT_CACHE).exists()
    asked = ScriptedPrompter({"new_passphrase": PASS, "new_passphrase_again": PASS})
    result = hiki(["data", "encrypt"], ctx=make_ctx(prompter=asked, interactive=True))
    assert result.exit_code == 0, result.output
    cache_dir(home).mkdir(parents=True, exist_ok=True)
    (cache_dir(home) / EXPORT_CACHE).write_bytes(b"left from before")
    unlock = make_ctx(prompter=ScriptedPrompter({"passphrase": PASS}), interactive=False)
    result = hiki(["data", "export"], ctx=unlock)
    assert result.exit_code == 0, result.output
    assert not (cache_dir(home) / EXPORT_CACHE).exists()
    assert len(json_data(result.stdout)["events"]) == 37


def test_the_command_exports_the_same_twice(hiki, home: Path) -> None:
    a_log(home)
    first = hiki(["data", "export"])
    second = hiki(["data", "export"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout and first.stderr == second.stderr
    assert (cache_dir(home) / EXPORT_CACHE).exists()
    assert "garbage line" in first.stderr or "31" in first.stderr


def test_an_unfinished_last_line_and_the_save_that_mends_it(home: Path) -> None:
    log = a_log(home)
    with open(log.path, "ab") as fh:
        fh.write(b'{"v":1,"id":"cut')  # a save interrupted
    cold = exported(log, cache_dir(home))
    assert cold == exported(log, cache_dir(home)) == exported(log, None)
    assert cold[2][-1] == 40  # its note: the last line is unfinished
    log.append("guide.read", {"topic": "after", "audience": "self"})  # moves it aside, then saves
    warm = exported(log, cache_dir(home))
    assert warm == exported(log, None)
    assert json_data(warm[0])["events"][-1]["data"]["topic"] == "after"
    with open(log.path, "ab") as fh:
        fh.write(b'{"v":1,"id":"whole","kind":"guide.read","ts":"2026-11-20T09:00:00+09:00",'
                 b'"data":{"topic":"no newline","audience":"self"}}')  # fmt: skip
    assert exported(log, cache_dir(home)) == exported(log, None)
    assert exported(log, cache_dir(home)) == exported(log, None)  # and from the cache made then
