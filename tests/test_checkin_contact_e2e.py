"""'No one today' plus another box is refused at the question, never after the note, and the
refusal is on the screen (the question is asked again, ticks kept): nothing the person typed is
lost and they can see why Enter did not go on (new-user audit, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.screen import DOWN, ENTER, SPACE, start

pytestmark = pytest.mark.e2e


def test_no_one_plus_family_is_refused_on_screen_and_nothing_is_lost(tmp_path: Path):
    home = tmp_path / "home"
    t = start(["checkin"], home, {"LANG": "en_US.UTF-8"})
    t.expect("How is your mood")
    t.send("5" + ENTER)
    for value in ("5", "5", "7", "0"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(SPACE + DOWN + SPACE + ENTER)  # "No one today" and "Family"
    t.expect("ticked together with others")
    t.expect("Who were you in touch with")
    t.expect("Family at home")
    screen = t.screen()
    assert "“No one today — that's okay” can't be ticked together with others" in screen
    assert "Anything you" not in screen
    t.send(SPACE + ENTER)  # the pointer starts on "No one today" again: untick it, go on
    t.expect("Anything you")
    t.send("walked to the corner" + ENTER)
    assert t.finish() == 0
    log = home / "profiles" / "default" / "log.jsonl"
    [event] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert event["data"]["contact"] == ["family"]
    assert event["data"]["note"] == "walked to the corner"
