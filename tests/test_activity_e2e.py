"""End to end: `hiki activity` in an 80x24 pseudo-terminal: choose by energy, do it, rate it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.screen import CTRL_C, ENTER, start

pytestmark = pytest.mark.e2e


def events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_choose_do_and_rate_an_activity(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["activity"], home)
    term.expect("How much energy")
    term.send("2" + ENTER)
    term.expect("Which one would you like to try")
    term.send(ENTER)  # the first that fits: a glass of water
    term.expect("When")
    term.send(ENTER)  # now
    term.expect("enjoy")
    term.send("4" + ENTER)
    term.expect("achievement")
    term.send("6" + ENTER)
    assert term.finish() == 0
    assert "Thank you for trying" in " ".join(term.screen().split())
    [event] = events(home)
    assert event["kind"] == "activity.done"
    assert (event["data"]["activity"], event["data"]["pleasure"], event["data"]["mastery"]) == (
        "water", 4, 6,
    )  # fmt: skip


def test_ctrl_c_saves_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["activity"], home)
    term.expect("How much energy")
    term.send("2" + ENTER)
    term.expect("Which one")
    term.send(CTRL_C)
    assert term.finish() == 130
    assert "nothing was saved" in " ".join(term.screen().split())
    assert events(home) == []
