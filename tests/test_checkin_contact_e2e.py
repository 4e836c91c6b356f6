"""'No one today' plus another box is refused at the question, never after the note: nothing the
person typed is lost (issue: what a new user trips over, item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.screen import DOWN, ENTER, SPACE, pexpect, start

pytestmark = pytest.mark.e2e


def test_no_one_plus_family_is_refused_at_the_question_and_nothing_is_lost(tmp_path: Path):
    home = tmp_path / "home"
    t = start(["checkin"], home, {"LANG": "en_US.UTF-8"})
    t.expect("How is your mood")
    t.send("5" + ENTER)
    for value in ("4", "5", "7", "10"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(SPACE + DOWN + SPACE + ENTER)  # "No one today" and "Family"
    # the question stays open: the note is not asked, nothing is lost
    with pytest.raises(pexpect.TIMEOUT):
        t.child.expect("Anything you", timeout=2)
    t.send(DOWN * 4 + SPACE + ENTER)  # untick "No one today" (the pointer wraps round), then go on
    t.expect("Anything you")
    t.send("walked to the corner" + ENTER)
    assert t.finish() == 0
    log = home / "profiles" / "default" / "log.jsonl"
    [event] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert event["data"]["contact"] == ["family"]
    assert event["data"]["note"] == "walked to the corner"
