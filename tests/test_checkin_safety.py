"""The check-in's low-mood follow-up: "are you safe right now?", `--safe`, and the note.

Expected words are written out here, not read from the catalog the code prints from.
"""

from __future__ import annotations

import json

import pytest

from tests.support import ScriptedPrompter, json_data, log_lines

REST = {"anxiety": 5, "energy": 2, "sleep": 6, "outside": 0, "contact": ["none"], "note": ""}
FLAGS = ["--anxiety", "5", "--energy", "2", "--sleep", "6", "--outside", "0", "--contact", "none"]
CALM = "What you are going through matters"
BLOCK_END = "hiki crisis"


class OrderedPrompter(ScriptedPrompter):
    def __init__(self, answers):
        super().__init__(answers)
        self.events: list[str] = []

    def _take(self, key):
        self.events.append(f"ask:{key}")
        return super()._take(key)

    def say(self, text):
        self.events.append(f"say:{text}")
        super().say(text)


def run(hiki, make_ctx, answers, code=0):
    prompter = OrderedPrompter(answers)
    ctx = make_ctx(prompter=prompter, interactive=True)
    result = hiki(["checkin"], ctx=ctx)
    assert result.exit_code == code, result.output
    prompter.assert_done()
    return prompter, result


def kinds(home):
    return [e["kind"] for e in log_lines(home)]


def said_index(prompter, words):
    return next(i for i, e in enumerate(prompter.events) if e.startswith("say:") and words in e)


@pytest.mark.parametrize("mood", [0, 1, 2])
def test_not_safe_shows_help_before_the_next_question_and_is_saved_at_once(
    hiki, make_ctx, home, mood
):
    answers = {"mood": mood, "safe": "no", "go_on": "go", **REST, "safety_plan.offer": False}
    prompter, _ = run(hiki, make_ctx, answers)
    shown = said_index(prompter, CALM)
    assert prompter.events.index("ask:safe") < shown < prompter.events.index("ask:go_on")
    assert prompter.events.index("ask:go_on") < prompter.events.index("ask:anxiety")
    text = prompter.events[shown]
    # the short block is the last part of what was said, right above the next question
    assert text.rstrip().endswith("All lines, and your safety plan: `hiki crisis`")
    assert "findahelpline.com" in text and "hiki safety-plan edit" in text
    signal, checkin = log_lines(home)
    assert signal["kind"] == "risk.signal" and checkin["kind"] == "checkin"
    assert signal["data"] == {
        "source": "checkin", "strength": "high", "date": "2026-11-25", "answer": "no",
        "mood": mood, "context": "checkin",
    }  # fmt: skip
    assert checkin["data"]["safe"] == "no"


def test_not_safe_then_stop_keeps_the_mood_and_the_answer(hiki, make_ctx, home):
    prompter, result = run(hiki, make_ctx, {"mood": 1, "safe": "no", "go_on": "stop",
                                            "safety_plan.offer": False})  # fmt: skip
    assert "ask:anxiety" not in prompter.events
    assert any("Your mood and your answer are kept" in e for e in prompter.events)
    assert kinds(home) == ["risk.signal"]
    assert log_lines(home)[0]["data"]["mood"] == 1
    # the command still ends with the block
    assert result.output.rstrip().endswith("All lines, and your safety plan: hiki crisis")


def test_not_safe_has_a_closing_of_its_own_no_praise_no_mood_tip(hiki, make_ctx):
    _, result = run(hiki, make_ctx, {"mood": 1, "safe": "no", "go_on": "go", **REST,
                                     "safety_plan.offer": False})  # fmt: skip
    out = " ".join(result.output.split())
    assert "Thank you for telling me how things really are today" in out
    assert "Thank you for taking a moment for yourself" not in out
    assert "Before you go" in out
    assert out.endswith("All lines, and your safety plan: hiki crisis")


def test_not_safe_offers_the_safety_plan_when_there_is_none(hiki, make_ctx):
    prompter, _ = run(hiki, make_ctx, {"mood": 1, "safe": "no", "go_on": "go", **REST,
                                       "safety_plan.offer": False})  # fmt: skip
    assert "ask:safety_plan.offer" in prompter.events


def test_not_safe_shows_the_persons_own_plan(hiki, make_ctx):
    hiki(["safety-plan", "add", "people", "Text my cousin Rin"])
    prompter, _ = run(hiki, make_ctx, {"mood": 1, "safe": "no", "go_on": "go", **REST})
    assert any("Text my cousin Rin" in s for s in prompter.said)
    assert "ask:safety_plan.offer" not in prompter.events


def test_safe_yes_gets_a_short_kind_word_and_no_lines(hiki, make_ctx, home):
    prompter, _ = run(hiki, make_ctx, {"mood": 2, "safe": "yes", **REST})
    assert any("Low days are hard" in s for s in prompter.said)
    assert not any("findahelpline" in s for s in prompter.said)
    assert kinds(home) == ["checkin"]


def test_rather_not_say_gets_the_short_block(hiki, make_ctx, home):
    prompter, _ = run(hiki, make_ctx, {"mood": 2, "safe": "skip", **REST})
    text = next(s for s in prompter.said if "You don't have to say more" in s)
    assert "findahelpline.com" in text and "hiki crisis" in text
    assert "ask:go_on" not in prompter.events  # no "stop here?" after "rather not say"
    assert kinds(home) == ["risk.signal", "checkin"]
    assert log_lines(home)[0]["data"]["strength"] == "possible"


def test_mood_above_two_is_not_asked(hiki, make_ctx, home):
    run(hiki, make_ctx, {"mood": 3, **REST})
    assert "safe" not in log_lines(home)[0]["data"]


def test_the_question_can_be_switched_off(hiki, make_ctx, home):
    assert hiki(["config", "set", "checkin.safety_question", "false"]).exit_code == 0
    run(hiki, make_ctx, {"mood": 0, **REST})
    assert "safe" not in log_lines(home)[0]["data"]


def test_unreadable_settings_keep_the_question_on(hiki, make_ctx):
    ctx = make_ctx()
    ctx.paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    ctx.paths.config_file.write_text("this is = = not toml")
    prompter = OrderedPrompter({"mood": 1, "safe": "yes", **REST})
    # the check-in itself may refuse a broken settings file; the question is never silently lost
    hiki(["checkin"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert "ask:safe" in prompter.events


# ---- flags form ------------------------------------------------------------------------------


def test_flags_not_safe_shows_the_full_response_first_and_last(hiki, make_ctx, home):
    result = hiki(["checkin", "--mood", "8", *FLAGS, "--safe", "no"])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert out.index(CALM) < out.index("Your check-in is saved")
    assert "A good day" not in out and "What made it go well" not in out
    assert out.endswith("All lines, and your safety plan: hiki crisis")
    assert kinds(home) == ["risk.signal", "checkin"]


@pytest.mark.parametrize("word", ["No", "n", "NO", " no ", "N"])
def test_flags_safe_accepts_any_case_and_y_n(hiki, home, word):
    result = hiki(["checkin", "--mood", "4", *FLAGS, "--safe", word])
    assert result.exit_code == 0, result.output
    assert CALM in " ".join(result.output.split())
    assert log_lines(home)[-1]["data"]["safe"] == "no"


def test_flags_not_safe_with_another_flag_wrong_shows_help_before_the_error(hiki, home):
    result = hiki(["checkin", "--mood", "1", *FLAGS[:-2], "--contact", "nobody", "--safe", "no"])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert out.index(CALM) < out.index("--contact: unknown choice 'nobody'")
    assert out.endswith("All lines, and your safety plan: hiki crisis")
    # the risk answer is kept; the half-valid check-in is not
    assert kinds(home) == ["risk.signal"]


def test_flags_low_mood_without_answer_shows_crisis_lines(hiki, make_ctx, home):
    hiki(["config", "set", "country", "JP"])
    result = hiki(["checkin", "--mood", "2", *FLAGS])
    out = " ".join(result.output.split())
    assert "Your mood is low today. If you are not safe right now" in out
    assert "0120-279-338" in out
    assert kinds(home) == ["checkin"]  # nobody answered: nothing is recorded as risk
    assert "safe" not in log_lines(home)[0]["data"]


def test_flags_low_mood_json_keeps_stdout_json(hiki):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--json"])
    assert json_data(result.stdout)["mood"] == 1
    assert "findahelpline.com" in result.stderr


def test_flags_not_safe_json_carries_the_crisis_block_as_data(hiki):
    hiki(["config", "set", "country", "JP"])
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "no", "--json"])
    data = json_data(result.stdout)
    assert data["safe"] == "no"
    block = data["crisis"]
    assert block["country"] == "JP" and "110" in block["emergency"]
    assert [line["contact"][:12] for line in block["lines"]][0] == "0120-279-338"
    assert block["more"] == "hiki crisis"
    assert "What you are going through" in " ".join(result.stderr.split())


def test_flags_safe_yes_and_ordinary_mood_add_nothing_alarming(hiki, home):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "yes"])
    assert "findahelpline" not in result.output
    result = hiki(["checkin", "--mood", "6", *FLAGS])
    assert "findahelpline" not in result.output


def test_flags_switched_off_shows_no_lines_but_honours_an_explicit_no(hiki, make_ctx):
    hiki(["config", "set", "checkin.safety_question", "off"])
    assert "findahelpline" not in hiki(["checkin", "--mood", "0", *FLAGS]).output
    assert "findahelpline" in hiki(["checkin", "--mood", "0", *FLAGS, "--safe", "no"]).output


def test_flags_unknown_safe_word_shows_the_block_then_the_error_and_writes_nothing(hiki, home):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "maybe"])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert out.index("findahelpline.com") < out.index("--safe must be yes, no or skip")
    assert log_lines(home) == []


def test_a_heavy_note_gets_the_pointer_after_saving(hiki, home):
    result = hiki(["checkin", "--mood", "4", *FLAGS[:-2], "--contact", "none",
                   "--note", "I want to die, I can't do this anymore"])  # fmt: skip
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert "Pick one tiny thing" not in out and "washing your face" not in out
    assert out.index("Your check-in is saved") < out.index("sound very heavy")
    assert out.endswith("All lines, and your safety plan: hiki crisis")
    assert kinds(home) == ["checkin", "risk.signal"]
    signal = log_lines(home)[1]["data"]
    assert signal["source"] == "note" and "die" not in json.dumps(signal)


def test_csv_export_keeps_the_safe_answer(hiki):
    hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "no"])
    hiki(["checkin", "--mood", "6", *FLAGS, "--date", "2026-11-24"])
    rows = [r for r in hiki(["data", "export", "--format", "csv"]).stdout.splitlines()
            if ",checkin," in r]  # fmt: skip
    assert rows[0].endswith('"{""safe"": ""no""}"')
    assert rows[1].endswith(",")
