"""The interactive ladder flows through the scripted prompter: build, step, plan/finish, cancel."""

from __future__ import annotations

import datetime as dt

import pytest

from hikicli.errors import Cancelled
from hikicli.flows.ladder import review_lines, run_build
from tests.support import FIXED_NOW, ScriptedPrompter, json_data, log_lines, tree_snapshot

PLAN = {
    "what": "Walk to the mailbox and back",
    "where": "mailbox",
    "when": "this evening",
    "minutes_planned": 10,
    "expected": 40,
    "fear": "a neighbour will talk to me",
    "likelihood": 70,
    "safety": "checking the street first",
}
AFTER = {
    "result": "done",
    "peak": 45,
    "end": 15,
    "happened": "no",
    "learned": "the street was quiet",
    "with_someone": False,
    "minutes": 8,
}


def run(hiki, make_ctx, args, answers, **kw):
    prompter = ScriptedPrompter(answers)
    result = hiki(args, ctx=make_ctx(prompter=prompter, interactive=True, **kw))
    return result, prompter


def add(hiki, text, suds):
    assert hiki(["ladder", "add", text, "--suds", str(suds)]).exit_code == 0


# ---------------------------------------------------------------------------------------------
# build


BUILD = {
    "goal": "go to the library",
    "areas": ["room", "outside"],
    "templates": ["open-curtains", "walk-to-mailbox", "library-visit"],
    "own_1": "Look up the library's opening hours",
    "own_2": "Walk past the library",
    "own_3": "",
    "suds_1": 10,
    "suds_2": 30,
    "suds_3": 75,
    "suds_4": 20,
    "suds_5": 50,
    "save": True,
}


def test_build_orders_rates_points_out_gaps_and_saves(hiki, home, make_ctx):
    result, prompter = run(hiki, make_ctx, ["ladder", "build"], BUILD)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    said = "\n".join(prompter.said)
    # ordered easiest first, with the template step ids and own steps together
    order = said.index("- 10 · s1"), said.index("- 20 · s4"), said.index("- 30 · s2")
    assert list(order) == sorted(order)
    assert "jump of 25 points between s5 (50) and s3 (75)" in said
    assert "jump of 20 points between s2 (30) and s5 (50)" in said
    assert "A good first step: s1, Open the curtains for ten minutes (SUDS 10)." in said
    events = log_lines(home)
    assert [e["kind"] for e in events] == ["ladder.goal"] + ["ladder.add"] * 5
    assert events[0]["data"] == {"goal": "go to the library"}
    assert [e["data"]["step"] for e in events[1:]] == ["s1", "s2", "s3", "s4", "s5"]
    assert events[3]["data"] == {
        "step": "s3",
        "text": "Visit a library and look at the shelves",
        "suds": 75,
        "template": "library-visit",
    }
    rows = json_data(hiki(["ladder", "--json"]).output)
    assert [r["suds"] for r in rows] == [10, 20, 30, 50, 75]
    out = " ".join(hiki(["ladder"]).output.split())
    assert "Moving towards: go to the library" in out


def test_build_asks_for_more_when_under_five_and_less_when_over_ten(make_ctx):
    content = make_ctx().catalog["ladder"]
    many = [t["id"] for t in content["templates"] if t["area"] == "outside"]
    many += [t["id"] for t in content["templates"] if t["area"] == "room"][:4]
    answers = {
        "goal": "",
        "areas": ["room", "outside"],
        "templates": many,  # 12: too many
        "templates_2": ["open-curtains"],
        "own_1": "",  # one step so far: asked what to do
        "short_1": "write",
        "own_2": "a",
        "own_3": "b",
        "own_4": "c",
        "own_5": "d",
        "own_6": "",
        **{f"suds_{i}": 10 * i for i in range(1, 6)},
        "save": False,
    }
    prompter = ScriptedPrompter(answers)
    built = run_build(prompter, content)
    prompter.assert_done()
    assert len(built.steps) == 5 and not built.save
    assert prompter.checked["templates_2"] == many  # asked again with the picks kept


def test_build_with_fewer_than_five_can_go_on_and_keeps_every_pick(make_ctx):
    content = make_ctx().catalog["ladder"]
    answers = {
        "goal": "the library",
        "areas": ["room"],
        "templates": ["open-curtains", "tidy-one-corner"],
        "own_1": "Look up the opening hours",
        "own_2": "",  # three so far: not enough, and empty means go on
        "short_1": "go_on",
        **{f"suds_{i}": 10 * i for i in range(1, 4)},
        "save": True,
    }
    prompter = ScriptedPrompter(answers)
    built = run_build(prompter, content)
    prompter.assert_done()
    assert built.save
    assert [s["text"] for s in built.steps][2] == "Look up the opening hours"
    assert [s["template"] for s in built.steps] == ["open-curtains", "tidy-one-corner", ""]


def test_build_with_nothing_picked_can_stop(make_ctx):
    content = make_ctx().catalog["ladder"]
    prompter = ScriptedPrompter({"goal": "", "areas": [], "own_1": "", "short_1": "stop"})
    built = run_build(prompter, content)
    prompter.assert_done()
    assert not built.save and built.steps == []


def test_build_not_saved_and_cancelled_write_nothing(hiki, home, make_ctx):
    result, _ = run(hiki, make_ctx, ["ladder", "build"], {**BUILD, "save": False})
    assert result.exit_code == 0 and "Nothing was saved" in result.output
    answers = {k: BUILD[k] for k in ("goal", "areas", "templates", "own_1")}
    answers["own_2"] = Cancelled
    before = tree_snapshot(home)
    result, _ = run(hiki, make_ctx, ["ladder", "build"], answers)
    assert result.exit_code == 130 and "nothing was saved" in result.output
    assert log_lines(home) == [] and tree_snapshot(home) == before


def test_review_proposes_a_smaller_first_step_when_all_are_high(make_ctx):
    content = make_ctx().catalog["ladder"]
    steps = [
        {"id": "s1", "n": 1, "suds": 60, "text": "a"},
        {"id": "s2", "n": 2, "suds": 70, "text": "b"},
    ]
    lines = review_lines(content, steps)
    assert content["change"]["first_step_high"] in lines


# ---------------------------------------------------------------------------------------------
# step


def test_step_now_records_before_and_after_in_one_try(hiki, home, make_ctx):
    add(hiki, "Walk to the mailbox", 35)
    result, prompter = run(hiki, make_ctx, ["step", "s1"], {**PLAN, "ready": "now", **AFTER})
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert prompter.asked == [*PLAN, "ready", *AFTER]
    assert any("Step s1: Walk to the mailbox" in s for s in prompter.said)
    event = log_lines(home)[-1]
    assert event["kind"] == "ladder.try"
    data = event["data"]
    assert {k: data[k] for k in PLAN} == PLAN
    assert {k: data[k] for k in AFTER} == AFTER
    assert data["step"] == "s1" and data["date"] == "2026-11-25" and data["plan"] == ""
    assert "70 % likely, and it didn't happen" in " ".join(result.output.split())


def test_step_without_a_fear_skips_likelihood_and_happened(hiki, home, make_ctx):
    add(hiki, "Curtains", 10)
    answers = {**PLAN, "fear": "", "ready": "now", **AFTER}
    del answers["likelihood"], answers["happened"]
    result, prompter = run(hiki, make_ctx, ["step"], answers)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    data = log_lines(home)[-1]["data"]
    assert data["likelihood"] is None and data["happened"] is None


def test_step_later_saves_a_plan_and_finish_completes_it(hiki, home, make_ctx):
    add(hiki, "Walk to the mailbox", 35)
    result, _ = run(hiki, make_ctx, ["step", "s1"], {**PLAN, "ready": "later"})
    assert result.exit_code == 0
    assert "hiki step s1 --finish" in " ".join(result.output.split())
    plan = log_lines(home)[-1]
    assert plan["kind"] == "ladder.plan" and plan["data"]["fear"] == PLAN["fear"]
    later = FIXED_NOW + dt.timedelta(days=2)
    result, prompter = run(hiki, make_ctx, ["step", "s1", "--finish"], AFTER, now=later)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert any("Your plan from 2026-11-25" in s for s in prompter.said)
    done = log_lines(home)[-1]
    assert done["data"]["plan"] == plan["id"] and done["data"]["date"] == "2026-11-27"
    assert done["data"]["expected"] == 40 and done["data"]["peak"] == 45


def test_plan_only_then_plain_step_finishes_the_waiting_plan(hiki, home, make_ctx):
    add(hiki, "Curtains", 10)  # the suggested next step…
    add(hiki, "Library", 45)
    result, prompter = run(hiki, make_ctx, ["step", "s2", "--plan"], PLAN)
    assert result.exit_code == 0 and prompter.asked == list(PLAN)
    # …but the waiting plan comes first, and only the after-part is asked
    result, prompter = run(hiki, make_ctx, ["step"], AFTER)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    events = log_lines(home)
    assert [e["kind"] for e in events] == ["ladder.add"] * 2 + ["ladder.plan", "ladder.try"]
    assert events[-1]["data"]["step"] == "s2" and events[-1]["data"]["plan"] == events[-2]["id"]


def test_not_today_is_kind_and_can_add_a_smaller_step(hiki, home, make_ctx):
    assert hiki(["ladder", "add", "--from", "convenience-store"]).exit_code == 0
    answers = {**PLAN, "ready": "now", "result": "not-today", "smaller_add": True}
    result, prompter = run(hiki, make_ctx, ["step", "s1"], answers)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert any(s.startswith("A tip: Have the money or card ready") for s in prompter.said)
    offer = next(s for s in prompter.said if "smaller step" in s)
    assert "Walk" in offer  # an easier idea from the same area (outside)
    out = " ".join(result.output.split())
    assert "not a failure" in out and "Added s2:" in out
    events = log_lines(home)
    assert [e["kind"] for e in events] == ["ladder.add", "ladder.try", "ladder.add"]
    assert events[1]["data"]["result"] == "not-today" and events[1]["data"]["peak"] is None
    assert events[2]["data"]["suds"] < events[0]["data"]["suds"]


def test_mastery_through_the_flow_says_so_and_proposes_the_next(hiki, home, make_ctx):
    hiki(["config", "set", "ladder.tries", "2"])
    add(hiki, "Mailbox", 30)
    add(hiki, "Corner shop", 45)
    first = {**PLAN, "ready": "now", **AFTER}
    assert run(hiki, make_ctx, ["step", "s1"], first)[0].exit_code == 0
    second = {**first, "where": "the corner by the station", "with_someone": True}
    result, _ = run(hiki, make_ctx, ["step", "s1"], second)
    out = " ".join(result.output.split())
    assert "s1 is mastered: Mailbox." in out and "the next step is s2: Corner shop" in out
    assert log_lines(home)[-1]["kind"] == "ladder.mastered"


@pytest.mark.parametrize("stop_at", ["what", "likelihood", "ready", "peak", "minutes"])
def test_cancel_anywhere_in_a_step_saves_nothing(hiki, home, make_ctx, stop_at):
    add(hiki, "Mailbox", 30)
    keys = [*PLAN, "ready", *AFTER]
    answers = {**PLAN, "ready": "now", **AFTER}
    answers[stop_at] = Cancelled
    for later in keys[keys.index(stop_at) + 1 :]:
        del answers[later]
    before = tree_snapshot(home)
    result, _ = run(hiki, make_ctx, ["step", "s1"], answers)
    assert result.exit_code == 130 and "nothing was saved" in result.output
    assert tree_snapshot(home) == before
