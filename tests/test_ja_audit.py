"""What a new-user audit found on Japanese screens: no English, natural wording (docs/ja-style.md).
The expected words are written here, not read from the catalog."""

from __future__ import annotations

import pytest

from tests.support import log_lines

MUM = ["--profile", "mum"]


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    "answers, ja, en",
    [
        (
            "1,2",
            "PHQ-9（phq9）の --answers には、質問の順に9個の答えを、それぞれ0〜3の整数で"
            "入力してください（入力は2個でした）。",
            "--answers for PHQ-9 (phq9) needs 9 answers in item order, each a whole number "
            "from 0 to 3 (got 2).",
        ),
        ("1,,2", "（2番目の答えが空です）", "(answer 2 is empty)"),
        ("a,b", "（入力：'a,b'）", "(got 'a,b')"),
        ("1,1,1,1,1,1,1,7,0", "（質問8の答えが 7 でした）", "(item 8 was 7)"),
    ],
)
def test_answers_that_do_not_fit_are_said_in_the_person_s_language(
    hiki, home, monkeypatch, answers, ja, en
):
    result = hiki(["assess", "phq9", "--answers", answers])
    assert result.exit_code == 2 and flat(en) in flat(result.output)
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = hiki(["assess", "phq9", "--answers", answers])
    assert result.exit_code == 2 and flat(ja) in flat(result.output), result.output
    assert "answers in item order" not in result.output
    assert log_lines(home) == []


def test_who5_range_in_japanese(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = hiki(["assess", "who5", "--answers", "1"])
    assert result.exit_code == 2
    assert flat("5個の答えを、それぞれ0〜5の整数で入力してください（入力は1個でした）") in flat(
        result.output
    )


@pytest.mark.parametrize(
    "args, ja, en",
    [
        (["--selfcare", "x" * 4001], "--selfcare が長すぎます", "--selfcare is too long"),
        (["--positive", "a\x07b"], "--positive に制御文字が入っています", "--positive contains"),
    ],
)
def test_a_family_note_names_its_own_flag_in_the_person_s_language(
    hiki, monkeypatch, args, ja, en
):
    result = hiki([*MUM, "family", "checkin", "--stress", "5", *args])
    assert result.exit_code == 2 and en in result.output
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = hiki([*MUM, "family", "checkin", "--stress", "5", *args])
    assert result.exit_code == 2 and ja in result.output and "too long" not in result.output
