"""`hiki --help` and every `hiki COMMAND --help` read as plain words at 80 columns, in English and
Japanese: arguments by their names (no `{ID}`), no `<str>` or `x>=1`, no description cut with
"...", and one example a person could type."""

from __future__ import annotations

import functools
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from hikicli.cli.app import app
from hikicli.cli.localize import cells

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from gen_cli_docs import command_paths  # noqa: E402

PATHS = command_paths()
HEADING = {"en": "Example:", "ja": "例:"}


def _help(path: list[str], lang: str) -> str:
    env = {"COLUMNS": "80", "HIKI_LANG": lang}
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="hiki", env=env)
    assert result.exit_code == 0, result.output
    return result.output


@functools.cache
def _root() -> Any:
    return typer.main.get_command(app)


def _command(path: list[str]) -> Any:
    command = _root()
    for name in path:
        command = command.commands[name]
    return command


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_help_reads_as_words_and_fits_80_columns(lang: str) -> None:
    problems = []
    for path in PATHS:
        screen = _help(path, lang)
        name = " ".join(["hiki", *path])
        for line in screen.splitlines():
            if re.search(r"[{}]|<[a-z ]+>|\bx[<>]=?\d|\d<=?x\b", line):
                problems.append(f"{name}: notation: {line.strip()}")
            if line.rstrip().endswith(("...", "…")) and "[ARGS]..." not in line:
                problems.append(f"{name}: cut: {line.strip()}")
            if cells(line) > 80:
                problems.append(f"{name}: wider than 80 columns: {line}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_help_ends_with_one_example_of_that_command(lang: str) -> None:
    for path in PATHS:
        lines = _help(path, lang).splitlines()
        name = " ".join(["hiki", *path])
        assert HEADING[lang] in [x.strip() for x in lines], f"{name} --help has no example"
        at = [x.strip() for x in lines].index(HEADING[lang])
        example = lines[at + 1].strip()
        words = shlex.split(example)
        assert words[0] == "hiki", f"{name}: example {example!r}"
        words = words[1:]
        if words[:1] == ["--profile"]:
            words = words[2:]
        assert words[: len(path)] == path, f"{name}: the example is another command: {example}"
        flags = {o for p in _command(path).params for o in [*p.opts, *p.secondary_opts]}
        used = {w.split("=")[0] for w in words if w.startswith("-")}
        assert used <= flags, f"{name}: the example uses {used - flags}, which it has not"


def test_the_command_list_shows_whole_sentences() -> None:
    """What `hiki --help` lists is each command's own short line, never a cut."""
    en, ja = _help([], "en"), _help([], "ja")
    assert "  checkin       Today's check-in: mood, sleep, time outside. About two minutes." in en
    assert "  activity      Small activities for low-energy days, two to ten minutes." in en
    assert "  activity      元気の少ない日のための、2〜10分の小さな活動。" in ja
    assert "  support       時間をかけて力になってくれる相談先（緊急窓口ではありません）。" in ja


def test_arguments_and_ranges_read_as_words() -> None:
    assert "Usage: hiki ladder edit [OPTIONS] ID\n" in _help(["ladder", "edit"], "en")
    assert "Usage: hiki data import [OPTIONS] FILE\n" in _help(["data", "import"], "en")
    history = _help(["history"], "en")
    assert "--limit N " in history and "[default: 14]" in history
    assert "--weeks 1-104 " in _help(["progress"], "en")
    assert "--since YYYY-MM-DD " in history
