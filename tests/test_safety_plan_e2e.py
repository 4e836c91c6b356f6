"""End to end: the installed `hiki` in a real 80×24 pseudo-terminal, read back from the screen.

The safety plan keeps each item as it is given (Ctrl-C mid-edit keeps them and says so), and an
encrypted log gets a calm retry for a mistyped passphrase, then shows the plan once unlocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import CTRL_C, DOWN, ENTER, start

LEFT = "\x1b[D"

PASS = "correct horse"
pytestmark = pytest.mark.e2e


def flat(text: str) -> str:
    return " ".join(text.split())


def log_events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def encrypted_home_with_plan(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    prepare(home, "safety-plan", "add", "people", "My sister, on LINE")
    prepare(home, "data", "encrypt", HIKI_PASSPHRASE=PASS)
    return home


def test_ctrl_c_mid_edit_keeps_the_confirmed_items_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["safety-plan", "edit"], home)
    term.expect("Add one")
    term.send("Not sleeping" + ENTER)
    term.expect("Add another")
    term.send("Skipping meals" + ENTER)
    term.expect("Add another")
    term.send(ENTER)
    term.expect("Things I can do on my own")
    term.expect("Add one")
    term.send("Half a thought")  # typed, never confirmed
    term.send(CTRL_C)
    assert term.finish() == 130
    screen = flat(term.screen())
    assert (
        "Stopped. The 2 items you added are saved in your plan; `hiki safety-plan` shows it."
        in (screen)
    )
    assert "hiki crisis" in screen
    assert "nothing was saved" not in flat("".join(term.seen)).lower()
    texts = [e["data"]["text"] for e in log_events(home)]
    assert texts == ["Not sleeping", "Skipping meals"]
    assert {e["kind"] for e in log_events(home)} == {"safety_plan.item_added"}


def test_a_mistyped_passphrase_gets_a_calm_retry_then_the_plan(tmp_path: Path) -> None:
    home = encrypted_home_with_plan(tmp_path)
    term = start(["safety-plan"], home)
    term.expect("Passphrase for your hiki data:")
    term.send("a typo here" + ENTER)
    term.expect("try 2 of 3")
    term.expect("Passphrase for your hiki data:")
    term.send(PASS + ENTER)
    assert term.finish() == 0
    seen = flat("".join(term.seen))
    assert "That passphrase did not open your data. Take your time: try 2 of 3." in seen
    assert "My sister, on LINE" in flat(term.screen())


def test_three_mistyped_passphrases_stop_calmly(tmp_path: Path) -> None:
    home = encrypted_home_with_plan(tmp_path)
    before = (home / "profiles/default/log.jsonl").read_bytes()
    term = start(["safety-plan", "add", "coping", "tea"], home)
    for attempt in (1, 2, 3):
        term.expect("Passphrase for your hiki data:")
        term.send(f"wrong {attempt}" + ENTER)
    assert term.finish() == 2
    screen = flat(term.screen())
    assert "try 3 of 3" in screen
    assert "That passphrase does not open this data. Nothing was changed." in screen
    assert (home / "profiles/default/log.jsonl").read_bytes() == before


def test_a_wrong_hiki_passphrase_is_not_retried(tmp_path: Path) -> None:
    home = encrypted_home_with_plan(tmp_path)
    term = start(["safety-plan"], home, env={"HIKI_PASSPHRASE": "not it at all"})
    assert term.finish() == 2
    screen = flat(term.screen())
    assert "The passphrase in HIKI_PASSPHRASE does not open this data." in screen
    assert "Passphrase for your hiki data" not in screen and "try 2" not in screen


def test_an_unlocked_check_in_shows_the_plan_after_a_not_safe_answer(tmp_path: Path) -> None:
    home = encrypted_home_with_plan(tmp_path)
    term = start(["checkin"], home)
    term.expect("Passphrase for your hiki data:")  # asked first, before any question
    term.send(PASS + ENTER)
    term.expect("mood")
    term.send("1" + ENTER)
    term.expect("Are you safe right now")
    term.send(DOWN + ENTER)  # "No, or I'm not sure"
    term.expect("My sister, on LINE")  # the plan itself, not "if you have a plan"
    term.expect("stop here")
    term.send(ENTER)  # "Stop here"
    assert term.finish() == 0
    seen = flat("".join(term.seen))
    assert "If you have a safety plan" not in seen
    assert "hiki crisis" in flat(term.screen())


def test_stopping_the_plan_offered_in_a_check_in_says_what_was_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    term = start(["checkin"], home)
    term.expect("mood")
    term.send("1" + ENTER)
    term.expect("Are you safe right now")
    term.send(DOWN + ENTER)
    term.expect("stop here")
    term.send(ENTER)  # "Stop here"
    term.expect("start your safety plan now")
    term.send("y")
    term.expect("Add one")
    term.send("Not sleeping" + ENTER)
    term.expect("Add another")
    term.send(CTRL_C)
    term.finish()
    screen = flat(term.screen())
    kept = screen.index("Stopped. The item you added is saved in your plan")
    assert "nothing else from here was saved" not in screen
    assert kept < screen.rindex("findahelpline.com")  # the crisis block is last
    assert screen.rstrip().endswith("hiki crisis")
    assert [
        e["data"]["text"] for e in log_events(home) if e["kind"] == "safety_plan.item_added"
    ] == ["Not sleeping"]


def test_the_first_entry_is_edited_with_the_arrows_as_questionary_edits(tmp_path: Path) -> None:
    """The first question of `safety-plan edit` is free text: questionary's own, so Left moves
    the cursor and a letter lands where it is (the first-number reader is not used for text)."""
    home = tmp_path / "home"
    term = start(["safety-plan", "edit"], home)
    term.expect("Add one")
    term.send("I feel tird" + LEFT + LEFT + "e" + ENTER)
    term.expect("Add another")
    term.send(CTRL_C)
    assert term.finish() == 130
    assert [e["data"]["text"] for e in log_events(home)] == ["I feel tierd"]
