"""A questionnaire's band in the screen's language: the Japanese report, history and results said
"Mild (5–9)" (the English form's label). The forms stay English (no official Japanese wording in
the reference), but their bands are named in Japanese, with the form's own cut-offs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from hikicli.domain.instruments import named_bands

ROOT = Path(__file__).resolve().parents[1]
PHQ9_SIX = "1,1,1,1,1,1,0,0,0"  # 6: mild (5–9)
GAD7_TEN = "2,2,2,2,2,0,0"  # 10: moderate (10–14)
ENGLISH_BANDS = ("Mild", "Moderate", "Severe", "minimal", "cut-off", "well-being")


@pytest.fixture
def answered(hiki, monkeypatch):
    def answer(lang: str) -> None:
        monkeypatch.setenv("HIKI_LANG", lang)
        for form, answers in (("phq9", PHQ9_SIX), ("gad7", GAD7_TEN)):
            result = hiki(["assess", form, "--answers", answers])
            assert result.exit_code == 0, result.output

    return answer


def texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [value] if isinstance(value, str) else []


def test_the_japanese_report_names_bands_in_japanese_in_every_format(hiki, answered):
    answered("ja")
    md = hiki(["report", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "PHQ-9：6点（最大27点）、軽度（5〜9点）" in md.output
    assert "GAD-7：10点（最大21点）、中等度（10〜14点）" in md.output
    assert "| 6 | 軽度（5〜9点） |" in md.output
    html = hiki(["report", "--format", "html"])
    assert "軽度（5〜9点）" in html.output and "中等度（10〜14点）" in html.output
    for out in (md.output, html.output):
        assert not [w for w in ENGLISH_BANDS if w in out], out
    data = json.loads(hiki(["report", "--format", "json"]).output)
    assert {s["instrument"]: s["band_label"] for s in data["summary"]["scores"]} == {
        "PHQ-9": "軽度（5〜9点）",
        "GAD-7": "中等度（10〜14点）",
    }
    assert not [t for t in texts(data) if any(w in t for w in ENGLISH_BANDS)]


def test_history_and_results_name_bands_in_japanese(hiki, answered, monkeypatch):
    answered("ja")
    result = hiki(["assess", "phq9", "--answers", "3,3,3,3,3,0,0,0,0"])
    assert "目安：中等度から重度（15〜19点）" in result.output
    assert "PHQ-9 6点、軽度（5〜9点）" in hiki(["history"]).output
    assert "中等度（10〜14点）" in hiki(["assess", "history"]).output


def test_english_keeps_the_forms_labels(hiki, answered):
    answered("en")
    md = hiki(["report", "--format", "md"]).output
    assert "Mild (5–9)" in md and "Moderate (10–14)" in md
    assert "PHQ-9 6: Mild (5–9)" in hiki(["history"]).output
    data = json.loads(hiki(["report", "--format", "json"]).output)
    assert {s["instrument"]: s["band_label"] for s in data["summary"]["scores"]} == {
        "PHQ-9": "Mild (5–9)",
        "GAD-7": "Moderate (10–14)",
    }


def test_every_shipped_band_has_japanese_words():
    names = yaml.safe_load((ROOT / "content/ja/safety.yaml").read_text("utf-8"))["assess"]
    ids = set()
    for path in (ROOT / "content/en/instruments").glob("*.yaml"):
        scoring = yaml.safe_load(path.read_text("utf-8"))["scoring"]
        ids |= {b["id"] for b in scoring.get("bands", [])}
        if scoring.get("any_item_at_most"):
            ids.add(scoring["any_item_at_most"]["id"])
    assert ids and ids <= set(names["band_names"]), ids - set(names["band_names"])


def test_the_ranges_are_the_forms_own():
    form = {
        "id": "x",
        "scoring": {
            "bands": [
                {"id": "mild", "min": 3, "max": 8, "label": "Mild (3–8)"},
                {"id": "other", "min": 9, "max": 10, "label": "Other (9–10)"},
            ],
            "any_item_at_most": {"id": "low-item", "at_most": 1, "label": "One low answer"},
        },
    }
    named = named_bands(form, {"mild": "軽度", "low-item": "低い答え"}, "{name}（{min}〜{max}点）")
    bands = named["scoring"]["bands"]
    assert [b["label"] for b in bands] == ["軽度（3〜8点）", "Other (9–10)"]
    assert [(b["min"], b["max"]) for b in bands] == [(3, 8), (9, 10)]
    assert named["scoring"]["any_item_at_most"]["label"] == "低い答え"
    assert form["scoring"]["bands"][0]["label"] == "Mild (3–8)"  # the catalog's own is untouched
