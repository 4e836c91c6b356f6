"""`hiki data import FILE` without typer (entry.FAST_PATHS, cli/data_import_run.py): the same
output, stderr, exit code and log as the typer CLI, in English and Japanese; anything Click would
word (no file, an unknown flag, --help) is left to the typer CLI."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from hikicli import entry
from hikicli.cli.app import run

CHECKIN = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
           "--outside", "10", "--contact", "family", "--safe", "yes"]  # fmt: skip


@pytest.fixture
def exports(home: Path, tmp_path: Path) -> dict[str, Path]:
    """Files to import: an export of two check-ins, the same with one entry changed (a
    conflict), a file that is not JSON, one with a bad entry, and one that does not exist."""
    for note in ("a walk", "tea in the garden"):
        assert run([*CHECKIN, "--note", note]) == 0
    good = tmp_path / "good.json"
    assert run(["data", "export", "-o", str(good)]) == 0
    doc = json.loads(good.read_text())
    doc["events"][0]["data"]["mood"] = 9
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc, indent=2))
    doc["events"][1]["ts"] = "yesterday"
    bad_entry = tmp_path / "bad-entry.json"
    bad_entry.write_text(json.dumps(doc, indent=2))
    not_json = tmp_path / "not.json"
    not_json.write_text('{"format": "hiki-export", "events": [')
    shutil.rmtree(home / "profiles")
    return {
        "good": good,
        "changed": changed,
        "bad entry": bad_entry,
        "not json": not_json,
        "missing": tmp_path / "nothing-here.json",
    }


def both_ways(home: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> list[object]:
    """(exit code, stdout, stderr, each profile's log) of `args` through the typer CLI, then
    entry.py, each from the profiles as they were before."""
    profiles, kept = home / "profiles", home.parent / "profiles-before"
    shutil.rmtree(kept, ignore_errors=True)
    if profiles.exists():
        shutil.copytree(profiles, kept)
    said = []
    for way in (run, entry.main):
        shutil.rmtree(profiles, ignore_errors=True)
        if kept.exists():
            shutil.copytree(kept, profiles)
        code = way(list(args))
        out = capsys.readouterr()
        logs = {p.parent.name: p.read_bytes() for p in sorted(profiles.glob("*/log.jsonl"))}
        said.append((code, out.out, out.err, logs))
    return said


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_fast_path_does_what_the_typer_cli_does(lang, home, exports, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", lang)
    capsys.readouterr()
    good = str(exports["good"])
    for args in (
        ["data", "import", good],
        ["data", "import", good],  # again: every entry skipped
        ["data", "import", str(exports["changed"]), "--json"],  # a conflict: ours kept
        ["data", "import", str(exports["changed"])],  # the conflict's line on stderr
        ["data", "import", str(exports["bad entry"])],
        ["data", "import", str(exports["not json"])],
        ["data", "import", str(exports["missing"])],
        ["--profile", "mum", "data", "import", good, "--json"],
        ["data", "import"],  # Click's words: the typer CLI
        ["data", "import", good, "--yes"],
    ):
        typer_way, fast_way = both_ways(home, args, capsys)
        assert fast_way == typer_way, args
        if args == ["data", "import", good]:
            assert typer_way[0] == 0 and typer_way[3]["default"].count(b"\n") == 2  # imported


def test_the_fast_path_says_the_words_people_see(home, exports, capsys, monkeypatch):
    capsys.readouterr()
    assert entry.main(["data", "import", str(exports["good"])]) == 0
    assert capsys.readouterr().out == (
        "Imported 2 new entries into profile 'default'; skipped 0 already here.\n"
    )
    assert entry.main(["data", "import", str(exports["changed"])]) == 0
    said = capsys.readouterr()
    assert "skipped 2 already here" in said.out
    assert said.err == (
        "1 skipped entry had the same id as an entry here but different content; the entry "
        "already here was kept.\n"
    )
    assert entry.main(["data", "import", str(exports["missing"])]) == 2
    assert "nothing-here.json" in capsys.readouterr().err


def test_the_fast_path_never_imports_typer(home, exports, monkeypatch, capsys):
    for name in [m for m in sys.modules if m == "typer" or m.startswith("typer.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "hikicli.cli.app", raising=False)
    args = ["data", "import", str(exports["good"]), "--json"]
    assert entry.fast_path(args) is not None
    assert entry.main(args) == 0
    assert "hikicli.cli.app" not in sys.modules and "typer" not in sys.modules


@pytest.mark.parametrize(
    "args",
    [["data", "import"], ["data", "import", "a", "b"], ["data", "import", "--json"],
     ["data", "import", "f.json", "--help"], ["data", "import", "--yes", "f.json"]],
)  # fmt: skip
def test_anything_click_would_word_falls_through_to_typer(args):
    assert entry.fast_path(args) is None
