"""Risk moments in what a counselor and the person read back: the report's "Safety" section (every
format), `hiki history`, `hiki progress` and `hiki assess history`.

Data is made with the real commands (`hiki checkin --safe no`, `hiki assess phq9 --answers`) or,
for logs of an older hiki and for sources the commands do not make alone, appended through the real
EventLog. Expected words are written out here, not read from the catalog the code prints from.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import pytest

from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.support import FIXED_NOW, json_data, log_lines

TODAY = FIXED_NOW.date()
CHECKIN = ["--anxiety", "5", "--energy", "2", "--sleep", "6", "--outside", "0", "--contact", "none"]
NOT_SAFE = ["checkin", "--mood", "1", *CHECKIN, "--safe", "no"]
PHQ9_ITEM9 = ["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3"]
NOTE_WORDS = "private words only the person wrote"


def append(home: Path, kind: str, data: dict[str, Any], when: dt.datetime = FIXED_NOW) -> None:
    EventLog(Paths.resolve(home, "default")).append(kind, data, now=when)


def signal(day: dt.date, **data: Any) -> dict[str, Any]:
    return {"strength": "high", "date": day.isoformat(), **data}


def not_safe_and_item9(hiki) -> None:
    """The person of the issue: a not-safe check-in and PHQ-9 item 9 answered 3, both by the CLI."""
    result = hiki(NOT_SAFE)
    assert result.exit_code == 0, result.output
    result = hiki(PHQ9_ITEM9)
    assert result.exit_code == 0, result.output


@pytest.fixture
def columns80(monkeypatch):
    """An 80-column screen. The rich console is made once per process (cli.render.console is
    cached), so it is made again here, and again afterwards for the tests that follow."""
    from hikicli.cli.render import console

    monkeypatch.setenv("COLUMNS", "80")
    console.cache_clear()
    yield
    console.cache_clear()


def flat(text: str) -> str:
    return " ".join(text.split())


# --- the report ------------------------------------------------------------------------------


def test_markdown_report_opens_with_safety_before_everything_else(hiki, home):
    not_safe_and_item9(hiki)
    out = hiki(["report"]).output
    assert out.index("## Safety") < out.index("## Check-ins") < out.index("## Questionnaires")
    safety = out[out.index("## Safety") : out.index("## Check-ins")]
    assert "| 2026-11-25 | check-in | not safe / not sure |" in safety
    assert (
        "| 2026-11-25 | PHQ-9 question 9 | answered 3 "
        "(this questionnaire counts question 9 from 1) |" in safety
    )
    assert safety.count("| 2026-11-25 |") == 2  # each moment once, whatever the log holds
    assert "e.g. PHQ-9" not in out and "above 0" not in out


def test_html_report_opens_with_safety(hiki, home):
    not_safe_and_item9(hiki)
    page = hiki(["report", "--format", "html"]).output
    assert page.index("<h2>Safety</h2>") < page.index("<h2>Check-ins</h2>")
    safety = page[page.index("<h2>Safety</h2>") : page.index("<h2>Check-ins</h2>")]
    assert "not safe / not sure" in safety and "PHQ-9 question 9" in safety
    assert "this questionnaire counts question 9 from 1" in safety
    assert "e.g. PHQ-9" not in page


def test_json_report_has_a_safety_list_and_the_crisis_block(hiki, home):
    not_safe_and_item9(hiki)
    data = json_data(hiki(["report", "--format", "json"]).output)
    rows = data["safety"]
    assert [(r["date"], r["source"], r["answer"]) for r in rows] == [
        ("2026-11-25", "checkin", "no"),
        ("2026-11-25", "instrument", "3"),
    ]
    assert rows[1]["instrument"] == "phq9" and rows[1]["instrument_name"] == "PHQ-9"
    assert (rows[1]["item"], rows[1]["threshold"]) == (9, 1)
    assert rows[0]["text"] == "check-in: not safe / not sure"
    assert rows[1]["text"] == (
        "PHQ-9 question 9: answered 3 (this questionnaire counts question 9 from 1)"
    )
    crisis = data["crisis"]
    assert crisis["more"] == "hiki crisis" and crisis["emergency"] and crisis["lines"]
    assert 1 <= len(crisis["lines"]) <= 3


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_moment_says_so_in_one_line(hiki, home, fmt):
    assert hiki(["checkin", "--mood", "6", *CHECKIN]).exit_code == 0
    out = flat(hiki(["report", "--format", fmt]).output)
    assert "Safety" in out and "None were recorded from 2026-10-29 to 2026-11-25" in out


def test_no_moment_json_has_an_empty_list_and_no_crisis_block(hiki, home):
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert data["safety"] == [] and "crisis" not in data


def test_older_log_without_signals_counts_each_moment_once(hiki, home):
    """Check-ins and results saved by an older hiki (no `risk.signal`) still count; the
    threshold comes from the instrument's own definition."""
    at = FIXED_NOW - dt.timedelta(days=3)
    day = at.date().isoformat()
    append(
        home,
        "checkin",
        {
            "date": day,
            "mood": 2,
            "anxiety": 6,
            "energy": 2,
            "sleep": 5,
            "outside": 0,
            "contact": ["none"],
            "note": "",
            "safe": "skip",
        },
        at,
    )
    append(
        home,
        "assessment",
        {
            "instrument": "phq9",
            "name": "PHQ-9",
            "answers": [1] * 8 + [2],
            "total": 10,
            "max": 27,
            "band": "moderate",
            "risk_items": [9],
        },
        at,
    )
    out = hiki(["report"]).output
    assert f"| {day} | check-in | would rather not say |" in out
    assert (
        f"| {day} | PHQ-9 question 9 | answered 2 (this questionnaire counts question 9 from 1) |"
        in out
    )
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert [r["source"] for r in data["safety"]] == ["checkin", "instrument"]


def test_cli_writes_signals_and_results_and_the_report_still_counts_once(hiki, home):
    """Whether the commands write a `risk.signal`, the old fields, or both: one row a moment."""
    not_safe_and_item9(hiki)
    hiki(NOT_SAFE)  # the same day again: the check-in that counts is the latest, still one day
    kinds = [e["kind"] for e in log_lines(home)]
    assert "checkin" in kinds and "assessment" in kinds
    data = json_data(hiki(["report", "--format", "json"]).output)
    sources = [r["source"] for r in data["safety"]]
    assert sources.count("instrument") == 1
    assert 1 <= sources.count("checkin") <= 2  # two check-ins that day: two answers, never more


def test_a_counselors_instrument_states_its_own_risk_item_and_threshold(hiki, home):
    append(
        home,
        "risk.signal",
        signal(
            TODAY,
            source="instrument",
            answer="2",
            instrument="mine",
            instrument_name="My scale",
            item=4,
            threshold=2,
        ),
    )
    for fmt in ("md", "html"):
        out = flat(hiki(["report", "--format", fmt]).output)
        assert "My scale question 4" in out
        assert "this questionnaire counts question 4 from 2" in out
        assert "question 9" not in out and "PHQ-9" not in out


def test_a_notes_words_never_reach_the_safety_section(hiki, home):
    append(
        home,
        "checkin",
        {
            "date": TODAY.isoformat(),
            "mood": 4,
            "anxiety": 6,
            "energy": 3,
            "sleep": 6,
            "outside": 0,
            "contact": ["none"],
            "note": NOTE_WORDS,
        },
    )
    append(home, "risk.signal", signal(TODAY, strength="possible", source="note", answer="phrase"))
    for fmt in ("md", "html", "json"):
        out = html.unescape(hiki(["report", "--format", fmt]).output)
        assert "a note's wording" in out and NOTE_WORDS not in out
        assert "not copied" in out
    with_notes = hiki(["report", "--include-notes"]).output
    safety = with_notes[with_notes.index("## Safety") : with_notes.index("## Check-ins")]
    assert "a note's wording" in safety and "Private notes" in safety
    assert NOTE_WORDS not in safety and NOTE_WORDS in with_notes  # only in its own section


def test_a_moment_before_the_period_is_left_out(hiki, home):
    old = TODAY - dt.timedelta(days=40)
    append(home, "risk.signal", signal(old, source="checkin", answer="no"))
    assert "None were recorded from 2026-10-29 to 2026-11-25" in flat(hiki(["report"]).output)
    since = flat(hiki(["report", "--since", old.isoformat()]).output)
    assert f"| {old.isoformat()} | check-in | not safe / not sure |" in since


# --- history -------------------------------------------------------------------------------


def test_history_shows_safety_rows_in_words(hiki, home, columns80):
    not_safe_and_item9(hiki)
    out = hiki(["history"]).output
    lines = out.splitlines()
    assert any("safety" in line and "check-in: not safe / not sure" in line for line in lines)
    assert any("safety" in line and "PHQ-9 question 9: answered 3" in line for line in lines)
    assert max(len(line.rstrip()) for line in lines) <= 80, out
    entries = json_data(hiki(["history", "--json"]).output)
    signals = [e for e in entries if e["kind"] == "risk.signal"]
    assert {(e["source"], e["answer"]) for e in signals} == {("checkin", "no"), ("instrument", "3")}


def test_history_marks_an_older_check_in_once(hiki, home):
    append(
        home,
        "checkin",
        {
            "date": TODAY.isoformat(),
            "mood": 1,
            "anxiety": 6,
            "energy": 2,
            "sleep": 5,
            "outside": 0,
            "contact": ["none"],
            "note": "",
            "safe": "no",
        },
    )
    out = hiki(["history"]).output
    assert out.count("not safe / not sure") == 1
    row = next(line for line in out.splitlines() if "check-in" in line)
    assert "not safe / not sure" in row


def test_history_says_what_a_removed_plan_item_was(hiki, home):
    result = hiki(["safety-plan", "add", "coping", "Make a cup of tea"])
    assert result.exit_code == 0, result.output
    assert hiki(["safety-plan", "remove", "coping", "1"]).exit_code == 0
    out = hiki(["history"]).output
    assert "taken off the plan (coping): Make a cup of tea" in out


# --- progress and assess history -----------------------------------------------------------


def test_progress_shows_the_safety_moments_at_80_columns(hiki, home, columns80):
    not_safe_and_item9(hiki)
    out = hiki(["progress"]).output
    assert "Safety answers in these weeks" in out
    assert "2026-11-25  check-in: not safe / not sure" in out
    assert "2026-11-25  PHQ-9 question 9: answered 3" in out
    assert "hiki crisis" in out[out.index("Safety answers") :]
    assert max(len(line) for line in out.splitlines()) <= 80
    # On the screen that stays: within the last 24 lines.
    assert "Safety answers in these weeks" in "\n".join(out.splitlines()[-24:])


def test_progress_shows_a_moment_even_without_a_saved_check_in(hiki, home):
    append(home, "risk.signal", signal(TODAY, source="checkin", answer="no", mood=1))
    out = hiki(["progress"]).output
    assert "2026-11-25  check-in: not safe / not sure" in out


def test_progress_without_moments_has_no_safety_section(hiki, home):
    assert hiki(["checkin", "--mood", "6", *CHECKIN]).exit_code == 0
    assert "Safety answers" not in hiki(["progress"]).output


def test_progress_json_carries_safety_and_the_crisis_block(hiki, home):
    not_safe_and_item9(hiki)
    data = json_data(hiki(["progress", "--json"]).output)
    assert [r["source"] for r in data["safety"]] == ["checkin", "instrument"]
    assert data["crisis"]["more"] == "hiki crisis"
    assert data["assessments"]["PHQ-9"][-1]["risk"] is True


def test_assess_history_marks_the_result_from_the_one_reading(hiki, home, columns80):
    not_safe_and_item9(hiki)
    later = FIXED_NOW + dt.timedelta(hours=1)
    assert hiki(["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"], now=later).exit_code == 0
    rows = json_data(hiki(["assess", "history", "--json"]).output)
    assert [r["risk"] for r in rows] == [True, False]  # the later result has no risk answer
    out = hiki(["assess", "history"]).output
    assert "PHQ-9 question 9: answered 3" in out
    assert "e.g. PHQ-9" not in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80


PACK_FROM_TODAY = """\
id: from-today
title: "From today"
start: 2026-11-25
due: 2026-12-08
checkins:
  days_per_week: 3
"""


def test_a_pack_that_began_today_does_not_hide_last_weeks_not_safe_answer(hiki, tmp_path):
    """A new-user audit found it: with a pack running since today, the report's period is the
    pack's, and the Safety section lost a "not safe" answer from three days before."""
    flags = "--anxiety 9 --energy 1 --sleep 3 --outside 0 --contact none".split()
    saved = hiki(["checkin", "--date", "2026-11-22", "--mood", "1", *flags, "--safe", "no"])
    assert saved.exit_code == 0
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK_FROM_TODAY, encoding="utf-8")
    assert hiki(["homework", "import", "--yes", str(pack)]).exit_code == 0
    out = hiki(["report", "--format", "md"]).output
    safety = out.split("## Safety", 1)[1].split("\n## ", 1)[0]
    assert "2026-11-22" in safety and "not safe" in safety.lower()
    assert "from 2026-10-29 to 2026-11-25" in " ".join(safety.split())
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert data["start"] == "2026-11-25"  # the pack's dates are still the period
    assert [r["date"] for r in data["safety"]] == ["2026-11-22"]


def test_a_short_since_still_shows_the_last_four_weeks_of_safety(hiki):
    flags = "--anxiety 9 --energy 1 --sleep 3 --outside 0 --contact none".split()
    hiki(["checkin", "--date", "2026-11-10", "--mood", "1", *flags, "--safe", "no"])
    data = json_data(hiki(["report", "--format", "json", "--since", "2026-11-24"]).output)
    assert [r["date"] for r in data["safety"]] == ["2026-11-10"]
