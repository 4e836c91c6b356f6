"""Japanese in a real 80x24 pseudo-terminal (issue 13): the questions' own machinery speaks
Japanese too. questionary's confirm prints "(Y/n)" and answers "Yes"/"No" in English whatever
the language; in Japanese a yes/no question is a choice of はい and いいえ."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.screen import DOWN, ENTER, start

pytestmark = pytest.mark.e2e

JA = {"HIKI_LANG": "ja"}


def test_a_yes_no_question_in_japanese_is_answered_in_japanese(tmp_path: Path) -> None:
    term = start(["now", "--cycles", "1"], tmp_path / "home", JA)
    term.expect("Enter")
    term.send(ENTER)  # パニックになっている, the first choice
    term.expect("いいえ")
    asked = term.screen()
    assert "はい" in asked and "(Y/n)" not in asked and "(y/N)" not in asked, asked
    term.send(DOWN + ENTER)  # いいえ: no breathing along
    assert term.finish() == 0
    screen = term.screen()
    answered = next(line for line in screen.splitlines() if "いいえ" in line)
    assert answered.endswith("いいえ"), screen
    assert not re.search(r"\b(Yes|No)\b", screen), screen
    assert "いっしょに呼吸" not in screen.split("いいえ")[-1]  # it did not start breathing


def _answer_everything(args: list[str], home: Path, rounds: int = 60) -> tuple[int, str]:
    """Run a flow in Japanese, answering every question with "3" and Enter (a number where one
    is asked, the words "3" where text is, the default where it is a choice); return the exit
    status and everything the terminal showed."""
    import time

    term = start(args, home, JA)
    for _ in range(rounds):
        try:
            term.child.expect([r".+"], timeout=1)
            term._pump()
        except Exception:  # nothing new: the flow waits for an answer, or it has ended
            pass
        if not term.child.isalive():
            break
        term.send("3" + ENTER)
        time.sleep(0.2)
    status = term.finish(timeout=30)
    seen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(term.seen))
    return status, seen


@pytest.mark.parametrize(
    "args",
    [["ladder", "build"], ["checkin"]],  # flows that end when every answer is "3"
    ids=" ".join,
)
def test_a_japanese_flow_shows_no_english_from_start_to_end(
    args: list[str], tmp_path: Path
) -> None:
    import os
    import subprocess

    from tests.screen import hiki_exe
    from tests.test_text_in_catalog import _allowed_words, english_runs

    home = tmp_path / "home"
    command, prefix = hiki_exe()
    env = {**os.environ, "HIKI_HOME": str(home), "HIKI_LANG": "ja"}
    add = [*prefix, "ladder", "add", "コンビニに行く", "--suds", "40"]
    subprocess.run([command, *add], env=env, check=True, capture_output=True)
    status, seen = _answer_everything(args, home)
    assert status in (0, 2), seen
    allowed = _allowed_words() | {"enter", "ctrl", "esc", "tab", "space"}  # key names
    runs = english_runs(seen, allowed)
    assert not runs, f"hiki {' '.join(args)} shows English: {runs}\n{seen[-3000:]}"
