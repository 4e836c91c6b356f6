"""Sealed exports as a person meets them in a real terminal (tests/screen.py, 80x24): which
passphrase each prompt wants, and no ciphertext on the screen (new-user audit of sealed exports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import start

pytestmark = pytest.mark.timeout(120)

CHECKIN = ["checkin", "--mood", "4", "--anxiety", "6", "--energy", "3", "--sleep", "6",
           "--outside", "0", "--contact", "none", "--safe", "yes"]  # fmt: skip


def flat(screen: str) -> str:
    """The screen's words with every space and line end taken out: an error line is not
    word-wrapped, so the terminal breaks it at column 80, mid-word."""
    return "".join(screen.split())


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "A sealed export is a file, not something to read on the screen: add --output FILE "
               "(or > FILE). Nothing was asked or written."),
        ("ja", "鍵をかけたエクスポートは、画面に出すものではなく、ファイルに書き出すものです。"),
    ],
)  # fmt: skip
def test_a_sealed_export_to_the_screen_is_refused_before_any_question(
    tmp_path: Path, lang: str, words: str
) -> None:
    home = tmp_path / "home"
    assert start(CHECKIN, home).finish() == 0
    term = start(["data", "export", "--encrypt"], home, env={"HIKI_LANG": lang})
    assert term.finish() == 2
    seen = flat(term.screen())
    assert flat(words) in seen
    assert "passphrase" not in seen.lower() and "パスフレーズ" not in seen
    assert '"hiki":"sealed-export"' not in "".join(term.seen)
