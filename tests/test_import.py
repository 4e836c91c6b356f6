"""`hiki data import`: restores an export exactly, merges by id, never duplicates, checks first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.progress_data import seed
from tests.support import json_data, log_lines, tree_snapshot


def export_file(hiki: Any, path: Path, **kw: Any) -> dict[str, Any]:
    result = hiki(["data", "export", "-o", str(path), "--force"], **kw)
    assert result.exit_code == 0, result.output
    return json_data(path.read_text(encoding="utf-8"))


def test_export_wipe_import_export_gives_the_same_events(hiki, home, tmp_path):
    seed(home)
    hiki(
        [
            "checkin",
            "--mood",
            "3",
            "--anxiety",
            "6",
            "--energy",
            "2",
            "--sleep",
            "6",
            "--outside",
            "0",
            "--contact",
            "none",
            "--note",
            'ünïcode ✓ "quotes"\nline two',
        ]
    )
    first = export_file(hiki, tmp_path / "one.json")
    assert hiki(["data", "wipe", "--yes"]).exit_code == 0
    assert log_lines(home) == []
    result = hiki(["data", "import", str(tmp_path / "one.json")])
    assert result.exit_code == 0, result.output
    n = len(first["events"])
    assert f"Imported {n} new entries" in result.output and "skipped 0" in result.output
    second = export_file(hiki, tmp_path / "two.json")
    assert second["events"] == first["events"]
    assert log_lines(home) == first["events"]


def test_importing_twice_adds_nothing(hiki, home, tmp_path):
    events = seed(home)
    export_file(hiki, tmp_path / "e.json")
    before = (home / "profiles" / "default" / "log.jsonl").read_bytes()
    for _ in range(2):
        result = hiki(["data", "import", str(tmp_path / "e.json"), "--json"])
        assert json_data(result.output) == {
            "file": str(tmp_path / "e.json"),
            "profile": "default",
            "added": 0,
            "skipped": len(events),
            "conflicts": 0,
            "sealed": False,
        }
    assert (home / "profiles" / "default" / "log.jsonl").read_bytes() == before


def test_merge_adds_only_the_missing_events(hiki, home, tmp_path, make_ctx):
    events = seed(home)
    doc = export_file(hiki, tmp_path / "e.json")
    # Another profile already holds the first 5 events (e.g. restored earlier on this computer)
    other = make_ctx(profile="other")
    partial = dict(doc, events=doc["events"][:5])
    (tmp_path / "part.json").write_text(json.dumps(partial), encoding="utf-8")
    assert hiki(["data", "import", str(tmp_path / "part.json")], ctx=other).exit_code == 0
    result = hiki(
        ["data", "import", str(tmp_path / "e.json"), "--json"], ctx=make_ctx(profile="other")
    )
    assert json_data(result.output)["added"] == len(events) - 5
    assert [e["id"] for e in log_lines(home, "other")] == [e["id"] for e in doc["events"]]
    assert len(log_lines(home, "default")) == len(events)  # only the current profile changes


def test_same_id_with_different_content_keeps_ours(hiki, home, tmp_path):
    events = seed(home, days=3, extras=False)
    doc = export_file(hiki, tmp_path / "e.json")
    doc["events"][0]["data"]["mood"] = 0
    (tmp_path / "e.json").write_text(json.dumps(doc), encoding="utf-8")
    result = hiki(["data", "import", str(tmp_path / "e.json")])
    assert result.exit_code == 0
    assert "1 skipped entry had the same id" in result.output
    assert "the entry already here was kept" in result.output
    assert log_lines(home)[0]["data"]["mood"] == events[0]["data"]["mood"]


def good_doc(tmp_path: Path, hiki: Any, home: Path) -> dict[str, Any]:
    seed(home, days=6)
    doc = export_file(hiki, tmp_path / "good.json")
    hiki(["data", "wipe", "--yes"])
    return doc


def mutate(doc: dict[str, Any], how: str) -> str:
    ev = doc["events"]
    if how == "bad-json":
        return json.dumps(doc, indent=2)[:-10]
    if how == "not-export":
        return json.dumps({"events": ev})
    if how == "future-version":
        return json.dumps(dict(doc, version=2))
    if how == "text-version":
        return json.dumps(dict(doc, version="1"))
    if how == "events-not-list":
        return json.dumps(dict(doc, events={"a": 1}))
    if how == "missing-id":
        del ev[2]["id"]
    elif how == "future-event":
        ev[2]["v"] = 2
    elif how == "bad-ts":
        ev[2]["ts"] = "yesterday"
    elif how == "data-not-object":
        ev[2]["data"] = "x"
    elif how == "mood-out-of-range":
        ev[2]["data"]["mood"] = 11
    elif how == "duplicate-different":
        ev.append(dict(ev[2], kind="other"))
    elif how == "extra-key":
        ev[2]["extra"] = 1
    return json.dumps(doc, indent=2)


@pytest.mark.parametrize(
    "how, fragment",
    [
        ("bad-json", "not valid JSON from line"),
        ("not-export", "not a hiki export"),
        ("future-version", "newer hiki (export version 2)"),
        ("text-version", "version: missing or not a whole number"),
        ("events-not-list", "events: missing or not a list"),
        ("missing-id", "events[2]: is missing id"),
        ("future-event", "newer hiki (event version 2)"),
        ("bad-ts", "'ts' is not a date and time"),
        ("data-not-object", "'data' must be an object"),
        ("mood-out-of-range", "mood must be a whole number from 0 to 10"),
        ("duplicate-different", "appears twice with different content"),
        ("extra-key", "unknown keys extra"),
    ],
)
def test_a_bad_file_exits_2_with_a_located_message_and_writes_nothing(
    hiki, home, tmp_path, how, fragment
):
    doc = good_doc(tmp_path, hiki, home)
    seed(home, days=2, extras=False)  # something already here, to prove it is left alone
    bad = tmp_path / "bad.json"
    bad.write_text(mutate(doc, how), encoding="utf-8")
    before = tree_snapshot(home)
    result = hiki(["data", "import", str(bad)])
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    assert str(bad) in flat and fragment in flat and "Nothing was imported." in flat
    assert "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_located_message_names_the_line_of_the_bad_event(hiki, home, tmp_path):
    doc = good_doc(tmp_path, hiki, home)
    doc["events"][3]["data"]["anxiety"] = -1
    text = json.dumps(doc, indent=2)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    line = text[: text.index(doc["events"][3]["id"])].count("\n") + 1
    flat = " ".join(hiki(["data", "import", str(bad)]).output.split())
    assert f"events[3] (line {line})" in flat


def test_missing_file_and_folder(hiki, tmp_path):
    result = hiki(["data", "import", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "no such file" in " ".join(result.output.split())
    result = hiki(["data", "import", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in " ".join(result.output.split())


def test_one_new_entry_is_worded_in_the_singular(hiki, home, tmp_path):
    seed(home, days=1, extras=False)
    doc = export_file(hiki, tmp_path / "e.json")
    assert hiki(["data", "wipe", "--yes"]).exit_code == 0
    doc["events"] = doc["events"][:1]
    (tmp_path / "one.json").write_text(json.dumps(doc), encoding="utf-8")
    result = hiki(["data", "import", str(tmp_path / "one.json")])
    assert result.exit_code == 0, result.output
    assert "Imported 1 new entry into profile 'default'; skipped 0 already here." in result.output
    result = hiki(["data", "import", str(tmp_path / "one.json")])
    assert "Imported 0 new entries into profile 'default'; skipped 1 already here." in result.output


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "not valid JSON from line 3, column 23 on (the file may be cut short"),
        ("ja", "3 行目の 23 文字目から先が、JSON として読めません"),
    ],
)
def test_a_cut_file_names_line_and_column_in_the_persons_language(
    hiki, home, tmp_path, monkeypatch, lang, words
):
    monkeypatch.setenv("HIKI_LANG", lang)
    cut = tmp_path / "cut.json"
    cut.write_text('{\n  "format": "hiki-export",\n  "events": [{"note": "the walk', "utf-8")
    result = hiki(["data", "import", str(cut)])
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    assert str(cut) in flat and words in flat
    assert "Unterminated" not in flat and "Traceback" not in flat
