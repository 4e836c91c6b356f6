"""`hiki safety-plan` and the plan in `hiki crisis`: events, edit flow, export, robustness."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from hikicli.errors import Cancelled
from hikicli.flows.safety_plan import run_safety_plan_edit
from tests.support import ScriptedPrompter, json_data, log_lines, tree_snapshot

SECTIONS = ("warning-signs", "coping", "distractions", "people", "professionals", "environment")


# The six steps of the plan as a person reads them (content/en/safety.yaml), written out.
TITLES = [
    "1. Warning signs",
    "2. Things I can do on my own",
    "3. People and places that help me think of something else",
    "4. People I can ask for help",
    "5. Professionals and services I can contact",
    "6. Making my surroundings safer",
]


def empty_walk() -> dict[str, object]:
    """Answers that walk through every step adding nothing (step 5 offers crisis lines: none)."""
    return {**{f"{s}.add.1": "" for s in SECTIONS}, "professionals.crisis_lines": []}


def test_no_plan_yet_shows_a_gentle_invitation(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["safety-plan"], ctx=ctx)
    assert result.exit_code == 0
    assert "hiki safety-plan edit" in " ".join(result.output.split())
    assert json_data(hiki(["safety-plan", "--json"]).stdout) == {
        "exists": False,
        "sections": {s: [] for s in SECTIONS},
    }


def test_add_and_remove_are_events_and_nothing_is_lost(hiki, home):
    assert hiki(["safety-plan", "add", "coping", "Take a warm shower"]).exit_code == 0
    assert hiki(["safety-plan", "add", "coping", "Listen to   one album"]).exit_code == 0
    assert hiki(["safety-plan", "add", "people", "Aki — LINE"]).exit_code == 0
    result = hiki(["safety-plan", "remove", "coping", "1", "--json"])
    assert result.exit_code == 0 and json_data(result.stdout)["text"] == "Take a warm shower"
    kinds = [e["kind"] for e in log_lines(home)]
    assert kinds == ["safety_plan.item_added"] * 3 + ["safety_plan.item_removed"]
    removed = log_lines(home)[-1]["data"]["item"]
    assert removed == log_lines(home)[0]["data"]["item"]
    plan = json_data(hiki(["safety-plan", "show", "--json"]).stdout)
    assert plan["exists"] is True
    assert [i["text"] for i in plan["sections"]["coping"]] == ["Listen to one album"]
    assert [i["text"] for i in plan["sections"]["people"]] == ["Aki — LINE"]


def test_show_lists_every_step_in_order(hiki, make_ctx):
    hiki(["safety-plan", "add", "environment", "Ask Mum to keep things for me"])
    out = hiki(["safety-plan"], ctx=make_ctx()).output
    positions = [out.index(t) for t in TITLES]  # written out: the order Stanley & Brown give
    assert positions == sorted(positions)
    assert "Ask Mum to keep things for me" in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["add", "friends", "x"], "Unknown section 'friends'"),
        (["add", "coping", "   "], "The text is empty"),
        (["add", "coping", "x" * 600], "too long"),
        (["remove", "coping", "1"], "coping has no items"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(hiki, home, args, fragment):
    before = tree_snapshot(home)
    result = hiki(["safety-plan", *args])
    assert result.exit_code == 2 and fragment in result.output
    assert tree_snapshot(home) == before


def test_remove_out_of_range_names_the_range(hiki):
    hiki(["safety-plan", "add", "coping", "Make a cup of tea"])
    result = hiki(["safety-plan", "remove", "coping", "3"])
    assert result.exit_code == 2 and "from 1 to 1" in result.output


def test_edit_walks_the_six_steps_with_examples(hiki, make_ctx, home):
    answers = empty_walk()
    answers.update({"warning-signs.add.1": "Not sleeping", "warning-signs.add.2": "Skipping meals"})
    answers["warning-signs.add.3"] = ""
    prompter = ScriptedPrompter(answers)
    result = hiki(["safety-plan", "edit"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    said = [" ".join(x.split()) for x in prompter.said]
    for title in TITLES:  # every step was shown, in order, each with its examples
        assert any(title in x and "For example:" in x for x in said), title
    shown = " ".join(said)
    assert [shown.index(t) for t in TITLES] == sorted(shown.index(t) for t in TITLES)
    data = [e["data"] for e in log_lines(home)]
    assert [(d["section"], d["text"]) for d in data] == [
        ("warning-signs", "Not sleeping"),
        ("warning-signs", "Skipping meals"),
    ]


def test_edit_prefills_professionals_from_the_country_lines(hiki, make_ctx, home):
    hiki(["config", "set", "country", "US"])
    answers = empty_walk()
    answers["professionals.crisis_lines"] = ["0", "1", "2"]  # two US lines and the directory
    prompter = ScriptedPrompter(answers)
    result = hiki(["safety-plan", "edit"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    texts = [e["data"]["text"] for e in log_lines(home)]
    assert any("741741" in t for t in texts) and any("988" in t for t in texts)
    assert any("findahelpline.com" in t for t in texts)
    # offered again later, the lines already in the plan are not offered twice
    answers = {**empty_walk(), "professionals.remove": []}
    del answers["professionals.crisis_lines"]
    prompter = ScriptedPrompter(answers)
    result = hiki(["safety-plan", "edit"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    assert "professionals.crisis_lines" not in prompter.asked


def test_edit_can_take_items_off(hiki, make_ctx, home):
    hiki(["safety-plan", "add", "coping", "A"])
    hiki(["safety-plan", "add", "coping", "B"])
    item_a = log_lines(home)[0]["data"]["item"]
    answers = {**empty_walk(), "coping.remove": [item_a]}
    result = hiki(
        ["safety-plan", "edit"], ctx=make_ctx(prompter=ScriptedPrompter(answers), interactive=True)
    )
    assert result.exit_code == 0, result.output
    plan = json_data(hiki(["safety-plan", "--json"]).stdout)
    assert [i["text"] for i in plan["sections"]["coping"]] == ["B"]


class WatchingPrompter(ScriptedPrompter):
    """Notes how many events the log holds each time a question is asked."""

    def __init__(self, answers: dict[str, object], home) -> None:
        super().__init__(answers)
        self.home = home
        self.log_at: dict[str, int] = {}

    def _take(self, key: str):
        self.log_at[key] = len(log_lines(self.home))
        return super()._take(key)


def test_edit_saves_each_item_the_moment_it_is_given(hiki, make_ctx, home):
    hiki(["safety-plan", "add", "coping", "Old idea"])
    old = log_lines(home)[0]["data"]["item"]
    answers = {
        **empty_walk(),
        "warning-signs.add.1": "Not sleeping",
        "warning-signs.add.2": "Skipping meals",
        "warning-signs.add.3": "",
        "coping.remove": [old],
    }
    prompter = WatchingPrompter(answers, home)
    result = hiki(["safety-plan", "edit"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    # Already in the log when the next question came, not gathered up for the end.
    assert prompter.log_at["warning-signs.add.2"] == 2
    assert prompter.log_at["warning-signs.add.3"] == 3
    assert prompter.log_at["coping.add.1"] == 4  # the removal too
    kinds = [e["kind"] for e in log_lines(home)]
    assert kinds == ["safety_plan.item_added"] * 3 + ["safety_plan.item_removed"]
    assert "Your safety plan is saved" in result.output


def edit_until_cancel(hiki, make_ctx, answers):
    prompter = ScriptedPrompter(answers)
    return hiki(["safety-plan", "edit"], ctx=make_ctx(prompter=prompter, interactive=True))


def test_ctrl_c_mid_edit_keeps_what_was_confirmed_and_says_so(hiki, make_ctx, home):
    answers = {
        "warning-signs.add.1": "Not sleeping",
        "warning-signs.add.2": "",
        "coping.add.1": "A warm shower",
        "coping.add.2": Cancelled,  # Ctrl-C while typing the third
    }
    result = edit_until_cancel(hiki, make_ctx, answers)
    assert result.exit_code == 130
    out = " ".join(result.output.split())
    assert (
        "Stopped. The 2 items you added are saved in your plan; `hiki safety-plan` shows it." in out
    )
    assert "nothing was saved" not in out.lower()
    assert "hiki crisis" in out  # the pointer that ends every cancel
    plan = json_data(hiki(["safety-plan", "--json"]).stdout)["sections"]
    assert [i["text"] for i in plan["warning-signs"]] == ["Not sleeping"]
    assert [i["text"] for i in plan["coping"]] == ["A warm shower"]


def test_ctrl_c_after_one_item_says_the_item(hiki, make_ctx, home):
    answers = {"warning-signs.add.1": "Not sleeping", "warning-signs.add.2": Cancelled}
    out = " ".join(edit_until_cancel(hiki, make_ctx, answers).output.split())
    assert "The item you added is saved in your plan" in out
    assert len(log_lines(home)) == 1


def test_ctrl_c_after_taking_items_off_says_they_stay_off(hiki, make_ctx, home):
    hiki(["safety-plan", "add", "warning-signs", "A"])
    hiki(["safety-plan", "add", "warning-signs", "B"])
    a, b = (e["data"]["item"] for e in log_lines(home))
    answers = {"warning-signs.remove": [a, b], "warning-signs.add.1": Cancelled}
    out = " ".join(edit_until_cancel(hiki, make_ctx, answers).output.split())
    assert "The 2 items you took off stay off your plan" in out
    assert json_data(hiki(["safety-plan", "--json"]).stdout)["exists"] is False
    # one taken off and one added
    hiki(["safety-plan", "add", "coping", "C"])
    c = log_lines(home)[-1]["data"]["item"]
    answers = {"warning-signs.add.1": "D", "warning-signs.add.2": "", "coping.remove": [c],
               "coping.add.1": Cancelled}  # fmt: skip
    out = " ".join(edit_until_cancel(hiki, make_ctx, answers).output.split())
    assert "Your changes are saved (1 added, 1 taken off)" in out


def test_ctrl_c_before_any_item_says_nothing_changed(hiki, make_ctx, home):
    result = edit_until_cancel(hiki, make_ctx, {"warning-signs.add.1": Cancelled})
    out = " ".join(result.output.split())
    assert result.exit_code == 130 and "Stopped. Nothing was changed." in out
    assert log_lines(home) == []


def test_stopping_a_plan_offered_after_a_risk_answer_says_what_was_kept(hiki, make_ctx, home):
    """The check-in offers the plan after "not safe"; a Ctrl-C there stops the plan only: the
    screen says the item is kept (never "nothing else was saved") and the crisis block ends it."""
    answers = {
        "mood": 1,
        "safe": "no",
        "go_on": "stop",
        "safety_plan.offer": True,
        "warning-signs.add.1": "Not sleeping",
        "warning-signs.add.2": Cancelled,
    }
    prompter = ScriptedPrompter(answers)
    result = hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    prompter.assert_done()
    out = " ".join(result.output.split())
    assert "Stopped. The item you added is saved in your plan" in out
    assert "nothing else from here was saved" not in out and "nothing was saved" not in out
    assert "findahelpline.com" in out  # the closing block (its place on the screen: the e2e test)
    kinds = [e["kind"] for e in log_lines(home)]
    assert kinds.count("safety_plan.item_added") == 1


def test_edit_without_terminal_names_the_flags(hiki, home):
    result = hiki(["safety-plan", "edit"], interactive=False)
    out = " ".join(result.output.split())
    assert result.exit_code == 2 and "hiki safety-plan add SECTION TEXT" in out


def test_flow_returns_changes_without_saving(make_ctx):
    ctx = make_ctx()
    plan = {s: [] for s in SECTIONS}
    lines = [{"name": "Line", "contact": "123"}]
    answers = {**empty_walk(), "professionals.crisis_lines": ["0"]}
    changes = run_safety_plan_edit(
        ScriptedPrompter(answers), ctx.catalog["safety"]["plan"], plan, lines
    )
    assert changes.added == [("professionals", "Line: 123")] and changes.removed == []


def test_export_writes_a_private_markdown_copy(hiki, home):
    hiki(["safety-plan", "add", "people", "Aki *friend* — LINE"])
    out = home.parent / "plan.md"
    result = hiki(["safety-plan", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "Aki \\*friend\\* — LINE" in text
    assert "findahelpline.com" in text
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    again = hiki(["safety-plan", "export", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert hiki(["safety-plan", "export", "-o", str(out), "--force"]).exit_code == 0
    assert "Aki" in hiki(["safety-plan", "export"]).stdout


# ---- the plan in `hiki crisis` ----------------------------------------------------------------


def test_crisis_shows_the_plan_after_the_lines(hiki):
    hiki(["safety-plan", "add", "people", "Call my aunt Emi"])
    result = hiki(["crisis", "--country", "GB"])
    assert result.exit_code == 0
    out = result.output
    assert out.index("Samaritans") < out.index("Call my aunt Emi")
    view = json_data(hiki(["crisis", "--country", "GB", "--json"]).stdout)
    assert view["safety_plan"]["people"][0]["text"] == "Call my aunt Emi"


def test_crisis_without_a_plan_is_unchanged(hiki):
    view = json_data(hiki(["crisis", "--country", "GB", "--json"]).stdout)
    assert "safety_plan" not in view


@pytest.mark.parametrize("damage", ["directory", "newer", "garbage"])
def test_crisis_still_works_when_the_log_is_unreadable(hiki, make_ctx, damage):
    hiki(["safety-plan", "add", "people", "Call my aunt Emi"])
    log = make_ctx().paths.log_file
    if damage == "directory":
        log.unlink()
        log.mkdir()
    elif damage == "newer":
        log.write_text('{"v": 99, "id": "x", "kind": "k", "ts": "t", "data": {}}\n')
    else:
        log.write_bytes(b"\xff\xfe not json\n")
    result = hiki(["crisis", "--country", "GB"])
    assert result.exit_code == 0, result.output
    assert "116 123" in result.output and "Call my aunt Emi" not in result.output


# ---- examples reviewed for means safety ------------------------------------------------------

# Words that name or point to a means of self-harm. A safety plan's examples are read in the
# hardest moments: step 6 speaks of reducing access in general words, and no step names a means.
MEANS = re.compile(
    r"\b(balcon\w*|roofs?|rooftops?|bridges?|heights?|high places?|ledges?|cliffs?|windows?|"
    r"jump\w*|medic\w*|pills?|tablets?|drugs?|overdos\w*|poison\w*|bleach|chemicals?|cords?|"
    r"ropes?|belts?|cables?|ligatures?|strangl\w*|hanging|hanged|knife|knives|blades?|razors?|"
    r"sharp\w*|scissors|guns?|firearms?|weapons?|railways?|train tracks|gas|charcoal|alcohol)\b",
    re.IGNORECASE,
)


def shipped_plan_texts() -> list[tuple[str, str]]:
    """(where, text) for every example, prompt and title of the plan, in every language."""
    root = Path(__file__).resolve().parents[1] / "content"
    texts = []
    for path in sorted(root.glob("*/safety.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))["plan"]
        for section in plan["sections"]:
            where = f"{path.parent.name}/{section['id']}"
            texts += [(where, section["title"]), (where, section["prompt"])]
            texts += [(where, example) for example in section["examples"]]
        texts += [(f"{path.parent.name}/{k}", plan[k]) for k in ("intro", "empty")]
    return texts


def test_the_word_check_would_catch_the_old_examples():
    assert MEANS.search("Step onto the balcony and breathe slowly")
    assert MEANS.search("Ask my mother to keep my medicines")
    assert not MEANS.search("Ask someone I trust to keep things I could hurt myself with")


def test_shipped_examples_name_no_means_in_any_section():
    texts = shipped_plan_texts()
    assert len(texts) > 20
    found = [(where, text) for where, text in texts if MEANS.search(text)]
    assert found == []


def test_the_environment_step_speaks_of_access_in_general_words(make_ctx):
    [step] = [
        s for s in make_ctx().catalog["safety"]["plan"]["sections"] if s["id"] == "environment"
    ]
    assert "Ask someone I trust to keep things I could hurt myself with" in step["examples"]
    assert "balcony" not in json.dumps(make_ctx().catalog["safety"]).lower()
