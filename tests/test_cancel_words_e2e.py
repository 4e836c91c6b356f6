"""Every cancel says exactly what was and was not kept (issue 16, item 4): the installed `hiki` in
an 80×24 pseudo-terminal, stopped with Ctrl-C at the question in question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import CTRL_C, DOWN, ENTER, start

pytestmark = pytest.mark.e2e
EN = {"LANG": "en_US.UTF-8", "NO_COLOR": "1"}


def _hiki(home: Path, *args: str) -> None:
    prepare(home, *args, NO_COLOR="1")  # a setup step: in this process (tests.durable)


def _events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_ctrl_c_at_add_that_to_your_ladder_says_the_try_was_saved(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _hiki(home, "ladder", "add", "--from", "answer-door", "--suds", "55")
    _hiki(home, "step", "s1", "--plan", "--expected", "55")
    t = start(["step", "s1"], home, EN)  # finishes the waiting plan
    t.expect("How did it go")
    t.send(DOWN + DOWN + ENTER)  # not today
    t.expect("Add that to your ladder")
    t.send(CTRL_C)
    assert t.finish() == 130
    screen = " ".join(t.screen().split())
    assert "Your try is saved" in screen
    assert "the easier step was not added" in screen
    assert "reach now" in screen  # the crisis pointer follows, wrapped between words
    assert "nothing was saved" not in screen.lower()
    kinds = [e["kind"] for e in _events(home)]
    assert kinds.count("ladder.try") == 1 and kinds.count("ladder.add") == 1


def test_ctrl_c_at_the_wipe_prompt_says_nothing_was_deleted(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _hiki(home, "checkin", "--mood", "5", "--anxiety", "4", "--energy", "3", "--sleep", "7",
          "--outside", "0", "--contact", "none", "--safe", "yes")  # fmt: skip
    t = start(["data", "wipe"], home, EN)
    t.expect("type")
    t.send(CTRL_C)
    assert t.finish() == 130
    screen = " ".join(t.screen().split())
    assert "nothing was deleted" in screen.lower()
    assert "nothing was saved" not in screen.lower()
    assert len(_events(home)) == 1


def test_the_pointer_after_a_cancel_is_wrapped_between_words_at_80_columns(tmp_path: Path) -> None:
    """A new-user audit saw "shows people you can rea" / "ch now." after every Ctrl-C: the
    pointer went out as one long line and the terminal cut it wherever column 80 fell."""
    term = start(["checkin"], tmp_path, env=EN)
    term.expect("mood")
    term.send(CTRL_C)
    term.finish()
    lines = [line.rstrip() for line in term.screen().splitlines()]
    assert "Cancelled — nothing was saved." in lines
    assert "If things feel too heavy: `hiki crisis` (or `hiki sos`) shows people you can" in lines
    assert "reach now." in lines
