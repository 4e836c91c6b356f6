"""`hiki homework guide` tells a counselor how the work comes back and makes only true claims
(issue 14, point 4)."""

from __future__ import annotations

import pytest


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_guide_names_the_report_and_the_packs_schema(hiki, monkeypatch, lang):
    monkeypatch.setenv("HIKI_LANG", lang)
    text = flat(hiki(["homework", "guide"]).output)
    for words in ("hiki report", "--include notes,reflections,learned"):
        assert words in text, words
    assert "hiki content schema packs" in text


def test_the_guide_makes_no_false_claims(hiki):
    text = flat(hiki(["homework", "guide"]).output)
    assert "on every screen of hiki" not in text and "mentioned on every screen" not in text
    assert "it is not on every screen (not on hiki homework, for one)" in text.replace("`", "")
    assert "including a family member's" not in text
    # what the guide says is true: hiki homework has no crisis line, the home screen has one
    assert "hiki crisis" not in hiki(["homework"]).output
    assert "hiki crisis" in flat(hiki([]).output)
