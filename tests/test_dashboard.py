from __future__ import annotations

import datetime as dt

import pytest

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
    # the words written out here, not read from ui.yaml: a catalog that said "You checked in
    # today." under the key for "not yet" would fail this test
    hiki([])  # the first run: the welcome alone (an empty week does not follow it)
    before = " ".join(hiki([], ctx=make_ctx()).output.split())
    assert "No check-in yet today. When you're ready: `hiki checkin`" in before
    assert "You checked in today." not in before
    hiki(["checkin", *FLAGS])
    hiki(["checkin", *FLAGS, "--date", "2026-11-22"])
    after = hiki([], ctx=make_ctx()).output
    assert "You checked in today." in after
    assert "No check-in yet today" not in after
    assert "Wed 25" in after and "Sun 22" in after
    assert "One small idea for today" in after
    assert "hiki crisis" in after


def test_welcome_back_after_a_gap_never_streak(hiki, make_ctx):
    hiki(["checkin", *FLAGS, "--date", "2026-11-20"])
    hiki([])  # the first-run welcome
    # the last check-in was 5 days ago: welcomed back, without counting the days away
    result = hiki([], ctx=make_ctx(now=FIXED_NOW))
    text = " ".join(result.output.split())
    assert "Welcome back. However long it has been, that's completely fine." in text
    assert "5 days" not in text and "It's been" not in text
    assert "streak" not in text.lower()


@pytest.mark.parametrize(("last", "welcomed"), [(1, False), (2, True)])
def test_welcome_back_from_two_days_away(hiki, make_ctx, last, welcomed):
    day = (FIXED_NOW - dt.timedelta(days=last)).date().isoformat()
    hiki(["checkin", *FLAGS, "--date", day])
    hiki([])  # the first-run welcome
    result = hiki([], ctx=make_ctx(now=FIXED_NOW))
    assert ("Welcome back" in result.output) is welcomed


class Counting(CheckinDays):
    """The check-in days projection, counting the events it folds."""

    applied = 0

    def apply(self, state, event):
        Counting.applied += 1
        return super().apply(state, event)


def test_projection_cache_folds_only_new_lines_and_matches_a_full_read(home):
    paths = Paths.resolve(home)
    log = EventLog(paths)
    cache = paths.profile_cache_dir / "dashboard.marshal"
    for day in range(1, 11):
        log.append("checkin", checkin_data(f"2026-11-{day:02d}", day))
    first = project(log, [Counting()], cache)
    assert cache.exists() and Counting.applied == 10
    log.append("checkin", checkin_data("2026-11-05", 9))
    with open(log.path, "ab") as fh:
        fh.write(b"garbage\n")
    Counting.applied = 0
    second = project(log, [Counting()], cache)
    assert Counting.applied == 1  # only the new line was folded: the ten came from the cache
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


@pytest.mark.parametrize("profile", ["default", "kid"])
def test_the_risk_line_names_the_crisis_command_for_this_profile(hiki, make_ctx, profile):
    """After "not safe" today (and a few days back), the dashboard's gentle line names the
    command that shows help for this profile; it once showed the raw `{hiki} crisis`."""
    command = "hiki" if profile == "default" else "hiki --profile kid"
    low = ["--mood", "1", *FLAGS[2:], "--safe", "no"]
    hiki(["checkin", *low], profile=profile)
    hiki([], profile=profile)  # the first-run welcome
    today = " ".join(hiki([], ctx=make_ctx(profile=profile)).output.split())
    assert "Earlier today you told me you may not be safe." in today
    assert f"please reach out: `{command} crisis` shows people you can contact now." in today
    assert "{hiki}" not in today
    later = make_ctx(now=FIXED_NOW + dt.timedelta(days=2), profile=profile)
    recent = " ".join(hiki([], ctx=later).output.split())
    assert "A few days ago you told me" in recent and f"`{command} crisis`" in recent
    assert "{hiki}" not in recent
