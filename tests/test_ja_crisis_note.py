"""In Japanese a crisis line's note follows its hours with no space (「24時間。外国語での…」):
a space between two Japanese sentences reads as a stray gap."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_crisis_lines_note_follows_without_a_space_in_japanese(tmp_path):
    env = {**os.environ, "HIKI_HOME": str(tmp_path), "HIKI_LANG": "ja", "COLUMNS": "200",
           "LANG": "ja_JP.UTF-8"}  # fmt: skip
    env.pop("HIKI_PROFILE", None)
    done = subprocess.run(
        [sys.executable, "-m", "hikicli", "checkin", "--safe", "no"], env=env,
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "24時間。外国語での案内もあります。" in done.stdout
    assert "時間。 外国語" not in done.stdout + done.stderr
