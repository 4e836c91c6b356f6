"""End to end: the installed `hiki` in a pseudo-terminal, answering with real keys."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

DOWN = "\x1b[B"
ENTER = "\r"


def spawn(args: list[str], home: Path) -> Any:
    exe = shutil.which("hiki", path=str(Path(sys.executable).parent)) or shutil.which("hiki")
    command, argv = (exe, args) if exe else (sys.executable, ["-m", "hikicli", *args])
    # NO_CPR: pexpect never answers the cursor-position query, which costs ~1 s per prompt.
    env = {**os.environ, "TERM": "xterm", "HIKI_HOME": str(home), "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("HIKI_PROFILE", None)
    return pexpect.spawn(command, argv, env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))


def events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.e2e
def test_phq9_item9_shows_help_at_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(["assess", "phq9"], home)
    for number in range(1, 9):
        child.expect(f"{number}/9")
        child.send(ENTER)  # "Not at all"
    child.expect("9/9. Thoughts that you would be better off dead")
    child.send(DOWN + ENTER)  # "Several days"
    child.expect("Thank you for telling me")
    child.expect("findahelpline.com")
    child.expect("hiki safety-plan edit")
    child.expect(r"PHQ-9: 1 \(possible range 0")
    child.expect("Would you like to start your safety plan now")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [event] = events(home)
    assert event["kind"] == "assessment"
    assert event["data"]["answers"] == [0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert event["data"]["risk_items"] == [9]


@pytest.mark.e2e
def test_low_mood_checkin_asks_if_safe_and_shows_help(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(["checkin"], home)
    child.expect("How is your mood right now")
    child.send("1" + ENTER)
    child.expect("Are you safe right now")
    child.send(DOWN + ENTER)  # "No, or I'm not sure"
    child.expect("Thank you for telling me")
    child.expect("findahelpline.com")
    child.expect("How anxious")
    for value in ("5", "2", "6", "0"):
        child.send(value + ENTER)
    child.expect("Who were you in touch with")
    child.send(ENTER)
    child.expect("Anything you'd like to remember")
    child.send(ENTER)
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [event] = events(home)
    assert event["data"]["mood"] == 1 and event["data"]["safe"] == "no"
