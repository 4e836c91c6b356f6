"""The moments that matter most, as a person meets them: the installed `hiki` in a real
pseudo-terminal at 80×24, read back through a terminal emulator. Each case of the risk-moments
issue that is interactive is a named test here; each asserts on the *final screen*: the emergency
number and `hiki crisis` must still be visible when the command has ended.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import CTRL_C, DOWN, ENTER, start

pytestmark = pytest.mark.e2e
JP = {"LANG": "ja_JP.UTF-8", "HIKI_LANG": "en"}  # country guessed from the locale; words in English
US = {"LANG": "en_US.UTF-8"}


def events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def kinds(home: Path) -> list[str]:
    return [e["kind"] for e in events(home)]


def assert_help_on_final_screen(screen: str, emergency: str) -> None:
    assert emergency in screen, screen
    assert "hiki crisis" in screen.splitlines()[-1] or "hiki crisis" in screen, screen
    # the pointer is among the last lines, not scrolled away above later text
    tail = "\n".join(line for line in screen.splitlines() if line.strip())
    assert tail.rstrip().endswith("All lines, and your safety plan: hiki crisis"), screen


def mood_then_not_safe(home: Path, env: dict[str, str]):
    t = start(["checkin"], home, env)
    t.expect("How is your mood")
    t.send("1" + ENTER)
    t.expect("Are you safe right now")
    t.send(DOWN + ENTER)  # "No, or I'm not sure"
    t.expect("stop here, or go on")
    return t


# ---- case 1: PHQ-9 item 9 at "Nearly every day" with everything else at 0 ---------------------


def test_case1_phq9_item9_nearly_every_day_never_minimises_and_help_stays(tmp_path):
    home = tmp_path / "home"
    t = start(["assess", "phq9"], home, JP)
    for number in range(1, 9):
        t.expect(f"{number}/9")
        t.send(ENTER)  # "Not at all"
    t.expect("9/9")
    t.send(DOWN * 3 + ENTER)  # "Nearly every day"
    t.expect("Thank you for telling me")
    t.expect("safety plan now")
    t.send("n")
    assert t.finish() == 0
    everything = "".join(t.seen)
    assert "few signs" not in everything
    assert "matters more than the total" in everything
    assert_help_on_final_screen(t.screen(), "110 (police)")
    assert kinds(home) == ["risk.signal", "assessment"]


# ---- case 2: Ctrl-C at the safety question and at PHQ-9 item 9 ------------------------------


def test_case2_ctrl_c_at_are_you_safe_still_ends_with_help(tmp_path):
    home = tmp_path / "home"
    t = start(["checkin"], home, US)
    t.expect("How is your mood")
    t.send("1" + ENTER)
    t.expect("Are you safe right now")
    t.send(CTRL_C)
    assert t.finish() == 130
    screen = t.screen()
    assert "nothing was saved" in screen
    assert_help_on_final_screen(screen, "911")
    assert events(home) == []  # nothing was answered, so nothing is claimed to be kept


def test_case2_ctrl_c_after_not_safe_keeps_the_answer(tmp_path):
    home = tmp_path / "home"
    t = mood_then_not_safe(home, US)
    t.send(CTRL_C)
    assert t.finish() == 130
    screen = t.screen()
    assert "What you told me about your safety is kept" in screen
    assert_help_on_final_screen(screen, "911")
    assert kinds(home) == ["risk.signal"]


def test_case2_ctrl_c_at_phq9_item9_still_ends_with_help(tmp_path):
    home = tmp_path / "home"
    t = start(["assess", "phq9"], home, US)
    for number in range(1, 9):
        t.expect(f"{number}/9")
        t.send(ENTER)
    t.expect("9/9")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert_help_on_final_screen(t.screen(), "911")
    assert events(home) == []


# ---- case 3: after "not safe" the check-in listens --------------------------------------------


def test_case3_not_safe_offers_to_stop_and_the_plan(tmp_path):
    home = tmp_path / "home"
    t = mood_then_not_safe(home, JP)
    t.send(ENTER)  # "Stop here"
    t.expect("safety plan now")
    t.send("n")
    assert t.finish() == 0
    everything = "".join(t.seen)
    assert "How anxious" not in everything
    assert "Thank you for taking a moment for yourself" not in everything
    assert_help_on_final_screen(t.screen(), "110 (police)")
    assert kinds(home) == ["risk.signal"]
    assert events(home)[0]["data"]["mood"] == 1


def test_case3_not_safe_then_go_on_ends_without_praise_or_tip(tmp_path):
    home = tmp_path / "home"
    t = mood_then_not_safe(home, JP)
    t.send(DOWN + ENTER)  # "Go on"
    t.expect("How anxious")
    for value in ("5", "2", "6", "0"):
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(ENTER)
    t.expect("Anything you")
    t.send(ENTER)
    t.expect("safety plan now")
    t.send("n")
    assert t.finish() == 0
    everything = "".join(t.seen)
    assert "Thank you for taking a moment for yourself" not in everything
    assert "Thank you for telling me how things really are today" in everything
    assert_help_on_final_screen(t.screen(), "110 (police)")
    assert kinds(home) == ["risk.signal", "checkin"]
    # the dashboard that follows says it gently and suggests no warm drink
    d = start([], home, JP)
    assert d.finish() == 0
    dashboard = d.screen()
    assert "you told me you may not be safe" in dashboard
    assert "One small idea for today" not in dashboard


def test_case4_rather_not_say_shows_the_short_block(tmp_path):
    home = tmp_path / "home"
    t = start(["checkin"], home, US)
    t.expect("How is your mood")
    t.send("2" + ENTER)
    t.expect("Are you safe right now")
    t.send(DOWN * 2 + ENTER)  # "I'd rather not say"
    t.expect("You don't have to say more")
    t.expect("How anxious")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert_help_on_final_screen(t.screen(), "911")


# ---- case 13: a note that says it ------------------------------------------------------------


def test_case13_a_heavy_note_gets_help_not_a_tip(tmp_path):
    home = tmp_path / "home"
    t = start(["checkin"], home, US)
    t.expect("How is your mood")
    t.send("4" + ENTER)
    for value in ("5", "3", "6", "0"):
        t.expect(r"\?")
        t.send(value + ENTER)
    t.expect("Who were you in touch with")
    t.send(ENTER)
    t.expect("Anything you")
    t.send("I want to die, I can't do this anymore" + ENTER)
    assert t.finish() == 0
    everything = "".join(t.seen)
    assert "washing your face" not in everything
    assert_help_on_final_screen(t.screen(), "911")
    assert kinds(home) == ["checkin", "risk.signal"]


# ---- encrypted log: unlocked first, then the answer is kept at once ---------------------------


def test_encrypted_log_asks_first_then_keeps_the_risk_answer(tmp_path):
    home = tmp_path / "home"
    prepare(home, "data", "encrypt", HIKI_PASSPHRASE="a long test passphrase")
    t = start(["checkin"], home, US)
    t.expect("[Pp]assphrase")
    t.send("a long test passphrase" + ENTER)
    t.expect("How is your mood")
    t.send("1" + ENTER)
    t.expect("Are you safe right now")
    t.send(DOWN + ENTER)
    t.expect("stop here, or go on")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert_help_on_final_screen(t.screen(), "911")
    log = (home / "profiles" / "default" / "log.jsonl").read_text(encoding="utf-8")
    assert "risk.signal" not in log  # sealed: nothing readable in the file
    assert len(log.splitlines()) == 2  # the header and the sealed signal


# ---- in Japanese: the same moment, the same help, in the person's language --------------------


def test_japanese_not_safe_ends_with_110_and_hiki_crisis_on_the_screen(tmp_path):
    home = tmp_path / "home"
    t = start(["checkin"], home, {"LANG": "ja_JP.UTF-8"})
    t.expect("気分")
    t.send("1" + ENTER)
    t.expect("安全")  # the safety question, in Japanese
    t.send(DOWN + ENTER)  # the second choice: not safe, or not sure
    t.expect("0120-279-338")  # Yorisoi, 24 hours: in the short block right away
    t.expect("ここでやめますか")  # "stop here, or go on?": Ctrl-C at the question, not before it
    t.send(CTRL_C)
    assert t.finish() == 130
    screen = t.screen()
    assert "110" in screen and "hiki crisis" in screen, screen
    assert "Emergency" not in screen and "People you can reach" not in screen, screen
    assert kinds(home) == ["risk.signal"]
