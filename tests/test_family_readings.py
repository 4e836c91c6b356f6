"""`hiki family read`: short readings for families, one topic each (issue 14, item 2). Each is
warm, short and ends with one next step; every English file has its Japanese twin; no number
ships that the shared reference does not hold; the list writes nothing and a reading opened is
noted in the family member's own profile (for a pack's task); every hint names the profile."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from hikicli.content.support_models import Need
from hikicli.domain.family import READING_ORDER
from tests.support import json_data, log_lines, tree_snapshot

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parents[1] / "shared" / "reference"
if not REFERENCE.exists():  # a worktree: /work/wt/NAME beside /work/shared
    REFERENCE = Path("/work/shared/reference")
MUM = ["--profile", "mum"]
# Numbers in the readings that are not facts to check: the name of a situation ("8050") and the
# age the issue names for it; lesson numbers and counts in the text are single digits.
NOT_FACTS = {"8050", "40"}
# The same fact written the Japanese way: 146万 is the reference's "1.46 million".
SAME_FACT = {"146": "1.46 million"}


def readings(lang: str) -> dict[str, dict]:
    folder = ROOT / "content" / lang / "family-readings"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_reading_has_its_japanese_twin_and_a_place_in_the_list():
    english, japanese = readings("en"), readings("ja")
    assert set(english) == set(japanese) == set(READING_ORDER)
    for name, item in english.items():
        assert item["id"] == name == japanese[name]["id"]


@pytest.mark.parametrize("lang, most", [("en", 450), ("ja", 1500)])
def test_each_reading_is_short_and_ends_with_one_next_step(lang, most):
    for name, item in readings(lang).items():
        body = item["body"]
        size = len(body.split()) if lang == "en" else len(re.sub(r"\s", "", body))
        assert 150 <= size <= most, (name, size)
        step = item["next_step"].strip()
        assert step and "\n" not in step, name  # one step, one paragraph


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference is not beside the repo")
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_number_ships_that_is_not_in_the_reference(lang):
    reference = " ".join(p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md"))
    for name, item in readings(lang).items():
        text = f"{item['body']} {item['next_step']}"
        for number in re.findall(r"\d+(?:\.\d+)?", text):
            if len(number) < 2 or number in NOT_FACTS:
                continue
            assert SAME_FACT.get(number, number) in reference, (lang, name, number)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_service_named_points_to_hiki_support_with_a_real_topic(lang):
    needs = set(get_args(Need))
    services = ("ひきこもり地域支援センター", "生活困窮者自立支援制度", "保健所")
    for name, item in readings(lang).items():
        text = item["body"] + item["next_step"]
        for need in re.findall(r"hiki support --need ([\w-]+)", text):
            assert need in needs, (name, need)
        if any(s in text for s in services):
            assert "hiki support" in text, name


def test_the_list_names_every_reading_and_the_profile(hiki, home):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    before = tree_snapshot(home)
    shown = flat(hiki([*MUM, "family", "read"]).output)
    assert "Short readings for families" in shown
    for name in READING_ORDER:
        assert name in shown
    assert "What is going on? Is it my fault?" in shown
    assert "Read one with: hiki --profile mum family read TOPIC" in shown
    assert "hiki --profile mum crisis" in shown  # the hint names the profile whose plan it shows
    assert tree_snapshot(home) == before  # reading writes nothing


def test_a_reading_shows_its_words_and_its_one_next_step(hiki, home):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    before = tree_snapshot(home)
    result = hiki([*MUM, "family", "read", "home-visits", "--no-pager"])
    shown = flat(result.output)
    assert result.exit_code == 0
    assert "Home visits with their consent, and never by force" in shown
    assert "take a person out of the home" in shown
    assert "One next step" in shown
    assert "hiki --profile mum family lesson 3" in shown  # {hiki} names this profile
    assert "{hiki}" not in shown
    assert tree_snapshot(home) != before  # noted: a counselor's pack may ask for this reading
    noted = [e for e in log_lines(home, "mum") if e["kind"] == "family.reading"]
    assert [e["data"]["reading"] for e in noted] == ["home-visits"]
    assert not (home / "profiles" / "default" / "log.jsonl").exists()  # never the person's log


def test_json_twins(hiki):
    listed = json_data(hiki([*MUM, "family", "read", "--json"]).output)
    assert [r["id"] for r in listed] == list(READING_ORDER)
    assert set(listed[0]) == {"id", "title", "summary"}
    one = json_data(hiki([*MUM, "family", "read", "over-40", "--json"]).output)
    assert set(one) == {"id", "title", "summary", "body", "next_step"}
    assert "8050" in one["title"] and "hiki support --need cost" in one["next_step"]
    assert "hiki --profile mum family read siblings" in one["body"]


def test_an_unknown_reading_exits_2_naming_the_readings(hiki, home):
    before = tree_snapshot(home)
    result = hiki([*MUM, "family", "read", "nosuch"])
    assert result.exit_code == 2
    assert "There is no reading called 'nosuch'" in result.output
    assert "guilt" in result.output and "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_the_programme_and_the_guide_list_point_to_the_readings(hiki):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    programme = flat(hiki([*MUM, "family"]).output)
    assert "Short readings for families" in programme
    assert "hiki --profile mum family read" in programme
    guides = flat(hiki([*MUM, "guide", "--list"]).output)
    assert "Short readings for families" in guides and "living-alone" in guides
    assert "hiki --profile mum family read TOPIC" in guides
    hiki(MUM)  # the first run: the welcome
    dashboard = flat(hiki(MUM).output)
    assert "Guides and short readings for families: hiki --profile mum guide --list" in dashboard
    persons = flat(hiki(["guide", "--list"]).output)  # the person's own list stays theirs
    assert "Short readings for families" not in persons


@pytest.mark.parametrize(
    "lang, phrases",
    [
        ("en", ["Are you thinking about ending your life?", "stay with them", "hiki crisis",
                "hiki safety-plan", "not a promise not to die", "locked away",
                "精神科救急情報センター", "119"]),
        ("ja", ["死ぬことを考えている？", "そばにいてください", "hiki crisis",
                "hiki safety-plan", "「自殺しない約束」ではありません", "鍵のかかる場所",
                "精神科救急情報センター", "119番"]),
    ],
)  # fmt: skip
def test_fearing_for_their_life_signs_asking_and_a_safer_home(hiki, monkeypatch, lang, phrases):
    monkeypatch.setenv("HIKI_LANG", lang)
    shown = flat(hiki([*MUM, "family", "read", "suicide-signs"]).output)
    if lang == "ja":  # Japanese wraps anywhere, so a line break may fall inside a phrase
        shown = shown.replace(" ", "")
        phrases = [p.replace(" ", "") for p in phrases]
    for phrase in phrases:
        assert phrase in shown, phrase
    first = shown.index("119")
    assert first < shown.index("Signs" if lang == "en" else "気にとめてほしいサイン")


@pytest.mark.parametrize(
    "name, en, ja",
    [
        ("guilt", "not your fault", "あなたのせいではありません"),
        ("support-stages", "A place to belong", "居場所"),
        ("home-visits", "by force", "力ずく"),
        ("parents-disagree", "You can start alone", "ひとりから始めてかまいません"),
        ("money-gaming", "natural consequences", "自然な結果"),
        ("sleep", "not laziness", "怠けではありません"),
        ("over-40", "8050", "8050"),
        ("living-alone", "No need to reply", "返事はいらないよ"),
    ],
)
def test_each_topic_says_what_a_family_worker_would(hiki, monkeypatch, name, en, ja):
    """What `hiki family read NAME` shows (not what the YAML holds), in both languages."""
    for lang, phrase in (("en", en), ("ja", ja)):
        monkeypatch.setenv("HIKI_LANG", lang)
        shown = flat(hiki([*MUM, "family", "read", name, "--no-pager"]).output)
        if lang == "ja":  # Japanese wraps anywhere, so a line break may fall inside a phrase
            shown, phrase = shown.replace(" ", ""), phrase.replace(" ", "")
        assert phrase.lower() in shown.lower(), (lang, name)
