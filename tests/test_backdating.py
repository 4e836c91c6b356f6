"""`hiki step --date` and `hiki assess --date` record a past day, like `checkin --date`, and
refuse a future one (issue 16, item 6). Today is FIXED_NOW's day, 2026-11-25."""

from __future__ import annotations

from tests.support import json_data, log_lines

DONE = ["--result", "done", "--peak", "25", "--end", "10"]
PHQ2 = ["assess", "phq2", "--answers", "1,0"]


def test_step_date_records_the_try_on_that_day_and_counts_it_there(hiki, home):
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    result = hiki(["step", "s1", *DONE, "--date", "2026-11-20", "--json"])
    assert result.exit_code == 0, result.output
    assert json_data(result.output)["try"]["date"] == "2026-11-20"
    [event] = [e for e in log_lines(home) if e["kind"] == "ladder.try"]
    assert event["data"]["date"] == "2026-11-20"
    [row] = json_data(hiki(["ladder", "--json"]).output)
    assert row["last_tried"] == "2026-11-20"


def test_step_plan_date_and_finish_date(hiki, home):
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    assert hiki(["step", "s1", "--plan", "--expected", "20", "--date", "2026-11-22"]).exit_code == 0
    assert hiki(["step", "s1", "--finish", *DONE, "--date", "2026-11-23"]).exit_code == 0
    by_kind = {e["kind"]: e["data"] for e in log_lines(home)}
    assert by_kind["ladder.plan"]["date"] == "2026-11-22"
    assert by_kind["ladder.try"]["date"] == "2026-11-23"


def test_step_refuses_a_future_date_and_writes_nothing(hiki, home):
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    before = log_lines(home)
    result = hiki(["step", "s1", *DONE, "--date", "2026-11-26"])
    assert result.exit_code == 2
    assert "in the future" in " ".join(result.output.split())
    assert log_lines(home) == before


def test_assess_date_records_the_questionnaire_on_that_day(hiki, home):
    result = hiki([*PHQ2, "--date", "2026-11-21", "--json"])
    assert result.exit_code == 0, result.output
    [event] = log_lines(home)
    assert event["kind"] == "assessment" and event["data"]["date"] == "2026-11-21"
    assert event["data"]["total"] == 1


def test_assess_without_date_is_today_and_refuses_the_future(hiki, home):
    assert hiki(PHQ2).exit_code == 0
    assert log_lines(home)[-1]["data"]["date"] == "2026-11-25"
    result = hiki([*PHQ2, "--date", "2026-12-01"])
    assert result.exit_code == 2 and "in the future" in " ".join(result.output.split())
    bad = hiki([*PHQ2, "--date", "2026-02-30"])
    assert bad.exit_code == 2 and "real date" in " ".join(bad.output.split())
    assert len(log_lines(home)) == 1
