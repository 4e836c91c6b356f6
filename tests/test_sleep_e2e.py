"""The check-in's sleep-time questions in a real 80x24 terminal: asked only when
checkin.sleep_times is on, a time that is not one is asked again with what was typed, an empty
answer skips, and Ctrl-C at either question saves nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import CTRL_C, ENTER, start

pytestmark = pytest.mark.e2e
ENV = {"LANG": "en_US.UTF-8"}


def log(home: Path) -> list[dict]:
    path = home / "profiles" / "default" / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def turn_on(home: Path) -> None:
    prepare(home, "config", "set", "checkin.sleep_times", "on")  # a setup step, in this process


def to_sleep_question(home: Path):
    t = start(["checkin"], home, ENV)
    t.expect("How is your mood")
    t.send("5" + ENTER)
    for value in ("4", "5"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("What time did you go to sleep")
    return t


def test_times_then_hours_start_at_the_window(tmp_path: Path):
    home = tmp_path / "home"
    turn_on(home)
    t = to_sleep_question(home)
    t.send("3.30" + ENTER)  # not a time: said under the question, asked again with it
    t.expect("Please type a time like 03:30")
    t.send("\b\b\b\b3:30" + ENTER)
    t.expect("what time did you get up")
    t.send("13:10" + ENTER)
    t.expect("How many hours did you sleep")
    t.expect("9.67")  # the window's length is already typed in
    screen = t.screen()
    assert "What time did you go to sleep" in screen and "13:10" in screen
    assert all(len(line) <= 80 for line in screen.splitlines())
    t.send(ENTER)
    for value in ("0",):
        t.expect("Minutes outside")
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(" " + ENTER)
    t.expect("Anything you")
    t.send(ENTER)
    assert t.finish() == 0
    [event] = log(home)
    data = event["data"]
    assert (data["slept"], data["woke"], data["sleep"]) == ("03:30", "13:10", 9.67)


def test_an_empty_answer_skips_both_times(tmp_path: Path):
    home = tmp_path / "home"
    turn_on(home)
    t = to_sleep_question(home)
    t.send(ENTER)
    t.expect("How many hours did you sleep")
    assert "get up" not in t.screen()
    t.send("7" + ENTER)
    t.expect("Minutes outside")
    t.send("0" + ENTER)
    t.expect("Who were you in touch with")
    t.send(" " + ENTER)
    t.expect("Anything you")
    t.send(ENTER)
    assert t.finish() == 0
    [event] = log(home)
    assert "slept" not in event["data"] and event["data"]["sleep"] == 7


@pytest.mark.parametrize("question", ["slept", "woke"])
def test_ctrl_c_at_a_sleep_time_question_saves_nothing(tmp_path: Path, question: str):
    home = tmp_path / "home"
    turn_on(home)
    t = to_sleep_question(home)
    if question == "woke":
        t.send("01:00" + ENTER)
        t.expect("what time did you get up")
    t.send(CTRL_C)
    status = t.finish()
    assert status != 0
    assert "nothing was saved" in t.screen() and "Traceback" not in t.screen()
    assert log(home) == []


def test_off_by_default_no_time_is_asked(tmp_path: Path):
    home = tmp_path / "home"
    t = start(["checkin"], home, ENV)
    t.expect("How is your mood")
    t.send("5" + ENTER)
    for value in ("4", "5"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("How many hours did you sleep")
    assert "go to sleep" not in t.screen()
    t.send(CTRL_C)
    t.finish()
    assert log(home) == []
