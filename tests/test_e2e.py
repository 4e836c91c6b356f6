"""The installed `hiki` in a real pseudo-terminal, as a person would use it."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.screen import seed_content_cache

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.e2e


def hiki_command() -> list[str]:
    found = shutil.which("hiki", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "hikicli"]


def spawn(args: list[str], home: Path) -> pexpect.spawn:
    cmd = hiki_command()
    env = {**os.environ, "HIKI_HOME": str(home), "TERM": "xterm", "COLUMNS": "100"}
    seed_content_cache(home)
    return pexpect.spawn(
        cmd[0], cmd[1:] + args, env=env, encoding="utf-8", timeout=20, dimensions=(40, 100), cwd="/"
    )


def test_checkin_in_a_real_terminal(home):
    child = spawn(["checkin"], home)
    for answer in ("3", "6", "2", "5.5", "0"):
        child.expect(r"\?")
        child.sendline(answer)
    child.expect(r"\?")  # the contact checkbox: tick the first choice ("none")
    child.send(" ")
    child.send("\r")
    child.expect(r"\?")
    child.sendline("a hard day, but I answered")
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = (home / "profiles" / "default" / "log.jsonl").read_text().splitlines()
    data = json.loads(lines[-1])["data"]
    assert (data["mood"], data["anxiety"], data["energy"], data["sleep"]) == (3, 6, 2, 5.5)
    assert data["contact"] == ["none"] and data["note"] == "a hard day, but I answered"


def test_ctrl_c_in_a_real_terminal_saves_nothing(home):
    child = spawn(["checkin"], home)
    child.expect(r"\?")
    child.sendline("4")
    child.expect(r"\?")
    child.sendcontrol("c")
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (home / "profiles" / "default" / "log.jsonl").exists()


def test_dashboard_and_crisis_start_from_any_folder(home):
    child = spawn([], home)
    child.expect("hiki crisis")
    child.expect(pexpect.EOF)
    child = spawn(["crisis", "--country", "US"], home)
    child.expect("741741")
    child.expect("Press Enter to see every line")  # the one-screen view waits for Enter
    child.send("\r")
    child.expect("Numbers change")
    child.expect(pexpect.EOF)
