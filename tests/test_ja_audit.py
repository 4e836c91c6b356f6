"""What a new-user audit found on Japanese screens: no English, natural wording (docs/ja-style.md).
The expected words are written here, not read from the catalog."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import FIXED_NOW, log_lines

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


def test_minutes_are_asked_for_as_minutes_not_as_a_fraction(hiki, monkeypatch):
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    monkeypatch.setenv("HIKI_LANG", "ja")
    args = ["step", "s1", "--result", "done", "--peak", "25", "--end", "10", "--minutes", "2000"]
    result = hiki(args)
    assert result.exit_code == 2
    assert "--minutes は0〜1440（分）の数で入力してください（入力：2000）。" in result.output
    assert "分数" not in result.output


def test_the_week_s_days_are_not_zero_padded_in_japanese(hiki, make_ctx, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    december = make_ctx(now=dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo))
    out = hiki([], ctx=december).output
    hiki([], ctx=december)  # past the first-run welcome
    out = hiki([], ctx=december).output
    assert "\n1日(火)" in out and "30日(月)" in out and "01日" not in out
    monkeypatch.setenv("HIKI_LANG", "en")
    out = hiki([], ctx=make_ctx(now=dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo)))
    assert "Tue 01" in out.output  # English keeps its column of two digits


def test_the_report_counts_tasks_in_natural_japanese(hiki, home, make_ctx, tmp_path, monkeypatch):
    from tests.test_report_first_page import client

    client(hiki, make_ctx, tmp_path)
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["report", "--since", "2026-11-18"]).output
    said = "宿題「Our two weeks」（2026-11-18〜2026-12-01）：済んだタスクは3件のうち1件、"
    said += "チェックインの計画"
    assert said in out
    assert "のタスクが済み" not in out and "3のうち1" not in out


@pytest.mark.parametrize(
    "flag, ja",
    [("--mood", "'--mood' の値 'abc' は使えません（整数で入力してください）。"),
     ("--sleep", "'--sleep' の値 'abc' は使えません（7.5 のような数で入力してください）。")],
)  # fmt: skip
def test_a_value_that_is_not_a_number_is_said_without_type_names(hiki, monkeypatch, flag, ja):
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = hiki(["checkin", flag, "abc"])
    assert result.exit_code == 2 and ja in result.output
    assert "int" not in result.output and "float" not in result.output


@pytest.mark.parametrize(
    "lang, commands",
    [
        ("ja", ["hiki config set country XX", "hiki crisis"]),
        ("en", ["hiki crisis --country JP", "hiki config set country JP", "hiki crisis"]),
    ],
)
def test_the_crisis_block_inside_assess_keeps_each_command_on_one_line(
    hiki, monkeypatch, lang, commands
):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", lang)
    out = hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]).output
    lines = [line.rstrip() for line in out.splitlines()]
    for command in commands:
        assert any(command in line for line in lines), f"{command} broken:\n{out}"
    assert not any(line.endswith(("hiki", "config", "set", "country")) for line in lines), out
    assert not any(line.lstrip().startswith(("XX", "JP ", "country")) for line in lines), out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_crisis_screen_keeps_each_command_on_one_line(hiki, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", lang)
    out = hiki(["crisis", "--country", "JP"]).output + hiki(["crisis"]).output
    lines = [line.rstrip() for line in out.splitlines()]
    assert not any(line.endswith(("hiki", "config", "set", "country")) for line in lines), out
    assert not any(line.lstrip().startswith(("XX", "country")) for line in lines), out


def test_after_item_9_in_japanese_the_commands_stay_whole_on_the_screen(tmp_path):
    from tests.screen import DOWN, ENTER, start

    t = start(["assess", "phq9"], tmp_path / "home", {"HIKI_LANG": "ja"})
    for number in range(1, 9):
        t.expect(f"{number}/9")
        t.send(ENTER)
    t.expect("9/9")
    t.send(DOWN * 3 + ENTER)  # 「ほとんど毎日」
    t.expect("いいえ")
    t.send(ENTER)  # 「いいえ」: no safety plan now
    assert t.finish() == 0
    rows = [row.rstrip() for row in t.screen().splitlines()]
    assert any(row.endswith("hiki config set country XX") for row in rows), t.screen()
    assert any("hiki crisis" in row for row in rows), t.screen()
    assert not any(row.endswith(("hiki", "country")) or row.startswith("XX") for row in rows)
