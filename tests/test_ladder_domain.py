"""The ladder's pure rules: strength score, order, gaps, mastery, the fold."""

from __future__ import annotations

import datetime as dt
import marshal
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hikicli.domain import ladder as dl
from hikicli.domain import ladder_rules as rules
from hikicli.domain import ladder_strength as strength
from hikicli.errors import UsageError
from tests.support import examples as budget

DAY0 = dt.date(2026, 1, 1).toordinal()

# ---------------------------------------------------------------------------------------------
# Strength: the batch formula


def test_multiplier_is_loops_daily_formula():
    assert strength.MULTIPLIER == pytest.approx(0.5 ** (1 / 13))
    # half-life of about 13 days for a daily item
    assert strength.strength_of_days([0.0] * 13, start=1.0) == pytest.approx(0.5)


def test_one_done_day_from_zero():
    assert strength.strength_of_days([1.0]) == pytest.approx(1 - 0.5 ** (1 / 13))


def test_paused_days_leave_the_score_unchanged():
    base = strength.strength_of_days([1.0] * 10)
    assert strength.strength_of_days([1.0] * 10 + [None] * 30) == base


def test_a_lapse_fades_gently_instead_of_resetting():
    practised = strength.strength_of_days([1.0] * 30)
    after_a_week_off = strength.strength_of_days([1.0] * 30 + [0.0] * 7)
    assert 0.6 * practised < after_a_week_off < practised


day_values = st.lists(st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0])), max_size=200)


@given(day_values)
def test_strength_always_between_0_and_1(values):
    assert 0.0 <= strength.strength_of_days(values) <= 1.0


@given(day_values, st.data())
def test_strength_is_monotone_in_practice(values, data):
    """Practising on any one more day never lowers the strength."""
    if not values:
        return
    i = data.draw(st.integers(0, len(values) - 1))
    more = list(values)
    more[i] = 1.0
    assert strength.strength_of_days(more) >= strength.strength_of_days(values) - 1e-12


@given(day_values, st.integers(0, 50))
def test_pausing_leaves_strength_unchanged(values, pause_len):
    assert strength.strength_of_days(values + [None] * pause_len) == strength.strength_of_days(
        values
    )


# ---------------------------------------------------------------------------------------------
# Strength: the incremental form in the projection equals the batch formula


events_strategy = st.lists(
    st.tuples(
        st.integers(0, 3),  # days since the previous event
        st.sampled_from(["done", "partly", "not-today", "pause", "resume"]),
    ),
    max_size=60,
)


def _batch(events, today):
    """Reference: list every day from the first to today, then apply the plain formula."""
    start = DAY0
    tried: dict[int, float] = {}
    paused_days: set[int] = set()
    paused = False
    day = start
    log = []
    for gap, what in events:
        day += gap
        log.append((day, what))
    last_day = max([today] + [d for d, _ in log])
    pos = 0
    values = []
    for d in range(start, last_day + 1):
        if paused:
            paused_days.add(d)
        while pos < len(log) and log[pos][0] == d:
            what = log[pos][1]
            if what in dl.RESULT_VALUE:
                tried[d] = max(tried.get(d, 0.0), dl.RESULT_VALUE[what])
            elif what == "pause":
                paused = True
                paused_days.add(d)
            else:
                paused = False
            pos += 1
        if d > today or d == today and d not in tried:
            break
        if d in tried:
            values.append(tried[d])
        elif d in paused_days:
            values.append(None)
        else:
            values.append(0.0)
    return strength.strength_of_days(values)


@settings(max_examples=budget(300), deadline=None)
@given(events_strategy, st.integers(0, 30))
def test_incremental_strength_equals_the_batch_formula(events, extra_days):
    acc = strength.new_strength()
    strength.strength_start(acc, DAY0)
    day = DAY0
    for gap, what in events:
        day += gap
        if what in dl.RESULT_VALUE:
            strength.strength_try(acc, day, dl.RESULT_VALUE[what])
        else:
            strength.strength_pause(acc, day, what == "pause")
    today = day + extra_days
    assert strength.strength_on(acc, today) == pytest.approx(_batch(events, today), abs=1e-9)
    assert 0.0 <= strength.strength_on(acc, today) <= 1.0


def test_today_without_a_try_does_not_count_yet():
    acc = strength.new_strength()
    strength.strength_try(acc, DAY0, 1.0)
    yesterday_end = strength.strength_on(acc, DAY0)
    assert strength.strength_on(acc, DAY0 + 1) == yesterday_end  # today is not over
    assert strength.strength_on(acc, DAY0 + 2) == pytest.approx(yesterday_end * strength.MULTIPLIER)


# ---------------------------------------------------------------------------------------------
# Order, gaps, first step


def _steps(sudses):
    return [
        {"id": f"s{i + 1}", "n": i + 1, "suds": s, "text": f"t{i}"} for i, s in enumerate(sudses)
    ]


@given(st.lists(st.integers(0, 100), max_size=30), st.randoms())
def test_order_is_by_suds_then_added_and_ignores_input_order(sudses, rnd):
    steps = _steps(sudses)
    ranked = dl.ordered(steps)
    assert [s["suds"] for s in ranked] == sorted(sudses)
    for a, b in zip(ranked, ranked[1:], strict=False):
        assert (a["suds"], a["n"]) < (b["suds"], b["n"])
    shuffled = list(steps)
    rnd.shuffle(shuffled)
    assert [s["id"] for s in dl.ordered(shuffled)] == [s["id"] for s in ranked]


@given(st.lists(st.integers(0, 100), min_size=1, max_size=30))
def test_gaps_name_every_jump_over_15_and_nothing_else(sudses):
    steps = _steps(sudses)
    found = dl.gaps(steps)
    ranked = sorted(sudses)
    expected = [b - a for a, b in zip(ranked, ranked[1:], strict=False) if b - a > 15]
    assert [g for _, _, g in found] == expected


def test_gaps_and_first_step_examples():
    steps = _steps([10, 30, 35, 80])
    assert dl.gaps(steps) == [("s1", "s2", 20), ("s3", "s4", 45)]
    assert dl.first_step(steps)["id"] == "s1"  # the easiest, as it is at or under 40
    assert dl.first_step(_steps([40, 20, 90]))["id"] == "s2"
    assert dl.first_step([]) is None
    assert dl.first_step(_steps([45, 60])) is None


# ---------------------------------------------------------------------------------------------
# Mastery rules


def t(result="done", peak=None, end=None, happened="", learned=True, context="alone|"):
    return rules.TryFacts(result, peak, end, happened, learned, context)


def test_habituation_needs_three_consecutive_settled_done_tries():
    settled = t(peak=25, end=10)
    unsettled = t(peak=70, end=50)
    assert not rules.habituation_mastered([settled, settled], 30, 3)
    assert rules.habituation_mastered([settled, settled, settled], 30, 3)
    assert not rules.habituation_mastered([settled, settled, unsettled, settled], 30, 3)


def test_habituation_counts_a_drop_of_half_and_ignores_partial_and_not_today():
    halved = t(peak=80, end=40)
    barely = t(peak=80, end=41)
    assert rules.settles(halved, 30) and not rules.settles(barely, 30)
    assert rules.settles(t(peak=90, end=30), 30)  # end at the threshold
    assert not rules.settles(t(), 30)  # no SUDS given: no evidence
    run = [halved, t("not-today"), t("partly", peak=90, end=90), halved, halved]
    assert rules.habituation_mastered(run, 30, 3)


def test_habituation_threshold_and_count_are_settings():
    tries = [t(peak=40, end=35)] * 2
    assert not rules.habituation_mastered(tries, 30, 2)
    assert rules.habituation_mastered(tries, 40, 2)
    assert rules.is_mastered(tries, rules.Rule("habituation", tries=2, habituation_suds=40))


def test_expectancy_needs_no_feared_outcome_learning_and_two_contexts():
    alone = t(happened="no", context="alone|park")
    other = t(happened="no", context="with-someone|park")
    assert not rules.expectancy_mastered([alone, alone, alone], 3, 2)  # one context only
    assert rules.expectancy_mastered([alone, alone, other], 3, 2)
    assert not rules.expectancy_mastered([alone, other, t(happened="yes")], 3, 2)
    assert not rules.expectancy_mastered([alone, other, t(happened="no", learned=False)], 3, 2)
    assert not rules.expectancy_mastered([alone, other, t("partly", happened="no")], 3, 2)
    assert rules.is_mastered([alone, other], rules.Rule("expectancy", tries=2, contexts=2))


def test_context_is_company_and_place():
    assert rules.context_of(False, "  The  Park ") == "alone|the park"
    assert rules.context_of(True, "the park") != rules.context_of(False, "the park")
    assert rules.context_of(False, "home") != rules.context_of(False, "library")


# ---------------------------------------------------------------------------------------------
# Checks and records


@pytest.mark.parametrize("bad", [-1, 101, True, 3.5, "40"])
def test_suds_outside_0_100_is_refused(bad):
    with pytest.raises(UsageError, match="--suds must be a whole number from 0 to 100"):
        dl.check_suds(bad)


def test_not_today_takes_no_suds():
    with pytest.raises(UsageError, match="--peak only fit"):
        dl.result_data(result="not-today", peak=30)
    assert dl.result_data(result="not-today")["result"] == "not-today"


def test_template_default_suds_is_the_rounded_middle():
    assert dl.template_suds({"suds_min": 20, "suds_max": 45}) == 30
    assert dl.template_suds({"suds_min": 5, "suds_max": 25}) == 15
    assert dl.template_suds({"suds_min": 35, "suds_max": 60}) == 45
    assert dl.template_suds({"suds_min": 0, "suds_max": 0}) == 0


def test_smaller_ideas_are_easier_same_area_first_closest_first():
    templates = [
        {"id": "a", "area": "outside", "suds_min": 20, "suds_max": 45},  # 30
        {"id": "b", "area": "outside", "suds_min": 5, "suds_max": 25},  # 15
        {"id": "c", "area": "room", "suds_min": 30, "suds_max": 50},  # 40
        {"id": "d", "area": "outside", "suds_min": 40, "suds_max": 60},  # 50: not easier
    ]
    assert [t["id"] for t in dl.smaller_templates(templates, "outside", 45, [])] == ["a", "b"]
    assert [t["id"] for t in dl.smaller_templates(templates, "outside", 50, ["a"])] == ["b", "c"]
    assert dl.smaller_templates(templates, "outside", 20, []) == []


# ---------------------------------------------------------------------------------------------
# The fold


def ev(kind, data, ts="2026-11-20T10:00:00+09:00"):
    return {"v": 1, "id": "x", "kind": kind, "ts": ts, "data": data}


def test_fold_keeps_removed_steps_and_never_reuses_ids():
    state = dl.fold(
        [
            ev(dl.ADD, {"step": "s1", "text": "a", "suds": 10, "template": ""}),
            ev(dl.ADD, {"step": "s2", "text": "b", "suds": 30, "template": ""}),
            ev(dl.REMOVE, {"step": "s2"}),
        ]
    )
    assert state["steps"]["s2"]["removed"] and dl.next_id(state) == "s3"
    assert [s["id"] for s in dl.active_steps(state)] == ["s1"]
    with pytest.raises(UsageError, match="no step 's2'"):
        dl.find_step(state, "s2")


def test_fold_renumbers_a_duplicate_add_instead_of_losing_it():
    state = dl.fold(
        [
            ev(dl.ADD, {"step": "s1", "text": "a", "suds": 10, "template": ""}),
            ev(dl.ADD, {"step": "s1", "text": "b", "suds": 20, "template": ""}),
        ]
    )
    assert {s["text"] for s in state["steps"].values()} == {"a", "b"}


def test_fold_counts_tries_status_and_plan():
    state = dl.fold(
        [
            ev(dl.ADD, {"step": "s1", "text": "a", "suds": 10, "template": ""}),
            ev(dl.PLAN, {"step": "s1", "date": "2026-11-20"}),
            ev(dl.TRY, {"step": "s1", "date": "2026-11-21", "result": "not-today"}),
            ev(dl.TRY, {"step": "s1", "date": "2026-11-22", "result": "done"}),
            ev(dl.MASTERED, {"step": "s1", "rule": "expectancy"}),
        ]
    )
    step = state["steps"]["s1"]
    assert (step["done"], step["not_today"], step["last"], step["plan"]) == (
        1,
        1,
        "2026-11-22",
        "",
    )
    assert dl.status_of(step) == "mastered"
    assert dl.next_step(state) is None


def test_projection_state_is_small_and_marshal_able():
    events = [
        ev(dl.ADD, {"step": f"s{i}", "text": "x" * 40, "suds": i, "template": ""})
        for i in range(1, 31)
    ]
    for i in range(3000):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i)
        events.append(
            ev(
                dl.TRY,
                {
                    "step": f"s{i % 30 + 1}",
                    "date": day.isoformat(),
                    "result": "done",
                    "learned": "y" * 200,
                },
            )
        )
    state = dl.fold(events)
    blob = marshal.dumps(state)
    assert marshal.loads(blob) == state
    assert len(blob) < 20_000  # no per-try lists and no private notes in the cache
    assert b"yyyy" not in blob
    assert all(not math.isnan(r["strength"]) for r in dl.step_rows(state, dt.date(2028, 3, 1)))


# ---------------------------------------------------------------------------------------------
# Dashboard lines and history summaries


TEXTS = {
    "next_step": "next {id} {text} {suds}",
    "plan_waiting": "plan {id} {date}",
    "all_mastered": "all mastered",
}


def test_dashboard_lines_plan_first_then_next_then_all_mastered():
    assert dl.dashboard_lines(dl.new_state(), TEXTS) == []
    add = [
        ev(dl.ADD, {"step": "s1", "text": "a", "suds": 10, "template": ""}),
        ev(dl.ADD, {"step": "s2", "text": "b", "suds": 40, "template": ""}),
    ]
    assert dl.dashboard_lines(dl.fold(add), TEXTS) == ["next s1 a 10"]
    planned = [*add, ev(dl.PLAN, {"step": "s2", "date": "2026-11-21"})]
    assert dl.dashboard_lines(dl.fold(planned), TEXTS) == ["plan s2 2026-11-21"]
    mastered = [*add, ev(dl.MASTERED, {"step": "s1"}), ev(dl.MASTERED, {"step": "s2"})]
    assert dl.dashboard_lines(dl.fold(mastered), TEXTS) == ["all mastered"]
    paused = [*add, ev(dl.PAUSE, {"step": "s1"})]
    assert dl.dashboard_lines(dl.fold(paused), TEXTS) == ["next s2 b 40"]


def test_history_summaries_for_every_ladder_event():
    from hikicli.domain.registry import summarize

    data = {
        dl.GOAL: {"goal": "library"},
        dl.ADD: {"step": "s1", "text": "Curtains", "suds": 10, "template": ""},
        dl.EDIT: {"step": "s1", "suds": 15},
        dl.REMOVE: {"step": "s1"},
        dl.PAUSE: {"step": "s1"},
        dl.RESUME: {"step": "s1"},
        dl.PLAN: {
            "step": "s1",
            "what": "open them",
            "expected": 20,
            "fear": "seen",
            "likelihood": 50,
        },
        dl.TRY: {
            "step": "s1",
            "result": "done",
            "peak": 30,
            "end": 10,
            "happened": "no",
            "learned": "fine",
            "with_someone": True,
            "minutes": 5,
        },
        dl.MASTERED: {"step": "s1", "rule": "expectancy"},
    }
    from hikicli.cli.history_rows import history_texts
    from hikicli.domain.kinds import SummaryContext

    context = SummaryContext({}, texts=history_texts("en"))
    lines = {kind: summarize({"kind": kind, "data": d}, context) for kind, d in data.items()}
    assert set(lines) == set(dl.KINDS)
    assert lines[dl.GOAL] == "ladder goal · library"
    assert lines[dl.ADD] == "s1 · added · Curtains · SUDS 10"
    assert lines[dl.EDIT] == "s1 · edited · SUDS 15"
    assert lines[dl.REMOVE] == "s1 · removed (history kept)"
    assert lines[dl.PLAN] == "s1 · planned · open them · expected SUDS 20 · fear: seen (50 %)"
    assert lines[dl.TRY] == (
        "s1 · done · SUDS peak 30 end 10 · feared outcome: no · with someone · 5 min"
        " · learned: fine"
    )
    assert lines[dl.MASTERED] == "s1 · mastered (expectancy rule)"


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
)
odd_event = st.builds(
    lambda kind, data, ts: {"v": 1, "id": "x", "kind": kind, "ts": ts, "data": data},
    st.sampled_from(dl.KINDS),
    st.dictionaries(
        st.sampled_from(["step", "text", "suds", "result", "date", "goal", "template"]),
        st.one_of(anything, st.sampled_from(["s1", "s2", "done", "partly", "2026-11-20"])),
        max_size=5,
    ),
    st.sampled_from(["2026-11-20T10:00:00+09:00", "garbage", ""]),
)


@settings(max_examples=budget(200), deadline=None)
@given(st.lists(odd_event, max_size=12))
def test_the_fold_survives_any_hand_edited_or_imported_events(events):
    state = dl.fold(events)
    rows = dl.step_rows(state, dt.date(2026, 11, 25))
    assert all(0.0 <= r["strength"] <= 1.0 and 0 <= r["suds"] <= 100 for r in rows)
    assert marshal.loads(marshal.dumps(state)) == state
    dl.dashboard_lines(state, TEXTS)
