"""A Japanese result said what its band means in English ("Your answers show a lot of anxiety...").
These are hiki's own sentences, not the form's wording: they have Japanese words now, beside the
band names (content/ja/safety.yaml assess.band_meanings), applied where the band names are. The
form's own option labels stay English (their Japanese wording is not in the reference)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ja(monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


def test_a_japanese_result_says_what_the_band_means_in_japanese(hiki, ja):
    out = hiki(["assess", "gad7", "--answers", "3,3,3,3,3,3,3"]).output
    assert "目安：重度（15〜21点）" in out
    assert "この2週間、強い不安がたくさんあったことがうかがえる答えです。" in out
    assert "近いうちに、医師やカウンセラーに相談することを考えてみてください。" in out
    assert "Your answers" not in out and "doctor" not in out, out


def test_the_japanese_words_reach_the_json_and_the_single_item_reading(hiki, ja):
    import json

    data = json.loads(hiki(["assess", "who5", "--answers", "3,3,3,3,1", "--json"]).output)
    meaning = data["data"]["meaning"]
    assert meaning.startswith("合計点は低い範囲より上ですが、「At no time」か「Some of the time」")
    assert data["data"]["band"] == "low-item"
    out = hiki(["assess", "phq2", "--answers", "0,0"]).output
    assert "いまのところ、より詳しい質問票に答える必要があるという結果ではありません。" in out


def test_a_form_without_bands_has_its_score_note_in_japanese(hiki, ja):
    out = hiki(["assess", "ucla3", "--answers", "2,2,2"]).output
    assert "点数は3〜9点で、高いほど、さびしさを感じることが多いという意味です。" in out
    assert "Scores go from" not in out


def test_a_risk_answer_keeps_the_forms_own_option_label(hiki, ja):
    out = hiki(["assess", "phq9", "--answers", "3,3,3,3,3,3,3,3,3"]).output
    assert "合計点よりも大切な答えがあります：質問9（Nearly every day）" in out


def test_english_keeps_the_form_files_sentences(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "en")
    monkeypatch.setenv("COLUMNS", "200")
    out = hiki(["assess", "gad7", "--answers", "3,3,3,3,3,3,3"]).output
    assert "Your answers show a lot of anxiety in the last two weeks." in out


def test_every_shipped_band_has_a_japanese_meaning_and_no_other():
    words = yaml.safe_load((ROOT / "content/ja/safety.yaml").read_text("utf-8"))["assess"]
    expected: dict[str, set[str]] = {}
    notes = set()
    for path in (ROOT / "content/en/instruments").glob("*.yaml"):
        form = yaml.safe_load(path.read_text("utf-8"))
        scoring = form["scoring"]
        ids = {b["id"] for b in scoring.get("bands", [])}
        if scoring.get("any_item_at_most"):
            ids.add(scoring["any_item_at_most"]["id"])
        if ids:
            expected[form["id"]] = ids
        if form.get("score_note"):
            notes.add(form["id"])
    assert expected
    assert {i: set(b) for i, b in words["band_meanings"].items()} == expected
    assert set(words["score_notes"]) == notes
