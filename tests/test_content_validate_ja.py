"""A counselor's pack checked in Japanese reads in Japanese, in the file's order (a new-user audit
saw pydantic's English, "Input should be less than or equal to 100", on a Japanese screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BAD_PACK = """\
id: bad-pack
title: "Bad"
start: 2026-12-01
due: 2026-12-14
checkins:
  days_per_weak: 3
ladder_steps:
  - step: "Open the curtains"
    expected_suds: 150
"""


def _check(hiki: Any, tmp_path: Path, monkeypatch: Any, lang: str) -> list[str]:
    monkeypatch.setenv("HIKI_LANG", lang)
    pack = tmp_path / "bad.yaml"
    pack.write_text(BAD_PACK, encoding="utf-8")
    result = hiki(["homework", "check", str(pack)])
    assert result.exit_code == 2
    return [line for line in result.output.splitlines() if "bad.yaml:" in line]


def test_a_bad_pack_is_explained_in_japanese_in_line_order(hiki, tmp_path, monkeypatch):
    lines = _check(hiki, tmp_path, monkeypatch, "ja")
    assert [line.split(":")[1] for line in lines] == ["5", "6", "9"]
    assert lines[0].endswith("checkins.days_per_week: この項目が必要です")
    assert "'days_per_week' のことでしょうか" in lines[1]
    assert lines[2].endswith("ladder_steps[0].expected_suds: 100 以下の数にしてください")


def test_the_same_pack_in_english_keeps_the_exact_words(hiki, tmp_path, monkeypatch):
    lines = _check(hiki, tmp_path, monkeypatch, "en")
    assert lines[2].endswith("expected_suds: Input should be less than or equal to 100")
