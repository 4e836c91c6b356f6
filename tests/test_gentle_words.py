"""No counting or loss wording (issue 16, item 5): the ladder's strength note and the welcome back
say that a break is fine, never how much faded or how many days were missed."""

from __future__ import annotations


def test_the_ladder_says_a_break_never_resets_strength(hiki):
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    text = " ".join(hiki(["ladder"]).output.split())
    assert "a break never resets it" in text
    assert "fades" not in text and "days you don't" not in text


def test_the_japanese_ladder_says_the_same(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    text = "".join(hiki(["ladder"]).output.split())
    assert "ゼロに戻ることはありません" in text and "ゆっくり下がります" not in text
