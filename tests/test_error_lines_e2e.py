"""An error at a terminal is wrapped between words: the terminal's edge cut "--contact" into
"--conta" / "ct" at 80 columns. Piped, each problem stays one line (for grep and logs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.screen import COLS, hiki_exe, start


def test_a_long_error_is_wrapped_between_words_at_80_columns(tmp_path: Path):
    term = start(["checkin", "--mood", "5"], tmp_path)
    assert term.finish() == 2
    rows = [row for row in term.screen().splitlines() if row.strip()]
    assert rows[0] == "Missing --anxiety, --energy, --sleep, --outside, --contact. A check-in with"
    assert rows[1].startswith("flags needs: --mood N --anxiety N")
    words = " ".join(term.screen().split())
    for flag in ("--contact LIST", "--outside MINUTES", "--slept HH:MM --woke HH:MM"):
        assert flag in words
    assert all(len(row) < COLS for row in rows)


def test_piped_the_same_error_is_one_line(tmp_path: Path):
    command, prefix = hiki_exe()
    result = subprocess.run(
        [command, *prefix, "checkin", "--mood", "5"],
        env={"HIKI_HOME": str(tmp_path), "COLUMNS": "80", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Missing --anxiety, --energy, --sleep, --outside, --contact.")
    assert len(result.stderr.strip().splitlines()) == 1, sys.executable


def test_a_mistyped_profile_before_crisis_help_is_wrapped_between_words(tmp_path: Path):
    """`hiki --profile MUM sos`: the name's problem, then help; the terminal's edge cut
    "lowercase" into "low" / "ercase"."""
    term = start(["--profile", "MUM", "sos"], tmp_path, {"LANG": "en_US.UTF-8"})
    term.expect("Press Enter")
    term.send("\x03")
    assert term.finish() == 0
    screen = term.screen()
    assert "use 1-32 lowercase letters" in " ".join(screen.split())
    assert "low\nercase" not in screen
    assert "People you can reach now" in screen
