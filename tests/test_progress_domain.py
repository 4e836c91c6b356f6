"""Weekly aggregates and the pattern rule, on small logs whose answers were worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hikicli.domain.progress import (
    MIN_DAYS_PER_GROUP,
    assessment_entry,
    build_progress,
    build_weeks,
    explain_pattern,
    find_pattern,
    live_events,
    week_bounds,
)
from tests.support import examples as budget

TODAY = dt.date(2026, 11, 25)
_counter = 0


def ev(kind: str, data: dict[str, Any], ts: str = "2026-11-25T09:00:00+09:00") -> dict[str, Any]:
    global _counter
    _counter += 1
    return {"v": 1, "id": f"id{_counter:04d}", "kind": kind, "ts": ts, "data": data}


def checkin(day: dt.date | str, **values: Any) -> dict[str, Any]:
    data = {
        "date": day if isinstance(day, str) else day.isoformat(),
        "mood": 5,
        "anxiety": 5,
        "energy": 5,
        "sleep": 7.0,
        "outside": 0,
        "contact": ["none"],
        "note": "",
    }
    data.update(values)
    return ev("checkin", data)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_week_bounds_end_today_and_the_oldest_block_may_be_short():
    blocks = week_bounds(dt.date(2026, 11, 10), TODAY)
    assert blocks == [
        (dt.date(2026, 11, 10), dt.date(2026, 11, 11)),
        (dt.date(2026, 11, 12), dt.date(2026, 11, 18)),
        (dt.date(2026, 11, 19), dt.date(2026, 11, 25)),
    ]


def test_weekly_aggregates_by_hand():
    events = [
        # last week (11-12 .. 11-18): two check-ins
        checkin("2026-11-12", mood=2, anxiety=8, energy=1, sleep=5.0, outside=0),
        checkin(
            "2026-11-14",
            mood=4,
            anxiety=6,
            energy=3,
            sleep=9.0,
            outside=30,
            contact=["family", "online"],
        ),
        # this week (11-19 .. 11-25): three check-ins, one corrected later
        checkin("2026-11-20", mood=6, anxiety=4, energy=5, outside=15, contact=["in-person"]),
        checkin("2026-11-22", mood=1, anxiety=9, energy=1),
        checkin("2026-11-22", mood=7, anxiety=3, energy=6, outside=45, contact=["phone"]),
        checkin("2026-11-25", mood=8, anxiety=2, energy=7, outside=0, contact=["family"]),
        # outside the period: ignored
        checkin("2026-11-11", mood=10, outside=500),
        ev("ladder.try", {"date": "2026-11-20", "step": "s2", "result": "done"}),
        ev("ladder.try", {"date": "2026-11-21", "step": "s2", "result": "not-today"}),
        ev("ladder.try", {"date": "2026-11-23", "step": "s2", "result": "partly"}),
        ev("ladder.mastered", {"date": "2026-11-23", "step": "s2"}),
        ev("ladder.mastered", {"date": "2026-11-13", "step": "s1"}),
    ]
    last, this = build_weeks(events, dt.date(2026, 11, 12), TODAY)
    assert (last.start, last.end, last.checkins) == (dt.date(2026, 11, 12), days_ago(7), 2)
    assert last.averages == {"mood": 3.0, "anxiety": 7.0, "energy": 2.0}
    assert last.sleep == 7.0
    assert (last.days_outside, last.outside_minutes) == (1, 30)
    assert last.contact == {"none": 1, "family": 1, "online": 1, "phone": 0, "in-person": 0}
    assert (last.ladder_tries, last.steps_mastered) == (0, 1)
    # 11-22 counts once, with its later values: mood (6+7+8)/3 = 7.0, anxiety 3.0, energy 6.0
    assert this.checkins == 3
    assert this.averages == {"mood": 7.0, "anxiety": 3.0, "energy": 6.0}
    assert (this.days_outside, this.outside_minutes) == (2, 60)
    assert this.contact == {"none": 0, "family": 1, "online": 0, "phone": 1, "in-person": 1}
    # "not today" is recorded but is not a try; a try marked mastered counts as one mastery
    assert (this.ladder_tries, this.steps_mastered) == (2, 1)


def outside_days(moods_out: list[int], moods_in: list[int]) -> dict[dt.date, dict[str, Any]]:
    days: dict[dt.date, dict[str, Any]] = {}
    n = 0
    for mood in moods_out:
        days[days_ago(n)] = {
            "mood": mood,
            "anxiety": 5,
            "energy": 5,
            "sleep": 8.0,
            "outside": 20,
            "contact": ["family"],
        }
        n += 1
    for mood in moods_in:
        days[days_ago(n)] = {
            "mood": mood,
            "anxiety": 5,
            "energy": 5,
            "sleep": 8.0,
            "outside": 0,
            "contact": ["family"],
        }
        n += 1
    return days


def test_pattern_found_on_hand_computed_days():
    # out: 7,7,6,8 → 7.0; in: 5,5,6,4 → 5.0; contact and sleep are the same every day.
    pattern, status = explain_pattern(outside_days([7, 7, 6, 8], [5, 5, 6, 4]))
    assert status == "found"
    assert pattern is not None
    assert (pattern.factor, pattern.measure) == ("outside", "mood")
    assert (pattern.mean_with, pattern.mean_without) == (7.0, 5.0)
    assert (pattern.days_with, pattern.days_without) == (4, 4)
    assert pattern.to_json()["difference"] == 2.0 and pattern.direction == "higher"


def test_no_pattern_with_too_few_days_on_one_side():
    days = outside_days([9, 9, 9], [1, 1, 1, 1, 1, 1])  # a huge difference, but only 3 days out
    assert MIN_DAYS_PER_GROUP == 4
    assert explain_pattern(days) == (None, "not_enough")


def test_no_pattern_when_the_difference_is_small():
    days = outside_days([6, 6, 5, 6], [5, 5, 6, 5])  # 5.75 vs 5.25: half a point
    assert explain_pattern(days) == (None, "none")


def test_the_biggest_difference_wins_and_lower_is_reported_as_lower():
    days = outside_days([6, 6, 6, 6], [5, 5, 5, 5])  # outside/mood: +1.0
    for i, day in enumerate(sorted(days)):
        days[day]["anxiety"] = 8 if days[day]["outside"] else 3  # outside/anxiety: +5.0
        days[day]["energy"] = 4 if i % 2 else 5
    pattern = find_pattern(days)
    assert pattern is not None
    assert (pattern.factor, pattern.measure, pattern.mean_with, pattern.mean_without) == (
        "outside",
        "anxiety",
        8.0,
        3.0,
    )
    # Reversed: days out lower
    for day in days:
        days[day]["anxiety"] = 2 if days[day]["outside"] else 6
    pattern = find_pattern(days)
    assert pattern is not None
    assert pattern.direction == "lower" and pattern.to_json()["difference"] == 4.0


def test_contact_and_sleep_factors():
    days: dict[dt.date, dict[str, Any]] = {}
    for n in range(10):
        days[days_ago(n)] = {
            "mood": 5,
            "anxiety": 5,
            "energy": 8 if n < 5 else 4,
            "sleep": 8.0 if n < 5 else 5.0,
            "outside": 0,
            "contact": ["none"],
        }
    pattern = find_pattern(days)
    assert pattern is not None
    assert (pattern.factor, pattern.measure, pattern.days_with, pattern.days_without) == (
        "sleep",
        "energy",
        5,
        5,
    )
    for n in range(10):
        days[days_ago(n)]["sleep"] = 7.0
        days[days_ago(n)]["contact"] = ["online"] if n < 5 else ["none"]
    pattern = find_pattern(days)
    assert pattern is not None and pattern.factor == "contact"


def test_progress_over_the_log_uses_the_pattern_rule():
    events = [checkin(days_ago(n), mood=8, outside=30) for n in range(4)]
    events += [checkin(days_ago(n), mood=4) for n in range(4, 8)]
    progress = build_progress(events, days_ago(13), TODAY)
    assert progress.pattern is not None and progress.pattern.factor == "outside"
    assert progress.checkin_count == 8 and len(progress.weeks) == 2
    short = build_progress(events[:7], days_ago(13), TODAY)  # only 3 days in: not enough
    assert short.pattern is None and short.pattern_status == "not_enough"


def test_live_events_drops_duplicates():
    a = ev("ladder.try", {"date": "2026-11-20"})
    b = ev("ladder.try", {"date": "2026-11-21"})
    assert [e["id"] for e in live_events([a, dict(a), b, dict(b)])] == [a["id"], b["id"]]


def test_loose_readers_skip_shapes_they_do_not_know():
    assert assessment_entry(ev("assessment", {"instrument": "phq9"})) is None
    assert assessment_entry(ev("assessment", {"total": "12", "instrument": "phq9"})) is None
    entry = assessment_entry(
        ev(
            "assessment.completed",
            {
                "instrument": "phq9",
                "total": 7,
                "band": "mild",
                "answers": [1, 2, 0, 1, 1, 1, 1, 0, 0],
                "date": "2026-11-01",
            },
        )
    )
    assert entry == {"instrument": "phq9", "date": "2026-11-01", "score": 7, "band": "mild"}
    weird = [
        {"v": 1, "id": "x", "kind": "ladder.try", "ts": "not a time", "data": {"date": 5}},
        {"v": 1, "id": "y", "kind": "assessment", "ts": "2026-11-20T00:00:00", "data": []},
        checkin("2026-11-20", mood="high", contact="family"),
    ]
    progress = build_progress(weird, days_ago(6), TODAY)
    assert progress.weeks[0].averages["mood"] is None
    assert set(progress.weeks[0].contact.values()) == {0}  # a text is not a list of contacts
    assert progress.has_ladder


day_values = st.fixed_dictionaries(
    {
        "mood": st.integers(0, 10),
        "anxiety": st.integers(0, 10),
        "energy": st.integers(0, 10),
        "sleep": st.sampled_from([4.0, 6.5, 7.0, 9.0]),
        "outside": st.sampled_from([0, 0, 15, 60]),
        "contact": st.sampled_from([["none"], ["family"], ["online", "phone"]]),
    }
)


@settings(max_examples=budget(150), deadline=None)
@given(st.lists(day_values, max_size=30))
def test_a_reported_pattern_always_meets_the_rule(values):
    from hikicli.domain.progress import FACTOR_TESTS, MIN_DIFFERENCE

    days = {days_ago(i): v for i, v in enumerate(values)}
    pattern, status = explain_pattern(days)
    if pattern is None:
        assert status in ("not_enough", "none")
        return
    side = FACTOR_TESTS[pattern.factor]
    with_ = [d[pattern.measure] for d in days.values() if side(d)]
    without = [d[pattern.measure] for d in days.values() if side(d) is False]
    assert len(with_) >= MIN_DAYS_PER_GROUP and len(without) >= MIN_DAYS_PER_GROUP
    assert (len(with_), len(without)) == (pattern.days_with, pattern.days_without)
    assert abs(sum(with_) / len(with_) - sum(without) / len(without)) >= MIN_DIFFERENCE - 1e-9
