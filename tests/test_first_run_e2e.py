"""The first run in a real 80x24 terminal (issue 13, item 1): `hiki` in a fresh home shows one
screen whose first line is still there when it ends. It says which language hiki picked, from
where, and how to change it, and it points to `hiki crisis`. In English, in Japanese by
HIKI_LANG, and in Japanese from a ja_JP locale with nothing set."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.screen import ROWS, start

pytestmark = pytest.mark.e2e

CASES = {
    "en": (
        {"HIKI_LANG": "en"},
        "Welcome to hiki",
        ["hiki speaks English (from HIKI_LANG). To change it:",
         "`hiki config set language ja` (日本語) or `hiki config set language en`.",
         "If things ever feel too heavy, `hiki crisis` is always there."],
    ),
    "ja": (
        {"HIKI_LANG": "ja"},
        "hiki へようこそ",
        ["hiki は日本語で表示しています（HIKI_LANG の設定による）。変えるには：",
         "`hiki config set language ja`（日本語）または `hiki config set language en`",
         "つらさが重くなりすぎたときは、いつでも `hiki crisis` があります。"],
    ),
    "ja-locale": (
        {"HIKI_LANG": "", "LANG": "ja_JP.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
        "hiki へようこそ",
        ["hiki は日本語で表示しています（このパソコンの言語設定による）。変えるには：",
         "表示する相談先は日本のものです（このパソコンの言語設定からの推測です）。別の",
         "つらさが重くなりすぎたときは、いつでも `hiki crisis` があります。"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_the_first_run_fits_one_screen_and_says_its_language(case: str, tmp_path: Path) -> None:
    env, title, says = CASES[case]
    term = start([], tmp_path / "home", env)
    assert term.finish() == 0
    rows = term.screen().splitlines()
    assert title in rows[0], term.screen()  # the welcome's top is still on the screen
    used = [at for at, row in enumerate(rows) if row.strip()]
    assert used[-1] < ROWS - 1, term.screen()  # a row left for the shell's prompt
    inside = [row.strip("|│ ") for row in rows]
    for line in says:
        assert line in inside, f"{line!r} not on the screen:\n{term.screen()}"
    if case != "en":  # ASCII box: ─ │ ╭ are two cells wide in terminals set for CJK
        ambiguous = {c for c in term.screen() if unicodedata.east_asian_width(c) == "A"}
        assert not ambiguous, f"{sorted(ambiguous)} on the screen:\n{term.screen()}"
    again = start([], tmp_path / "home", env)  # the next run: the dashboard, no welcome
    assert again.finish() == 0
    assert title not in again.screen()
