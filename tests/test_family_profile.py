"""A family profile is a family hiki: its own welcome, overview, ideas, guides and risk response,
and never a word of it in the person's own profile (issue 14, point 1)."""

from __future__ import annotations

import pytest

from tests.support import json_data, log_lines, tree_snapshot

MUM = ["--profile", "mum"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_family_start_marks_the_profile_and_names_it_in_every_hint(hiki, home):
    started = hiki(["family", "start", "mum"])
    assert started.exit_code == 0
    assert "hiki --profile mum family" in flat(started.output)
    assert log_lines(home) == [] and log_lines(home, "mum") == []  # a mark, not an entry
    text = flat(hiki(MUM).output)
    assert "Your own space in hiki" in text  # the family member's own welcome
    assert "hiki --profile mum family checkin" in text
    text = flat(hiki(MUM).output)  # after the welcome, their own overview
    assert "Next: hiki --profile mum family lesson 1" in text
    assert "Your own check-ins, the last 7 days" in text and "your stress" in text
    # nothing of the person's screens: no mood table, no person's check-in prompt
    assert "mood" not in text and "`hiki checkin`" not in text
    again = hiki(["family", "start", "mum"])
    assert again.exit_code == 0 and "already" in again.output


def test_first_family_use_of_a_named_profile_marks_it(hiki, home):
    hiki([*MUM, "family"])
    assert "Your own space in hiki" in flat(hiki(MUM).output)


@pytest.mark.parametrize("args", [["family", "start", "default"], ["family", "start"]])
def test_the_main_profile_cannot_become_a_family_one(hiki, home, args):
    before = tree_snapshot(home)
    result = hiki(args)
    assert result.exit_code == 2 and "hiki family start mum" in flat(result.output)
    assert tree_snapshot(home) == before


def test_family_start_checks_the_name(hiki, home):
    before = tree_snapshot(home)
    result = hiki(["family", "start", "../x"])
    assert result.exit_code == 2 and "not a valid name" in result.output
    assert tree_snapshot(home) == before


def test_the_persons_welcome_offers_the_family_programme_and_keeps_their_screens(hiki):
    text = flat(hiki([]).output)
    assert "Are you a family member?" in text and "hiki family start mum" in text
    assert "mood" in flat(hiki([]).output)  # then the person's own week


def test_family_list_in_the_main_profile_says_where_the_programme_runs(hiki, home):
    text = flat(hiki(["family"]).output)
    assert "hiki family start mum" in text
    assert "Continue with" not in text  # no hint that would write into the person's log


def test_the_family_dashboard_shows_their_stress_and_one_idea_for_carers(hiki):
    hiki([*MUM, "family", "checkin", "--stress", "3", "--date", "2026-11-24"])
    text = hiki(MUM).output
    [row] = [line for line in text.splitlines() if line.startswith("Tue 24")]
    assert row.rstrip().endswith(" 3")
    assert "One idea for today" in flat(text)
    assert "`hiki --profile mum crisis` (alias `hiki --profile mum sos`)" in flat(text)


def test_guides_open_in_the_family_version_in_a_family_profile(hiki):
    hiki(["family", "start", "mum"])
    theirs = flat(hiki([*MUM, "guide", "family", "--no-pager"]).output)
    assert "Helping without pushing" in theirs
    own = flat(hiki(["guide", "family", "--no-pager"]).output)
    assert "You and your family" in own
    chosen = flat(hiki([*MUM, "guide", "family", "--audience", "self", "--no-pager"]).output)
    assert "You and your family" in chosen


def test_a_very_heavy_day_goes_through_the_one_risk_mechanism(hiki, home):
    result = hiki([*MUM, "family", "checkin", "--stress", "9"])
    assert result.exit_code == 0
    text = flat(result.output)
    assert "very heavy day" in text and "your safety plan: hiki --profile mum crisis" in text
    assert text.rstrip().endswith(
        "hiki --profile mum crisis"
    )  # the block is the last thing on the screen
    kinds = [e["kind"] for e in log_lines(home, "mum")]
    assert kinds == ["risk.signal", "family.checkin"]  # the signal is saved first, at once
    signal = log_lines(home, "mum")[0]["data"]
    assert signal["source"] == "family" and signal["answer"] == "stress 9"
    assert log_lines(home) == []
    safety = flat(hiki([*MUM, "history"]).output)
    assert "family check-in" in safety and "stress 9 of 10" in safety


def test_a_heavy_day_in_json_keeps_stdout_json_with_the_crisis_block(hiki, home):
    result = hiki([*MUM, "family", "checkin", "--stress", "8", "--json"])
    assert result.exit_code == 0
    doc = json_data(result.stdout)
    assert doc["stress"] == 8 and doc["crisis"]["more"] == "hiki crisis"


def test_an_ordinary_day_gets_a_kind_word_and_no_risk(hiki, home):
    result = hiki([*MUM, "family", "checkin", "--stress", "7", "--selfcare", "a walk"])
    assert "Looking after you is part of helping" in flat(result.output)
    assert [e["kind"] for e in log_lines(home, "mum")] == ["family.checkin"]


def test_the_violence_lesson_says_where_its_notes_are_kept(hiki):
    shown = flat(hiki([*MUM, "family", "lesson", "3", "--show"]).output)
    assert "hiki --profile mum data encrypt" in shown and "paper" in shown


@pytest.mark.parametrize(
    "lang, phrases",
    [
        ("en", ["Never give in to a demand", "Do not hit back", "brothers and sisters",
                "losing touch with reality", "#9110", "189", "精神科救急情報センター",
                "Your own limit", "Are you thinking about ending your life?", "out of reach"]),
        ("ja", ["けっして応じないでください", "やり返したり", "きょうだい", "現実とのつながり",
                "#9110", "189", "精神科救急情報センター", "あなた自身の限界",
                "死ぬことを考えている？"]),
    ],
)  # fmt: skip
def test_the_violence_lesson_covers_what_a_family_worker_asks(hiki, monkeypatch, lang, phrases):
    monkeypatch.setenv("HIKI_LANG", lang)
    shown = flat(hiki([*MUM, "family", "lesson", "3", "--show"]).output)
    if lang == "ja":  # Japanese wraps anywhere, so a line break may fall inside a phrase
        shown = shown.replace(" ", "")
    for phrase in phrases:
        assert phrase in shown, phrase


def test_every_crisis_and_settings_hint_in_a_family_profile_names_the_profile(hiki, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")  # no country: the hints to set one are shown
    assert hiki(["family", "start", "mum"]).exit_code == 0
    first = flat(hiki(MUM).output.replace("│", " "))
    assert "`hiki --profile mum config set country JP` sets yours" in first
    assert "`hiki --profile mum config set language ja`" in first
    assert "`hiki --profile mum crisis` is always there" in first
    assert "`hiki config set" not in first and "`hiki crisis`" not in first
    heavy = flat(hiki([*MUM, "family", "checkin", "--stress", "9"]).output)
    assert "hiki --profile mum config set country JP to remember it" in heavy
    assert "All lines, and your safety plan: hiki --profile mum crisis" in heavy
    assert "hiki config set" not in heavy
    lessons = flat(hiki([*MUM, "family"]).output)
    assert "support lines: hiki --profile mum crisis" in lessons
    crisis = flat(hiki([*MUM, "crisis"]).output)
    assert "`hiki --profile mum config set country JP` to remember it" in crisis


def test_the_persons_own_hints_stay_plain(hiki, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    first = flat(hiki([]).output.replace("│", " "))
    assert "`hiki config set country JP` sets yours" in first
    assert "`hiki crisis` is always there" in first
    assert "{hiki}" not in first
