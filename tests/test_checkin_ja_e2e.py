"""The interactive check-in in Japanese, in a real 80×24 pseudo-terminal (issue 13, "How it is
checked"): the questions are Japanese, a Japanese note is typed character by character (what a
terminal sends after the IME commits: UTF-8, several bytes a character, two cells wide), edited
with Backspace, and saved exactly as typed."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.screen import DOWN, ENTER, SPACE, pexpect, start

pytestmark = pytest.mark.e2e

BACKSPACE = "\x7f"
NOTE = "コンビニまで歩きました。少しこわかったけど、行けてよかった！ 〜また明日〜"


def test_a_japanese_note_typed_in_a_terminal_is_saved_exactly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = start(["checkin"], home, {"HIKI_LANG": "ja", "LANG": "ja_JP.UTF-8"})
    t.expect("気分")
    t.send("5" + ENTER)
    for value in ("4", "5", "7", "10"):
        t.expect(r"？")
        t.send(value + ENTER)
    t.expect("やりとり")
    t.send(DOWN + SPACE + ENTER)  # いっしょに住む家族
    t.expect("残しておきたいこと")
    for char in NOTE:  # one character at a time, as a terminal delivers committed IME text
        t.send(char)
    t.send("あい" + BACKSPACE + BACKSPACE)  # typed by mistake and taken back: two wide chars
    screen = _screen_showing(t, "また明日〜")
    assert "コンビニまで歩きました。" in screen, screen  # shown as typed, not as escapes or ?
    assert "あい" not in screen, screen
    t.send(ENTER)
    assert t.finish() == 0
    log = home / "profiles" / "default" / "log.jsonl"
    [event] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert event["data"]["note"] == NOTE
    assert unicodedata.is_normalized("NFC", event["data"]["note"])
    assert event["data"]["contact"] == ["family"]
    assert "保存しました" in "".join(t.seen)


def _screen_showing(t: Any, text: str, tries: int = 40) -> str:
    """The emulated screen once `text` is on it (prompt_toolkit redraws the line as each
    character arrives, so the raw output holds cursor moves between the characters)."""
    for _ in range(tries):
        try:
            t.expect(r"[\s\S]+", timeout=0.5)
        except pexpect.TIMEOUT:
            pass
        if text in t.screen().replace("\n", ""):
            return str(t.screen())
    raise AssertionError(f"{text!r} never shown:\n{t.screen()}")
