"""`hiki homework`: pack validation (located errors, nothing written), import, status, answers."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from hikicli.content.catalog import lang_dir
from hikicli.errors import Cancelled
from tests.support import ScriptedPrompter, json_data, log_lines, tree_snapshot

GOOD = """\
id: test-pack
title: "Two weeks"
counselor: "Aiko"
start: 2026-11-23
due: 2026-12-06
checkins:
  days_per_week: 2
readings:
  - topic: family
ladder_steps:
  - step: "Open the curtains"
    expected_suds: 10
questionnaires:
  - id: who-5
reflections:
  - id: easier
    question: "What made it easier?"
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


# --- broken packs: every error located, exit 2, nothing written ---------------------------------


BROKEN = [
    # (what, replace this, with this, expected "line:col: field" fragment)
    ("missing title", 'title: "Two weeks"\n', "", "1:1: title: Field required"),
    ("missing start", "start: 2026-11-23\n", "", "1:1: start: Field required"),
    ("unknown key", "counselor:", "counsellor:", "3:1: counsellor: Extra inputs are not permitted"),
    (
        "unknown nested key",
        "    expected_suds: 10",
        "    suds: 10",
        "12:5: ladder_steps[0].suds: Extra inputs are not permitted",
    ),
    (
        "wrong type",
        "days_per_week: 2",
        "days_per_week: two",
        "7:3: checkins.days_per_week: Input should be a valid integer",
    ),
    (
        "out of range",
        "days_per_week: 2",
        "days_per_week: 8",
        "7:3: checkins.days_per_week: Input should be less than or equal to 7",
    ),
    (
        "list expected",
        "readings:\n  - topic: family",
        "readings: family",
        "8:1: readings: Input should be a valid list",
    ),
    (
        "unknown topic",
        "topic: family",
        "topic: cooking",
        "9:5: readings[0].topic: Input should be",
    ),
    (
        "due before start",
        "due: 2026-12-06",
        "due: 2026-11-01",
        "5:1: due: Value error, the due date 2026-11-01 is before the start date 2026-11-23",
    ),
    ("impossible date", "due: 2026-12-06", "due: 2026-02-30", "5:6: due: invalid value"),
    (
        "date as text",
        "start: 2026-11-23",
        'start: "next monday"',
        "4:1: start: Input should be a valid date",
    ),
    (
        "date with a time",
        "start: 2026-11-23",
        "start: 2026-11-23 10:00",
        "4:1: start: Input should be a valid date",
    ),
    (
        "duplicate reflection",
        'question: "What made it easier?"\n',
        'question: "What made it easier?"\n  - id: easier\n    question: "Again?"\n',
        "15:1: reflections: Value error, the id 'easier' appears twice",
    ),
    ("bad id", "id: test-pack", "id: Test Pack!", "1:1: id: String should match pattern"),
    ("duplicate key", "counselor:", 'title: "again"\ncounselor:', "3:1: duplicate key 'title'"),
    ("yaml syntax", 'title: "Two weeks"', "title: [unclosed", ":"),
]


@pytest.mark.parametrize("what, old, new, fragment", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_pack_is_located_exits_2_and_writes_nothing(
    hiki, home, tmp_path, what, old, new, fragment
):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    hiki(["homework"])  # make sure the profile exists, so "nothing written" is a real check
    before = tree_snapshot(home)
    for command in (["homework", "import", "--yes"], ["homework", "check"]):
        result = hiki([*command, str(path)])
        assert result.exit_code == 2, result.output
        assert f"{path}:" in result.output
        assert fragment in flat(result.output), result.output
        assert "Traceback" not in result.output
        assert tree_snapshot(home) == before


def test_every_problem_is_reported_at_once(hiki, tmp_path):
    text = GOOD.replace("counselor:", "counsellor:").replace("days_per_week: 2", "days_per_week: x")
    path = write(tmp_path, text)
    out = flat(hiki(["homework", "import", "--yes", str(path)]).output)
    assert "3:1: counsellor" in out and "7:3: checkins.days_per_week" in out


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "expected a mapping"),
        ("- a\n- b\n", "expected a mapping"),
        ("id: x\ntitle: t\nstart: 2026-01-01\ndue: 2026-01-02\n", "needs at least one task"),
        (
            "id: x\ntitle: t\nstart: 2026-01-01\ndue: 2027-06-01\nreflections:\n"
            "  - {id: a, question: q}\n",
            "at most 366 days",
        ),
    ],
)
def test_other_invalid_packs(hiki, home, tmp_path, text, fragment):
    path = write(tmp_path, text)
    result = hiki(["homework", "import", "--yes", str(path)])
    assert result.exit_code == 2 and fragment in flat(result.output)
    assert log_lines(home) == []


def test_missing_file_is_a_usage_error(hiki, tmp_path):
    result = hiki(["homework", "import", "--yes", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such file" in flat(result.output)


# --- importing ------------------------------------------------------------------------------------


def test_import_with_yes_records_the_pack(hiki, home, tmp_path):
    path = write(tmp_path, GOOD)
    result = hiki(["homework", "import", "--yes", str(path), "--json"])
    assert result.exit_code == 0, result.output
    printed = json_data(result.output)
    assert printed["id"] and printed["replaced"] is False and printed["title"] == "Two weeks"
    event, *steps = log_lines(home)
    assert event["kind"] == "homework.pack" and event["data"]["id"] == "test-pack"
    # the pack's rated ladder steps follow it onto the ladder
    assert [e["kind"] for e in steps] == ["ladder.add"] * len(printed["ladder_added"])
    assert event["data"]["file"] == "pack.yaml"
    assert event["data"]["pack"]["start"] == "2026-11-23"
    assert event["data"]["pack"]["readings"] == [{"topic": "family", "audience": "self"}]


def test_no_terminal_and_no_yes_says_to_pass_yes(hiki, home, tmp_path):
    result = hiki(["homework", "import", str(write(tmp_path, GOOD))], interactive=False)
    assert result.exit_code == 2 and "--yes" in result.output
    assert log_lines(home) == []


def test_interactive_import_shows_a_summary_and_asks(hiki, home, make_ctx, tmp_path):
    path = write(tmp_path, GOOD)
    no = ScriptedPrompter({"import": False})
    result = hiki(["homework", "import", str(path)], ctx=make_ctx(prompter=no, interactive=True))
    assert result.exit_code == 0 and log_lines(home) == []
    out = flat(result.output)
    assert "Two weeks — Aiko" in out and "step-1" in out and "reflection-easier" in out
    assert "Not added" in out

    cancel = ScriptedPrompter({"import": Cancelled})
    result = hiki(
        ["homework", "import", str(path)], ctx=make_ctx(prompter=cancel, interactive=True)
    )
    assert result.exit_code == 130 and log_lines(home) == []

    yes = ScriptedPrompter({"import": True})
    result = hiki(["homework", "import", str(path)], ctx=make_ctx(prompter=yes, interactive=True))
    assert result.exit_code == 0 and "Added" in result.output
    yes.assert_done()
    assert [e["kind"] for e in log_lines(home) if e["kind"] != "ladder.add"] == ["homework.pack"]


def test_reimport_replaces_and_keeps_answers(hiki, home, tmp_path):
    path = write(tmp_path, GOOD)
    hiki(["homework", "import", "--yes", str(path)])
    hiki(["homework", "answer", "reflection-easier", "--text", "the sun"])
    path.write_text(GOOD.replace('"Two weeks"', '"Two weeks, revised"'), encoding="utf-8")
    result = hiki(["homework", "import", "--yes", str(path)])
    assert "replaces the earlier version" in flat(result.output)
    [view] = json_data(hiki(["homework", "--json"]).output)["packs"]
    assert view["title"] == "Two weeks, revised"
    assert view["tasks"][-1]["answer"] == "the sun"


def test_past_due_pack_is_imported_with_a_note(hiki, home, tmp_path):
    text = GOOD.replace("2026-11-23", "2026-10-01").replace("2026-12-06", "2026-10-14")
    result = hiki(["homework", "import", "--yes", str(write(tmp_path, text))])
    assert result.exit_code == 0 and "already passed" in flat(result.output)


# --- status: tasks tick themselves off -----------------------------------------------------------


def test_tasks_complete_when_the_user_does_the_thing(hiki, home, tmp_path):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])
    before = json_data(hiki(["homework", "--json"]).output)["packs"][0]
    assert before["done"] == 0 and before["total"] == 5 and before["days_left"] == 11

    hiki(["guide", "family", "--no-pager"])
    for day in ("2026-11-23", "2026-11-25"):
        flags = "--mood 5 --anxiety 5 --energy 5 --sleep 7 --outside 0 --contact none"
        hiki(["checkin", *flags.split(), "--date", day])
    hiki(["homework", "answer", "reflection-easier", "--text", "A quiet morning."])
    hiki(["homework", "done", "questionnaire-who-5"])

    after = json_data(hiki(["homework", "--json"]).output)["packs"][0]
    done = {t["id"]: t["done"] for t in after["tasks"]}
    assert done == {
        "checkins": False,  # week 2 is still to come
        "reading-family": True,
        "step-1": False,
        "questionnaire-who-5": True,
        "reflection-easier": True,
    }
    checkins = after["tasks"][0]
    assert checkins["progress"] == {"done": 2, "needed": 2, "week": 1, "weeks": 2, "weeks_met": 1}
    assert after["tasks"][-1]["answer"] == "A quiet morning."

    text = flat(hiki(["homework"]).output)
    assert "Two weeks — Aiko" in text and "11 days left" in text
    assert "Check in on 2 days a week — 2 of 2 days this week (week 1 of 2)" in text
    assert re.search(r"done reading-family Read: Family", text)


def test_guide_reading_is_recorded(hiki, home):
    hiki(["guide", "family", "--audience", "family", "--no-pager"])
    hiki(["guide", "--list"])
    [event] = log_lines(home)
    assert event["kind"] == "guide.read"
    assert event["data"] == {"topic": "family", "audience": "family"}


def test_no_homework_yet(hiki):
    result = hiki(["homework"])
    assert result.exit_code == 0 and "No homework yet" in result.output
    assert json_data(hiki(["homework", "--json"]).output)["packs"] == []


# --- answers and marks ---------------------------------------------------------------------------


def test_answer_interactively(hiki, home, make_ctx, tmp_path):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])
    prompter = ScriptedPrompter({"answer": "  Talking to my sister.  "})
    result = hiki(
        ["homework", "answer", "reflection-easier"],
        ctx=make_ctx(prompter=prompter, interactive=True),
    )
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    event = log_lines(home)[-1]
    assert event["kind"] == "homework.answer"
    assert event["data"] == {
        "pack": "test-pack",
        "task": "reflection-easier",
        "text": "Talking to my sister.",
    }


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["answer", "reflection-nope", "--text", "x"], "No task 'reflection-nope'"),
        (["answer", "step-1", "--text", "x"], "not a question to answer"),
        (["answer", "reflection-easier", "--text", "   "], "empty"),
        (["answer", "reflection-easier", "--text", "x" * 5000], "--text is too long"),
        (["answer", "reflection-easier"], "--text"),  # no terminal
        (["answer", "reflection-easier", "--pack", "other", "--text", "x"], "in pack 'other'"),
        (["done", "reflection-easier"], "hiki homework answer reflection-easier"),
        (["done", "nothing"], "Tasks: checkins, questionnaire-who-5"),
    ],
)
def test_bad_answers_and_marks_exit_2_and_write_nothing(hiki, home, tmp_path, args, fragment):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])
    before = tree_snapshot(home)
    result = hiki(["homework", *args])
    assert result.exit_code == 2 and fragment in flat(result.output), result.output
    assert tree_snapshot(home) == before


def test_answer_when_there_is_no_homework(hiki):
    result = hiki(["homework", "answer", "reflection-easier", "--text", "x"])
    assert result.exit_code == 2 and "no homework yet" in result.output


# --- examples, guide, schema ---------------------------------------------------------------------


def test_examples_list_and_print_with_todays_dates(hiki):
    listed = hiki(["homework", "example", "--list"]).output
    assert {line.split("\t")[0] for line in listed.splitlines()} == {
        "first-two-weeks",
        "family-communication",
        "back-to-study",
    }
    text = hiki(["homework", "example"]).output
    assert text.startswith("#") and "start: 2026-11-25\ndue: 2026-12-08\n" in text
    assert hiki(["homework", "example", "nope"]).exit_code == 2


@pytest.mark.parametrize("name", ["first-two-weeks", "family-communication", "back-to-study"])
def test_every_example_imports_as_printed(hiki, home, tmp_path, name):
    path = write(tmp_path, hiki(["homework", "example", name]).output)
    assert hiki(["homework", "check", str(path)]).exit_code == 0
    # as its comments say: a family pack in a family member's own profile
    where = ["--profile", "mum"] if name.startswith("family") else []
    assert hiki([*where, "homework", "import", "--yes", str(path)]).exit_code == 0
    [view] = json_data(hiki([*where, "homework", "--json"]).output)["packs"]
    assert view["id"] == name and view["start"] == "2026-11-25" and view["total"] >= 4


def test_shipped_packs_validate_with_content_validate(hiki):
    folder = lang_dir("en") / "packs"
    result = hiki(["content", "validate", str(folder)])
    assert result.exit_code == 0, result.output


def test_schema_covers_packs(hiki):
    doc = json_data(hiki(["content", "schema", "packs"]).output)
    assert {"id", "title", "start", "due", "ladder_steps", "checkins"} <= set(doc["properties"])
    assert set(doc["required"]) == {"id", "title", "start", "due"}
    every = json_data(hiki(["content", "schema"]).output)
    assert {"packs", "homework", "family"} <= set(every["$defs"])


def test_counselor_guide(hiki):
    text = flat(hiki(["homework", "guide"]).output)
    assert "Writing a homework pack" in text and "expected_suds" in text
    doc = json_data(hiki(["homework", "guide", "--json"]).output)
    assert set(doc) == {"title", "body"}


def test_dashboard_names_current_packs_only_in_their_profile(hiki, tmp_path):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])
    later = GOOD.replace("test-pack", "later").replace("2026-11-23", "2026-12-01")
    hiki(["homework", "import", "--yes", str(write(tmp_path, later, "later.yaml"))])
    text = flat(hiki([]).output)
    assert "Homework: Two weeks (11 days left). See: hiki homework" in text
    assert text.count("Homework:") == 1  # the pack that has not started yet is not listed
    assert "Homework:" not in flat(hiki(["--profile", "mum"]).output)


def test_report_lists_pack_tasks_done_by_the_same_rules(hiki, tmp_path):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])
    hiki(["guide", "family", "--no-pager"])
    hiki(["homework", "answer", "reflection-easier", "--text", "private words"])
    data = json_data(hiki(["report", "--format", "json"]).output)
    homework = data["homework"]
    assert (homework["assigned"], homework["done"]) == (5, 2)
    done = {i["title"]: i.get("done_on") for i in homework["items"] if i["done"]}
    assert done == {
        "Two weeks: reading-family": "2026-11-25",
        "Two weeks: What made it easier?": "2026-11-25",
    }
    assert "private words" not in json.dumps(data)  # the answer itself stays out of the report


def test_taking_a_questionnaire_with_hiki_assess_completes_the_task(hiki, tmp_path):
    hiki(["homework", "import", "--yes", str(write(tmp_path, GOOD))])  # asks for `who-5`
    assert "Questionnaire: WHO-5 (hiki assess who5)" in flat(hiki(["homework"]).output)
    result = hiki(["assess", "who5", "--answers", "3,3,2,3,3"])
    assert result.exit_code == 0, result.output
    tasks = json_data(hiki(["homework", "--json"]).output)["packs"][0]["tasks"]
    assert {t["id"]: t["done"] for t in tasks}["questionnaire-who-5"] is True


def test_a_questionnaire_hiki_lacks_gets_a_note_not_an_error(hiki, home, tmp_path):
    text = GOOD.replace("  - id: who-5", "  - id: hq-25")
    result = hiki(["homework", "import", "--yes", str(write(tmp_path, text))])
    assert result.exit_code == 0
    out = flat(result.output)
    assert "'hq-25' is not one of hiki's questionnaires" in out and "who5" in out
    assert [e["kind"] for e in log_lines(home) if e["kind"] != "ladder.add"] == ["homework.pack"]


def test_import_puts_rated_pack_steps_on_the_ladder_once(hiki, home, make_ctx):
    unrated = home.parent / "unrated.yaml"
    unrated.write_text(
        "id: unrated\ntitle: Steps\nstart: 2026-12-01\ndue: 2026-12-14\n"
        "ladder_steps:\n  - step: Walk to the corner\n"
    )
    first = hiki(["homework", "import", str(unrated), "--yes"])
    assert first.exit_code == 0, first.output
    # this pack's step carries no expected SUDS: hiki shows how to add it, and invents no number
    assert "--suds N" in first.output
    assert [e for e in log_lines(home) if e["kind"] == "ladder.add"] == []

    pack = lang_dir("en") / "packs" / "first-two-weeks.yaml"
    result = hiki(["homework", "import", str(pack), "--yes", "--json"])
    added = json_data(result.output)["ladder_added"]
    ladder = json_data(hiki(["ladder", "--json"]).output)
    texts = {s["text"]: s["suds"] for s in ladder}
    assert texts["Open the curtains in the morning"] == 15
    assert len(added) == len(ladder) > 0
    hiki(["homework", "import", str(pack), "--yes"])  # re-import: nothing added twice
    assert len(json_data(hiki(["ladder", "--json"]).output)) == len(ladder)
    # a try on the added step, once the pack has started, completes the pack's ladder task
    sid = next(s["id"] for s in ladder if s["text"] == "Open the curtains in the morning")
    started = make_ctx(now=dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone.utc))
    tried = hiki(
        [
            "step",
            sid,
            "--result",
            "done",
            "--expected",
            "15",
            "--fear",
            "x",
            "--likelihood",
            "10",
            "--peak",
            "10",
            "--end",
            "5",
            "--happened",
            "no",
            "--learned",
            "fine",
        ],
        ctx=started,
    )
    assert tried.exit_code == 0, tried.output
    view = json_data(hiki(["homework", "--json"], ctx=started).output)["packs"]
    tasks = [t for p in view for t in p["tasks"] if t["label"].startswith("Open the curtains")]
    assert tasks and tasks[0]["done"]
