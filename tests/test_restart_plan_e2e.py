"""End to end: `hiki restart-plan edit` at 80x24; Ctrl-C mid-edit keeps what was given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.screen import CTRL_C, ENTER, start

pytestmark = pytest.mark.e2e


def test_ctrl_c_mid_edit_keeps_the_items_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["restart-plan", "edit"], home)
    term.expect("Add one")
    term.send("I stop opening the curtains" + ENTER)
    term.expect("Add another")
    term.send(ENTER)
    term.expect("What helped before")
    term.expect("Add one")
    term.send("half typed")
    term.send(CTRL_C)
    assert term.finish() == 130
    screen = " ".join(term.screen().split())
    assert "The item you added is saved in your restart plan" in screen
    assert "hiki crisis" in screen
    log = home / "profiles" / "default" / "log.jsonl"
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["data"]["text"] for e in events] == ["I stop opening the curtains"]
