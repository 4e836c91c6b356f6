"""The one risk decision, the short block's choice of lines, and the one reading of the log."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from hikicli.content.risk_content import load_risk_content
from hikicli.domain.crisis import CountryChoice, resolve_country
from hikicli.domain.risk import (
    from_instrument_item,
    from_note,
    from_safe_answer,
    normalize_safe,
    respond,
    safety_rows,
    short_block,
    signal_problem,
)

JST = dt.timezone(dt.timedelta(hours=9))
DAY = dt.date(2026, 11, 25)
CRISIS = load_risk_content("en").crisis
PHRASES = load_risk_content("en").risk["note_phrases"]


def names(when: dt.datetime, country: str = "JP") -> list[str]:
    return [line["contact"][:12] for line in short_block(CRISIS, CountryChoice(country, "setting"),
                                                         when)["lines"]]  # fmt: skip


def test_block_shows_only_confirmed_lines_open_now_in_japan_time():
    # Wednesday 09:30 in Japan: Yorisoi (24 h) and #いのちSOS (other days 6:00-24:00)
    assert names(dt.datetime(2026, 11, 25, 9, 30, tzinfo=JST)) == ["0120-279-338", "0120-061-338"]
    # Tuesday 03:00: only the 24-hour line
    assert names(dt.datetime(2026, 11, 24, 3, 0, tzinfo=JST)) == ["0120-279-338"]
    # Monday 03:00: #いのちSOS is 24 h on Mondays
    assert names(dt.datetime(2026, 11, 23, 3, 0, tzinfo=JST)) == ["0120-279-338", "0120-061-338"]
    # the same moment given in UTC is read in Japan time (Tuesday 03:00 JST = Monday 18:00 UTC)
    assert names(dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.timezone.utc)) == ["0120-279-338"]


def test_block_knows_the_free_line_of_the_10th_and_at_most_three_lines():
    # 10 December 23:00: Yorisoi, #いのちSOS (Thursday 24 h), the free line (10th 8:00 - 11th 8:00)
    at = dt.datetime(2026, 12, 10, 23, 0, tzinfo=JST)
    assert names(at) == ["0120-279-338", "0120-061-338", "0120-783-556"]
    # 11 December 07:00 is still inside the monthly free window; 09:00 is not
    assert "0120-783-556" in names(dt.datetime(2026, 12, 11, 7, 0, tzinfo=JST))
    assert "0120-783-556" not in names(dt.datetime(2026, 12, 11, 9, 0, tzinfo=JST))
    # 17:00 on the 11th: the daily free hours; four lines are open, three are shown
    assert len(names(dt.datetime(2026, 12, 11, 17, 0, tzinfo=JST))) == 3


def test_block_puts_text_first_and_never_shows_an_unconfirmed_line():
    at = dt.datetime(2026, 11, 25, 9, 30, tzinfo=JST)
    assert names(at, "US") == ["Text HOME to", "Call or text"]
    jp = short_block(CRISIS, CountryChoice("JP", "setting"), at)["lines"]
    assert not any("生きづらびっと" in line["name"] or "TELL" in line["name"] for line in jp)
    assert "Foreign-language guidance is available." in jp[0]["note"]


def test_block_without_a_country_gives_the_directory_and_the_countries():
    block = short_block(CRISIS, CountryChoice(None, "none"), dt.datetime(2026, 11, 25, 9, 30))
    assert block["country"] is None and block["countries"] == ["AU", "CA", "GB", "JP", "US"]
    assert block["lines"][0]["contact"] == "https://findahelpline.com/"
    assert "112" in block["emergency"]


def test_country_is_the_flag_then_the_setting_then_a_guess():
    env = {"LANG": "ja_JP.UTF-8"}
    assert resolve_country("gb", "US", env) == CountryChoice("GB", "flag")
    assert resolve_country(None, "us", env) == CountryChoice("US", "setting")
    assert resolve_country(None, "", env) == CountryChoice("JP", "locale")
    assert resolve_country(None, None, {"LANG": "C.UTF-8"}) == CountryChoice(None, "none")


@pytest.mark.parametrize(
    "raw, word",
    [("No", "no"), ("n", "no"), (" NO ", "no"), ("Y", "yes"), ("yes", "yes"), ("Skip", "skip"),
     ("not-sure", "no"), ("maybe", "maybe"), (None, None)],
)  # fmt: skip
def test_safe_answers_in_any_case(raw, word):
    assert normalize_safe(raw) == word


def test_sources_become_signals_with_their_own_strength():
    assert from_safe_answer("no", DAY, mood=1).strength == "high"  # type: ignore[union-attr]
    assert from_safe_answer("skip", DAY).strength == "possible"  # type: ignore[union-attr]
    assert from_safe_answer("yes", DAY) is None
    own = {"id": "mine", "name": "MINE", "scoring": {"risk_items": [{"item": 2, "at_least": 2}]}}
    assert from_instrument_item(own, 2, 1, DAY) is None  # below this instrument's own threshold
    signal = from_instrument_item(own, 2, 2, DAY)
    assert signal is not None and (signal.item, signal.threshold) == (2, 2)


@pytest.mark.parametrize(
    "note", ["I want to die", "i WANT to   die", "I want to ｄｉｅ", "thinking about suicide"]
)
def test_note_phrases_ignore_case_width_and_spacing(note):
    signal = from_note(note, PHRASES, DAY)
    assert signal is not None and signal.answer == "phrase"


@pytest.mark.parametrize("note", ["", "I'm dying to see the new film", "a diet day", "tired"])
def test_ordinary_notes_are_not_signals(note):
    assert from_note(note, PHRASES, DAY) is None


def test_respond_decides_once_for_all_sources():
    high = from_safe_answer("no", DAY)
    note = from_note("want to die", PHRASES, DAY)
    assert high is not None and note is not None
    both = respond([note, high], "none")
    assert both is not None
    assert (both.level, both.message, both.plan, both.offer_stop, both.offer_plan_now) == (
        "high", "high", "offer", True, True)  # fmt: skip
    only_note = respond([note], "unknown")
    assert only_note is not None
    assert (only_note.message, only_note.plan, only_note.offer_stop) == ("note", "hint", False)
    assert respond([], "plan") is None


def test_one_validator_refuses_odd_payloads():
    good = from_safe_answer("no", DAY, mood=1).to_data()  # type: ignore[union-attr]
    assert signal_problem(good) is None
    assert signal_problem({**good, "source": "rumour"})
    assert signal_problem({**good, "date": "someday"})
    assert signal_problem({**good, "note": "words must never be copied here"})
    assert signal_problem({**good, "mood": True})


def test_safety_rows_count_each_moment_once():
    signal = from_instrument_item(
        {"id": "phq9", "name": "PHQ-9", "scoring": {"risk_items": [{"item": 9, "at_least": 1}]}},
        9, 3, DAY,
    )  # fmt: skip
    assert signal is not None
    events = [
        {"kind": "risk.signal", "ts": "2026-11-25T09:30:00+09:00", "data": signal.to_data()},
        {"kind": "assessment", "ts": "2026-11-25T09:30:01+09:00",
         "data": {"instrument": "phq9", "name": "PHQ-9", "answers": [0] * 8 + [3],
                  "risk_items": [9]}},
        # written by an older hiki, before risk.signal existed: still counted
        {"kind": "checkin", "ts": "2026-11-20T09:30:00+09:00",
         "data": {"date": "2026-11-20", "safe": "no"}},
        {"kind": "risk.signal", "ts": "x", "data": {"source": "bad"}},  # unreadable: skipped
    ]  # fmt: skip
    rows = safety_rows(events)
    assert [(r.date, r.source, r.answer) for r in rows] == [
        ("2026-11-20", "checkin", "no"),
        ("2026-11-25", "instrument", "3"),
    ]


def test_the_frozen_fallback_matches_the_shipped_files():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    try:
        import gen_risk_fallback  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    assert gen_risk_fallback.OUT.read_text(encoding="utf-8") == gen_risk_fallback.render(), (
        "run python tools/gen_risk_fallback.py"
    )


def test_broken_crisis_and_risk_files_fall_back_to_the_frozen_copy(tmp_path, monkeypatch):
    from hikicli.content.catalog import content_root

    broken = tmp_path / "content"
    shutil.copytree(content_root(), broken)
    (broken / "en" / "crisis.yaml").write_text("countries: [oops", encoding="utf-8")
    (broken / "en" / "risk.yaml").write_bytes(b"\xff\xfe not text")
    monkeypatch.setattr("hikicli.content.catalog.content_root", lambda: broken)
    content = load_risk_content("en")
    assert len(content.problems) == 2
    jp = content.crisis["countries"]["JP"]["lines"]
    assert any(line["contact"].startswith("0120-279-338") for line in jp)
    assert content.risk["block"]["more"] == "All lines, and your safety plan: `{hiki} crisis`"


def test_note_phrases_are_read_without_the_models_in_both_languages():
    from hikicli.content.risk_content import note_phrases

    ja = note_phrases("ja")
    assert "死にたい" in ja and "want to die" in ja  # a note may be written in either
    assert from_note("もう死にたい", ja, DAY) is not None
    assert note_phrases("en") == PHRASES
