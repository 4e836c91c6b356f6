"""End to end: `hiki now` in a real 80x24 pseudo-terminal, with no data at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import CTRL_C, DOWN, ENTER, start

pytestmark = pytest.mark.e2e


def flat(text: str) -> str:
    return " ".join(text.split())


def test_panic_breathes_along_on_screen_and_ends_with_the_pointer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["now", "--cycles", "1"], home)
    term.expect("What is it like right now")
    term.send(ENTER)  # "I'm panicking", the first choice
    term.expect("Breathe along")
    term.send(ENTER)  # yes (the default)
    term.expect("Breathe out", timeout=30)
    assert term.finish(timeout=30) == 0
    screen = flat(term.screen())
    assert "Slow breathing" in flat("".join(term.seen))
    assert "Well done." in screen and "Panic rises, peaks and passes" in screen
    assert screen.endswith("shows people you can reach now.")
    assert not (home / "profiles").exists()


def test_ctrl_c_at_the_menu_says_nothing_was_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["now"], home)
    term.expect("What is it like right now")
    term.send(DOWN)
    term.send(CTRL_C)
    assert term.finish() == 130
    screen = flat(term.screen())
    assert "`hiki now` saves nothing, so nothing was kept or lost." in screen
    assert "hiki crisis" in screen
