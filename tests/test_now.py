"""`hiki now`: help for this moment. Six feelings from content, each one screen, ending with the
crisis pointer; nothing saved, no log read, no passphrase asked; flags twin and --json."""

from __future__ import annotations

import io
import json

import pytest

from hikicli.cli.now import breathe
from hikicli.content.now_content import load_now
from hikicli.domain.now import FEELINGS, RHYTHM
from hikicli.errors import Cancelled
from hikicli.flows.now import run_now
from tests.support import ScriptedPrompter, json_data, tree_snapshot

POINTER = "`hiki crisis` (or `hiki sos`) shows people you can reach now"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_feeling_has_a_one_screen_exercise_in_both_languages(lang):
    content = load_now(lang)
    assert [f["id"] for f in content["feelings"]] == list(FEELINGS)
    for feeling in content["feelings"]:
        # title + blank + steps + blank + close + blank + pointer fit in 24 rows at 80 columns
        rows = sum(1 + len(s) * (2 if lang == "ja" else 1) // 76 for s in feeling["steps"])
        assert rows + 8 <= 24, feeling["id"]
    if lang == "ja":
        text = json.dumps(content, ensure_ascii=False)
        assert "頑張" not in text and "がんばって" not in text


@pytest.mark.parametrize("feeling", FEELINGS)
def test_each_feeling_with_no_data_shows_its_steps_then_the_crisis_pointer(hiki, home, feeling):
    result = hiki(["now", feeling])
    assert result.exit_code == 0, result.output
    content = load_now("en")
    chosen = next(f for f in content["feelings"] if f["id"] == feeling)
    out = flat(result.output)
    assert flat(chosen["steps"][0]) in out and flat(chosen["close"]) in out
    assert out.endswith(POINTER + ".")
    assert tree_snapshot(home) == {}  # no profile folder, no log, nothing written


def test_json_has_stable_keys_and_the_rhythm_for_panic(hiki):
    result = hiki(["now", "panic", "--json"])
    data = json_data(result.output)
    assert list(data) == [
        "feeling", "label", "title", "steps", "close", "rhythm", "pointer", "more"
    ]  # fmt: skip
    assert data["rhythm"]["phases"] == [{"phase": p, "seconds": s} for p, s in RHYTHM]
    assert data["more"] == "hiki crisis" and POINTER in data["pointer"]
    assert json_data(hiki(["now", "door", "--json"]).output)["rhythm"] is None
    listed = json_data(hiki(["now", "--list", "--json"]).output)
    assert [f["id"] for f in listed["feelings"]] == list(FEELINGS)


def test_an_unknown_feeling_names_the_choices(hiki):
    result = hiki(["now", "sad"])
    assert result.exit_code == 2
    assert "panic, sleep, shame, anger, empty, door" in result.output


def test_japanese_words_and_pointer(hiki, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = flat(hiki(["now", "shame"]).output)
    assert "やさしい声をかける" in out and out.endswith("いま連絡できる相談先を表示します。")


def test_an_encrypted_log_is_never_opened(hiki, home, monkeypatch):
    monkeypatch.setenv("HIKI_PASSPHRASE", "correct horse")
    assert hiki(["checkin", "--mood", "5", "--anxiety", "5", "--energy", "5", "--sleep", "7",
                 "--outside", "0", "--contact", "none"]).exit_code == 0  # fmt: skip
    assert hiki(["data", "encrypt"]).exit_code == 0
    monkeypatch.delenv("HIKI_PASSPHRASE")
    before = tree_snapshot(home)
    # a prompter that fails on any question but the menu: a passphrase question would raise
    prompter = ScriptedPrompter({"now.feeling": "anger"})
    result = hiki(["now"], prompter=prompter, interactive=True)
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    assert "passphrase" not in " ".join(prompter.asked)
    assert tree_snapshot(home) == before


def test_the_flow_offers_breathing_only_for_panic_and_counts_along():
    content = load_now("en")
    counted: list[int] = []
    prompter = ScriptedPrompter({"now.feeling": "panic", "now.breathe": True})
    assert run_now(prompter, content, counted.append, cycles=3) == "panic"
    prompter.assert_done()
    assert counted == [3]
    assert prompter.said[-2] == content["breathe"]["done"]
    quiet = ScriptedPrompter({"now.feeling": "sleep"})
    run_now(quiet, content, counted.append, cycles=3)
    quiet.assert_done()
    assert counted == [3]


def test_the_rhythm_shows_each_phase_with_one_dot_a_second(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    slept: list[float] = []
    breathe(load_now("en")["breathe"], 2, sleep=slept.append)
    lines = out.getvalue().splitlines()
    assert [line.split("  ")[0] for line in lines] == ["Breathe in", "Hold", "Breathe out"] * 2
    assert [line.count("∙") for line in lines] == [s for _, s in RHYTHM] * 2
    assert len(slept) == 2 * sum(s for _, s in RHYTHM)


def test_ctrl_c_says_nothing_was_kept_and_points_to_crisis_help(hiki, home):
    prompter = ScriptedPrompter({"now.feeling": Cancelled})
    result = hiki(["now"], prompter=prompter, interactive=True)
    assert result.exit_code == 130
    out = flat(result.output)
    assert "`hiki now` saves nothing, so nothing was kept or lost." in out
    assert POINTER in out
    assert tree_snapshot(home) == {}


def test_without_a_terminal_it_names_the_flags(hiki):
    result = hiki(["now"])
    assert result.exit_code == 2
    assert "hiki now FEELING (panic, sleep, shame, anger, empty, door)" in flat(result.output)
