"""`hiki support`: non-crisis services as data apart from words; every entry has a source and a
verified_on date, SECONDARY ones are labelled, and no number ships that is not in the reference."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hikicli.content.catalog import content_root
from hikicli.content.support_content import build_support
from hikicli.content.yamlload import parse_file
from tests.support import json_data

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"


def flat(text: str) -> str:
    return " ".join(text.split())


def data() -> dict:
    return parse_file(content_root() / "support-services.yaml").data


def test_every_service_has_a_source_a_date_and_a_status():
    services = [s for c in data()["countries"].values() for s in c]
    assert len(services) >= 15
    for s in services:
        assert s["source"].strip() and s["verified_on"], s["id"]
        assert s["status"] in ("confirmed", "secondary"), s["id"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference is not beside the repo")
def test_no_number_ships_that_is_not_in_the_reference():
    reference = " ".join(p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md"))
    for country in data()["countries"].values():
        for s in country:
            for value in s["contact"].values():
                if re.search(r"\d", value) and not value.startswith("http"):
                    assert value in reference, (s["id"], value)
    for lang in ("en", "ja"):
        words = (ROOT / "content" / lang / "support.yaml").read_text(encoding="utf-8")
        assert not re.search(r"\d{2,}[- ]\d{3,}", words), f"a number in {lang}/support.yaml"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_service_has_words_in_both_languages(lang):
    built = build_support(lang)
    ids = {c: [s["id"] for s in v] for c, v in data()["countries"].items()}
    assert {c: [s["id"] for s in v] for c, v in built["countries"].items()} == ids
    if lang == "ja":
        assert "頑張" not in json.dumps(built, ensure_ascii=False)


def test_japan_lists_the_services_by_topic_with_secondary_labelled(hiki):
    result = hiki(["support", "--country", "JP"])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    for name in (
        "ひきこもり地域支援センター",
        "精神保健福祉センター",
        "保健所",
        "KHJ",
        "自立支援医療",
        "高等学校卒業程度認定試験",
        "夜間中学",
        "教育支援センター",
    ):
        assert name in out, name  # fmt: skip
    assert "Some of these offices take only phone calls." in out
    assert "SECONDARY: read only on a secondary page" in out
    assert "checked 2026-12-01" in out
    assert out.endswith("`hiki crisis` shows people you can reach now.")
    school = flat(hiki(["support", "--country", "JP", "--need", "school"]).output)
    assert "夜間中学" in school and "ハローワーク" not in school


def test_json_keys_and_a_first_call_script(hiki):
    listed = json_data(hiki(["support", "--country", "US", "--json"]).output)
    assert list(listed) == ["country", "need", "services", "countries", "crisis"]
    assert [s["id"] for s in listed["services"]] == ["samhsa", "nami", "vocational-rehab"]
    one = json_data(hiki(["support", "hikikomori-centre", "--json"]).output)["services"][0]
    assert one["script"]["end"].startswith("You can end the call at any time")
    assert one["secondary"] == "contact" and one["phone_only_some"] is True
    shown = flat(hiki(["support", "headspace"]).output)
    assert "1800 650 890" in shown and "A first call or message" in shown


def test_wrong_input_names_the_choices(hiki):
    assert "Topics: hikikomori, family" in flat(hiki(["support", "--need", "x"]).output)
    assert hiki(["support", "--country", "FR"]).exit_code == 2
    assert hiki(["support", "nope"]).exit_code == 2


def test_a_country_without_services_points_to_crisis_lines(hiki):
    out = flat(hiki(["support", "--country", "CA"]).output)
    assert "no non-crisis services for CA yet" in out and "hiki crisis" in out


def test_japanese_words(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = flat(hiki(["support", "jiritsu-shien"]).output)
    assert "3割から原則1割" in out and "窓口でたずねる" in out
