"""The check-in's first question is on the screen before questionary has loaded
(hikicli.quickline reads it while questionary is imported in a thread): in a pseudo-terminal at
80x24 it looks and answers as questionary's did, character and colour (compared cell by cell
with main's questionary screens when it was written), a refused answer is asked again by
questionary, Ctrl-C ends as before, and Japanese reads 「…とてもよい（0〜10）」 with no space
before the range."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.screen import CTRL_C, ENTER, Terminal, start

pytestmark = pytest.mark.e2e

BACKSPACE = "\x7f"
LEFT, HOME, END, DELETE = "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[3~"
# questionary's default style as pyte reports prompt_toolkit's 256 colours 67, 214 and 102
QMARK, ANSWER, GREY = "5f87af", "ffaf00", "878787"
INTRO = [
    "A short check-in, about two minutes. There are no right answers, and you can",
    "skip the note at the end if you like.",
]
MOOD = "? How is your mood right now? 0 = very low, 10 = very good (0–10)"
ANXIETY = "? How anxious or tense do you feel right now? 0 = calm, 10 = very anxious (0–10)"
CANCELLED = [
    "Cancelled — nothing was saved.",
    "If things feel too heavy: `hiki crisis` (or `hiki sos`) shows people you can",
    "reach now.",
]


def rows(t: Terminal) -> list[str]:
    return t.screen().split("\n")


def cell(t: Terminal, y: int, x: int) -> tuple[str, str, bool]:
    c = t.screen_.buffer[y][x]
    return c.data, c.fg, c.bold


def until(t: Terminal, shown: Callable[[], bool], timeout: float = 20) -> None:
    """Read what hiki writes until the screen shows it (a key's echo is no text to wait for:
    the colours' codes hold digits too)."""
    import pexpect

    end = time.monotonic() + timeout
    while not shown():
        if time.monotonic() > end:
            raise AssertionError("\n".join(rows(t)))
        try:
            t.expect(r"[\s\S]+", timeout=0.2)
        except pexpect.TIMEOUT:
            pass


def test_the_first_question_typed_edited_and_answered(tmp_path: Path) -> None:
    t = start(["checkin"], tmp_path / "home")
    t.expect("How is your mood")
    t.send("7")
    until(t, lambda: rows(t)[2] == MOOD + " 7")
    t.send(BACKSPACE)
    until(t, lambda: rows(t)[2] == MOOD)
    t.send("5")
    until(t, lambda: rows(t)[2] == MOOD + " 5")
    assert rows(t)[:4] == [*INTRO, MOOD + " 5", ""]
    assert (t.screen_.cursor.y, t.screen_.cursor.x) == (2, 67)
    assert cell(t, 2, 0) == ("?", QMARK, False)
    assert cell(t, 2, 2) == ("H", "default", True)
    assert cell(t, 2, 66) == ("5", ANSWER, True)
    t.send(ENTER)
    until(t, lambda: rows(t)[3] == ANXIETY)  # questionary's own question, after the import
    assert rows(t)[:5] == [*INTRO, MOOD + " 5", ANXIETY, ""]
    assert cell(t, 2, 66) == ("5", ANSWER, True)
    t.send(CTRL_C)
    assert t.finish() == 130
    assert rows(t)[3:9] == [ANXIETY, "", *CANCELLED, ""]


def test_the_first_question_edited_with_the_cursor_keys_as_questionary(tmp_path: Path) -> None:
    t = start(["checkin"], tmp_path / "home")
    t.expect("How is your mood")
    t.send("7" + BACKSPACE + "0" + LEFT)
    until(t, lambda: (t.screen_.cursor.y, t.screen_.cursor.x) == (2, 66))  # on the 0
    t.send("1")
    until(t, lambda: rows(t)[2] == MOOD + " 10")
    assert (t.screen_.cursor.y, t.screen_.cursor.x) == (2, 67)  # still on the 0, as questionary
    assert cell(t, 2, 66) == ("1", ANSWER, True)
    t.send(HOME + "2" + END + DELETE)  # Delete at the end: nothing to delete
    until(t, lambda: rows(t)[2] == MOOD + " 210")
    t.send(HOME + DELETE + ENTER)  # 10 taken; questionary's own question next
    until(t, lambda: rows(t)[3] == ANXIETY)
    assert rows(t)[2] == MOOD + " 10"
    t.send(CTRL_C)
    assert t.finish() == 130


def test_a_pasted_line_break_is_kept_in_the_answer_not_an_enter(tmp_path: Path) -> None:
    t = start(["checkin"], tmp_path / "home")
    t.expect("How is your mood")
    t.send("\x1b[200~5\r6\x1b[201~")
    until(t, lambda: rows(t)[3] == "6")  # on a row of its own, as questionary draws it
    assert rows(t)[2] == MOOD + " 5"
    assert "How anxious" not in t.screen()  # nothing submitted by the paste
    t.send(ENTER)  # "5\n6" is no number: asked again with it, as questionary's check does
    until(t, lambda: "Please type a whole number from 0 to 10." in t.screen())
    t.send(CTRL_C)
    assert t.finish() == 130


def test_ctrl_c_at_the_first_question(tmp_path: Path) -> None:
    t = start(["checkin"], tmp_path / "home")
    t.expect("How is your mood")
    t.send("4")
    until(t, lambda: rows(t)[2] == MOOD + " 4")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert rows(t)[:7] == [*INTRO, MOOD + " 4", *CANCELLED, ""]
    # redrawn grey, as prompt_toolkit draws a cancelled prompt, to the end of its row
    assert {t.screen_.buffer[2][x].fg for x in range(80)} == {GREY}
    assert cell(t, 2, 66) == ("4", GREY, True)


def test_a_refused_answer_is_asked_again_then_a_low_mood_asks_about_safety(
    tmp_path: Path,
) -> None:
    t = start(["checkin"], tmp_path / "home")
    t.expect("How is your mood")
    t.send("11" + ENTER)
    until(t, lambda: rows(t)[4] == MOOD + " 11")  # asked again by questionary, with what was typed
    assert rows(t)[2:5] == [
        MOOD + " 11",
        "Please type a whole number from 0 to 10.",
        MOOD + " 11",
    ]
    t.send(BACKSPACE + ENTER)
    until(t, lambda: "Are you safe right now?" in t.screen())
    assert rows(t)[4:6] == [
        MOOD + " 1",
        "? Thank you for telling me your mood is low. Are you safe right now?",
    ]
    t.send(CTRL_C)
    assert t.finish() == 130
    assert "Cancelled — nothing was saved." in rows(t)
    assert "People you can reach now" in rows(t)  # crisis help, as at any safety question


def test_japanese_full_width_digits_and_the_range_without_a_space(tmp_path: Path) -> None:
    t = start(["checkin"], tmp_path / "home", {"HIKI_LANG": "ja"})
    t.expect("気分")
    t.send("５")
    until(t, lambda: rows(t)[2].endswith("５"))
    assert rows(t)[2] == "? いまの気分はどうですか？ 0：とてもつらい、10：とてもよい（0〜10） ５"
    assert cell(t, 2, 68) == ("５", ANSWER, True)
    t.send(ENTER)
    until(t, lambda: rows(t)[4] == "（0〜10）")
    assert rows(t)[2:5] == [
        "? いまの気分はどうですか？ 0：とてもつらい、10：とてもよい（0〜10） ５",
        "? いま、不安や緊張はどのくらいありますか？ 0：落ち着いている、10：とても不安",
        "（0〜10）",
    ]
    assert not any(line.startswith("〜") for line in rows(t))
    t.send(CTRL_C)
    assert t.finish() == 130
    assert rows(t)[5] == "中止しました。何も保存していません。"
