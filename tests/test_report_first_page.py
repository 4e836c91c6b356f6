"""The report's first page answers a counselor's first five minutes (issue 14, point 3): Safety
first, then one screen: check-in days, homework per pack week, ladder, scores with band, maximum
and change since the last result."""

from __future__ import annotations

import datetime as dt
import json

from tests.support import FIXED_NOW

PACK = """\
id: two-weeks
title: Our two weeks
start: 2026-11-18
due: 2026-12-01
checkins: {days_per_week: 3}
questionnaires:
  - id: phq9
reflections:
  - id: easier
    question: What made this week a little easier?
"""
CHECKIN = "--mood 5 --anxiety 4 --energy 4 --sleep 7 --outside 10 --contact family".split()


def client(hiki, make_ctx, tmp_path):
    pack = tmp_path / "hand-written.yaml"
    pack.write_text(PACK)
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):  # week 1 of the plan met
        assert hiki(["checkin", *CHECKIN, "--date", day]).exit_code == 0
    earlier = make_ctx(now=FIXED_NOW - dt.timedelta(days=6))
    hiki(["assess", "phq9", "--answers", "2,2,2,2,2,1,1,0,0"], ctx=earlier)  # 12
    hiki(["assess", "phq9", "--answers", "1,1,1,1,1,1,1,0,0"])  # 7


def test_markdown_page_one_is_safety_then_the_summary(hiki, home, make_ctx, tmp_path):
    client(hiki, make_ctx, tmp_path)
    out = hiki(["report", "--since", "2026-11-18"]).output
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Safety", "## At a glance"]
    glance = out.split("## At a glance", 1)[1].split("\n## ", 1)[0]
    assert "Check-ins: 3 of 8 days." in glance
    assert (
        'Homework "Our two weeks" (2026-11-18 to 2026-12-01): 1 of 3 tasks done; '
        "check-in plan: week 2 of 2, met in 1 so far." in glance
    )
    assert "PHQ-9: 7 of 27, Mild (5–9), on 2026-11-25; -5 since 12 on 2026-11-19." in glance
    assert "moderately-severe" not in out and "moderate (2026-11-19)" not in glance
    # the homework detail says how far a weekly task is, not only "not yet"
    assert "(1 of 2 weeks met)" in out
    # each task in the words hiki homework uses, not its id
    assert "- [ ] Our two weeks: Check in on 3 days a week (1 of 2 weeks met)" in out
    assert "- [x] Our two weeks: Questionnaire: PHQ-9" in out


def test_json_summary_keys(hiki, home, make_ctx, tmp_path):
    client(hiki, make_ctx, tmp_path)
    data = json.loads(hiki(["report", "--format", "json", "--since", "2026-11-18"]).output)
    summary = data["summary"]
    assert set(summary) == {
        "checkin_days", "total_days", "packs", "ladder_tries", "ladder_mastered", "scores",
        "ladder_suds", "ladder_feared",
    }  # fmt: skip
    [pack] = summary["packs"]
    assert (pack["weeks_met"], pack["weeks"], pack["done"], pack["total"]) == (1, 2, 1, 3)
    [score] = summary["scores"]
    assert (score["score"], score["max"], score["previous"], score["change"]) == (7, 27, 12, -5)


def test_html_keeps_safety_and_the_summary_together_on_page_one(hiki, home, make_ctx, tmp_path):
    client(hiki, make_ctx, tmp_path)
    html = hiki(["report", "--format", "html", "--since", "2026-11-18"]).output
    safety, summary = html.index('class="safety"'), html.index('class="summary"')
    assert safety < summary < html.index("<h2>", summary + 30)
    assert "section.summary" in html  # kept whole when printed, like Safety
    assert "check-in plan: week 2 of 2, met in 1 so far" in html
