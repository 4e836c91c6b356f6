"""The full crisis list in Japanese has no English of its own: channel names and how a source
was found come from the language's words (a new-user audit saw "(chat)" and "(address cited
by many projects; page not read)" on the Japanese list)."""

from __future__ import annotations

import json
from typing import Any


def test_the_japanese_full_list_names_channels_and_sources_in_japanese(hiki: Any, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["crisis", "--country", "JP", "--all"]).output
    for english in ("(chat)", "(phone)", "(web)", "page not read", "several reports"):
        assert english not in out
    assert "（チャット）" in out and "（電話）" in out
    assert "ページそのものは確認できていません" in out


def test_the_english_list_keeps_its_words_and_the_json_keeps_the_address_apart(hiki: Any):
    out = hiki(["crisis", "--country", "JP", "--all"]).output
    assert "(chat)" in out and "page not read" in " ".join(out.split())
    data = json.loads(hiki(["crisis", "--country", "JP", "--json"]).stdout)["data"]
    line = next(li for li in data["lines"] if "mamorouyokokoro" in li["source"])
    assert line["source"] == "https://www.mhlw.go.jp/mamorouyokokoro/soudan/sns/"
    assert line["source_note"] == "address cited by many projects; page not read"


def test_a_name_with_brackets_takes_its_channel_inside_them(hiki: Any, monkeypatch):
    """「いのちの電話（フリーダイヤル）（電話）」 read as two asides; one pair of brackets now."""
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["crisis", "--country", "JP", "--all"]).output
    assert "いのちの電話（フリーダイヤル・電話）" in out
    assert "チャイルドライン（18歳まで・電話）" in out
    assert "あなたのいばしょ（チャット）" in out  # its name said チャット相談 and then （チャット）
    assert "）（" not in out.replace("\n", "")
