"""A long question wraps between words at 80 columns (questionary would cut it at column 80,
inside a word), by terminal cells in Japanese, in a real pseudo-terminal. The expected lines are
written out here."""

from __future__ import annotations

from pathlib import Path

import pytest

from hikicli.cli.plain import cell_width, fit_question
from tests.durable import prepare
from tests.screen import ENTER, start

pytestmark = pytest.mark.e2e


def test_a_long_question_wraps_between_words_in_a_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    prepare(home, "family", "start", "mum")  # a setup step, in this process
    term = start(["--profile", "mum", "family", "lesson", "1"], home, env={"PAGER": "cat"})
    term.expect("exercise now")
    term.send(ENTER)  # yes
    term.expect("hope for your family member")
    term.send("calm evenings" + ENTER)
    term.expect(r"happened\?")
    lines = term.screen().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("? What is one small goal"))
    assert lines[at] == (
        "? What is one small goal for the next month, something you could notice if it"
    )
    assert lines[at + 1].startswith("happened?")
    term.send("one meal together" + ENTER)
    assert term.finish() == 0


def test_questions_fit_by_cells_and_the_instruction_keeps_its_words(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    english = fit_question("Which of these would you like to try first today?", "(arrow keys)")
    assert english.split("\n") == ["Which of these would you like to try", "first today?"]
    japanese = fit_question(
        "調子がくずれはじめるとき、最初に何が起きやすいですか？小さな変化でかまいません。"
    )
    assert japanese.split("\n") == [
        "調子がくずれはじめるとき、最初に何が起",
        "きやすいですか？小さな変化でかまいませ",
        "ん。",
    ]
    assert all(cell_width(line) <= 38 for line in japanese.split("\n"))
    # an instruction that would not fit beside the last line starts its own line
    assert fit_question("Pick the ones that fit today, please", "(Space to tick)").endswith("\n")
    assert fit_question("Two lines\nstay two", "") == "Two lines\nstay two"
