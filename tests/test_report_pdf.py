"""The printed report: a not-safe check-in and PHQ-9 item 9 are both under "Safety" on page 1.

Printed by headless Chromium (`--print-to-pdf`) and read back with poppler's `pdftotext -f 1 -l 1`.
Skips when either is not installed (Debian: `apt-get install -y chromium poppler-utils`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
CHECKIN = ["--anxiety", "5", "--energy", "2", "--sleep", "6", "--outside", "0", "--contact", "none"]

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or PDFTOTEXT is None, reason="chromium or pdftotext is not installed"
    ),
]


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
    ]
    subprocess.run(
        [CHROMIUM, *flags, f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert pdf.read_bytes()[:5] == b"%PDF-"


def page_text(pdf: Path, page: int) -> str:
    assert PDFTOTEXT is not None
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_safety_rows_are_on_the_first_printed_page(hiki, home, tmp_path):
    # A month of ordinary check-ins first, so the report runs to several pages and page 1 is
    # earned, not an accident of a short report.
    import datetime as dt

    from tests.support import FIXED_NOW

    for back in range(27, 0, -1):
        day = (FIXED_NOW.date() - dt.timedelta(days=back)).isoformat()
        flags = ["checkin", "--date", day, "--mood", "5", *CHECKIN]
        assert hiki(flags).exit_code == 0
    for instrument, answers in (("phq9", "1,1,1,1,1,1,1,1,0"), ("gad7", "1,1,1,1,1,1,1")):
        assert hiki(["assess", instrument, "--answers", answers]).exit_code == 0
    # The person of the issue: not safe today, and PHQ-9 item 9 "Nearly every day".
    result = hiki(["checkin", "--mood", "1", *CHECKIN, "--safe", "no"])
    assert result.exit_code == 0, result.output
    result = hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3"])
    assert result.exit_code == 0, result.output

    html = tmp_path / "report.html"
    assert hiki(["report", "--format", "html", "-o", str(html)]).exit_code == 0
    pdf = tmp_path / "report.pdf"
    print_to_pdf(html, pdf, tmp_path / "chromium-profile")

    first = page_text(pdf, 1)
    words = " ".join(first.split())
    assert "Safety" in words
    assert "check-in" in words and "not safe / not sure" in words
    assert "PHQ-9 question 9" in words and "answered 3" in words
    assert "counts question 9 from 1" in words
    # Safety comes before the rest of the report on that page.
    assert words.index("Safety") < words.index("Check-ins")
    # And the report really is longer than one page.
    assert page_text(pdf, 2).strip()


PACK = """\
id: two-weeks
title: Our two weeks
start: 2026-11-12
due: 2026-11-25
checkins: {days_per_week: 3}
ladder_steps:
  - step: Open the curtains in the morning
    expected_suds: 15
    note: Any time before noon counts.
questionnaires:
  - id: phq9
"""


@pytest.mark.slow  # the layout of the whole first page; the safety rows above stay in every run
def test_page_one_answers_the_first_five_minutes_and_tables_stay_whole(hiki, home, tmp_path):
    """Printed, page 1 holds Safety and the summary (check-in days, the pack's weeks met,
    ladder tries, scores with band and change); a table is never split across two pages."""
    import datetime as dt

    from tests.support import FIXED_NOW

    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK)
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0
    for back in range(13, -1, -1):
        day = (FIXED_NOW.date() - dt.timedelta(days=back)).isoformat()
        assert hiki(["checkin", "--date", day, "--mood", "5", *CHECKIN]).exit_code == 0
        flags = ["step", "s1", "--date", day, "--result", "done", "--expected", "40"]
        flags += ["--fear", "seen", "--likelihood", "50", "--peak", "50", "--end", "20"]
        assert hiki([*flags, "--happened", "no"]).exit_code == 0
    assert hiki(["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"]).exit_code == 0
    html = tmp_path / "report.html"
    assert hiki(["report", "--format", "html", "-o", str(html)]).exit_code == 0
    pdf = tmp_path / "report.pdf"
    print_to_pdf(html, pdf, tmp_path / "chromium-profile")

    first = " ".join(page_text(pdf, 1).split())
    assert first.index("Safety") < first.index("At a glance") < first.index("Check-ins:")
    assert "Check-ins: 14 of 14 days." in first
    assert "check-in plan: week 2 of 2, met in 2 so far" in first
    assert "Ladder in this period: tries 14" in first and "PHQ-9: 8 of 27, Mild (5–9)" in first
    # The tries table (14 rows) starts and ends on one page, with its heading.
    pages = []
    for n in range(1, 20):
        try:
            pages.append(" ".join(page_text(pdf, n).split()))
        except subprocess.CalledProcessError:  # past the last page
            break
    header = "Each try: expected and actual distress"
    holding = [i for i, text in enumerate(pages) if header in text]
    assert len(holding) == 1, holding
    assert pages[holding[0]].count("done 40 50 20 no") == 14
    assert [i for i, text in enumerate(pages) if "done 40 50 20 no" in text] == holding
