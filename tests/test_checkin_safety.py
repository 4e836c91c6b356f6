"""The check-in's low-mood follow-up: "are you safe right now?" and the response to each answer."""

from __future__ import annotations

import json

import pytest

from tests.support import ScriptedPrompter, log_lines

REST = {"anxiety": 5, "energy": 2, "sleep": 6, "outside": 0, "contact": ["none"], "note": ""}
FLAGS = ["--anxiety", "5", "--energy", "2", "--sleep", "6", "--outside", "0", "--contact", "none"]


class OrderedPrompter(ScriptedPrompter):
    def __init__(self, answers):
        super().__init__(answers)
        self.events: list[str] = []

    def _take(self, key):
        self.events.append(f"ask:{key}")
        return super()._take(key)

    def say(self, text):
        self.events.append(f"say:{text[:30]}")
        super().say(text)


def run(hiki, make_ctx, answers):
    prompter = OrderedPrompter(answers)
    ctx = make_ctx(prompter=prompter, interactive=True)
    result = hiki(["checkin"], ctx=ctx)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    return prompter, ctx


@pytest.mark.parametrize("mood", [0, 1, 2])
def test_low_mood_asks_and_not_safe_shows_help_before_the_next_question(hiki, make_ctx, home, mood):
    prompter, ctx = run(hiki, make_ctx, {"mood": mood, "safe": "no", **REST})
    message = f"say:{ctx.catalog['safety']['risk']['message'][:30]}"
    assert prompter.events.index("ask:safe") < prompter.events.index(message)
    assert prompter.events.index(message) < prompter.events.index("ask:anxiety")
    risk = next(s for s in prompter.said if s.startswith(message[4:]))
    assert "findahelpline.com" in risk and "hiki safety-plan edit" in risk
    [event] = log_lines(home)
    assert event["data"]["safe"] == "no" and event["data"]["mood"] == mood


def test_not_safe_shows_the_persons_own_plan(hiki, make_ctx):
    hiki(["safety-plan", "add", "people", "Text my cousin Rin"])
    prompter, _ = run(hiki, make_ctx, {"mood": 1, "safe": "no", **REST})
    assert any("Text my cousin Rin" in s for s in prompter.said)


@pytest.mark.parametrize("answer, key", [("yes", "thanks"), ("skip", "skipped")])
def test_safe_or_skip_gets_a_short_kind_word(hiki, make_ctx, home, answer, key):
    prompter, ctx = run(hiki, make_ctx, {"mood": 2, "safe": answer, **REST})
    assert ctx.catalog["safety"]["checkin"][key] in prompter.said
    assert not any("findahelpline" in s for s in prompter.said)
    assert log_lines(home)[0]["data"]["safe"] == answer


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


def test_flags_not_safe_shows_the_full_response_first(hiki, make_ctx, home):
    ctx = make_ctx()
    result = hiki(["checkin", "--mood", "4", *FLAGS, "--safe", "no"], ctx=ctx)
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    message = ctx.catalog["safety"]["risk"]["message"][:40]
    assert out.index(message) < out.index(ctx.catalog["ui"]["checkin_saved"][:10])
    assert "findahelpline.com" in out
    assert log_lines(home)[0]["data"]["safe"] == "no"


def test_flags_low_mood_without_answer_shows_crisis_lines(hiki, make_ctx, home):
    ctx = make_ctx()
    hiki(["config", "set", "country", "JP"], ctx=ctx)
    result = hiki(["checkin", "--mood", "2", *FLAGS], ctx=make_ctx())
    out = " ".join(result.output.split())
    assert ctx.catalog["safety"]["checkin"]["low_mood_note"][:30] in out
    assert "0120-279-338" in out
    assert "safe" not in log_lines(home)[0]["data"]


def test_flags_low_mood_json_keeps_stdout_json(hiki, make_ctx):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--json"])
    assert json.loads(result.stdout)["mood"] == 1
    assert "findahelpline.com" in result.stderr


def test_flags_safe_yes_and_ordinary_mood_add_nothing_alarming(hiki, home):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "yes"])
    assert "findahelpline" not in result.output
    result = hiki(["checkin", "--mood", "6", *FLAGS])
    assert "findahelpline" not in result.output


def test_flags_switched_off_shows_no_lines_but_honours_an_explicit_no(hiki, make_ctx):
    hiki(["config", "set", "checkin.safety_question", "off"])
    assert "findahelpline" not in hiki(["checkin", "--mood", "0", *FLAGS]).output
    assert "findahelpline" in hiki(["checkin", "--mood", "0", *FLAGS, "--safe", "no"]).output


def test_flags_bad_safe_value_writes_nothing(hiki, home):
    result = hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "maybe"])
    assert result.exit_code == 2 and "--safe must be yes, no or skip" in result.output
    assert log_lines(home) == []


def test_csv_export_keeps_the_safe_answer(hiki):
    hiki(["checkin", "--mood", "1", *FLAGS, "--safe", "no"])
    hiki(["checkin", "--mood", "6", *FLAGS, "--date", "2026-11-24"])
    rows = hiki(["data", "export", "--format", "csv"]).stdout.splitlines()
    assert rows[1].endswith('"{""safe"": ""no""}"')
    assert rows[2].endswith(",")
