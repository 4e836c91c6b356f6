"""`hiki progress` named a result's band by its id ("mild", "below-cut-off") in English and
Japanese alike: the screen now says the band's name in its language, as `assess` and `report` do;
the JSON keeps the id (data)."""

from __future__ import annotations

import pytest

from tests.support import json_data


@pytest.fixture
def answered(hiki, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    forms = (("gad7", "1,1,1,1,1,1,1"), ("gad2", "0,1"), ("phq9", "2,2,2,2,2,0,0,0,0"))
    for form, answers in forms:
        result = hiki(["assess", form, "--answers", answers])
        assert result.exit_code == 0, result.output
    return monkeypatch


def test_english_progress_names_the_band(hiki, answered):
    out = hiki(["progress"]).output
    assert "7  Mild (5–9)" in out
    assert "1  Below the cut-off (0–2)" in out
    assert "10  Moderate (10–14)" in out
    for raw in ("  mild", "below-cut-off", "  moderate"):
        assert raw not in out, out


def test_japanese_progress_names_the_band_in_japanese(hiki, answered):
    answered.setenv("HIKI_LANG", "ja")
    out = hiki(["progress"]).output
    assert "7  軽度（5〜9点）" in out
    assert "1  カットオフ値未満（0〜2点）" in out
    assert "10  中等度（10〜14点）" in out
    for raw in ("mild", "below-cut-off", "moderate", "Mild", "Moderate", "cut-off"):
        assert raw not in out, out


def test_the_json_keeps_the_band_ids(hiki, answered):
    answered.setenv("HIKI_LANG", "ja")
    data = json_data(hiki(["progress", "--json"]).output)
    bands = {name: [e["band"] for e in entries] for name, entries in data["assessments"].items()}
    assert bands == {"GAD-7": ["mild"], "GAD-2": ["below-cut-off"], "PHQ-9": ["moderate"]}
    assert "band_label" not in str(data["assessments"])
