"""The CRAFT lessons in depth (issue 14, item 2): the functional analysis with inner triggers,
short- and long-term consequences and good moments; a list of what the person enjoys; natural
consequences named and explained; "when they say yes, act within days, with the contact ready";
lesson 9 comes back to lesson 1's small goal, showing the family member's own words."""

from __future__ import annotations

import pytest

from tests.support import json_data, tree_snapshot

MUM = ["--profile", "mum"]


def shown(hiki, monkeypatch, lang: str, number: str) -> str:
    monkeypatch.setenv("HIKI_LANG", lang)
    text = " ".join(hiki([*MUM, "family", "lesson", number, "--show"]).output.split())
    return text.replace(" ", "") if lang == "ja" else text  # Japanese wraps anywhere


CASES = [
    ("2", "en", ["inside", "a thought", "the body", "Short term", "Long term",
                 "Good moments have patterns too", "functional analysis"]),
    ("2", "ja", ["内側のきっかけ", "考え", "からだ", "短い目で", "長い目で",
                 "いい場面にもパターンがある", "機能分析"]),
    ("5", "en", ["A list of what they enjoy", "after a step, not as a bargain", "Your list"]),
    ("5", "ja", ["「好きなこと」リスト", "取り引き", "あなたのリスト"]),
    ("6", "en", ["Natural consequences", "not punishments", "only when it is safe"]),
    ("6", "ja", ["自然な結果", "罰ではありません", "安全なときだけ"]),
    ("8", "en", ["When they say yes", "Have the contact ready beforehand", "Act within days",
                 "hiki support --need hikikomori"]),
    ("8", "ja", ["「うん」と言われたら", "相談先を前もって用意しておく", "数日のうちに動く",
                 "hikisupport--needhikikomori"]),
    ("1", "en", ["come back to that goal in lesson 9"]),
    ("1", "ja", ["レッスン9でもう一度戻ってきて"]),
    ("9", "en", ["Back to your small goal", "In lesson 1 you wrote"]),
    ("9", "ja", ["小さな目標に戻る", "レッスン1で"]),
    ("3", "en", ["hiki --profile mum family read suicide-signs"]),
    ("3", "ja", ["hiki--profilemumfamilyreadsuicide-signs"]),
]  # fmt: skip


@pytest.mark.parametrize("number, lang, phrases", CASES)
def test_each_lesson_holds_the_craft_step(hiki, monkeypatch, number, lang, phrases):
    text = shown(hiki, monkeypatch, lang, number)
    for phrase in phrases:
        assert phrase in text, (number, lang, phrase)


def test_lesson_9_shows_the_small_goal_of_lesson_1_in_the_parents_words(hiki, home):
    goal = "one *meal* together a week"
    saved = hiki(
        [*MUM, "family", "lesson", "1", "--answer", "hope=calm", "--answer", f"goal={goal}"]
    )
    assert saved.exit_code == 0
    before = tree_snapshot(home)
    text = " ".join(hiki([*MUM, "family", "lesson", "9", "--show"]).output.split())
    assert f"The small goal you wrote in lesson 1: {goal}" in text  # as typed, not as Markdown
    doc = json_data(hiki([*MUM, "family", "lesson", "9", "--json"]).output)
    assert doc["recalled"] == {"module": "connecting", "key": "goal", "answer": goal}
    assert tree_snapshot(home) == before


def test_lesson_9_without_a_goal_says_nothing_of_one(hiki):
    text = " ".join(hiki([*MUM, "family", "lesson", "9", "--show"]).output.split())
    assert "The small goal you wrote" not in text
    assert json_data(hiki([*MUM, "family", "lesson", "9", "--json"]).output)["recalled"] is None


def test_the_deeper_exercises_save_every_answer(hiki, home):
    from tests.support import log_lines

    args = ["moment=came to dinner", "before=a quiet evening", "response=thanks",
            "enjoys=curry, a game together"]  # fmt: skip
    result = hiki([*MUM, "family", "lesson", "5", *(x for a in args for x in ("--answer", a))])
    assert result.exit_code == 0, result.output
    answers = log_lines(home, "mum")[-1]["data"]["answers"]
    assert answers["enjoys"] == "curry, a game together" and answers["before"] == "a quiet evening"
    missing = hiki([*MUM, "family", "lesson", "2", "--answer", "trigger=t", "--answer",
                    "behaviour=b", "--answer", "consequences=c"])  # fmt: skip
    assert missing.exit_code == 2 and "--answer long_term=TEXT" in missing.output
