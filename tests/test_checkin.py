from __future__ import annotations

import datetime as dt

import pytest

from hikicli.errors import Cancelled, UsageError
from hikicli.flows.checkin import run_checkin
from tests.support import FIXED_NOW, ScriptedPrompter, json_data, log_lines, tree_snapshot

FLAGS = [
    "--mood",
    "6",
    "--anxiety",
    "4",
    "--energy",
    "3",
    "--sleep",
    "7.5",
    "--outside",
    "20",
    "--contact",
    "family,online",
]
ANSWERS = {
    "mood": 2,
    "safe": "yes",  # a mood of 2 or lower is followed by "are you safe right now?" (test_safety_*)
    "anxiety": 8,
    "energy": 1,
    "sleep": 4,
    "outside": 0,
    "contact": ["none"],
    "note": "stayed in bed",
}


def test_flags_save_one_event_and_print_json(hiki, home):
    result = hiki(["checkin", *FLAGS, "--note", "a quiet day", "--json"])
    assert result.exit_code == 0, result.output
    printed = json_data(result.output)
    assert {
        k: printed[k]
        for k in ("date", "mood", "anxiety", "energy", "sleep", "outside", "contact", "note")
    } == {
        "date": "2026-11-25",
        "mood": 6,
        "anxiety": 4,
        "energy": 3,
        "sleep": 7.5,
        "outside": 20,
        "contact": ["family", "online"],
        "note": "a quiet day",
    }
    [event] = log_lines(home)
    assert event["id"] == printed["id"] and event["kind"] == "checkin" and event["v"] == 1
    assert event["ts"] == "2026-11-25T09:30:00+09:00"


def test_saved_message_and_the_reflection_for_these_values(hiki):
    """The words a person reads after saving, written out here (not read from the catalog):
    with an energy of 3 it is the low-energy reflection, and no other."""
    out = " ".join(hiki(["checkin", *FLAGS]).output.split())
    assert "Saved. Thank you for taking a moment for yourself." in out
    assert (
        "Energy is low today. That's okay. Choose the smallest possible thing, like a glass of "
        "water or a stretch, and call it done."
    ) in out
    assert "You spent some time outside today." not in out  # one reflection, the first that fits


@pytest.mark.parametrize(
    "change, fragment",
    [
        (["--mood", "11"], "--mood must be a whole number from 0 to 10"),
        (["--anxiety", "-1"], "--anxiety must be"),
        (["--sleep", "25"], "--sleep must be hours"),
        (["--sleep", "nan"], "--sleep must be hours"),
        (["--outside", "2000"], "--outside must be minutes"),
        (["--contact", "friends"], "unknown choice 'friends'"),
        (["--contact", "none,family"], "'none' cannot be combined"),
        (["--date", "2026-02-30"], "must be a real date"),
        (["--date", "2026-11-26"], "is in the future"),
        (["--note", "x" * 5000], "--note is too long"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(hiki, home, change, fragment):
    args = FLAGS.copy()
    for i in range(0, len(change), 2):
        if change[i] in args:
            args[args.index(change[i]) + 1] = change[i + 1]
        else:
            args += change[i : i + 2]
    before = tree_snapshot(home)
    result = hiki(["checkin", *args])
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_missing_flags_are_named(hiki, home):
    result = hiki(["checkin", "--mood", "5"])
    assert result.exit_code == 2
    assert "--anxiety" in result.output and "--contact" in result.output
    assert log_lines(home) == []


def test_no_terminal_and_no_flags_says_what_to_pass(hiki, home):
    result = hiki(["checkin"], interactive=False)
    assert result.exit_code == 2
    assert "Pass the answers as flags" in result.output and "--mood" in result.output
    assert log_lines(home) == []


def test_interactive_flow_saves_answers(hiki, home, make_ctx):
    prompter = ScriptedPrompter(ANSWERS)
    result = hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert prompter.asked == [
        "mood",
        "safe",
        "anxiety",
        "energy",
        "sleep",
        "outside",
        "contact",
        "note",
    ]
    [event] = log_lines(home)
    assert event["data"] == {
        "date": "2026-11-25",
        "mood": 2,
        "anxiety": 8,
        "energy": 1,
        "sleep": 4.0,
        "outside": 0,
        "contact": ["none"],
        "note": "stayed in bed",
        "safe": "yes",
    }


@pytest.mark.parametrize("stop_at", ["mood", "contact", "note"])
def test_cancel_at_any_question_saves_nothing(hiki, home, make_ctx, stop_at):
    answers = dict(ANSWERS)
    keys = list(answers)
    answers[stop_at] = Cancelled
    for later in keys[keys.index(stop_at) + 1 :]:
        del answers[later]
    result = hiki(["checkin"], ctx=make_ctx(prompter=ScriptedPrompter(answers), interactive=True))
    assert result.exit_code == 130
    assert "nothing was saved" in result.output
    assert log_lines(home) == []


def test_past_date_and_latest_of_day_counts(hiki, home):
    hiki(["checkin", *FLAGS, "--date", "2026-11-20"])
    args = FLAGS.copy()
    args[1] = "9"
    hiki(["checkin", *args, "--date", "2026-11-20"])
    result = hiki(["history", "--json"])
    entries = json_data(result.output)
    assert [e["mood"] for e in entries] == [6, 9]
    from hikicli.domain.checkin import latest_per_day

    assert latest_per_day(log_lines(home))["2026-11-20"]["mood"] == 9


def test_flow_returns_a_checkin_without_touching_files(make_ctx, home):
    ctx = make_ctx()
    prompter = ScriptedPrompter(ANSWERS)
    record = run_checkin(prompter, ctx.catalog["checkin"], dt.date(2026, 11, 24), FIXED_NOW.date())
    assert record.mood == 2 and record.date == dt.date(2026, 11, 24)
    assert not (home / "profiles").exists()


def test_flow_rejects_a_future_day(make_ctx):
    ctx = make_ctx()
    with pytest.raises(UsageError):
        run_checkin(
            ScriptedPrompter(ANSWERS), ctx.catalog["checkin"], dt.date(2030, 1, 1), FIXED_NOW.date()
        )


@pytest.mark.parametrize(
    "note, says", [("\udcff\udcfe x", "not valid text"), ("abc\u202edef", "text-direction")]
)
def test_notes_that_would_garble_the_log_or_the_screen_are_refused(hiki, home, note, says):
    result = hiki(["checkin", *FLAGS, "--note", note])
    assert result.exit_code == 2 and says in result.output
    assert log_lines(home) == []
