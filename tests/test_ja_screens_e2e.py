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
