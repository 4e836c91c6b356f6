"""A parent in their own profile lists the short readings and reads one, in a real 80x24
terminal read through pyte: the whole list fits on one screen, a long reading opens in the pager
from its first line (the safety line is on the first page), and the hint after it names the
profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import start

pytestmark = pytest.mark.e2e


def test_a_parent_lists_the_readings_and_reads_one(tmp_path: Path, monkeypatch):
    for var in ("LESS", "PAGER", "MANPAGER", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    home = tmp_path / "home"
    env = {"LANG": "C.UTF-8"}  # a UTF-8 locale this machine has, so less shows • as •
    prepare(home, "family", "start", "mum")  # a setup step, in this process

    t = start(["--profile", "mum", "family", "read"], home, env)
    assert t.finish() == 0
    screen = t.screen()
    assert "Short readings for families" in screen  # the top line is still on screen
    for line in ("guilt", "support-stages", "over-40", "living-alone"):
        assert line in screen, screen
    assert "Read one with: hiki --profile mum family read TOPIC" in screen

    t = start(["--profile", "mum", "family", "read", "suicide-signs"], home, env)
    t.expect(r"\n:|--More--|\(END\)")  # the pager's own prompt: the first page is on screen
    first_page = t.screen()
    t.send("q")
    assert t.finish() == 0
    assert "If you fear for their life" in first_page, first_page
    assert "119" in first_page and "hiki crisis" in first_page  # the safety line, first
    assert "\x1b" not in first_page and "<E2>" not in first_page
    assert "To read this again: hiki --profile mum family read suicide-signs" in (
        t.screen().replace("\n", " ")
    )
