"""`hiki progress`: charts that fit 80 columns without colour, JSON keys, sections on demand."""

from __future__ import annotations

import pytest

from tests.progress_data import seed
from tests.support import json_data

WEEK_KEYS = {
    "start",
    "end",
    "days",
    "checkins",
    "mood",
    "anxiety",
    "energy",
    "sleep",
    "days_outside",
    "outside_minutes",
    "contact",
    "ladder_tries",
    "steps_mastered",
}


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")


@pytest.mark.parametrize("weeks", ["1", "4", "8", "52"])
def test_every_line_fits_80_columns_without_colour(hiki, home, plain, weeks):
    seed(home, days=400 if weeks == "52" else 60)
    result = hiki(["progress", "--weeks", weeks])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "\x1b" not in result.output
    # bars never stand alone: each feelings row carries its numbers
    rows = [line for line in lines if line.count("▮") + line.count("∙") >= 30 and "/" in line]
    assert rows and all(line.rstrip()[-1].isdigit() for line in rows)


def test_text_shows_sections_summary_and_the_pattern_from_content(hiki, home, plain, make_ctx):
    seed(home)
    ctx = make_ctx()
    result = hiki(["progress", "--weeks", "4"], ctx=ctx)
    out = result.output
    words = ctx.catalog["progress"]
    for key in ("feelings", "outside", "contact", "ladder", "assessments", "summary"):
        assert words["sections"][key] in out
    # days out mood 7, days in mood 4: seeded so the pattern is "outside, mood, 3.0 higher"
    expected = words["patterns"]["factors"]["outside"].split("{")[0]
    assert expected in out.replace("\n  ", " ")
    assert "3.0 higher" in out.replace("\n  ", " ")
    assert words["patterns"]["caveat"].split(".")[0] in out.replace("\n  ", " ")
    assert "phq9" in out and "Moderate (10–14)" in out and "Mild (5–9)" in out


def test_ladder_and_questionnaire_sections_only_when_such_events_exist(hiki, home, make_ctx):
    seed(home, extras=False)
    ctx = make_ctx()
    out = hiki(["progress"], ctx=ctx).output
    assert ctx.catalog["progress"]["sections"]["ladder"] not in out
    assert ctx.catalog["progress"]["sections"]["assessments"] not in out


def test_not_enough_data_says_so_and_shows_no_pattern(hiki, home, make_ctx):
    seed(home, days=4, extras=False)
    ctx = make_ctx()
    result = hiki(["progress", "--json"], ctx=ctx)
    data = json_data(result.output)
    assert data["pattern"] is None and data["pattern_status"] == "not_enough"
    text = hiki(["progress"], ctx=ctx).output.replace("\n  ", " ")
    assert "at least 4 check-in days" in text


def test_empty_log_is_calm(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["progress"], ctx=ctx)
    assert result.exit_code == 0
    assert ctx.catalog["progress"]["no_checkins"].split(".")[0] in result.output


def test_json_keys_and_values(hiki, home):
    seed(home)
    result = hiki(["progress", "--weeks", "2", "--json"])
    data = json_data(result.output)
    assert set(data) == {
        "start",
        "end",
        "checkin_days",
        "weeks",
        "daily",
        "has_ladder",
        "assessments",
        "pattern",
        "pattern_status",
        "sleep_window",
        "activities",
        "pattern_rule",
        "safety",
    }
    assert data["safety"] == [] and "crisis" not in data
    assert data["start"] == "2026-11-12" and data["end"] == "2026-11-25"
    assert [set(w) for w in data["weeks"]] == [WEEK_KEYS, WEEK_KEYS]
    assert len(data["daily"]["mood"]) == 14
    assert data["pattern_rule"]["min_days_per_group"] == 4
    assert data["assessments"]["phq9"][-1] == {
        "instrument": "phq9",
        "date": "2026-11-25",
        "score": 8,
        "band": "mild",
    }
    this_week = data["weeks"][-1]
    assert this_week["steps_mastered"] == 1 and this_week["ladder_tries"] == 1


def test_weeks_out_of_range_is_a_usage_error(hiki):
    result = hiki(["progress", "--weeks", "0"])
    assert result.exit_code == 2


def test_only_ladder_events_show_the_ladder_without_empty_charts(hiki, home, make_ctx):
    from hikicli.storage.log import EventLog
    from hikicli.storage.paths import Paths

    EventLog(Paths.resolve(home)).append(
        "ladder.try", {"date": "2026-11-24", "step": "s1", "result": "done"}
    )
    ctx = make_ctx()
    out = hiki(["progress", "--weeks", "1"], ctx=ctx).output
    sections = ctx.catalog["progress"]["sections"]
    assert sections["ladder"] in out and sections["feelings"] not in out
    assert "▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮   1" in out
