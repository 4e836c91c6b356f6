"""The "went to sleep" time with checkin.sleep_times on: a time that does not read is said, and
the question is asked again EMPTY, so Enter skips as the sentence says (it used to come back with
the bad text in it, and Enter repeated the error for ever); a bare hour reads as that hour
(new-user audit, item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import ENTER, start

pytestmark = pytest.mark.e2e


def _to_sleep_time(home: Path):  # type: ignore[no-untyped-def]
    prepare(home, "config", "set", "checkin.sleep_times", "on")  # a setup step, in this process
    t = start(["checkin"], home, {"LANG": "en_US.UTF-8"})
    t.expect("How is your mood")
    t.send("5" + ENTER)
    for value in ("5", "5"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("What time did you go to sleep")
    return t


def test_a_time_that_does_not_read_is_asked_again_empty_and_enter_skips(tmp_path: Path):
    home = tmp_path / "home"
    t = _to_sleep_time(home)
    t.send("7:5" + ENTER)
    t.expect("Please type a time like 03:30 or 13:10")
    t.expect("What time did you go to sleep")
    t.send(ENTER)
    t.expect("How many hours did you sleep")
    assert "7:5" not in t.screen().split("Please type a time")[-1]
    for value in ("7", "0"):
        t.send(value + ENTER)
        t.expect(r"\?")
    t.expect("Who were you in touch with")
    t.send(" " + ENTER)
    t.expect("Anything you")
    t.send(ENTER)
    assert t.finish() == 0
    log = home / "profiles" / "default" / "log.jsonl"
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    [checkin] = [e for e in events if e["kind"].startswith("checkin")]
    assert "slept" not in checkin["data"] or checkin["data"]["slept"] is None


def test_a_bare_hour_reads_as_that_hour(tmp_path: Path):
    home = tmp_path / "home"
    t = _to_sleep_time(home)
    t.send("23" + ENTER)
    t.expect("what time did you get up")
    t.send("7" + ENTER)
    t.expect("How many hours did you sleep")
    t.send(ENTER)  # the window's length is the default: 8
    for value in ("0",):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(" " + ENTER)
    t.expect("Anything you")
    t.send(ENTER)
    assert t.finish() == 0
    log = home / "profiles" / "default" / "log.jsonl"
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    [checkin] = [e for e in events if e["kind"].startswith("checkin")]
    assert (checkin["data"]["slept"], checkin["data"]["woke"]) == ("23:00", "07:00")
    assert checkin["data"]["sleep"] == 8
