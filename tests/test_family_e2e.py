"""End to end: the installed hiki in a pseudo-terminal, as a family member would use it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.screen import seed_content_cache

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e


def spawn(home: Path, *args: str):
    env = {**os.environ, "TERM": "xterm", "HIKI_HOME": str(home), "COLUMNS": "100"}
    env.pop("HIKI_PROFILE", None)
    seed_content_cache(home)
    return pexpect.spawn(
        sys.executable,
        ["-m", "hikicli", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def events(home: Path, profile: str) -> list[dict]:
    path = home / "profiles" / profile / "log.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_family_checkin_in_a_terminal(home):
    child = spawn(home, "--profile", "mum", "family", "checkin")
    child.expect("How stressed")
    child.sendline("6")
    child.expect("One positive moment")
    child.sendline("He said good morning.")
    child.expect("One thing you did for yourself")
    child.sendline("")
    child.expect("Saved in your profile")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [event] = events(home, "mum")
    assert event["kind"] == "family.checkin"
    assert event["data"]["stress"] == 6 and event["data"]["positive"] == "He said good morning."
    assert events(home, "default") == []


def test_lesson_exercise_in_a_terminal(home):
    child = spawn(home, "--profile", "mum", "family", "lesson", "7")
    # A lesson longer than the screen opens in a pager, like a guide: read it, then leave it.
    if child.expect([r"\(END\)", "Would you like to do the exercise now"]) == 0:
        child.send("q")
        child.expect("Would you like to do the exercise now")
    child.send("y")
    child.expect("What will you do for yourself")
    child.sendline("A walk by the river.")
    child.expect("When will you do it")
    child.sendline("Saturday morning")
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [event] = events(home, "mum")
    assert event["data"]["answers"] == {"plan": "A walk by the river.", "when": "Saturday morning"}


def test_ctrl_c_during_import_adds_nothing(home, tmp_path):
    example = spawn(home, "homework", "example")
    example.expect(pexpect.EOF)
    pack = tmp_path / "pack.yaml"
    pack.write_text(example.before.replace("\r\n", "\n"), encoding="utf-8")
    child = spawn(home, "homework", "import", str(pack))
    child.expect("Add this pack to your homework")
    child.sendcontrol("c")
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert events(home, "default") == []
