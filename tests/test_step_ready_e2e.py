"""`hiki step`, after the plan: the "what next" question and its answer read as one sentence on
one line of 80 columns ("? When you're ready I've done it, or decided not today: let's record how
it went" filled the line exactly and left an empty row under it; new-user audit, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import ENTER, start

pytestmark = pytest.mark.e2e

ANSWERED = {
    "en": "? What would you like to do next? Note how it went (done, or not today)",
    "ja": "? 次はどうしますか？ どうだったか記録する（できた、または、きょうはやめておく）",
}
RESULT = {"en": "? How did it go?", "ja": "? どうでしたか？"}
PLAN = {  # what is typed at each plan question, in order (empty: the default, or skipped)
    "en": [("What exactly", ""), ("Where", "mailbox"), ("When", "now"), ("minutes", "5"),
           ("expect it to be", ""), ("afraid", ""), ("safer", "")],
    "ja": [("具体的", ""), ("どこで", ""), ("いつ", ""), ("何分", "5"),
           ("つらくなりそう", ""), ("心配", ""), ("安心", "")],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_what_next_reads_as_one_line_and_how_did_it_go_follows(tmp_path: Path, lang: str):
    home = tmp_path / "home"
    env = {"LANG": "en_US.UTF-8", "HIKI_LANG": lang}
    t = start(["ladder", "add", "Walk to the mailbox", "--suds", "30"], home, env)
    assert t.finish() == 0
    t = start(["step", "s1"], home, env)
    for prompt, typed in PLAN[lang]:
        t.expect(prompt)
        t.send(typed + ENTER)
    t.expect({"en": "What would you like to do next", "ja": "次はどうしますか"}[lang])
    t.send(ENTER)  # noting how it went is the default
    t.expect(RESULT[lang].lstrip("? "))
    t.expect("Enter")  # the rest of the question's line, "(arrow keys, then Enter)"
    rows = t.screen().splitlines()
    [at] = [i for i, row in enumerate(rows) if row.startswith(RESULT[lang])]
    assert rows[at - 1] == ANSWERED[lang]
    t.child.terminate(force=True)
