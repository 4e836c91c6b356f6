"""`hiki restart-plan`: four steps kept like the safety plan (each item saved as given, a stop
says exactly what was kept), show/edit/add/remove/export, --json; and the welcome back offers it
without counting anything against the person."""

from __future__ import annotations

from hikicli.errors import Cancelled
from tests.support import ScriptedPrompter, json_data, log_lines

OLD_CHECKIN = ["checkin", "--mood", "5", "--anxiety", "5", "--energy", "5", "--sleep", "7",
               "--outside", "0", "--contact", "none", "--date", "2026-11-18"]  # fmt: skip


def flat(text: str) -> str:
    return " ".join(text.split())


def test_add_show_remove_export_with_json(hiki, home, tmp_path):
    added = json_data(hiki(["restart-plan", "add", "first-step", "open the curtains",
                             "--json"]).output)  # fmt: skip
    assert list(added) == ["id", "recorded", "item", "section", "text"]
    shown = json_data(hiki(["restart-plan", "--json"]).output)
    assert shown["exists"] is True
    assert [i["text"] for i in shown["sections"]["first-step"]] == ["open the curtains"]
    out = tmp_path / "restart.md"
    assert hiki(["restart-plan", "export", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# My restart plan") and "1. open the curtains" in text
    assert hiki(["restart-plan", "export", "-o", str(out)]).exit_code == 2  # exists
    removed = hiki(["restart-plan", "remove", "first-step", "1"])
    assert removed.exit_code == 0 and "Taken off your restart plan." in removed.output
    assert json_data(hiki(["restart-plan", "--json"]).output)["exists"] is False
    kinds = [e["kind"] for e in log_lines(home)]
    assert kinds == ["restart_plan.item_added", "restart_plan.item_removed"]


def test_wrong_input_says_what_is_valid(hiki, home):
    result = hiki(["restart-plan", "add", "signs", "x"])
    assert result.exit_code == 2
    assert "Steps: early-signs, helped-before, first-step, tell." in flat(result.output)
    assert hiki(["restart-plan", "remove", "tell", "1"]).exit_code == 2
    assert log_lines(home) == []


def test_edit_keeps_each_item_as_given_and_a_stop_says_so(hiki, home):
    prompter = ScriptedPrompter(
        {
            "early-signs.add.1": "sleeping later every night",
            "early-signs.add.2": "",
            "helped-before.add.1": "a walk at a quiet hour",
            "helped-before.add.2": Cancelled,
        }
    )
    result = hiki(["restart-plan", "edit"], prompter=prompter, interactive=True)
    assert result.exit_code == 130
    prompter.assert_done()
    out = flat(result.output)
    assert "The 2 items you added are saved in your restart plan" in out
    assert "hiki crisis" in out
    texts = [e["data"]["text"] for e in log_lines(home)]
    assert texts == ["sleeping later every night", "a walk at a quiet hour"]


def test_edit_can_take_items_off(hiki, home):
    hiki(["restart-plan", "add", "tell", "my mother"])
    item = log_lines(home)[0]["data"]["item"]
    answers = {"early-signs.add.1": "", "helped-before.add.1": "", "first-step.add.1": "",
               "tell.remove": [item], "tell.add.1": ""}  # fmt: skip
    prompter = ScriptedPrompter(answers)
    result = hiki(["restart-plan", "edit"], prompter=prompter, interactive=True)
    assert result.exit_code == 0 and "Your restart plan is saved." in result.output
    assert json_data(hiki(["restart-plan", "--json"]).output)["exists"] is False


def test_welcome_back_offers_the_plan_and_counts_nothing_new(hiki, home):
    assert hiki(OLD_CHECKIN).exit_code == 0
    hiki([])  # the first run's welcome
    first = flat(hiki([]).output)
    assert "Welcome back." in first
    assert "`hiki restart-plan edit` can hold a few lines for starting again" in first
    hiki(["restart-plan", "add", "first-step", "open the curtains"])
    again = flat(hiki([]).output)
    assert "Your restart plan is here if you would like to read it: `hiki restart-plan`." in again


def test_no_offer_on_an_ordinary_day(hiki, home):
    hiki(["checkin", "--mood", "5", "--anxiety", "5", "--energy", "5", "--sleep", "7",
          "--outside", "0", "--contact", "none"])  # fmt: skip
    hiki([])
    assert "restart-plan" not in hiki([]).output


def test_japanese(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    assert "再スタート計画はまだありません" in flat(hiki(["restart-plan"]).output)
