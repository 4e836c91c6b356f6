"""Homework completion rules, as pure domain code: a pack, events, today in; task statuses out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hikicli.domain.homework import (
    blocks,
    current_packs,
    find_task,
    homework_view,
    shift_dates,
    task_status,
    tasks_of,
)
from tests.support import examples as budget

START = dt.date(2026, 12, 1)


def pack(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "p1",
        "title": "Two weeks",
        "start": "2026-12-01",
        "due": "2026-12-14",
        "checkins": {"days_per_week": 3},
        "readings": [{"topic": "family", "audience": "self"}],
        "ladder_steps": [
            {"step": "Open the curtains in the morning"},
            {"step": "Walk to the mailbox"},
        ],
        "questionnaires": [{"id": "phq-9", "every": "once"}, {"id": "who-5", "every": "weekly"}],
        "reflections": [{"id": "easier", "question": "What made it easier?"}],
    }
    base.update(over)
    return base


def ev(kind: str, day: str, **data: Any) -> dict[str, Any]:
    return {
        "v": 1,
        "id": f"{kind}-{day}",
        "kind": kind,
        "ts": f"{day}T10:00:00+09:00",
        "data": data,
    }


def checkin(day: str, kind: str = "checkin") -> dict[str, Any]:
    return ev(kind, day, date=day, mood=5)


def status(task_id: str, events: list[dict[str, Any]], today: str = "2026-12-14", **over: Any):
    p = pack(**over)
    task = next(t for t in tasks_of(p) if t.id == task_id)
    return task_status(p["id"], p, task, events, dt.date.fromisoformat(today))


def test_task_ids_are_stable_and_in_pack_order():
    assert [t.id for t in tasks_of(pack())] == [
        "checkins",
        "reading-family",
        "step-1",
        "step-2",
        "questionnaire-phq-9",
        "questionnaire-who-5",
        "reflection-easier",
    ]
    assert [t.id for t in tasks_of(pack(checkins=None, readings=[]))][0] == "step-1"


@pytest.mark.parametrize(
    "due, sizes", [("2026-12-14", [7, 7]), ("2026-12-10", [7, 3]), ("2026-12-01", [1])]
)
def test_blocks_are_seven_days_from_the_start(due, sizes):
    assert [b.days for b in blocks(START, dt.date.fromisoformat(due))] == sizes


# --- check-in plan ------------------------------------------------------------------------------


def test_checkin_plan_needs_enough_distinct_days_in_every_week():
    week1 = [checkin(d) for d in ("2026-12-01", "2026-12-03", "2026-12-03", "2026-12-05")]
    week2 = [checkin("2026-12-09"), checkin("2026-12-10")]
    s = status("checkins", week1 + week2)
    assert not s.done
    assert s.progress == {"done": 2, "needed": 3, "week": 2, "weeks": 2, "weeks_met": 1}
    s = status("checkins", week1 + week2 + [checkin("2026-12-14")])
    assert s.done and s.done_on == "2026-12-14"


def test_checkin_plan_ignores_days_outside_the_pack():
    outside = [checkin("2026-11-30"), checkin("2026-12-15")]
    inside = [checkin(d) for d in ("2026-12-01", "2026-12-02", "2026-12-03")]
    s = status("checkins", outside + inside, today="2026-12-03")
    assert s.progress == {"done": 3, "needed": 3, "week": 1, "weeks": 2, "weeks_met": 1}
    assert not s.done  # week 2 is still to come


def test_a_family_checkin_never_counts_as_the_persons_homework():
    family = [checkin(d, "family.checkin") for d in ("2026-12-01", "2026-12-02", "2026-12-03")]
    s = status("checkins", family, today="2026-12-03")
    assert s.progress is not None and s.progress["done"] == 0 and s.progress["weeks_met"] == 0


def test_a_family_pack_counts_the_family_members_own_checkins_and_lessons():
    family_pack = {"audience": "family", "ladder_steps": [], "lessons": [{"number": 4}]}
    days = ("2026-12-01", "2026-12-02", "2026-12-03")
    person = [checkin(d) for d in days]
    s = status("checkins", person, today="2026-12-03", **family_pack)
    assert s.progress is not None and s.progress["done"] == 0  # the person's never count
    own = [checkin(d, "family.checkin") for d in days]
    s = status("checkins", own, "2026-12-03", **family_pack)
    assert s.progress is not None and s.progress["weeks_met"] == 1
    read = ev("family.lesson", "2026-12-02", module="communication", number=4, status="read")
    assert not status("lesson-4", [read], **family_pack).done  # reading is not the practice
    before = ev("family.lesson", "2026-11-20", module="communication", number=4, status="exercise")
    assert not status("lesson-4", [before], **family_pack).done  # before the pack started
    did = ev("family.lesson", "2026-12-03", module="communication", number=4, status="exercise")
    done = status("lesson-4", [read, did], **family_pack)
    assert done.done and done.done_on == "2026-12-03"


def test_a_short_last_week_needs_at_most_its_own_days():
    days = ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-08"]
    s = status("checkins", [checkin(d) for d in days], due="2026-12-08")
    assert s.done and s.progress["needed"] == 1


def test_checkin_progress_before_the_start_shows_the_first_week():
    s = status("checkins", [], today="2026-11-20")
    assert s.progress == {"done": 0, "needed": 3, "week": 1, "weeks": 2, "weeks_met": 0}


def test_other_kinds_with_a_date_do_not_count_as_checkins():
    events = [ev("ladder.try", d, date=d) for d in ("2026-12-01", "2026-12-02", "2026-12-03")]
    assert status("checkins", events).progress["weeks_met"] == 0


# --- readings ------------------------------------------------------------------------------------


def test_reading_is_done_when_the_topic_is_opened_on_or_after_the_start():
    assert not status("reading-family", [ev("guide.read", "2026-11-30", topic="family")]).done
    assert not status("reading-family", [ev("guide.read", "2026-12-02", topic="crisis")]).done
    s = status("reading-family", [ev("guide.read", "2026-12-16", topic="family")])
    assert s.done and s.done_on == "2026-12-16"  # late still counts


# --- ladder steps --------------------------------------------------------------------------------


def test_step_done_through_an_id_given_by_an_earlier_ladder_event():
    events = [
        ev("ladder.add", "2026-11-28", step="s7", text="Open the curtains in the morning", suds=20),
        ev("ladder.try", "2026-12-02", step="s7", result="done", peak=30),
    ]
    s = status("step-1", events)
    assert s.done and s.done_on == "2026-12-02"
    assert not status("step-2", events).done


def test_adding_a_step_alone_does_not_complete_it():
    events = [ev("ladder.add", "2026-12-02", step="s7", text="Open the curtains in the morning")]
    assert not status("step-1", events).done


def test_a_not_today_does_not_complete_a_step():
    events = [
        ev("ladder.add", "2026-12-01", step="s1", text="Open the curtains in the morning"),
        ev("ladder.try", "2026-12-02", step="s1", result="not-today"),
    ]
    assert not status("step-1", events).done


def test_a_plan_or_a_mastery_alone_does_not_complete_a_step():
    events = [
        ev("ladder.add", "2026-12-01", step="s1", text="Open the curtains in the morning"),
        ev("ladder.plan", "2026-12-02", step="s1", when="morning"),
        ev(
            "ladder.mastered",
            "2026-12-03",
            step="s1",
            step_title="Open the curtains in the morning",
        ),
    ]
    assert not status("step-1", events).done


def test_step_named_by_its_text_matches_without_case_or_extra_spaces():
    events = [
        ev(
            "ladder.try",
            "2026-12-03",
            step="s9",
            step_title="  open the CURTAINS in the   morning ",
        )
    ]
    assert status("step-1", events).done


def test_step_done_before_the_start_does_not_count():
    events = [ev("ladder.try", "2026-11-30", step_title="Open the curtains in the morning")]
    assert not status("step-1", events).done


def test_partly_done_counts_as_trying():
    events = [ev("ladder.try", "2026-12-04", step_title="Walk to the mailbox", result="partly")]
    assert status("step-2", events).done


# --- questionnaires ------------------------------------------------------------------------------


def test_once_questionnaire_matches_its_instrument_loosely():
    events = [ev("assessment", "2026-12-05", instrument="PHQ9", score=7)]
    assert status("questionnaire-phq-9", events).done
    assert not status(
        "questionnaire-phq-9", [ev("assessment", "2026-12-05", instrument="gad-7")]
    ).done
    assert not status("questionnaire-phq-9", [ev("checkin", "2026-12-05", id="phq-9")]).done


def test_weekly_questionnaire_needs_one_in_every_week():
    first = [ev("assessment.result", "2026-12-02", questionnaire="who-5")]
    s = status("questionnaire-who-5", first)
    assert not s.done and s.progress["weeks_met"] == 1
    both = first + [ev("assessment.result", "2026-12-12", questionnaire="WHO-5")]
    assert status("questionnaire-who-5", both).done


# --- reflections and manual marks ---------------------------------------------------------------


def test_reflection_is_done_by_an_answer_and_the_latest_answer_wins():
    assert not status("reflection-easier", []).done
    events = [
        ev("homework.answer", "2026-12-03", pack="p1", task="reflection-easier", text="first"),
        ev("homework.answer", "2026-12-04", pack="p1", task="reflection-easier", text="second"),
        ev("homework.answer", "2026-12-05", pack="other", task="reflection-easier", text="no"),
    ]
    s = status("reflection-easier", events)
    assert s.done and s.answer == "second" and s.done_on == "2026-12-04"


def test_an_answer_for_another_pack_does_not_count():
    events = [ev("homework.answer", "2026-12-05", pack="other", task="reflection-easier", text="x")]
    assert not status("reflection-easier", events).done


def test_a_manual_mark_completes_a_step_or_questionnaire():
    mark = [ev("homework.done", "2026-12-06", pack="p1", task="step-2")]
    assert status("step-2", mark).done
    assert not status("step-1", mark).done


# --- packs ---------------------------------------------------------------------------------------


def test_a_newer_import_of_the_same_pack_replaces_the_older():
    events = [
        ev("homework.pack", "2026-12-01", id="p1", pack=pack(title="old")),
        ev("homework.pack", "2026-12-02", id="p2", pack=pack(id="p2", title="other")),
        ev("homework.pack", "2026-12-03", id="p1", pack=pack(title="new")),
    ]
    packs = current_packs(events)
    assert packs["p1"][0]["title"] == "new" and set(packs) == {"p1", "p2"}


def test_view_lists_open_packs_first_and_counts_done_tasks():
    ended = pack(id="old", due="2026-12-05")
    later = pack(id="later", due="2026-12-30")
    soon = pack(id="soon", due="2026-12-12")
    events = [ev("homework.pack", "2026-12-01", id=p["id"], pack=p) for p in (ended, later, soon)]
    events.append(ev("guide.read", "2026-12-02", topic="family"))
    views = homework_view(events, dt.date(2026, 12, 8))
    assert [v.id for v in views] == ["soon", "later", "old"]
    assert [v.days_left for v in views] == [4, 22, -3]
    assert all(v.done == 1 for v in views)
    as_json = views[0].to_json()
    assert as_json["total"] == 7 and as_json["tasks"][1]["id"] == "reading-family"
    assert find_task(views, "step-2", "later")[0].id == "later"
    assert find_task(views, "step-2")[0].id == "soon"
    assert find_task(views, "step-9") is None


def test_example_dates_move_to_today_keeping_length_and_comments():
    text = "# a comment\nid: x\nstart: 2026-12-01\ndue: 2026-12-14\n# start: 2020-01-01\n"
    shifted = shift_dates(text, dt.date(2027, 3, 30))
    assert "start: 2027-03-30\ndue: 2027-04-12\n" in shifted
    assert shifted.startswith("# a comment\n") and "# start: 2020-01-01" in shifted
    assert shift_dates("id: x\n", dt.date(2027, 3, 30)) == "id: x\n"


@pytest.mark.parametrize(
    "broken",
    [
        None,
        "text",
        {"title": "x"},
        pack(start="someday"),
        pack(due="2026-11-01"),
        pack(readings=[{"audience": "self"}]),
        pack(checkins={"days": 3}),
    ],
)
def test_a_hand_damaged_pack_record_is_skipped_not_fatal(broken):
    events = [
        ev("homework.pack", "2026-12-01", id="bad", pack=broken),
        ev("homework.pack", "2026-12-01", id="p1", pack=pack()),
    ]
    assert [v.id for v in homework_view(events, START)] == ["p1"]


def test_dashboard_projection_skips_damaged_packs_and_lists_current_ones():
    from hikicli.domain.homework import HomeworkPacks, dashboard_lines

    projection = HomeworkPacks()
    state = projection.initial()
    for e in [
        ev("homework.pack", "2026-12-01", id="bad", pack=pack(start="someday")),
        ev("homework.pack", "2026-12-01", id="p1", pack=pack()),
        ev(
            "homework.pack",
            "2026-12-01",
            id="p2",
            pack=pack(id="p2", title="Later", start="2026-12-20", due="2026-12-30"),
        ),
        ev("checkin", "2026-12-01"),
    ]:
        state = projection.apply(state, e)
    assert set(state) == {"p1", "p2"}
    texts = {"days_left": "{days} left", "due_today": "today", "dashboard_line": "{title}: {when}"}
    assert dashboard_lines(state, texts, dt.date(2026, 12, 10)) == ["Two weeks: 4 left"]
    assert dashboard_lines(state, texts, dt.date(2026, 12, 14)) == ["Two weeks: today"]
    assert dashboard_lines(state, texts, dt.date(2026, 12, 15)) == []


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def test_more_activity_never_undoes_a_task():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    kinds = st.sampled_from(["checkin", "family.checkin", "guide.read", "assessment", "ladder.try"])
    event = st.builds(
        lambda kind, offset: ev(
            kind,
            _day(offset),
            date=_day(offset),
            topic="family",
            instrument="who-5",
            step="Walk to the mailbox",
        ),
        kinds,
        st.integers(-3, 20),
    )

    @settings(max_examples=budget(150), deadline=None)
    @given(st.lists(event, max_size=25), st.lists(event, max_size=10), st.integers(-2, 25))
    def check(before, extra, today_offset):
        today = START + dt.timedelta(days=today_offset)
        p = pack()
        for task in tasks_of(p):
            was = task_status("p1", p, task, before, today).done
            now = task_status("p1", p, task, before + extra, today).done
            assert now or not was, task.id

    check()


def test_report_items_cover_packs_overlapping_the_period_as_of_its_last_day():
    from hikicli.domain.homework import is_pack_event, report_items

    events = [
        ev("homework.pack", "2026-11-28", id="p1", pack=pack()),
        ev("guide.read", "2026-12-03", topic="family"),
        ev("homework.answer", "2026-12-20", pack="p1", task="reflection-easier", text="later"),
    ]
    # imported on 28 Nov, but the pack starts on 1 Dec: nothing was given in November
    assert report_items(events, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []
    early = report_items(events, dt.date(2026, 12, 1), dt.date(2026, 12, 10))
    assert len(early) == 7 and [i["title"] for i in early if i["done"]] == [
        "Two weeks: reading-family"
    ]
    assert early[0]["assigned_on"] == "2026-12-01"
    late = report_items(events, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert sum(i["done"] for i in late) == 2  # the answer of 20 Dec counts by then
    assert report_items(events, dt.date(2026, 12, 15), dt.date(2026, 12, 31)) == []  # pack ended
    assert (
        report_items(events, dt.date(2026, 11, 1), dt.date(2026, 11, 27)) == []
    )  # not imported yet
    assert is_pack_event(events[0]) and is_pack_event(events[2]) and not is_pack_event(events[1])
    assert not is_pack_event(ev("homework.done", "2026-12-01", homework_id="x"))
