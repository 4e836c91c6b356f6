"""`hiki step` with flags reaches its save without typer (entry.fast_path), and does exactly
what the typer CLI does: the same output, exit code and saved values; anything Click would word
differently is left to Click."""

from __future__ import annotations

import shutil

import pytest

from hikicli import entry
from hikicli.cli.app import run
from tests.support import json_data, log_lines

TRY = (
    "--result done --expected 40 --fear people --likelihood 60 --peak 50 --end 20 "
    "--happened no --learned it-was-fine --minutes 10"
).split()
PLAN = "--plan --expected 40 --fear people --likelihood 60 --what curtains".split()


def values(home) -> list[dict]:
    return [{k: v for k, v in e.items() if k not in ("id", "ts")} for e in log_lines(home)]


def a_ladder(home) -> None:
    assert run(["ladder", "add", "open the curtains", "--suds", "20"]) == 0


CASES = [
    [*TRY],
    ["s1", *TRY, "--json"],
    [*TRY, "--with-someone", "--date", "2026-11-20"],
    [*PLAN],
    [*PLAN, "--json", "s1"],
    ["--result", "not-today"],
    [*TRY[:-2], "--feared", "partly"][2:],  # --feared: the alias of --happened
    ["s9", *TRY],  # no such step
    ["--peak", "x", *TRY[2:]],  # Click's words: the typer path
    [*TRY, "--peak", "5"],  # repeated: the typer path
    [*TRY, "--colour", "blue"],
    [*TRY, "--date", "2999-01-01"],
    [*TRY, "--plan", "--finish"],
]


@pytest.mark.parametrize("args", CASES)
def test_the_step_fast_path_does_what_the_typer_cli_does(args, home, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    a_ladder(home)
    profile = home / "profiles" / "default"
    shutil.copy(profile / "log.jsonl", home / "start.jsonl")
    code = run(["step", *args])
    capsys.readouterr()
    code = run(["step", *args])  # twice: once more on what the first saved
    typer_out = capsys.readouterr()
    typer_saved = values(home)
    shutil.copy(home / "start.jsonl", profile / "log.jsonl")
    shutil.rmtree(profile / "cache", ignore_errors=True)
    entry.main(["step", *args])
    capsys.readouterr()
    assert entry.main(["step", *args]) == code
    fast_out = capsys.readouterr()

    def same(text: str) -> str:  # ids and times differ between two saves
        return "\n".join(
            line for line in text.splitlines() if '"id"' not in line and '"recorded"' not in line
        )

    assert same(fast_out.out) == same(typer_out.out)
    assert same(fast_out.err) == same(typer_out.err)
    assert values(home) == typer_saved


def step_flags(args: list[str]) -> dict | None:
    found = entry.fast_path(["step", *args])
    return None if found is None else found[1]


def test_step_flags_converts_as_click_does():
    assert step_flags(["s2", "--peak=50", "--feared", "no", "--with-someone", "--json"]) == {
        "step_id": "s2",
        "peak": 50,
        "happened": "no",
        "with_someone": True,
        "as_json": True,
    }
    for args in (
        [], ["s1"], ["--peak", "x"], ["--json", "--json"], ["--plan=1"], ["-h"], ["--help"],
        ["--happened", "no", "--feared", "no"], ["s1", "s2", "--plan"], ["--learned", "-x"],
    ):  # fmt: skip
        assert step_flags(args) is None, args


def test_step_flags_never_build_the_typer_tree(home, monkeypatch, capsys):
    import sys

    a_ladder(home)
    capsys.readouterr()
    monkeypatch.delitem(sys.modules, "hikicli.cli.app", raising=False)
    monkeypatch.delitem(sys.modules, "typer", raising=False)
    assert entry.main(["step", *TRY, "--json"]) == 0
    assert json_data(capsys.readouterr().out)["try"]["peak"] == 50
    assert "hikicli.cli.app" not in sys.modules and "typer" not in sys.modules
