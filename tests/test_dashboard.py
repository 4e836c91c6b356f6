from __future__ import annotations

import datetime as dt

from hikicli.domain.checkin import CheckinDays, latest_per_day
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from hikicli.storage.projection import project
from tests.support import FIXED_NOW


def checkin_data(date: str, mood: int) -> dict:
    return {
        "date": date,
        "mood": mood,
        "anxiety": 3,
        "energy": 3,
        "sleep": 7,
        "outside": 0,
        "contact": ["none"],
        "note": "",
    }


FLAGS = [
    "--mood",
    "6",
    "--anxiety",
    "4",
    "--energy",
    "3",
    "--sleep",
    "7",
    "--outside",
    "0",
    "--contact",
    "none",
]


def test_first_run_shows_the_privacy_welcome_once(hiki, home):
    first = hiki([])
    assert first.exit_code == 0, first.output
    assert str(home / "profiles" / "default") in first.output.replace("\n", "")
    assert "hiki crisis" in first.output
    second = hiki([])
    assert str(home / "profiles" / "default") not in second.output.replace("\n", "")


def test_dashboard_shows_today_and_the_week(hiki, make_ctx):
    ctx = make_ctx()
    ui = ctx.catalog["ui"]
    before = hiki([], ctx=ctx)
    assert ui["checkin_not_yet"].split(".")[0] in before.output
    hiki(["checkin", *FLAGS])
    hiki(["checkin", *FLAGS, "--date", "2026-11-22"])
    after = hiki([], ctx=make_ctx())
    assert ui["checkin_done_today"] in after.output
    assert "Wed 25" in after.output and "Sun 22" in after.output
    assert ui["suggestion_title"] in after.output
    assert "hiki crisis" in after.output


def test_welcome_back_after_a_gap_never_streak(hiki, make_ctx):
    hiki(["checkin", *FLAGS, "--date", "2026-11-20"])
    hiki([])  # the first-run welcome
    later = FIXED_NOW + dt.timedelta(days=0)
    result = hiki([], ctx=make_ctx(now=later))
    ui = make_ctx().catalog["ui"]
    assert ui["welcome_back"].format(days=5).split(".")[0] in result.output
    assert "streak" not in result.output.lower()


def test_projection_cache_folds_only_new_lines_and_matches_a_full_read(home):
    paths = Paths.resolve(home)
    log = EventLog(paths)
    cache = paths.profile_cache_dir / "dashboard.marshal"
    for day in range(1, 11):
        log.append("checkin", checkin_data(f"2026-11-{day:02d}", day))
    first = project(log, [CheckinDays()], cache)
    assert cache.exists()
    log.append("checkin", checkin_data("2026-11-05", 9))
    with open(log.path, "ab") as fh:
        fh.write(b"garbage\n")
    second = project(log, [CheckinDays()], cache)
    full = latest_per_day(log.read().events)
    assert second.states["checkin_days"]["2026-11-05"]["mood"] == 9
    assert set(second.states["checkin_days"]) == set(full)
    assert [p.line for p in second.problems] == [12]
    assert first.states is not second.states
    # A cached run after that still reports the damaged line.
    assert [p.line for p in project(log, [CheckinDays()], cache).problems] == [12]


def test_projection_cache_is_rebuilt_when_the_log_is_replaced(home):
    paths = Paths.resolve(home)
    log = EventLog(paths)
    cache = paths.profile_cache_dir / "dashboard.marshal"
    log.append("checkin", checkin_data("2026-11-01", 1))
    project(log, [CheckinDays()], cache)
    log.path.unlink()
    log.append("checkin", checkin_data("2026-11-02", 2))
    states = project(log, [CheckinDays()], cache).states
    assert list(states["checkin_days"]) == ["2026-11-02"]


def test_dashboard_notes_stay_out_of_the_cache(hiki, home):
    hiki(["checkin", *FLAGS, "--note", "my secret words"])
    hiki([])
    cache = home / "profiles" / "default" / "cache" / "dashboard.marshal"
    assert cache.exists() and b"my secret words" not in cache.read_bytes()
