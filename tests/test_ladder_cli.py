"""`hiki ladder …` and `hiki step` with flags: real files in the temp home, the shipped YAML."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from hikicli.content.catalog import content_root
from tests.support import FIXED_NOW, json_data, log_lines, tree_snapshot

DONE = ["--result", "done", "--peak", "25", "--end", "10"]


def kinds(home: Path) -> list[str]:
    return [e["kind"] for e in log_lines(home)]


def ok(result) -> str:
    """The output with the terminal's line wrapping undone (JSON parses the same)."""
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_empty_ladder_says_how_to_start(hiki):
    assert "Ladder:" not in ok(hiki([]))  # no ladder, no dashboard line
    out = ok(hiki(["ladder"]))
    assert "hiki ladder suggest" in out and "hiki ladder build" in out
    assert json_data(ok(hiki(["ladder", "--json"]))) == []


def test_add_own_and_from_template_with_short_ids(hiki, home, make_ctx):
    out = ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    assert "Added s1: Open the curtains (SUDS 10)." in out
    out = ok(hiki(["ladder", "add", "--from", "walk-to-mailbox"]))
    assert "Added s2: Walk to the mailbox and back (SUDS 30)." in out
    assert "jump of 20 points" in out  # the gap from 10 to 30 is pointed out
    printed = json_data(
        ok(hiki(["ladder", "add", "--from", "library-visit", "--suds", "50", "--json"]))
    )
    assert printed["step"]["id"] == "s3" and printed["step"]["suds"] == 50
    assert (
        printed["event"]["kind"] == "ladder.add" and printed["event"]["template"] == "library-visit"
    )
    assert kinds(home) == ["ladder.add"] * 3


def test_ladder_json_lists_steps_easiest_first_with_documented_keys(hiki):
    ok(hiki(["ladder", "add", "Walk round the block", "--suds", "50"]))
    ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    rows = json_data(ok(hiki(["ladder", "--json"])))
    assert [r["id"] for r in rows] == ["s2", "s1"]
    required = {"id", "text", "suds", "status", "tries", "strength", "last_tried"}
    assert all(required <= set(r) for r in rows)
    assert rows[0]["status"] == "not-started" and rows[0]["strength"] == 0.0
    out = ok(hiki(["ladder"]))
    assert "Suggested next step: s2, Open the curtains" in out and "hiki step s2" in out


def test_edit_remove_pause_resume_are_events_and_history_is_kept(hiki, home):
    ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    ok(hiki(["ladder", "add", "Front door", "--suds", "30"]))
    out = ok(hiki(["ladder", "edit", "s1", "--text", "Open the curtains wide", "--suds", "15"]))
    assert "Updated s1: Open the curtains wide (SUDS 15)." in out
    ok(hiki(["step", "s2", *DONE]))
    assert "Took s2 off your ladder. Its history is kept." in ok(hiki(["ladder", "remove", "s2"]))
    assert "Paused s1" in ok(hiki(["ladder", "pause", "s1"]))
    assert "already paused" in ok(hiki(["ladder", "pause", "s1"]))
    assert json_data(ok(hiki(["ladder", "--json"])))[0]["status"] == "paused"
    assert "back on your ladder" in ok(hiki(["ladder", "resume", "s1"]))
    assert "isn't paused" in ok(hiki(["ladder", "resume", "s1"]))
    assert kinds(home) == [
        "ladder.add",
        "ladder.add",
        "ladder.edit",
        "ladder.try",
        "ladder.remove",
        "ladder.pause",
        "ladder.resume",
    ]
    # the removed step and its try are still in the log and in the history
    history = json_data(ok(hiki(["history", "--json", "--limit", "50"])))
    assert [h["kind"] for h in history].count("ladder.try") == 1
    assert any(h["kind"] == "ladder.add" and h["text"] == "Front door" for h in history)
    assert [r["id"] for r in json_data(ok(hiki(["ladder", "--json"])))] == ["s1"]
    # a new step never reuses the removed id
    assert "Added s3" in ok(hiki(["ladder", "add", "Mailbox", "--suds", "30"]))


def test_history_table_and_export_include_ladder_changes_and_tries(hiki):
    ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    ok(hiki(["step", "s1", *DONE, "--learned", "the room felt bigger", "--minutes", "5"]))
    table = ok(hiki(["history", "--limit", "50"]))
    # each ladder event has its one-line summary (the narrow entry column may fold the kind)
    assert "added · Open the curtains · SUDS 10" in table
    assert "SUDS peak 25 end 10 · 5 min · learned: the room felt bigger" in table
    exported = json_data(ok(hiki(["data", "export"])))
    assert [e["kind"] for e in exported["events"]] == ["ladder.add", "ladder.try"]
    assert exported["events"][1]["data"]["learned"] == "the room felt bigger"
    csv_text = ok(hiki(["data", "export", "--format", "csv"]))
    assert "ladder.try" in csv_text and "the room felt bigger" in csv_text


def test_suggest_offers_40_ideas_across_every_area(hiki):
    ideas = json_data(ok(hiki(["ladder", "suggest", "--json"])))
    assert len(ideas) >= 40
    areas = {i["area"] for i in ideas}
    assert areas == {"room", "home", "outside", "people", "online", "study-work"}
    for idea in ideas:
        assert idea["suds_min"] <= idea["suds_max"] and idea["tip"] and len(idea["variations"]) >= 2
    online = json_data(ok(hiki(["ladder", "suggest", "--area", "online", "--json"])))
    assert online and {i["area"] for i in online} == {"online"}
    out = ok(hiki(["ladder", "suggest", "--area", "outside"]))
    assert "convenience-store" in out and "library-visit" in out and "hiki ladder add --from" in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["ladder", "add", "x", "--suds", "101"], "--suds must be a whole number from 0 to 100"),
        (["ladder", "add", "x", "--suds", "-5"], "--suds must be a whole number from 0 to 100"),
        (["ladder", "add", "x"], "Add --suds N"),
        (["ladder", "add", "   ", "--suds", "5"], "cannot be empty"),
        (["ladder", "add", "--from", "no-such-idea"], "no template 'no-such-idea'"),
        (["ladder", "add", "--from", "walk-to-mailbox", "--suds", "200"], "--suds must be"),
        (["ladder", "add", "x", "--from", "walk-to-mailbox", "--suds", "5"], "not both"),
        (["ladder", "add"], "Say which step"),
        (["ladder", "edit", "s9", "--suds", "5"], "no step 's9'"),
        (["ladder", "edit", "s1"], "Nothing to change"),
        (["ladder", "edit", "s1", "--suds", "150"], "--suds must be"),
        (["ladder", "remove", "s7"], "no step 's7'"),
        (["ladder", "pause", "nope"], "no step 'nope'"),
        (["ladder", "suggest", "--area", "moon"], "--area must be one of"),
        (["step", "s4", *DONE], "no step 's4'"),
        (["step", "s1", "--finish", *DONE], "no plan waiting for s1"),
        (["step", "s1", "--result", "done", "--peak", "120", "--end", "3"], "--peak must be"),
        (["step", "s1", "--result", "maybe"], "--result must be one of"),
        (["step", "s1", "--expected", "40"], "Missing --result"),
        (["step", "s1", "--result", "not-today", "--peak", "30"], "only fit a try"),
        (["step", "s1", "--result", "done", "--happened", "perhaps"], "--happened must be"),
        (["step", "s1", "--result", "done", "--likelihood", "101"], "--likelihood must be"),
        (["step", "s1", "--plan", "--finish"], "not both"),
        (["step", "s1", "--plan", *DONE], "--plan saves only the before-part"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(hiki, home, args, fragment):
    ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    before = tree_snapshot(home)
    result = hiki(args)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_no_terminal_and_no_flags_names_the_flags(hiki, home):
    ok(hiki(["ladder", "add", "Open the curtains", "--suds", "10"]))
    before = tree_snapshot(home)
    result = hiki(["step", "s1"], interactive=False)
    assert result.exit_code == 2 and "--result" in result.output and "--peak" in result.output
    result = hiki(["ladder", "build"], interactive=False)
    assert result.exit_code == 2 and "hiki ladder add" in result.output
    assert tree_snapshot(home) == before


def test_step_without_id_takes_the_suggested_step_and_refuses_a_paused_one(hiki, home):
    assert hiki(["step", *DONE]).exit_code == 2  # empty ladder: nothing to practise
    ok(hiki(["ladder", "add", "Hard", "--suds", "60"]))
    ok(hiki(["ladder", "add", "Easy", "--suds", "20"]))
    printed = json_data(ok(hiki(["step", *DONE, "--json"])))
    assert printed["try"]["step"] == "s2"
    ok(hiki(["ladder", "pause", "s1"]))
    result = hiki(["step", "s1", *DONE])
    assert result.exit_code == 2 and "hiki ladder resume s1" in result.output


def test_try_with_flags_saves_before_and_after(hiki, home):
    ok(hiki(["ladder", "add", "Walk to the mailbox", "--suds", "35"]))
    args = [
        "step",
        "s1",
        "--result",
        "done",
        "--expected",
        "40",
        "--fear",
        "a neighbour will stare",
        "--likelihood",
        "60",
        "--peak",
        "45",
        "--end",
        "20",
        "--happened",
        "no",
        "--learned",
        "nobody looked twice",
        "--with-someone",
        "--minutes",
        "10",
        "--where",
        "mailbox",
        "--safety",
        "checking the street first",
    ]
    out = ok(hiki(args))
    assert "You did it" in out and "60 % likely, and it didn't happen" in out
    event = log_lines(home)[-1]
    assert event["kind"] == "ladder.try"
    assert {k: event["data"][k] for k in ("step", "date", "result", "expected", "fear")} == {
        "step": "s1",
        "date": "2026-11-25",
        "result": "done",
        "expected": 40,
        "fear": "a neighbour will stare",
    }
    d = event["data"]
    assert (d["likelihood"], d["peak"], d["end"], d["happened"], d["with_someone"]) == (
        60,
        45,
        20,
        "no",
        True,
    )
    assert (d["minutes"], d["where"], d["safety"], d["plan"]) == (
        10,
        "mailbox",
        "checking the street first",
        "",
    )
    row = json_data(ok(hiki(["ladder", "--json"])))[0]
    assert row["tries"] == 1 and row["status"] == "practising" and 0 < row["strength"] < 0.1


def test_not_today_is_kind_and_offers_a_smaller_step(hiki, home):
    ok(hiki(["ladder", "add", "--from", "convenience-store"]))
    out = ok(hiki(["step", "s1", "--result", "not-today"]))
    assert "not a failure" in out
    assert "smaller step" in out and "hiki ladder add --from walk-to-mailbox" in out
    row = json_data(ok(hiki(["ladder", "--json"])))[0]
    assert row["not_today"] == 1 and row["tries"] == 0 and row["status"] == "practising"
    assert kinds(home) == ["ladder.add", "ladder.try"]  # flags mean no question, nothing added


def test_plan_then_finish_with_flags_and_the_dashboard_shows_the_waiting_plan(hiki, home):
    ok(hiki(["ladder", "add", "Library", "--suds", "40"]))
    printed = json_data(
        ok(
            hiki(
                [
                    "step",
                    "s1",
                    "--plan",
                    "--expected",
                    "45",
                    "--fear",
                    "I'll get lost",
                    "--likelihood",
                    "70",
                    "--json",
                ]
            )
        )
    )
    plan_id = printed["plan"]["id"]
    assert printed["plan"]["kind"] == "ladder.plan"
    dash = " ".join(ok(hiki([])).split())
    assert "a plan for s1 is waiting from 2026-11-25" in dash and "hiki step s1 --finish" in dash
    later = FIXED_NOW + dt.timedelta(days=1)
    result = json_data(
        ok(
            hiki(
                [
                    "step",
                    "s1",
                    "--finish",
                    "--result",
                    "done",
                    "--peak",
                    "50",
                    "--end",
                    "20",
                    "--happened",
                    "no",
                    "--json",
                ],
                now=later,
            )
        )
    )
    data = result["try"]
    assert data["plan"] == plan_id and data["fear"] == "I'll get lost" and data["likelihood"] == 70
    assert data["date"] == "2026-11-26"
    dash = " ".join(ok(hiki([], now=later)).split())
    assert "waiting" not in dash and "your next step is s1, Library (SUDS 40)" in dash


def test_habituation_rule_masters_after_three_settled_tries(hiki, home):
    ok(hiki(["config", "set", "ladder.rule", "habituation"]))
    ok(hiki(["ladder", "add", "Curtains", "--suds", "10"]))
    ok(hiki(["ladder", "add", "Mailbox", "--suds", "30"]))
    for day in range(2):
        out = ok(hiki(["step", "s1", *DONE], now=FIXED_NOW + dt.timedelta(days=day)))
        assert "mastered" not in out
    out = ok(hiki(["step", "s1", *DONE], now=FIXED_NOW + dt.timedelta(days=2)))
    flat = " ".join(out.split())
    assert "s1 is mastered: Curtains." in flat
    assert "the next step is s2: Mailbox (SUDS 30)" in flat
    assert kinds(home)[-1] == "ladder.mastered"
    assert log_lines(home)[-1]["data"] == {
        "step": "s1",
        "step_title": "Curtains",
        "rule": "habituation",
    }
    rows = json_data(ok(hiki(["ladder", "--json"], now=FIXED_NOW + dt.timedelta(days=2))))
    assert rows[0]["status"] == "mastered" and rows[0]["strength"] > 0.1
    # a further try does not record mastery twice
    ok(hiki(["step", "s1", *DONE], now=FIXED_NOW + dt.timedelta(days=3)))
    assert kinds(home).count("ladder.mastered") == 1


def test_expectancy_rule_needs_varied_contexts(hiki, home):
    ok(hiki(["config", "set", "ladder.tries", "2"]))
    ok(hiki(["ladder", "add", "Mailbox", "--suds", "30"]))
    tried = [
        "step",
        "s1",
        "--result",
        "done",
        "--fear",
        "x",
        "--happened",
        "no",
        "--learned",
        "fine",
    ]
    ok(hiki([*tried, "--where", "mailbox"]))
    out = ok(hiki([*tried, "--where", "mailbox"]))
    assert "mastered" not in out  # the same context twice
    out = ok(hiki([*tried, "--where", "mailbox", "--with-someone", "--json"]))
    printed = json_data(out)
    assert printed["mastered"] is True and printed["step"]["status"] == "mastered"
    assert printed["next_step"] is None


def test_settings_for_the_rule_are_checked(hiki):
    assert hiki(["config", "set", "ladder.rule", "magic"]).exit_code == 2
    assert hiki(["config", "set", "ladder.habituation_suds", "101"]).exit_code == 2
    assert hiki(["config", "set", "ladder.tries", "0"]).exit_code == 2
    shown = json_data(ok(hiki(["config", "show", "--json"])))
    assert shown["ladder.rule"] == "expectancy" and shown["ladder.tries"] == 3


def test_strength_fades_gently_and_pause_keeps_it(hiki):
    ok(hiki(["ladder", "add", "Curtains", "--suds", "10"]))
    ok(hiki(["ladder", "add", "Kitchen", "--suds", "20"]))
    for day in range(10):
        now = FIXED_NOW + dt.timedelta(days=day)
        ok(hiki(["step", "s1", *DONE], now=now))
        ok(hiki(["step", "s2", *DONE], now=now))
    ok(hiki(["ladder", "pause", "s2"], now=FIXED_NOW + dt.timedelta(days=10)))

    def strength(day):
        rows = json_data(ok(hiki(["ladder", "--json"], now=FIXED_NOW + dt.timedelta(days=day))))
        return {r["id"]: r["strength"] for r in rows}

    at10, at40 = strength(10), strength(40)
    assert at10["s1"] == at10["s2"] > 0.3
    assert 0 < at40["s1"] < at10["s1"] / 2  # faded over a month, not reset
    assert at40["s2"] == at10["s2"]  # paused: unchanged


def test_malformed_template_in_content_is_a_clear_exit_2(hiki, home, tmp_path, monkeypatch):
    broken = tmp_path / "content"
    shutil.copytree(content_root(), broken)
    path = broken / "en" / "ladder.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    suds_min: 5\n    suds_max: 25\n", "    suds_min: 50\n    suds_max: 25\n", 1
    )
    text = text.replace("    area: home\n", "    area: garden\n", 1)
    path.write_text(
        text.replace('    tip: "A quick cut', '    tips: "A quick cut', 1), encoding="utf-8"
    )
    monkeypatch.setattr("hikicli.content.catalog.content_root", lambda: broken)
    before = tree_snapshot(home)
    result = hiki(["ladder", "suggest"])
    assert result.exit_code == 2
    out = result.output.replace("\n", "")  # undo the terminal's wrapping of long paths
    assert "Traceback" not in out
    # every problem, each with file, line and field
    assert "ladder.yaml:22:5: templates[0]: Value error, suds_min (50) is above suds_max" in out
    assert "ladder.yaml:211:5: templates[18].tips: Extra inputs are not permitted" in out
    assert ".area: Input should be 'room', 'home'" in out
    assert tree_snapshot(home) == before
    result = hiki(["content", "validate", str(path)])
    assert result.exit_code == 2 and "ladder.yaml:211:5" in result.output.replace("\n", "")


def test_shipped_content_validates(hiki):
    assert ok(hiki(["content", "validate", str(content_root() / "en" / "ladder.yaml")]))


def test_dashboard_stays_fast_with_30_steps_and_3000_tries(hiki, home, make_ctx):
    from hikicli.domain import ladder as dl
    from hikicli.storage.log import new_event

    ctx = make_ctx()
    start = dt.datetime(2018, 1, 1, 9, tzinfo=FIXED_NOW.tzinfo)
    events = [
        new_event(
            dl.ADD, {"step": f"s{i}", "text": f"step {i}", "suds": i * 3, "template": ""}, start
        )
        for i in range(1, 31)
    ]
    for i in range(3000):
        when = start + dt.timedelta(days=i)
        data = {
            "step": f"s{i % 30 + 1}",
            "date": when.date().isoformat(),
            "result": "done",
            "peak": 40,
            "end": 20,
            "learned": "fine",
        }
        events.append(new_event(dl.TRY, data, when))
    ctx.log.append_events(events)
    t0 = time.perf_counter()
    first = ok(hiki([], ctx=make_ctx()))
    t1 = time.perf_counter()
    second = ok(hiki([], ctx=make_ctx()))
    t2 = time.perf_counter()
    assert "your next step is s1" in " ".join(first.split())
    assert first.split("Ladder:")[1] == second.split("Ladder:")[1]
    assert t2 - t1 < 0.5, f"cached dashboard took {t2 - t1:.3f}s"
    assert t1 - t0 < 3.0, f"first dashboard took {t1 - t0:.3f}s"
    cache = home / "profiles" / "default" / "cache" / "dashboard.marshal"
    assert cache.exists() and cache.stat().st_size < 40_000


def test_finish_refuses_before_flags_and_names_them(hiki, home):
    ok(hiki(["ladder", "add", "Library", "--suds", "40"]))
    ok(hiki(["step", "s1", "--plan", "--expected", "45"]))
    ok(hiki(["ladder"]))  # brings the derived ladder cache up to date
    before = tree_snapshot(home)
    result = hiki(["step", "s1", "--finish", "--plan-minutes", "5", "--fear", "x", *DONE])
    assert result.exit_code == 2
    assert "leave out --plan-minutes, --fear" in result.output
    assert tree_snapshot(home) == before


def test_export_wipe_import_gives_back_the_same_ladder(hiki, home, tmp_path):
    ok(hiki(["ladder", "add", "Curtains", "--suds", "10"]))
    ok(hiki(["ladder", "add", "--from", "walk-to-mailbox"]))
    for day in range(3):
        ok(hiki(["step", "s1", *DONE], now=FIXED_NOW + dt.timedelta(days=day)))
    ok(hiki(["ladder", "pause", "s2"], now=FIXED_NOW + dt.timedelta(days=3)))
    later = FIXED_NOW + dt.timedelta(days=20)
    before = json_data(ok(hiki(["ladder", "--json"], now=later)))
    target = tmp_path / "export.json"
    ok(hiki(["data", "export", "--output", str(target)]))
    ok(hiki(["data", "wipe", "--yes"]))
    assert json_data(ok(hiki(["ladder", "--json"], now=later))) == []
    ok(hiki(["data", "import", str(target)]))
    assert json_data(ok(hiki(["ladder", "--json"], now=later))) == before


def test_progress_counts_ladder_tries_and_mastery(hiki):
    """The progress feature reads ladder events loosely; ours fit its contract."""
    ok(hiki(["config", "set", "ladder.rule", "habituation"]))
    ok(hiki(["ladder", "add", "Curtains", "--suds", "10"]))
    ok(hiki(["step", "s1", "--result", "not-today"]))
    for _ in range(3):
        ok(hiki(["step", "s1", *DONE]))
    printed = json_data(ok(hiki(["progress", "--json"])))
    assert printed["has_ladder"] is True
    weeks = printed["weeks"]
    assert sum(w["ladder_tries"] for w in weeks) == 3  # not-today is not a try
    assert sum(w["steps_mastered"] for w in weeks) == 1
