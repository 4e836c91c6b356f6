"""The sleep rhythm: --slept/--woke with a check-in (across midnight), the record rule, history,
export/import, the window in `hiki progress` (80 columns, ASCII only) and the report's SVG."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from hikicli.domain import sleep
from hikicli.domain.kinds import checkin_problem
from hikicli.errors import UsageError
from tests.support import FIXED_NOW, json_data, log_lines

BASE = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "3", "--outside", "0"]
BASE += ["--contact", "none"]
TODAY = FIXED_NOW.date()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("03:30", "03:30"), ("3:30", "03:30"), (" 23:05 ", "23:05"), ("０３：３０", "03:30"),
        ("7", "07:00"), ("23", "23:00"), ("０", "00:00"), ("07", "07:00"),
    ],
)
def test_a_typed_time_reads_as_stored(typed, stored):
    assert sleep.parse_clock(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "24", "123", "3:3", "24:00", "12:60", "1330", "3:30pm", "-1:00", "٣"]
)
def test_a_time_that_is_not_one_is_an_input_error_naming_the_flag(typed):
    with pytest.raises(UsageError) as err:
        sleep.parse_clock(typed, "--woke")
    assert "--woke" in str(err.value) and "HH:MM" in str(err.value)


def test_a_night_counts_across_midnight():
    assert sleep.hours("03:30", "13:10") == pytest.approx(9.67)
    assert sleep.hours("23:30", "07:00") == 7.5
    assert sleep.hours("13:00", "12:30") == 23.5  # asleep almost all day and night
    with pytest.raises(UsageError, match="same time"):
        sleep.check_times("07:00", "07:00")
    with pytest.raises(UsageError, match="go together"):
        sleep.check_times("07:00", None)


def test_the_middle_time_of_a_week_is_taken_around_midnight_not_noon():
    days = {
        TODAY - dt.timedelta(days=1): {"slept": "23:30", "woke": "07:00"},
        TODAY: {"slept": "00:30", "woke": "08:00"},
    }
    window = sleep.sleep_window(days, [(TODAY - dt.timedelta(days=6), TODAY)])
    assert window is not None and window.anchor == 18
    [week] = window.weeks
    assert (week.slept, week.woke, week.nights) == ("00:00", "07:30", 2)
    # 23:30 (cell 11 from 18:00) asleep on one night of two; 01:00 on both
    assert week.cells[11] == 0.5 and week.cells[14] == 1.0 and week.cells[30] == 0.0


def test_a_day_sleeper_chart_starts_where_no_night_is_cut():
    days = {TODAY: {"slept": "16:00", "woke": "23:00"}}
    window = sleep.sleep_window(days, [(TODAY, TODAY)])
    assert window is not None and window.anchor == 15  # 18:00 and 21:00 would cut it


def test_flags_save_the_times_and_the_hours_from_them(hiki, home):
    result = hiki([*BASE, "--slept", "23:30", "--woke", "7:00", "--json"])
    assert result.exit_code == 0, result.output
    data = json_data(result.output)
    assert (data["slept"], data["woke"], data["sleep"]) == ("23:30", "07:00", 7.5)
    [event] = log_lines(home)
    assert event["data"]["slept"] == "23:30" and event["data"]["woke"] == "07:00"
    # given hours stay the person's own answer
    hiki([*BASE, "--sleep", "6", "--slept", "23:30", "--woke", "07:00"])
    assert log_lines(home)[-1]["data"]["sleep"] == 6


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--slept", "3:3", "--woke", "13:10"], "--slept must be a time written HH:MM"),
        (["--slept", "03:30", "--woke", "25:00"], "--woke must be a time written HH:MM"),
        (["--slept", "03:30"], "--slept and --woke go together"),
        (["--woke", "13:10", "--sleep", "8"], "--slept and --woke go together"),
        (["--slept", "13:10", "--woke", "13:10"], "are the same time"),
    ],
)
def test_bad_times_exit_2_with_one_clear_line_and_nothing_written(hiki, home, flags, words):
    result = hiki([*BASE, *flags])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert log_lines(home) == []


def test_the_fast_path_takes_the_flags_too(tmp_path):
    import subprocess
    import sys

    env = {"HIKI_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin", "COLUMNS": "80"}
    run = [sys.executable, "-m", "hikicli", *BASE, "--slept", "03:30", "--woke", "13:10"]
    done = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([*run[:-1], "13:xx"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--woke must be a time written HH:MM" in bad.stderr


def test_the_record_rule_reads_times_when_present():
    ok = {"date": "2026-11-20", "mood": 5, "anxiety": 5, "energy": 5, "sleep": 7.0}
    ok |= {"outside": 0, "contact": ["none"]}
    assert checkin_problem(ok) is None
    assert checkin_problem({**ok, "slept": "03:30", "woke": "13:10"}) is None
    assert checkin_problem({**ok, "slept": "3:30"}) is not None
    assert checkin_problem({**ok, "woke": 1310}) is not None


def test_history_shows_the_times_and_export_import_keeps_them(hiki, home, tmp_path, make_ctx):
    hiki([*BASE, "--slept", "03:30", "--woke", "13:10"])
    assert "slept 03:30-13:10" in hiki(["history"]).output
    path = tmp_path / "export.json"
    assert hiki(["data", "export", "-o", str(path)]).exit_code == 0
    other = make_ctx(profile="other")
    assert hiki(["data", "import", str(path)], ctx=other).exit_code == 0
    [event] = log_lines(home, "other")
    assert (event["data"]["slept"], event["data"]["woke"]) == ("03:30", "13:10")
    csv_path = tmp_path / "export.csv"
    assert hiki(["data", "export", "--format", "csv", "-o", str(csv_path)]).exit_code == 0
    header, row = csv_path.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(",")[-3:] == ["slept", "woke", "data"] and "03:30,13:10" in row


def seed_nights(home: Path, hiki, days: int = 56) -> None:
    """A day-night reversal drifting back: to sleep at 05:00 eight weeks ago (about 04:40 in the
    first week shown), 01:30 now."""
    for i in range(days, -1, -1):
        if i % 5 == 3:
            continue  # some days have no check-in
        day = TODAY - dt.timedelta(days=i)
        start = int(5 * 60 - (days - i) * 3.75)
        slept = sleep.clock(start)
        woke = sleep.clock(start + 9 * 60)
        args = [*BASE, "--date", day.isoformat(), "--slept", slept, "--woke", woke]
        assert hiki(args).exit_code == 0


def ambiguous(text: str) -> set[str]:
    return {c for c in text if unicodedata.east_asian_width(c) == "A"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_progress_draws_the_window_at_80_columns_in_ascii(hiki, home, monkeypatch, lang):
    from hikicli.cli.plain import cell_width

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("HIKI_LANG", lang)
    seed_nights(home, hiki)
    out = hiki(["progress"]).output
    heading = "When you slept" if lang == "en" else "眠っていた時間帯"
    lines = out.split(heading, 1)[1].split("\n\n", 1)[0].splitlines()
    axis, rows = lines[1], lines[2:10]
    assert axis.split()[-9:] == ["18", "21", "00", "03", "06", "09", "12", "15", "18"]
    # the oldest week sleeps from about 05:00, the last from about 01:30: the drift is visible
    assert rows[0].split()[-3 if lang == "en" else -2].startswith("04:"), rows[0]
    assert rows[-1].split()[-3 if lang == "en" else -2].startswith("01:"), rows[-1]
    assert rows[0].index("#") > rows[-1].index("#")
    for line in lines:
        assert cell_width(line) <= 80, line
    assert not ambiguous("\n".join(lines[:10])), "ambiguous-width characters in the chart"
    assert all(c.isascii() for c in set("\n".join(lines[1:10])) - set("週の終わり晩"))


def test_progress_json_carries_the_window(hiki, home):
    seed_nights(home, hiki, days=13)
    data = json_data(hiki(["progress", "--weeks", "2", "--json"]).output)
    window = data["sleep_window"]
    assert window["anchor"] == "18:00" and window["cell_minutes"] == 30
    assert [w["nights"] for w in window["weeks"]] == [5, 6]
    assert len(window["weeks"][0]["cells"]) == 48
    assert window["nights"][-1]["hours"] == 9.0


def test_no_times_no_section(hiki, home):
    hiki([*BASE, "--sleep", "7"])
    assert "When you slept" not in hiki(["progress"]).output
    assert json_data(hiki(["progress", "--json"]).output)["sleep_window"] is None
    html = hiki(["report", "--format", "html"]).output
    assert 'class="sleep"' not in html


def test_the_report_has_the_window_as_svg_and_as_text(hiki, home):
    seed_nights(home, hiki, days=27)
    html = hiki(["report", "--format", "html"]).output
    section = html.split('<section class="sleep">', 1)[1].split("</section>", 1)[0]
    assert "<svg" in section and "Sleep window, night by night" in section
    assert section.count("<rect") >= 20  # one bar a night noted (some cross the chart's edge)
    assert "<script" not in section
    md = hiki(["report"]).output
    block = md.split("## When you slept", 1)[1].split("```", 2)[1]
    assert "#" in block and ("5 nights" in block or "6 nights" in block)
    data = json.loads(hiki(["report", "--format", "json"]).output)
    assert data["sleep_window"]["nights"][0]["slept"] == "05:00"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_rhythm_reading_is_for_the_person_and_names_no_blame(hiki, monkeypatch, lang):
    monkeypatch.setenv("HIKI_LANG", lang)
    result = hiki(["guide", "sleep-rhythm", "--no-pager"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    if lang == "en":
        assert "you are not lazy" in text and "open the curtains" in text
        assert "a quarter of an hour" in text
    else:
        assert "怠けではありません" in text and "カーテンを開ける" in text
        assert "頑張" not in text and "甘え" not in text
    assert "hiki support --need mental-health" in text
    family = hiki(["guide", "sleep-rhythm", "--audience", "family"])
    assert family.exit_code == 2 and "hiki family read" in family.output
