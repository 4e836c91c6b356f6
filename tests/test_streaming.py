"""Streamed reads, exports and imports (issue #11): the same results as reading whole, one chunk
of the log or the file at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hikicli.storage import importing
from hikicli.storage.export import LogEvents, export_json
from hikicli.storage.files import atomic_writer
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.durable import PASS, fast_kdf
from tests.progress_data import seed
from tests.support import FIXED_NOW, ScriptedPrompter, json_data, log_lines, tree_snapshot

__all__ = ["fast_kdf"]

CHECKIN = {
    "date": "2026-11-20", "mood": 5, "anxiety": 5, "energy": 5, "sleep": 7.0, "outside": 0,
    "contact": ["none"], "note": "ünïcode ✓ \"quotes\"\nline two",
}  # fmt: skip


def damaged_log(home: Path) -> EventLog:
    log = EventLog(Paths.resolve(home))
    for i in range(40):
        log.append("checkin", {**CHECKIN, "note": "x" * (i * 7)})
    with open(log.path, "ab") as fh:
        fh.write(b"garbage line\n" + b'{"v":1}\n')
    log.append("guide.read", {"topic": "t", "audience": "self"})
    with open(log.path, "ab") as fh:
        fh.write(b'{"v":1,"id":"cut')  # an interrupted save
    return log


@pytest.mark.parametrize("chunk", [5, 64, 1000, 1 << 20])
def test_stream_reads_what_read_reads(home, chunk):
    log = damaged_log(home)
    whole = log.read()
    raws: list[bytes] = []
    events, problems, stored = [], [], []
    for read in log.stream(chunk, raws):
        events += read.events
        problems += read.problems
        stored += raws
        end = read.end
    assert events == whole.events and problems == whole.problems and end == whole.end
    assert [json_data(raw) for raw in stored] == events


def test_streamed_export_is_the_log_with_its_damaged_lines(home):
    log = damaged_log(home)
    chunks: list[str] = []
    events = LogEvents(log).open()
    export_json(events, FIXED_NOW, None, chunks.append)
    doc = json_data("".join(chunks))
    assert doc["events"] == log.read().events and events.count == len(doc["events"])
    assert [d["line"] for d in doc["damaged_lines"]] == [41, 42]
    assert events[0] == doc["events"][0]
    empty = EventLog(Paths.resolve(home / "none"))
    chunks = []
    export_json(LogEvents(empty), FIXED_NOW, None, chunks.append)
    assert json_data("".join(chunks))["events"] == []


def test_an_error_while_writing_leaves_no_file_and_no_temp_file(tmp_path):
    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError), atomic_writer(target) as write:
        write(b"half of it")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("spool_limit", [8 << 20, 0])
def test_streamed_import_restores_merges_and_skips(hiki, home, tmp_path, monkeypatch, spool_limit):
    monkeypatch.setattr(importing._Spool, "LIMIT", spool_limit)  # 0: spooled to a file
    monkeypatch.setattr(importing, "_CHUNK", 97)  # values cut at every chunk's end
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    events = log_lines(home)
    assert hiki(["data", "wipe", "--yes"]).exit_code == 0
    calls = []
    real = importing.stream_import
    monkeypatch.setattr(
        importing,
        "stream_import",
        lambda *a: calls.append(1) or real(*a),  # type: ignore
    )
    result = hiki(["data", "import", str(out), "--json"])
    assert json_data(result.output)["added"] == len(events) and calls
    assert log_lines(home) == events
    # again: all skipped; one changed: a conflict, ours kept
    doc = json_data(out.read_text())
    doc["events"][0]["data"]["mood"] = (doc["events"][0]["data"].get("mood", 0) + 1) % 10
    doc["events"].append(doc["events"][1])  # the same entry twice is read once
    out.write_text(json.dumps(doc, indent=2))
    again = json_data(hiki(["data", "import", str(out), "--json"]).output)
    assert again == {**again, "added": 0, "skipped": len(events), "conflicts": 1}
    assert log_lines(home) == events


def test_streamed_import_into_an_encrypted_profile(hiki, home, tmp_path, make_ctx, monkeypatch):
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    events = log_lines(home)
    assert hiki(["data", "wipe", "--yes"]).exit_code == 0
    EventLog(Paths.resolve(home)).append("guide.read", {"topic": "t", "audience": "self"})
    prompter = ScriptedPrompter({"new_passphrase": PASS, "new_passphrase_again": PASS})
    assert (
        hiki(["data", "encrypt"], ctx=make_ctx(prompter=prompter, interactive=True)).exit_code == 0
    )
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    result = hiki(["data", "import", str(out), "--json"])
    assert json_data(result.output)["added"] == len(events), result.output
    stored = (home / "profiles" / "default" / "log.jsonl").read_bytes()
    assert b"guide.read" not in stored and b'"kind"' not in stored  # every line sealed
    doc = json_data(hiki(["data", "export"]).stdout)
    assert doc["events"][1:] == events


def test_a_file_the_stream_is_unsure_of_is_worded_by_the_whole_file_reader(hiki, home, tmp_path):
    seed(home, days=3, extras=False)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    hiki(["data", "wipe", "--yes"])
    before = tree_snapshot(home)
    doc = json_data(out.read_text())
    doc["events"][1]["v"] = "one"
    out.write_text(json.dumps(doc, indent=2))
    result = hiki(["data", "import", str(out)])
    assert result.exit_code == 2 and "events[1] (line" in result.output
    assert "Nothing was imported." in result.output and tree_snapshot(home) == before


def _layouts(doc: dict) -> dict[str, str]:
    """The same export document laid out in ways a person or another tool may write it."""
    events = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in doc["events"]]
    head = {k: v for k, v in doc.items() if k != "events"}
    start = json.dumps(head)[:-1] + ', "events": ['
    two_a_line = ",\n".join(
        ", ".join(events[i : i + 2]) for i in range(0, len(events), 2)
    )  # fmt: skip
    return {
        "compact": json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
        "indent": json.dumps(doc, indent=2),
        "crlf": json.dumps(doc, indent=1).replace("\n", "\r\n"),
        "two a line": start + "\n" + two_a_line + "\n]}\n",
        "spaces before commas": start + "\n" + "  ,\n".join(events) + "\n]}",
    }


@pytest.mark.parametrize("chunk", [97, 4096, 1 << 20])
def test_every_layout_of_an_export_imports_the_same_lines(hiki, home, tmp_path, monkeypatch, chunk):
    # The streamed reader takes a line that is one entry and its comma whole, and any other
    # layout entry by entry: each gives the log exactly what hiki's own export layout gives.
    monkeypatch.setattr(importing, "_CHUNK", chunk)
    monkeypatch.setattr(importing, "_TAIL", min(chunk, 1 << 16))
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    stored = (home / "profiles" / "default" / "log.jsonl").read_bytes()
    doc = json_data(out.read_text())
    hiki(["data", "wipe", "--yes"])
    calls: list[object] = []
    real = importing.stream_import
    monkeypatch.setattr(importing, "stream_import", lambda *a: calls.append(real(*a)) or calls[-1])
    for name, text in _layouts(doc).items():
        out.write_text(text, newline="")
        result = hiki(["data", "import", str(out), "--json"])
        assert json_data(result.output)["added"] == len(doc["events"]), name
        assert calls[-1] is not None, name  # the streamed reader was sure of it
        assert (home / "profiles" / "default" / "log.jsonl").read_bytes() == stored, name
        hiki(["data", "wipe", "--yes"])


@pytest.mark.parametrize("spool_limit", [8 << 20, 0])
def test_an_import_into_a_log_holding_some_entries_adds_the_others_in_order(
    hiki, home, tmp_path, monkeypatch, spool_limit
):
    monkeypatch.setattr(importing._Spool, "LIMIT", spool_limit)  # 0: spooled to a file
    monkeypatch.setattr(importing, "_BLOCK", 512)  # many blocks
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    lines = (home / "profiles" / "default" / "log.jsonl").read_bytes().splitlines(keepends=True)
    assert len(lines) > 20
    kept = lines[::3]  # every third entry is here already
    (home / "profiles" / "default" / "log.jsonl").write_bytes(b"".join(kept))
    result = json_data(hiki(["data", "import", str(out), "--json"]).output)
    assert result["added"] == len(lines) - len(kept) and result["skipped"] == len(kept)
    others = [line for line in lines if line not in kept]
    assert (home / "profiles" / "default" / "log.jsonl").read_bytes() == b"".join(kept + others)


def test_hikis_own_export_layout_is_read_a_line_at_a_time(hiki, home, tmp_path, monkeypatch):
    # Each entry of `hiki data export` is scanned where it stands, its comma matched after it,
    # without the careful reader's value-by-value steps: that reader takes only an entry cut by
    # a chunk's end (one a chunk at most) and the last one (no comma after it).
    monkeypatch.setattr(importing, "_CHUNK", 2048)
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    entries = len(json_data(out.read_text())["events"])
    hiki(["data", "wipe", "--yes"])
    looked: list[int] = []
    real = importing._Text.value

    def counted(self, decode):  # type: ignore[no-untyped-def]
        looked.append(self.pos)
        return real(self, decode)

    monkeypatch.setattr(importing._Text, "value", counted)
    assert json_data(hiki(["data", "import", str(out), "--json"]).output)["added"] == entries
    chunks = -(-out.stat().st_size // 2048)
    head = 4  # the document's own values before its events: format, version, hiki, exported
    assert entries > 20 and len(looked) <= head + chunks + 1


@pytest.mark.parametrize("between", [",\n        ", " ,\t\n\n  ", ","])
def test_another_layout_of_one_entry_a_line_is_read_the_fast_way(
    hiki, home, tmp_path, monkeypatch, between
):
    # More space than hiki's own layout, space before the comma, or none at all: each entry is
    # still scanned where it stands (the careful reader takes a chunk's cut entry and the last).
    monkeypatch.setattr(importing, "_CHUNK", 2048)
    seed(home)
    out = tmp_path / "e.json"
    assert hiki(["data", "export", "-o", str(out)]).exit_code == 0
    doc = json.loads(out.read_text())
    entries = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in doc["events"]]
    head = json.dumps({k: v for k, v in doc.items() if k != "events"})[:-1]
    out.write_text(head + ', "events": [\n  ' + between.join(entries) + "\n]}\n", "utf-8")
    hiki(["data", "wipe", "--yes"])
    looked: list[int] = []
    real = importing._Text.value

    def counted(self, decode):  # type: ignore[no-untyped-def]
        looked.append(self.pos)
        return real(self, decode)

    monkeypatch.setattr(importing._Text, "value", counted)
    assert json_data(hiki(["data", "import", str(out), "--json"]).output)["added"] == len(entries)
    chunks = -(-out.stat().st_size // 2048)
    assert len(entries) > 20 and len(looked) <= 4 + chunks + 1
    log = (home / "profiles" / "default" / "log.jsonl").read_text("utf-8").splitlines()
    assert log == entries
