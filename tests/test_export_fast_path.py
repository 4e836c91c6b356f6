"""`hiki data export` without typer (entry.FAST_PATHS, cli/data_export_run.py): the same output,
stderr, exit code and file as the typer CLI; anything Click would word (a missing value, an
unknown flag, --help) is left to the typer CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hikicli import entry
from hikicli.cli.app import run

CHECKIN = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
           "--outside", "10", "--contact", "family", "--safe", "yes", "--note", "tea"]  # fmt: skip


def both_ways(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> list[object]:
    """(exit code, stdout, stderr, the file written) through the typer CLI, then entry.py."""
    said = []
    for way in (run, entry.main):
        out.unlink(missing_ok=True)
        code = way(list(args))
        seen = capsys.readouterr()
        said.append((code, seen.out, seen.err, out.read_bytes() if out.exists() else None))
    return said


def without_times(said: list[object]) -> list[object]:
    """The export's own time (`"exported"`) differs between two runs: left out."""
    import re

    def clean(value: object) -> object:
        if isinstance(value, bytes):
            return re.sub(rb'"exported": "[^"]*"', b"", value)
        if isinstance(value, str):
            return re.sub(r'"exported": "[^"]*"', "", value)
        return value

    return [tuple(clean(v) for v in row) for row in said]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_fast_path_does_what_the_typer_cli_does(lang, home, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", lang)
    for note in ("a walk", "tea in the garden"):
        assert run([*CHECKIN[:-1], note]) == 0
    with open(home / "profiles" / "default" / "log.jsonl", "ab") as fh:
        fh.write(b"a damaged line\n")  # its note on stderr
    capsys.readouterr()
    out = tmp_path / "out.json"
    for args in (
        ["data", "export"],
        ["data", "export", "--format", "csv"],
        ["data", "export", "-f", "json", "-o", str(out)],
        ["data", "export", "--output", str(out), "--json"],
        ["data", "export", "--format=csv", f"--output={out}", "--force"],
        ["data", "export", "--format", "xml"],  # hiki's own words, by either path
        ["data", "export", "--json"],  # --json needs a file
        ["data", "export", "--encrypt", "--format", "csv"],
    ):
        first, second = without_times(both_ways(args, out, capsys))
        assert first == second, args
        assert first[0] in (0, 2), args


def test_a_file_that_is_there_is_refused_by_either_path(home, tmp_path, capsys) -> None:
    assert run(CHECKIN) == 0
    out = tmp_path / "there.json"
    for way in (run, entry.main):
        out.write_text("mine")
        assert way(["data", "export", "-o", str(out)]) == 2
        assert out.read_text() == "mine"
    capsys.readouterr()


@pytest.mark.parametrize(
    "args",
    [
        ["data", "export", "--format"],
        ["data", "export", "--no-force"],
        ["data", "export", "-fcsv"],
        ["data", "export", "--colour", "blue"],
        ["data", "export", "extra"],
        ["data", "export", "--help"],
        ["data", "export", "--json=1"],
    ],
)
def test_anything_click_would_word_falls_through_to_typer(args: list[str]) -> None:
    assert entry.fast_path(args) is None


def test_the_fast_path_never_imports_typer(home, tmp_path, monkeypatch, capsys) -> None:
    assert run(CHECKIN) == 0
    for name in [m for m in sys.modules if m == "typer" or m.startswith(("typer.", "click"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "typer", None)  # importing it now fails
    assert entry.main(["data", "export", "-o", str(tmp_path / "e.json")]) == 0
    assert (tmp_path / "e.json").exists()
    capsys.readouterr()
