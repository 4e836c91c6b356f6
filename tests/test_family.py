"""`hiki family`: the CRAFT lessons with exercises, and the family member's own check-in."""

from __future__ import annotations

import json

import pytest

from hikicli.domain.family import lesson_progress, next_module
from hikicli.errors import Cancelled
from tests.support import ScriptedPrompter, json_data, log_lines, tree_snapshot

MUM = ["--profile", "mum"]
POSITIVE = ["--answer", "before=You never come out.", "--answer", "after=I'd love you at dinner."]


def flat(text: str) -> str:
    return " ".join(text.split())


def family_events(home):
    return log_lines(home, "mum")


# --- content --------------------------------------------------------------------------------------


def test_modules_follow_the_craft_sessions(hiki):
    """The lessons as `hiki family --json` and `family lesson N --json` give them (not as the
    catalog holds them): CRAFT's order, and the keys each exercise's `--answer` takes."""
    lessons = json_data(hiki([*MUM, "family", "--json"]).output)
    assert [(m["number"], m["id"]) for m in lessons] == [
        (1, "connecting"),
        (2, "understanding"),
        (3, "safety"),
        (4, "communication"),
        (5, "reinforcing"),
        (6, "stepping-back"),
        (7, "your-life"),
        (8, "suggesting-help"),
        (9, "keep-going"),
    ]
    assert lessons[2]["title"] == "Preventing violence, and what to do if it happens"

    def keys(number: int) -> list[str]:
        shown = json_data(hiki([*MUM, "family", "lesson", str(number), "--json"]).output)
        return [f["key"] for f in shown["exercise"]["fields"]]

    assert keys(2) == ["trigger", "behaviour", "consequences", "long_term"]
    assert keys(4) == ["before", "after"]
    assert keys(5) == ["moment", "before", "response", "enjoys"]
    assert keys(8) == ["invitation", "after_no", "ready"]
    assert keys(9)[0] == "goal"


@pytest.mark.parametrize(
    "lang, first, crisis",
    [
        ("en", "If anyone is in danger right now, get to safety and call your local emergency "
               "number.", "hiki --profile mum crisis shows emergency numbers and support lines."),
        ("ja", "いまだれかに危険が迫っているときは、安全な場所に移り、"
               "110番（警察）か119番（救急）に電話してください。",
         "hiki--profilemumcrisisに緊急通報番号と相談窓口を載せています。"),
    ],
)  # fmt: skip
def test_safety_lesson_opens_with_emergency_numbers_and_crisis(hiki, monkeypatch, lang, first,
                                                               crisis):  # fmt: skip
    """Lesson 3's first lines, as shown: the emergency number, then this profile's crisis list."""
    monkeypatch.setenv("HIKI_LANG", lang)
    shown = flat(hiki([*MUM, "family", "lesson", "3", "--show"]).output)
    if lang == "ja":  # Japanese wraps anywhere: a line break may fall inside a phrase
        shown, first = shown.replace(" ", ""), first.replace(" ", "")
    assert first in shown and crisis in shown
    body = "Not every family" if lang == "en" else "ひきこもりの状態にある人と暮らす"
    assert shown.index(first) < shown.index(crisis) < shown.index(body)  # before the reading
    assert "{hiki}" not in shown


def test_family_texts_never_talk_of_streaks_or_blame(make_ctx):
    text = json.dumps(make_ctx().catalog["family"]).lower()
    for word in ("streak", "lazy", "your fault", "spoiled"):
        assert word not in text


# --- the list ------------------------------------------------------------------------------------


def test_list_shows_every_lesson_with_progress(hiki, home):
    result = hiki([*MUM, "family"])
    assert result.exit_code == 0
    text = flat(result.output)
    assert "1 Connecting your family member with society" in text
    assert "9 Support after the programme" in text
    assert text.count("not started") == 9 and "hiki --profile mum family lesson 1" in text
    assert "support lines: hiki --profile mum crisis" in text
    assert family_events(home) == []  # looking writes nothing

    hiki([*MUM, "family", "lesson", "1", "--answer", "hope=calm", "--answer", "goal=one meal"])
    hiki([*MUM, "family", "lesson", "2", "--show"])
    text = flat(hiki([*MUM, "family"]).output)
    assert text.count("not started") == 8 and "exercise done" in text
    assert "hiki --profile mum family lesson 2" in text


def test_list_as_json(hiki):
    hiki([*MUM, "family", "lesson", "4", *POSITIVE])
    items = json_data(hiki([*MUM, "family", "--json"]).output)
    assert len(items) == 9
    assert set(items[3]) == {
        "number",
        "id",
        "status",
        "exercises",
        "last",
        "answers",
        "title",
        "summary",
    }
    assert items[3]["status"] == "exercise" and items[3]["last"] == "2026-11-25"
    assert items[3]["answers"] == {
        "before": "You never come out.",
        "after": "I'd love you at dinner.",
    }


# --- lessons with flags --------------------------------------------------------------------------


def test_answers_are_saved_as_an_event_in_the_profile(hiki, home):
    result = hiki([*MUM, "family", "lesson", "4", *POSITIVE, "--json"])
    assert result.exit_code == 0, result.output
    printed = json_data(result.output)
    [event] = family_events(home)
    assert event["kind"] == "family.lesson" and printed["id"] == event["id"]
    assert event["data"] == {
        "module": "communication",
        "number": 4,
        "status": "exercise",
        "answers": {"before": "You never come out.", "after": "I'd love you at dinner."},
    }
    assert log_lines(home) == []


def test_done_marks_the_exercise_without_answers(hiki, home):
    result = hiki([*MUM, "family", "lesson", "7", "--done"])
    assert result.exit_code == 0
    # lesson 7's own closing words, naming the profile
    assert "hiki --profile mum family checkin" in flat(result.output)
    [event] = family_events(home)
    assert event["data"]["status"] == "exercise" and event["data"]["answers"] == {}


def test_show_and_json_only_read(hiki, home):
    shown = flat(hiki([*MUM, "family", "lesson", "3", "--show"]).output)
    assert "Preventing violence" in shown and "emergency number" in shown
    assert "Your safety plan" in shown
    doc = json_data(hiki([*MUM, "family", "lesson", "2", "--json"]).output)
    assert doc["number"] == 2 and doc["id"] == "understanding"
    keys = [f["key"] for f in doc["exercise"]["fields"]]
    assert keys == ["trigger", "behaviour", "consequences", "long_term"]
    assert doc["progress"]["status"] == "new"
    assert family_events(home) == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["0"], "numbered 1 to 9"),
        (["10"], "numbered 1 to 9"),
        (["two"], "numbered 1 to 9"),
        (["2", "--answer", "trigger=a question"], "Missing --answer behaviour=TEXT"),
        (["4", "--answer", "before"], "KEY=TEXT"),
        (["4", *POSITIVE, "--answer", "during=x"], "unknown key 'during'"),
        (["4", *POSITIVE, "--answer", "before=again"], "given twice"),
        (["4", "--answer", "before=  ", "--answer", "after=x"], "is empty"),
        (["4", *POSITIVE, "--done"], "only one of"),
        (["4", "--done", "--show"], "only one of"),
        (["4", "--answer", "before=x" * 3000, "--answer", "after=y"], "too long"),
        (["4"], "--answer KEY=TEXT"),  # no terminal and no flags
    ],
)
def test_bad_lesson_input_exits_2_and_writes_nothing(hiki, home, args, fragment):
    before = tree_snapshot(home)
    result = hiki([*MUM, "family", "lesson", *args])
    assert result.exit_code == 2, result.output
    assert fragment in flat(result.output) and "Traceback" not in result.output
    assert tree_snapshot(home) == before


# --- lessons interactively -----------------------------------------------------------------------


def run_lesson(hiki, make_ctx, number, answers):
    prompter = ScriptedPrompter(answers)
    ctx = make_ctx(prompter=prompter, interactive=True, profile="mum")
    result = hiki(["family", "lesson", str(number)], ctx=ctx)
    return result, prompter


def test_interactive_exercise_saves_the_answers(hiki, home, make_ctx):
    answers = {
        "exercise": True,
        "trigger": "I asked about work at dinner.",
        "behaviour": "Went to his room.",
        "consequences": "The talk ended; I felt guilty.",
        "long_term": "We talk less and less.",
    }
    result, prompter = run_lesson(hiki, make_ctx, 2, answers)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert prompter.asked == ["exercise", "trigger", "behaviour", "consequences", "long_term"]
    assert "Trigger" in flat(result.output)  # the reading was shown first
    [event] = family_events(home)
    assert event["data"]["status"] == "exercise"
    assert event["data"]["answers"]["behaviour"] == "Went to his room."


def test_declining_the_exercise_marks_the_lesson_read(hiki, home, make_ctx):
    result, _ = run_lesson(hiki, make_ctx, 5, {"exercise": False})
    assert result.exit_code == 0 and "Marked as read" in flat(result.output)
    [event] = family_events(home)
    assert event["data"] == {"module": "reinforcing", "number": 5, "status": "read", "answers": {}}


def test_blank_answers_mark_the_lesson_read(hiki, home, make_ctx):
    result, _ = run_lesson(hiki, make_ctx, 7, {"exercise": True, "plan": " ", "when": ""})
    assert result.exit_code == 0 and "Nothing was written" in flat(result.output)
    assert family_events(home)[0]["data"]["status"] == "read"


def test_some_blank_answers_keep_the_others(hiki, home, make_ctx):
    run_lesson(hiki, make_ctx, 7, {"exercise": True, "plan": "A walk", "when": ""})
    assert family_events(home)[0]["data"]["answers"] == {"plan": "A walk"}


def test_cancel_during_the_exercise_saves_nothing(hiki, home, make_ctx):
    result, _ = run_lesson(hiki, make_ctx, 4, {"exercise": True, "before": Cancelled})
    assert result.exit_code == 130 and "nothing was saved" in result.output
    assert family_events(home) == []


# --- progress rules ------------------------------------------------------------------------------


def ev(module, status, day="2026-11-20", answers=None):
    data = {"module": module, "status": status, "answers": answers or {}}
    return {"kind": "family.lesson", "ts": f"{day}T08:00:00+09:00", "data": data}


def test_progress_never_goes_back_and_keeps_the_latest_answers():
    events = [
        ev("a", "exercise", answers={"x": "first"}),
        ev("a", "read", day="2026-11-21"),
        ev("a", "exercise", day="2026-11-22", answers={"x": "second"}),
        ev("b", "read"),
        ev("gone", "exercise"),
        ev("b", "bogus"),
        {"kind": "checkin", "ts": "2026-11-20T08:00:00+09:00", "data": {"module": "c"}},
    ]
    a, b, c = lesson_progress(["a", "b", "c"], events)
    assert (a.status, a.exercises, a.answers, a.last) == (
        "exercise",
        2,
        {"x": "second"},
        "2026-11-22",
    )
    assert (b.status, b.exercises) == ("read", 0)
    assert c.status == "new" and c.last is None
    assert next_module([a, b, c]) is b
    assert next_module([a]) is None


# --- the family check-in --------------------------------------------------------------------------


def test_checkin_with_flags(hiki, home):
    args = ["--stress", "4", "--positive", "We laughed at the TV.", "--selfcare", "A bath."]
    result = hiki([*MUM, "family", "checkin", *args, "--json"])
    assert result.exit_code == 0, result.output
    printed = json_data(result.output)
    [event] = family_events(home)
    assert event["kind"] == "family.checkin" and printed["id"] == event["id"]
    assert event["data"] == {
        "date": "2026-11-25",
        "stress": 4,
        "positive": "We laughed at the TV.",
        "selfcare": "A bath.",
    }


@pytest.mark.parametrize(
    "args, reply",
    [
        (["--stress", "9", "--selfcare", "a walk"], "safety plan: hiki --profile mum crisis"),
        (["--stress", "3"], "plan one small thing"),
        (["--stress", "3", "--selfcare", "tea in the garden"], "Looking after you"),
    ],
)
def test_checkin_reply_fits_the_answers(hiki, args, reply):
    result = hiki([*MUM, "family", "checkin", *args])
    assert result.exit_code == 0 and reply in flat(result.output)


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--positive", "x"], "Missing --stress"),
        (["--stress", "11"], "--stress must be a whole number from 0 to 10"),
        (["--stress", "5", "--date", "2026-11-26"], "is in the future"),
        (["--stress", "5", "--date", "2026-02-30"], "real date"),
        (["--stress", "5", "--selfcare", "x" * 4001], "too long"),
        ([], "--stress N"),  # no terminal and no flags
    ],
)
def test_bad_checkin_input_exits_2_and_writes_nothing(hiki, home, args, fragment):
    before = tree_snapshot(home)
    result = hiki([*MUM, "family", "checkin", *args])
    assert result.exit_code == 2 and fragment in flat(result.output), result.output
    assert tree_snapshot(home) == before


def test_interactive_checkin(hiki, home, make_ctx):
    prompter = ScriptedPrompter({"stress": 6, "positive": "He said good morning.", "selfcare": ""})
    ctx = make_ctx(prompter=prompter, interactive=True, profile="mum")
    result = hiki(["family", "checkin"], ctx=ctx)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert prompter.asked == ["stress", "positive", "selfcare"]
    assert family_events(home)[0]["data"]["positive"] == "He said good morning."


def test_cancelled_checkin_saves_nothing(hiki, home, make_ctx):
    prompter = ScriptedPrompter({"stress": 6, "positive": Cancelled})
    ctx = make_ctx(prompter=prompter, interactive=True, profile="mum")
    result = hiki(["family", "checkin"], ctx=ctx)
    assert result.exit_code == 130 and family_events(home) == []


def test_history_summarizes_family_events(hiki):
    hiki([*MUM, "family", "checkin", "--stress", "5"])
    hiki([*MUM, "family", "lesson", "4", *POSITIVE])
    text = flat(hiki([*MUM, "history"]).output)
    assert "stress 5" in text and "lesson 4" in text  # the table wraps at 80 columns


def test_dashboard_shows_the_programme_once_started(hiki):
    assert "Family programme" not in flat(hiki(["--profile", "sora"]).output)  # not a family one
    hiki([*MUM, "family", "lesson", "1", "--done"])
    hiki([*MUM, "family", "lesson", "2", "--show"])
    text = flat(hiki(MUM).output)
    assert "1 of 9 exercises done. Next: hiki --profile mum family lesson 2" in text
    assert "Family programme" not in flat(hiki([]).output)
    for n in range(2, 10):
        hiki([*MUM, "family", "lesson", str(n), "--done"])
    assert "every lesson done" in flat(hiki(MUM).output)


def test_dashboard_points_a_family_member_at_their_own_checkin(hiki):
    hint = "Your own check-in for today, when you have a minute: hiki --profile mum family checkin"
    assert hint not in flat(hiki(MUM).output)  # not yet a family profile
    hiki([*MUM, "family", "checkin", "--stress", "5", "--date", "2026-11-24"])
    assert hint in flat(hiki(MUM).output)
    hiki([*MUM, "family", "checkin", "--stress", "4"])
    text = flat(hiki(MUM).output)
    assert hint not in text and "Your own check-in for today is saved" in text
    assert "Your own check-in" not in flat(hiki([]).output)  # the person's screen stays theirs
