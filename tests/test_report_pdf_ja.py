"""The report in Japanese (issue 13, item 5): the HTML names Japanese fonts in its font-family
fallback list, and printed by headless Chromium its page 1 holds the 「安全」 section with the
not-safe check-in, as real Japanese text (pdftotext gives the characters back, not boxes).
Keys of md/html/json stay English.

Skips without chromium, pdftotext or a Japanese font
(Debian: `apt-get install -y chromium poppler-utils fonts-noto-cjk`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from tests.support import FIXED_NOW
from tests.test_report_pdf import CHECKIN, CHROMIUM, PDFTOTEXT, page_text, print_to_pdf

CJK_FONTS = ('"Hiragino Sans"', '"Noto Sans CJK JP"', '"Yu Gothic"', "Meiryo")


def japanese_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True  # cannot tell; the embedded-font check below still guards against tofu
    found = subprocess.run([fc_list, ":lang=ja", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.fixture
def japanese(monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")


def test_the_japanese_html_names_japanese_fonts_before_the_generic_family(hiki, japanese):
    assert hiki(["checkin", "--mood", "5", *CHECKIN]).exit_code == 0
    html = hiki(["report", "--format", "html"]).output
    assert '<html lang="ja">' in html
    family = html.split("body { font-family: ", 1)[1].split(";", 1)[0]
    for font in CJK_FONTS:
        assert font in family, font
    assert family.endswith("sans-serif")
    assert family.index('"Noto Sans CJK JP"') < family.index("system-ui")


def test_the_english_html_is_unchanged(hiki):
    html = hiki(["report", "--format", "html"]).output
    family = html.split("body { font-family: ", 1)[1].split(";", 1)[0]
    assert family == 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'


def test_json_keys_stay_english_in_japanese(hiki, japanese):
    assert hiki(["checkin", "--mood", "1", *CHECKIN, "--safe", "no"]).exit_code == 0
    data = json.loads(hiki(["report", "--format", "json"]).output)
    assert {"safety", "summary", "checkins"} <= set(data)
    [row] = data["safety"]
    assert row["source"] == "checkin"


@pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="chromium or pdftotext is not installed"
)
@pytest.mark.skipif(not japanese_font_installed(), reason="no Japanese font (fonts-noto-cjk)")
def test_the_japanese_report_prints_safety_on_page_one(hiki, home, tmp_path, japanese):
    for back in range(27, 0, -1):  # a month of ordinary check-ins: several pages
        day = (FIXED_NOW.date() - dt.timedelta(days=back)).isoformat()
        assert hiki(["checkin", "--date", day, "--mood", "5", *CHECKIN]).exit_code == 0
    result = hiki(["checkin", "--mood", "1", *CHECKIN, "--safe", "no"])
    assert result.exit_code == 0, result.output

    html = tmp_path / "report.html"
    assert hiki(["report", "--format", "html", "-o", str(html)]).exit_code == 0
    pdf = tmp_path / "report.pdf"
    print_to_pdf(html, pdf, tmp_path / "chromium-profile")

    first = "".join(page_text(pdf, 1).split())  # Japanese wraps anywhere: compare without spaces
    assert "hiki経過レポート" in first
    assert "安全" in first
    # the not-safe row: its date, where it came from, the answer
    assert FIXED_NOW.date().isoformat() in first
    assert "チェックイン" in first and "安全でない／わからない" in first
    assert first.index("安全でない／わからない") < first.index("ひと目でわかるまとめ")
    assert "\ufffd" not in first and "□" not in first
    assert page_text(pdf, 2).strip()


def test_a_counselor_reading_japanese_sees_safety_first_in_markdown(hiki, japanese):
    assert hiki(["checkin", "--mood", "1", *CHECKIN, "--safe", "no"]).exit_code == 0
    out = hiki(["report"]).output
    lines = out.splitlines()
    assert lines[0] == "# hiki 経過レポート"
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[:2] == ["## 安全", "## ひと目でわかるまとめ"]
    safety = out.split("## 安全", 1)[1].split("\n## ", 1)[0]
    assert "| 日付 | 内容 | 回答 |" in safety and "安全でない／わからない" in safety
