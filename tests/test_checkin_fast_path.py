"""`hiki checkin` with flags reaches its save without typer (entry.fast_path), and does
exactly what the typer CLI does: the same output, exit code and saved values, and anything
Click would word differently is left to Click."""

from __future__ import annotations

import pytest

from hikicli import entry
from hikicli.cli.app import run
from tests.support import json_data, log_lines

FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family,online".split()


def values(home) -> list[dict]:
    return [{k: v for k, v in e.items() if k not in ("id", "ts")} for e in log_lines(home)]


CASES = [
    [*FLAGS],
    [*FLAGS, "--json"],
    [*FLAGS, "--note=walked to the corner", "--safe", "yes"],
    [*FLAGS, "--safe", "no", "--json"],  # the risk path
    ["--mood", "2", "--safe", "no"],  # honoured before the missing flags are named
    [*FLAGS[:-2]],  # --contact missing
    [*FLAGS, "--date", "2999-01-01"],
    [*FLAGS, "--safe", "maybe"],
    ["--mood", "x", *FLAGS[2:]],  # Click's words: the typer path
    [*FLAGS, "--mood", "5"],  # repeated: the typer path
    [*FLAGS, "--colour", "blue"],
    [*FLAGS, "--help"],
    [*FLAGS, "--note"],
]


@pytest.mark.parametrize("args", CASES)
def test_the_fast_path_does_what_the_typer_cli_does(args, home, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert run(["checkin", *args]) == (code := run(["checkin", *args]))
    typer_out = capsys.readouterr()
    typer_saved = values(home)
    log = home / "profiles" / "default" / "log.jsonl"
    if log.exists():
        log.unlink()
    assert entry.main(["checkin", *args]) == code
    assert entry.main(["checkin", *args]) == code
    fast_out = capsys.readouterr()

    def same(text: str) -> str:  # ids and times differ between two saves
        return "\n".join(
            line for line in text.splitlines() if '"id"' not in line and '"recorded"' not in line
        )

    assert same(fast_out.out) == same(typer_out.out)
    assert same(fast_out.err) == same(typer_out.err)
    assert values(home) == typer_saved


def checkin_flags(args: list[str]) -> dict | None:
    found = entry.fast_path(["checkin", *args])
    return None if found is None else found[1]


def test_checkin_flags_converts_as_click_does():
    assert checkin_flags(["--mood", "6", "--sleep=7.5", "--json", "--note", ""]) == {
        "mood": 6,
        "sleep": 7.5,
        "as_json": True,
        "note": "",
    }
    for args in (["--mood", "x"], ["--mood", "-1"], ["--json", "--json"], ["--json=1"], ["-h"]):
        assert checkin_flags(args) is None, args


def test_flags_never_build_the_typer_tree(home, monkeypatch, capsys):
    import sys

    monkeypatch.delitem(sys.modules, "hikicli.cli.app", raising=False)
    monkeypatch.delitem(sys.modules, "typer", raising=False)
    assert entry.main(["checkin", *FLAGS, "--json"]) == 0
    assert json_data(capsys.readouterr().out)["mood"] == 6
    assert "hikicli.cli.app" not in sys.modules and "typer" not in sys.modules
