"""End to end in a real pseudo-terminal: encrypt with a hidden passphrase, then read with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.durable import child_env, files_containing

pexpect = pytest.importorskip("pexpect")

NOTE = "a note only I can read"
PASSPHRASE = "correct horse battery"


def hiki_command() -> list[str]:
    installed = Path(sys.executable).parent / "hiki"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "hikicli"]


@pytest.mark.e2e
def test_encrypt_and_read_back_in_a_terminal(home):
    env = child_env(home, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    cmd = hiki_command()
    flags = "--mood 5 --anxiety 4 --energy 3 --sleep 7 --outside 0 --contact none".split()
    saved = subprocess.run([*cmd, "checkin", *flags, "--note", NOTE], env=env, capture_output=True)
    assert saved.returncode == 0, saved.stderr

    child = pexpect.spawn(
        cmd[0],
        [*cmd[1:], "data", "encrypt"],
        env=env,
        timeout=20,
        encoding="utf-8",
        dimensions=(40, 120),
    )
    child.expect("write the passphrase down")
    child.expect("Choose a passphrase")
    child.sendline(PASSPHRASE)
    child.expect("Type the same passphrase again")
    child.sendline(PASSPHRASE)
    child.expect("Your data is now encrypted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert PASSPHRASE not in (child.before or "")  # never echoed
    assert files_containing(home, NOTE.encode()) == []

    child = pexpect.spawn(
        cmd[0], [*cmd[1:], "history"], env=env, timeout=20, encoding="utf-8", dimensions=(40, 160)
    )
    child.expect("Passphrase for your hiki data")
    child.sendline(PASSPHRASE)
    child.expect(NOTE)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    no_tty = subprocess.run(
        [*cmd, "history"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert no_tty.returncode == 2 and "HIKI_PASSPHRASE" in no_tty.stderr
    crisis = subprocess.run(
        [*cmd, "crisis"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert crisis.returncode == 0
    assert os.environ.get("HIKI_PASSPHRASE") is None
