"""`hiki ladder build` has no traps (issue 16, item 3): with fewer than five steps, leaving the
step empty goes on (after saying plainly what is needed) and keeps every pick; too many picks are
asked again with the picks still ticked and the reason at the question; a rating out of range is
explained on the line under the question, not on the terminal's bottom row. 80×24, real pty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.screen import DOWN, ENTER, SPACE, pexpect, start

pytestmark = pytest.mark.e2e
EN = {"LANG": "en_US.UTF-8", "NO_COLOR": "1"}


def _events(home: Path) -> list[dict]:
    log = home / "profiles" / "default" / "log.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_fewer_than_five_steps_go_on_and_every_pick_is_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = start(["ladder", "build"], home, EN)
    t.expect("move towards")
    t.send("the library" + ENTER)
    t.expect("Which areas")
    t.send(SPACE + ENTER)  # in my room
    t.expect("usually feels")  # the ranges in brackets are explained before the list
    t.expect("Pick the steps")
    t.send(SPACE + DOWN + SPACE + ENTER)  # two ideas
    t.expect("of your own")
    t.send("Stand at the window" + ENTER)
    t.expect("of your own")
    t.send(ENTER)  # empty: three steps, fewer than five
    t.expect("Go on with these 3")
    assert "you have 3. What would you like to do?" in " ".join(t.screen().split())
    t.send(DOWN + ENTER)
    for rating in ("", "", "150"):
        t.expect("How hard would this feel")
        t.send(rating + ENTER)
    t.expect("whole number from 0 to 100")
    t.expect("Stand at the window")  # asked again, with what was typed
    rows = t.screen().splitlines()
    reason = max(i for i, row in enumerate(rows) if "whole number from 0 to 100" in row)
    assert "Stand at the window? (0–100) 150" in rows[reason - 1]  # right under the question
    assert "Stand at the window" in " ".join(rows[reason + 1 :])  # and the question again
    t.send("\x7f" * 3 + "30" + ENTER)
    t.expect("Save these steps")
    t.send("y")
    t.expect("Saved 3 steps")
    assert t.finish() == 0
    events = _events(home)
    assert [e["kind"] for e in events] == ["ladder.goal"] + ["ladder.add"] * 3
    assert [e["data"]["template"] for e in events[1:]] == ["open-curtains", "tidy-one-corner", ""]
    assert events[-1]["data"]["suds"] == 30


def test_too_many_picks_stay_ticked_with_the_reason_at_the_question(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = start(["ladder", "build"], home, EN)
    t.expect("move towards")
    t.send(ENTER)
    t.expect("Which areas")
    t.send(SPACE + DOWN + SPACE + ENTER)  # room and home: 12 ideas
    t.expect("Pick the steps")
    t.send((SPACE + DOWN) * 11 + ENTER)  # eleven: one too many
    t.expect("Please keep to 10")
    t.expect("Pick the steps")
    t.send(ENTER)  # as it stands, still eleven: still asked
    with pytest.raises(pexpect.TIMEOUT):
        t.child.expect("of your own", timeout=1.5)
    t.send(SPACE + ENTER)  # untick the first: ten
    for _ in range(10):
        t.expect("How hard would this feel")
        t.send(ENTER)
    t.expect("Save these steps")
    t.send("y")
    t.expect("Saved 10 steps")
    assert t.finish() == 0
    assert [e["kind"] for e in _events(home)].count("ladder.add") == 10


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_checkbox_instruction_is_said_once(tmp_path: Path, lang: str) -> None:
    """"(space to choose, enter to go on) (arrow keys, Space to tick, Enter when done)": the
    questions' own words repeated the prompter's (new-user audit, item 5)."""
    home = tmp_path / "home"
    t = start(["ladder", "build"], home, {**EN, "HIKI_LANG": lang})
    t.expect({"en": "move towards", "ja": "？"}[lang])
    t.send("the library" + ENTER)
    t.expect({"en": "Which areas", "ja": "どの領域"}[lang])
    t.expect(r"\x1b\[\?7h")  # the list is drawn
    flat = " ".join(t.screen().split())
    assert flat.count("Enter") == 1 and flat.count("Space") + flat.count("スペース") == 1
    assert "enter to go on" not in flat and "Enter で次へ" not in flat
    t.child.terminate(force=True)
