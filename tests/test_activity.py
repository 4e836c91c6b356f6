"""`hiki activity`: small activities by today's energy, done now and rated (pleasure, mastery
0-10) or planned for later and rated on return; the flags twin, --json, its events in history."""

from __future__ import annotations

import datetime as dt

import pytest

from hikicli.content.catalog import load_catalog
from hikicli.domain.activity import open_plans
from hikicli.errors import Cancelled
from hikicli.flows.activity import run_activity
from tests.support import FIXED_NOW, ScriptedPrompter, json_data, log_lines

CHECKIN = ["checkin", "--mood", "4", "--anxiety", "5", "--energy", "2", "--sleep", "6",
           "--outside", "0", "--contact", "none"]  # fmt: skip


def content(lang: str = "en") -> dict:
    return load_catalog(lang)["activity"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_flags_twin_saves_at_once_with_stable_json_keys(hiki, home):
    result = hiki(["activity", "--log", "made tea", "--pleasure", "3", "--mastery", "5", "--json"])
    assert result.exit_code == 0, result.output
    data = json_data(result.output)
    assert list(data) == [
        "id", "kind", "recorded", "date", "text", "activity", "pleasure", "mastery", "plan"
    ]  # fmt: skip
    assert (data["text"], data["pleasure"], data["mastery"]) == ("made tea", 3, 5)
    [event] = log_lines(home)
    assert event["kind"] == "activity.done" and event["data"]["date"] == "2026-11-25"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--log", "tea"], "--log needs --pleasure N and --mastery N"),
        (["--log", "tea", "--pleasure", "3", "--mastery", "11"],
         "--mastery: use a number from 0 to 10 (got 11)."),
        (["--log", "   ", "--pleasure", "3", "--mastery", "1"], "The activity is empty"),
        (["--plan", "tea"], "--plan needs --when (morning, afternoon, evening, night)"),
        (["--plan", "tea", "--when", "noon"], "--when must be one of"),
        (["--pleasure", "3"], "go with --log"),
        (["--log", "tea", "--pleasure", "1", "--mastery", "1", "--date", "2026-12-01"],
         "in the future"),
    ],
)  # fmt: skip
def test_wrong_flags_say_what_to_pass_and_save_nothing(hiki, home, args, words):
    result = hiki(["activity", *args])
    assert result.exit_code == 2
    assert words in flat(result.output)
    assert log_lines(home) == []


def test_a_plan_is_rated_when_the_person_comes_back(hiki, home):
    result = hiki(["activity", "--plan", "open the curtains", "--when", "afternoon", "--json"])
    plan = json_data(result.output)
    assert plan["kind"] == "activity.plan" and plan["when"] == "afternoon"
    prompter = ScriptedPrompter(
        {"activity.choose": "plan:" + plan["plan"], "activity.pleasure": 2, "activity.mastery": 7}
    )
    hiki(CHECKIN)  # energy 2 from today's check-in: not asked again
    result = hiki(["activity"], prompter=prompter, interactive=True)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    done = log_lines(home)[-1]
    assert done["kind"] == "activity.done"
    assert done["data"]["plan"] == plan["plan"] and done["data"]["text"] == "open the curtains"
    assert (done["data"]["pleasure"], done["data"]["mastery"]) == (2, 7)
    assert open_plans(log_lines(home), FIXED_NOW.date()) == []
    assert "Thank you for trying" in result.output


def test_the_menu_follows_energy(hiki):
    """The menu as `hiki activity --list --energy N` shows it, in literal words."""

    def menu(energy: int) -> list[dict]:
        args = ["activity", "--list", "--energy", str(energy), "--json"]
        return json_data(hiki(args).output)["activities"]

    low, some = menu(2), menu(8)
    assert [a["text"] for a in low if a["category"] == "home"] == ["Open the curtains (1 min)"]
    assert {a["energy"] for a in low} == {"very-low"} and "mailbox" not in {a["id"] for a in low}
    assert {a["id"] for a in low} < {a["id"] for a in some}
    assert {a["category"] for a in some} == {
        "body", "home", "senses", "making", "connecting", "outside"
    }  # fmt: skip
    shown = flat(hiki(["activity", "--list", "--energy", "8"]).output)
    assert "Outside the room Sit in the kitchen or another room for a while (5 min)" in shown
    assert "Walk to the mailbox at a quiet hour (5 min)" in shown
    assert "Walk to the mailbox" not in flat(hiki(["activity", "--list", "--energy", "2"]).output)


def test_the_flow_asks_energy_when_there_is_no_check_in_and_can_plan():
    prompter = ScriptedPrompter(
        {"activity.energy": 1, "activity.choose": "curtains", "activity.when": "evening"}
    )
    choice = run_activity(prompter, content(), None)
    prompter.assert_done()
    assert (choice.activity, choice.when, choice.pleasure) == ("curtains", "evening", None)


def test_own_words_now_then_rated(hiki, home):
    prompter = ScriptedPrompter(
        {
            "activity.energy": 5,
            "activity.choose": "own",
            "own": "  fed the cat ",
            "activity.when": "now",
            "activity.pleasure": 6,
            "activity.mastery": 4,
        }
    )
    assert hiki(["activity"], prompter=prompter, interactive=True).exit_code == 0
    [event] = log_lines(home)
    assert event["data"]["text"] == "fed the cat" and event["data"]["activity"] == ""


def test_ctrl_c_before_the_end_saves_nothing_and_says_so(hiki, home):
    prompter = ScriptedPrompter(
        {"activity.energy": 5, "activity.choose": "tea", "activity.when": "now",
         "activity.pleasure": 6, "activity.mastery": Cancelled}
    )  # fmt: skip
    result = hiki(["activity"], prompter=prompter, interactive=True)
    assert result.exit_code == 130
    assert "nothing was saved" in result.output
    assert log_lines(home) == []


def test_history_and_list_in_japanese(hiki, home, monkeypatch):
    hiki(["activity", "--log", "made tea", "--pleasure", "3", "--mastery", "5"])
    assert "made tea: pleasure 3 · mastery 5" in flat(hiki(["history"]).output)
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["activity", "--list", "--energy", "1"]).output
    assert "カーテンを開ける" in out and "郵便受け" not in out


def test_without_a_terminal_it_names_the_flags(hiki):
    result = hiki(["activity"])
    assert result.exit_code == 2 and "--pleasure N --mastery N" in flat(result.output)


def test_an_old_plan_is_no_longer_offered():
    old = {"kind": "activity.plan", "data": {"plan": "p1", "date": "2026-11-20", "when": "night",
                                             "text": "tea", "activity": ""}}  # fmt: skip
    assert open_plans([old], dt.date(2026, 11, 25)) == []
    assert open_plans([old], dt.date(2026, 11, 21))[0]["plan"] == "p1"
