"""End to end: the installed `hiki step` in a real pseudo-terminal, answered key by key."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")


def pty_env(home: Path) -> dict[str, str]:
    # pexpect does not answer prompt_toolkit's cursor-position request, which then waits about a
    # second before every question; a real terminal answers at once. NO_CPR skips the request.
    return {
        **os.environ,
        "TERM": "xterm",
        "HIKI_HOME": str(home),
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


def hiki_command() -> list[str]:
    found = shutil.which("hiki") or str(Path(sys.executable).parent / "hiki")
    return [found] if Path(found).exists() else [sys.executable, "-m", "hikicli"]


@pytest.mark.e2e
def test_step_in_a_pseudo_terminal(home: Path) -> None:
    env = pty_env(home)
    cmd = hiki_command()
    subprocess.run(
        [*cmd, "ladder", "add", "Walk to the mailbox", "--suds", "30"], env=env, check=True
    )

    child = pexpect.spawn(cmd[0], [*cmd[1:], "step", "s1"], env=env, encoding="utf-8", timeout=20)
    child.setwinsize(40, 120)
    answers = [
        ("What exactly", "\r"),  # keep the step's own words (the default)
        ("Where", "mailbox\r"),
        ("When", "now\r"),
        ("how many minutes", "5\r"),
        ("expect it to be", "\r"),  # the step's rating is the default
        ("afraid might happen", "someone stares\r"),
        ("How likely", "60\r"),
        ("feel safer", "\r"),
        ("What would you like to do next", "\r"),  # noting how it went is the default
        ("How did it go", "\r"),  # "I did it"
        ("highest your distress", "40\r"),
        ("at the end", "10\r"),
        ("Did what you feared", "\r"),  # "No"
        ("What did you learn", "nobody looked\r"),
        ("someone with you", "n"),
        ("how many minutes did it take", "6\r"),
    ]
    for prompt, keys in answers:
        child.expect(prompt)
        child.send(keys)
    child.expect("You did it")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    lines = (home / "profiles" / "default" / "log.jsonl").read_text(encoding="utf-8").splitlines()
    event = json.loads(lines[-1])
    assert event["kind"] == "ladder.try"
    data = event["data"]
    assert data["what"] == "Walk to the mailbox" and data["where"] == "mailbox"
    assert (data["expected"], data["likelihood"], data["peak"], data["end"]) == (30, 60, 40, 10)
    assert (data["result"], data["happened"], data["with_someone"], data["minutes"]) == (
        "done",
        "no",
        False,
        6,
    )
    assert data["learned"] == "nobody looked" and data["fear"] == "someone stares"


@pytest.mark.e2e
def test_ctrl_c_in_a_pseudo_terminal_saves_nothing(home: Path) -> None:
    env = pty_env(home)
    cmd = hiki_command()
    subprocess.run([*cmd, "ladder", "add", "Curtains", "--suds", "10"], env=env, check=True)
    log = home / "profiles" / "default" / "log.jsonl"
    before = log.read_bytes()
    child = pexpect.spawn(cmd[0], [*cmd[1:], "step", "s1"], env=env, encoding="utf-8", timeout=20)
    child.expect("What exactly")
    child.send("\r")
    child.expect("Where")
    child.sendintr()
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert log.read_bytes() == before


@pytest.mark.e2e
def test_ladder_build_in_a_pseudo_terminal(home: Path) -> None:
    env = pty_env(home)
    cmd = hiki_command()
    child = pexpect.spawn(
        cmd[0], [*cmd[1:], "ladder", "build"], env=env, encoding="utf-8", timeout=20
    )
    child.setwinsize(40, 120)
    down, space = "\x1b[B", " "
    answers = [
        ("What would you like to move towards", "go outside\r"),
        ("Which areas", space + "\r"),  # the first area: in my room
        ("Pick the steps", space + down + space + "\r"),  # the first two ideas
        ("of your own", "Stand at the window\r"),
        ("of your own", "Walk to the gate\r"),
        ("of your own", "Sit on the doorstep\r"),
        ("of your own", "\r"),  # five steps: enough
        ("How hard would this feel", "\r"),  # the idea's usual rating
        ("How hard would this feel", "\r"),
        ("How hard would this feel", "20\r"),
        ("How hard would this feel", "60\r"),
        ("How hard would this feel", "35\r"),
        ("Save these steps", "y"),
    ]
    for prompt, keys in answers:
        child.expect(prompt)
        child.send(keys)
    child.expect("Saved 5 steps")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = (home / "profiles" / "default" / "log.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["kind"] for e in events] == ["ladder.goal"] + ["ladder.add"] * 5
    steps = [(e["data"]["step"], e["data"]["suds"], e["data"]["template"]) for e in events[1:]]
    assert steps == [
        ("s1", 15, "open-curtains"),
        ("s2", 10, "tidy-one-corner"),
        ("s3", 20, ""),
        ("s4", 60, ""),
        ("s5", 35, ""),
    ]
