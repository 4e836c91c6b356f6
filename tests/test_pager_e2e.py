"""Long guides page without raw escape codes, whatever LESS, PAGER and NO_COLOR say (issue: what
a new user trips over, item 1). Read from the 80×24 screen through a terminal emulator."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hikicli.cli.render import pager_styles
from tests.screen import start

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "env",
    [
        {},  # LESS and PAGER unset: the default on most systems
        {"LESS": "-X"},  # the person's own LESS, without -R
        {"NO_COLOR": "1"},
        {"PAGER": "more"},
    ],
)
def test_a_paged_guide_shows_no_escape_codes(tmp_path: Path, monkeypatch, env):
    for var in ("LESS", "PAGER", "MANPAGER", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    t = start(["guide", "professional-help"], tmp_path / "home", {"LANG": "en_US.UTF-8", **env})
    t.expect(r"\n:|--More--|\(END\)")  # the pager's own prompt: the first page is on screen
    screen = t.screen()
    t.send("q")
    t.finish()
    assert "ESC[" not in screen and "\x1b" not in screen, screen
    assert "hiki" in screen or "help" in screen.lower()


def test_pager_styles_follow_the_persons_settings():
    assert pager_styles({"LESS": "-R"}) is True
    assert pager_styles({"LESS": "FRX"}) is True
    assert pager_styles({"LESS": "-X"}) is False
    assert pager_styles({"PAGER": "more"}) is False
    assert pager_styles({"PAGER": "less -R", "LESS": "-R"}) is True
    assert pager_styles({"NO_COLOR": "1", "LESS": "-R"}) is False
    assert "LESS" not in {k for k in os.environ if k == "LESS_UNUSED"}
