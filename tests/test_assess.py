"""`hiki assess`: results, JSON, refusals, the risk response, offers, history, counselor files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hikicli.errors import Cancelled
from tests.support import FIXED_NOW, ScriptedPrompter, json_data, log_lines, tree_snapshot

PHQ9_RISK = "0,0,0,0,0,0,0,0,1"


class OrderedPrompter(ScriptedPrompter):
    """Records questions and `say` calls in one list, to check what came before what."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__(answers)
        self.events: list[str] = []

    def _take(self, key: str) -> Any:
        self.events.append(f"ask:{key}")
        return super()._take(key)

    def say(self, text: str) -> None:
        self.events.append(f"say:{text[:40]}")
        super().say(text)


def risk_message(ctx) -> str:
    return "Thank you for telling me. What you are going through matters"


def phq9_answers(values: list[int]) -> dict[str, str]:
    return {f"phq9.item{n}": str(v) for n, v in enumerate(values, start=1)}


def test_answers_flag_saves_and_prints_json(hiki, home):
    result = hiki(["assess", "phq9", "--answers", "2,2,2,2,2,0,0,0,0", "--json"])
    assert result.exit_code == 0, result.output
    view = json_data(result.stdout)
    assert view["instrument"] == "phq9" and view["total"] == 10 and view["band"] == "moderate"
    assert view["risk"] is False and view["suggest_professional"] is True
    assert "percent" not in view
    [event] = log_lines(home)
    assert event["kind"] == "assessment" and event["id"] == view["id"]
    assert event["data"]["answers"] == [2, 2, 2, 2, 2, 0, 0, 0, 0]
    assert event["data"]["total"] == 10 and event["data"]["band"] == "moderate"
    assert event["data"]["max"] == 27


def test_json_keys_are_stable(hiki):
    result = hiki(["assess", "who5", "--answers", "3,3,3,2,1", "--json"])
    view = json_data(result.stdout)
    assert set(view) == {
        "id", "recorded", "instrument", "name", "total", "lowest", "highest", "band",
        "band_label", "meaning", "answers", "risk", "risk_items", "suggest_professional",
        "offer", "percent",
    }  # fmt: skip
    assert (view["total"], view["percent"], view["band"], view["offer"]) == (12, 48, "low", "phq9")


def test_result_text_shows_score_band_meaning_and_not_a_diagnosis(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["assess", "gad7", "--answers", "3,3,3,2,2,2,0"], ctx=ctx)
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    text = ctx.catalog["safety"]["assess"]
    assert "GAD-7: 15 (possible range 0–21)" in out
    assert "Severe (15–21)" in out
    assert " ".join(text["not_diagnosis"].split()) in out
    assert "hiki guide professional-help" in out


def test_mild_result_does_not_push_professional_help(hiki):
    result = hiki(["assess", "phq9", "--answers", "1,1,1,1,1,0,0,0,0"])
    assert "professional-help" not in result.output


def test_ucla3_shows_the_score_without_a_lonely_label(hiki):
    result = hiki(["assess", "ucla3", "--answers", "3,3,3"])
    out = " ".join(result.output.split())
    assert "UCLA-3: 9 (possible range 3–9)" in out
    assert "Range:" not in out and "You are lonely" not in out
    view = json_data(hiki(["assess", "ucla3", "--answers", "2,2,2", "--json"]).stdout)
    assert view["band"] is None and view["total"] == 6


def test_short_screener_offers_the_full_questionnaire(hiki):
    out = " ".join(hiki(["assess", "phq2", "--answers", "2,1"]).output.split())
    assert "hiki assess phq9" in out
    out = " ".join(hiki(["assess", "gad2", "--answers", "1,1"]).output.split())
    assert "hiki assess gad7" not in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["phq9", "--answers", "1,1,1"], "PHQ-9 (phq9) needs 9 answers"),
        (["phq9", "--answers", "1,1,1,1,1,1,1,1,x"], "from 0 to 3"),
        (["gad7", "--answers", "a,b"], "GAD-7 (gad7) needs 7 answers"),
        (["who5", "--answers", "6,0,0,0,0"], "from 0 to 5"),
        (["ucla3", "--answers", "0,1,1"], "from 1 to 3"),
        (["phq2", "--answers", "1,1,1"], "needs 2 answers"),
        (["nope"], "Unknown questionnaire 'nope'"),
    ],
)
def test_bad_answers_exit_2_and_write_nothing(hiki, home, args, fragment):
    before = tree_snapshot(home)
    result = hiki(["assess", *args])
    assert result.exit_code == 2
    assert fragment in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_no_terminal_names_the_flag(hiki, home):
    result = hiki(["assess", "phq9"], interactive=False)
    assert result.exit_code == 2 and "--answers" in result.output
    assert log_lines(home) == []


# ---- risk: never missed -----------------------------------------------------------------------


def test_risk_answer_shows_crisis_help_before_the_score(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["assess", "phq9", "--answers", PHQ9_RISK], ctx=ctx)
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert risk_message(ctx)[:40] in out
    assert "findahelpline.com" in out
    assert out.index(risk_message(ctx)[:40]) < out.index("PHQ-9: 1 (possible range")
    assert "hiki safety-plan edit" in out  # no plan yet: the offer to make one


def test_risk_with_low_total_still_shows_help(hiki, make_ctx):
    # total 1 is in the lowest band, and help must show all the same
    ctx = make_ctx()
    view = json_data(hiki(["assess", "phq9", "--answers", PHQ9_RISK, "--json"], ctx=ctx).stdout)
    assert view["band"] == "minimal" and view["risk"] is True and view["risk_items"] == [9]


def test_risk_with_json_keeps_stdout_json_and_speaks_on_stderr(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["assess", "phq9", "--answers", PHQ9_RISK, "--json"], ctx=ctx)
    assert json_data(result.stdout)["risk"] is True
    assert risk_message(ctx)[:40] in " ".join(result.stderr.split())


def test_risk_shows_the_country_lines_and_the_safety_plan(hiki, make_ctx):
    ctx = make_ctx()
    hiki(["config", "set", "country", "GB"], ctx=ctx)
    hiki(["safety-plan", "add", "people", "My brother Ken, message him"], ctx=make_ctx())
    result = hiki(["assess", "phq9", "--answers", "3,3,3,3,3,3,3,3,3"], ctx=make_ctx())
    out = " ".join(result.output.split())
    assert "116 123" in out and "85258" in out  # Samaritans, Shout
    assert "My brother Ken, message him" in out
    assert "hiki safety-plan edit" not in out
    assert out.index("My brother Ken") < out.index("PHQ-9: 27")


def test_interactive_risk_answer_is_answered_before_any_further_question(hiki, make_ctx, home):
    # A counselor instrument whose risk item is in the middle: help must come before item 3.
    path = write_counselor_file(home.parent)
    prompter = OrderedPrompter(
        {
            "ex-risk.item1": "0",
            "ex-risk.item2": "2",
            "ex-risk.item3": "0",
            "safety_plan.offer": False,
        }
    )
    ctx = make_ctx(prompter=prompter, interactive=True)
    result = hiki(["assess", "--file", str(path)], ctx=ctx)
    assert result.exit_code == 0, result.output
    message = f"say:{risk_message(ctx)[:40]}"
    assert prompter.events.index("ask:ex-risk.item2") < prompter.events.index(message)
    assert prompter.events.index(message) < prompter.events.index("ask:ex-risk.item3")
    # the help is not repeated above the score once it has been shown
    assert risk_message(ctx)[:40] not in " ".join(result.output.split())
    signal, event = log_lines(home)
    assert signal["kind"] == "risk.signal" and signal["data"]["item"] == 2
    assert event["data"]["risk_items"] == [2] and event["data"]["own_file"] is True


def test_interactive_phq9_risk_then_offer_to_make_a_plan(hiki, make_ctx, home):
    answers = phq9_answers([1, 1, 1, 1, 1, 1, 1, 1, 2])
    answers["safety_plan.offer"] = False
    prompter = OrderedPrompter(answers)
    ctx = make_ctx(prompter=prompter, interactive=True)
    result = hiki(["assess", "phq9"], ctx=ctx)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    risk_at = prompter.events.index(f"say:{risk_message(ctx)[:40]}")
    assert prompter.events[risk_at - 1] == "ask:phq9.item9"
    assert "findahelpline.com" in prompter.said[-1]
    assert [e["kind"] for e in log_lines(home)] == ["risk.signal", "assessment"]


def test_interactive_risk_offer_accepted_walks_through_the_plan(hiki, make_ctx, home):
    answers = phq9_answers([0] * 8 + [1])
    answers["safety_plan.offer"] = True
    for section in ("warning-signs", "coping", "distractions", "people", "environment"):
        answers[f"{section}.add.1"] = ""
    answers["professionals.crisis_lines"] = ["0"]  # no country set: the directory is offered
    answers["professionals.add.1"] = ""
    prompter = ScriptedPrompter(answers)
    result = hiki(["assess", "phq9"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    kinds = [e["kind"] for e in log_lines(home)]
    assert kinds == ["risk.signal", "assessment", "safety_plan.item_added"]


def test_cancel_in_the_middle_saves_nothing(hiki, make_ctx, home):
    answers = phq9_answers([1, 1, 1])
    answers["phq9.item4"] = Cancelled
    result = hiki(
        ["assess", "phq9"], ctx=make_ctx(prompter=ScriptedPrompter(answers), interactive=True)
    )
    assert result.exit_code == 130
    assert log_lines(home) == []


def test_interactive_short_screener_offer_runs_the_full_questionnaire(hiki, make_ctx, home):
    answers = {"phq2.item1": "2", "phq2.item2": "2", "offer.phq9": True}
    answers.update(phq9_answers([2, 2, 1, 1, 1, 0, 0, 0, 0]))
    prompter = ScriptedPrompter(answers)
    result = hiki(["assess", "phq2"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert [e["data"]["instrument"] for e in log_lines(home)] == ["phq2", "phq9"]
    assert [e["data"]["total"] for e in log_lines(home)] == [4, 7]


# ---- list, history ----------------------------------------------------------------------------


def test_list_shows_every_shipped_instrument(hiki):
    rows = json_data(hiki(["assess", "list", "--json"]).stdout)
    assert [r["id"] for r in rows] == ["gad2", "gad7", "phq2", "phq9", "ucla3", "who5"]
    assert "phq9" in hiki(["assess", "list"]).output


def at(day: int) -> dt.datetime:
    return FIXED_NOW.replace(day=day)


def test_history_points_out_meaningful_changes(hiki, make_ctx):
    for day, answers in (
        (1, "2,2,2,2,2,2,0,0,0"),
        (8, "2,2,1,1,1,0,0,0,0"),
        (15, "2,2,2,1,0,0,0,0,0"),
    ):
        hiki(["assess", "phq9", "--answers", answers], now=at(day))
    for day, answers in ((2, "2,2,2,2,2"), (9, "3,3,3,2,2"), (16, "3,3,3,2,3")):
        hiki(["assess", "who5", "--answers", answers], now=at(day))
    rows = json_data(hiki(["assess", "history", "--json"]).stdout)
    phq = [r for r in rows if r["instrument"] == "phq9"]
    assert [r["total"] for r in phq] == [12, 7, 7]
    assert [r["change"] for r in phq] == [None, -5, 0]
    assert [r["meaningful_change"] for r in phq] == [False, True, False]
    who = [r for r in rows if r["instrument"] == "who5"]
    assert [r["percent"] for r in who] == [40, 52, 56]
    assert [r["meaningful_change"] for r in who] == [False, True, False]
    ctx = make_ctx()
    out = " ".join(hiki(["assess", "history", "phq9"], ctx=ctx).output.split())
    assert "5 points lower" in out and "WHO-5" not in out
    assert "▮" in out  # the small chart
    out = " ".join(hiki(["assess", "history", "who5"]).output.split())
    assert "12 percentage points higher" in out


def test_history_shows_the_last_12_months_and_says_so_all_shows_every_result(hiki):
    old = FIXED_NOW.replace(year=2025, month=11, day=20)  # before 2025-11-25: left out
    for when, answers in ((old, "3,3,3,3,3,3,3,3,0"), (at(1), "1,1,1,1,1,1,1,1,0")):
        hiki(["assess", "phq9", "--answers", answers], now=when)
    rows = json_data(hiki(["assess", "history", "--json"]).stdout)
    assert [(r["date"], r["total"], r["change"]) for r in rows] == [("2026-11-01", 8, -16)]
    out = " ".join(hiki(["assess", "history"]).output.split())
    assert out.startswith(
        "Results of the last 12 months, since 2025-11-25. Older ones too: "
        "`hiki assess history --all`."
    )
    assert "2026-11-01" in out and "2025-11-20" not in out
    assert "16 points lower" in out  # the change is to the older result, shown or not
    every = json_data(hiki(["assess", "history", "--all", "--json"]).stdout)
    assert [r["date"] for r in every] == ["2025-11-20", "2026-11-01"]
    out = " ".join(hiki(["assess", "history", "--all"]).output.split())
    assert "2025-11-20" in out and "Results of the last" not in out
    only_old = " ".join(hiki(["assess", "history", "gad7"]).output.split())
    assert "No results yet" in only_old  # nothing of gad7 at all: nothing was left out
    result = hiki(["assess", "phq9", "--all"])
    assert result.exit_code == 2 and "--all goes with `history`" in result.output


def test_history_says_when_every_result_is_older_than_12_months(hiki):
    hiki(["assess", "gad7", "--answers", "1,1,1,1,1,1,1"], now=FIXED_NOW.replace(year=2024))
    out = " ".join(hiki(["assess", "history"]).output.split())
    assert out == (
        "No results in the last 12 months (since 2025-11-25). Older ones: "
        "`hiki assess history --all`."
    )


def test_history_goes_by_the_day_a_result_is_about(hiki):
    # FIXED_NOW is 2026-11-25: both results are recorded that day, in the same second.
    hiki(["assess", "phq9", "--answers", "1,1,2,1,0,1,1,0,2", "--date", "2025-10-01"])
    hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--date", "2026-11-01"])
    rows = json_data(hiki(["assess", "history", "--json"]).stdout)
    assert [(r["date"], r["total"], r["risk"]) for r in rows] == [("2026-11-01", 0, False)]
    every = json_data(hiki(["assess", "history", "--all", "--json"]).stdout)
    assert [(r["date"], r["total"], r["change"], r["risk"]) for r in every] == [
        ("2025-10-01", 9, None, True),
        ("2026-11-01", 0, -9, False),
    ]
    out = " ".join(hiki(["assess", "history"]).output.split())
    assert out.startswith("Results of the last 12 months, since 2025-11-25.")
    assert "2026-11-01" in out and "2025-10-01" not in out and "2026-11-25" not in out
    assert "question 9" not in out  # the risk answer belongs to the 2025 result only
    out = " ".join(hiki(["assess", "history", "--all"]).output.split())
    assert out.index("2025-10-01") < out.index("PHQ-9 question 9: answered 2") < out.index(
        "2026-11-01"
    )


def test_history_window_begins_the_same_day_a_year_back():
    from hikicli.domain.instruments import history_since

    assert history_since(dt.date(2026, 11, 25)) == dt.date(2025, 11, 25)
    assert history_since(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert history_since(dt.date(2026, 1, 31), 1) == dt.date(2025, 12, 31)


def test_history_empty_and_unknown(hiki, make_ctx):
    ctx = make_ctx()
    out = " ".join(hiki(["assess", "history"], ctx=ctx).output.split())
    assert ctx.catalog["safety"]["assess"]["history_empty"].split(".")[0] in out
    result = hiki(["assess", "history", "bdi"])
    assert result.exit_code == 2 and "Unknown questionnaire 'bdi'" in result.output


# ---- a counselor's own instrument -------------------------------------------------------------

COUNSELOR_YAML = """\
id: ex-risk
name: "EX-3"
title: "A made-up test questionnaire"
citation: "Test fixture, not a real instrument."
licence: "Test fixture."
licence_status: confirmed
source: "tests/test_assess.py"
about: "Three test questions."
options:
  - {value: 0, label: "No"}
  - {value: 1, label: "Sometimes"}
  - {value: 2, label: "Often"}
items:
  - {number: 1, text: "First"}
  - {number: 2, text: "Second"}
  - {number: 3, text: "Third"}
scoring:
  reverse_keyed: [3]
  subscales:
    - {id: first-two, name: "First two", items: [1, 2]}
  risk_items:
    - {item: 2, at_least: 2}
  bands:
    - {id: low, min: 0, max: 2, label: "Low", meaning: "Low range."}
    - {id: high, min: 3, max: 6, label: "High", meaning: "High range.", suggest_professional: true}
"""


def write_counselor_file(folder: Path, text: str = COUNSELOR_YAML, name: str = "ex.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_counselor_file_is_scored_from_its_rule(hiki, home):
    path = write_counselor_file(home.parent / "mine")
    result = hiki(["assess", "--file", str(path), "--answers", "2,1,0", "--json"])
    assert result.exit_code == 0, result.output
    view = json_data(result.stdout)
    # item 3 reverse-keyed on 0..2: 2-0 = 2; total 2+1+2 = 5
    assert view["total"] == 5 and view["band"] == "high" and view["subscales"] == {"first-two": 3}
    assert view["risk"] is False


def test_counselor_file_in_the_profile_folder_is_listed_and_usable(hiki, home, make_ctx):
    ctx = make_ctx()
    write_counselor_file(ctx.paths.data_dir / "instruments")
    rows = json_data(hiki(["assess", "list", "--json"]).stdout)
    assert "ex-risk" in [r["id"] for r in rows]
    result = hiki(["assess", "ex-risk", "--answers", "0,0,2"])
    assert result.exit_code == 0 and "EX-3: 0" in result.output


def test_counselor_file_cannot_replace_a_shipped_instrument(hiki, make_ctx):
    ctx = make_ctx()
    write_counselor_file(
        ctx.paths.data_dir / "instruments", COUNSELOR_YAML.replace("id: ex-risk", "id: phq9")
    )
    result = hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--json"], ctx=ctx)
    assert json_data(result.stdout)["name"] == "PHQ-9"
    assert "is not used" in result.stderr


@pytest.mark.parametrize(
    "change, fragment",
    [
        (("reverse_keyed: [3]", "reverse_keyed: [4]"), "no item numbered 4"),
        (("max: 2, label", "max: 1, label"), "gap or overlap"),
        (("{item: 2, at_least: 2}", "{item: 7, at_least: 2}"), "no item numbered 7"),
        (("id: ex-risk", "id: list"), "reserved"),
        (("  reverse_keyed: [3]", "  percent_factor: 4\n  reverse_keyed: [3]"), "0-100 %"),
        (("id: high, min: 3", "id: low, min: 3"), "each band id must be different"),
        (('licence: "Test fixture."\n', ""), "licence"),
    ],
)
def test_bad_counselor_file_is_refused_with_its_line(hiki, home, change, fragment):
    path = write_counselor_file(home.parent / "mine", COUNSELOR_YAML.replace(*change))
    before = tree_snapshot(home)
    result = hiki(["assess", "--file", str(path), "--answers", "0,0,0"])
    flat = result.output.replace("\n", "")
    assert result.exit_code == 2 and fragment in " ".join(result.output.split())
    assert str(path) in flat
    assert tree_snapshot(home) == before


def test_content_validate_checks_an_instruments_folder(hiki, home):
    folder = home.parent / "counselor" / "instruments"
    write_counselor_file(folder)
    assert hiki(["content", "validate", str(folder)]).exit_code == 0
    write_counselor_file(
        folder, COUNSELOR_YAML.replace("max: 2, label", "max: 1, label"), "bad.yaml"
    )
    result = hiki(["content", "validate", str(folder)])
    flat = result.output.replace("\n", "")
    assert result.exit_code == 2 and "bad.yaml" in flat and "gap or overlap" in flat


def test_ctrl_c_at_a_follow_up_keeps_the_saved_result(hiki, make_ctx, home):
    answers = phq9_answers([0] * 8 + [3])
    answers["safety_plan.offer"] = Cancelled
    result = hiki(
        ["assess", "phq9"], ctx=make_ctx(prompter=ScriptedPrompter(answers), interactive=True)
    )
    assert result.exit_code == 0
    assert "nothing was saved" not in result.output
    assert [e["data"]["total"] for e in log_lines(home) if e["kind"] == "assessment"] == [3]


def test_risk_answer_in_a_low_band_still_suggests_talking_to_someone(hiki, make_ctx):
    ctx = make_ctx()
    result = hiki(["assess", "phq9", "--answers", PHQ9_RISK], ctx=ctx)
    out = " ".join(result.output.split())
    assert "One of your answers matters more than the total" in out
    assert "few signs" not in out
    assert "hiki guide professional-help" in out
    view = json_data(hiki(["assess", "phq9", "--answers", PHQ9_RISK, "--json"]).stdout)
    assert view["suggest_professional"] is True and view["band"] == "minimal"


def test_item9_out_of_range_shows_help_before_the_usage_error(hiki, home):
    result = hiki(["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,4"])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert out.index(risk_message(None)) < out.index("from 0 to 3")
    assert out.endswith("All lines, and your safety plan: hiki crisis")
    # the answer that carries risk is kept; the invalid result is not
    assert [e["kind"] for e in log_lines(home)] == ["risk.signal"]


@pytest.mark.parametrize(
    "change, fragment",
    [
        (("max: 2, label", "max: 1, label"), "すき間か重なりがあります"),
        (("reverse_keyed: [3]", "reverse_keyed: [4]"), "番号 4 の質問がありません"),
        (("id: ex-risk", "id: list"), "別の id にしてください"),
    ],
)
def test_a_bad_counselor_file_is_explained_in_japanese(
    hiki, home, monkeypatch, change, fragment
):
    monkeypatch.setenv("HIKI_LANG", "ja")
    path = write_counselor_file(home.parent / "mine", COUNSELOR_YAML.replace(*change))
    result = hiki(["assess", "--file", str(path), "--answers", "0,0,0"])
    flat = "".join(result.output.split())
    assert result.exit_code == 2 and "".join(fragment.split()) in flat, result.output
