"""Sealed exports as a person meets them in a real terminal (tests/screen.py, 80x24): which
passphrase each prompt wants, and no ciphertext on the screen (new-user audit of sealed exports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.durable import prepare
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
    prepare(home, *CHECKIN)
    term = start(["data", "export", "--encrypt"], home, env={"HIKI_LANG": lang})
    assert term.finish() == 2
    seen = flat(term.screen())
    assert flat(words) in seen
    assert "passphrase" not in seen.lower() and "パスフレーズ" not in seen
    assert '"hiki":"sealed-export"' not in "".join(term.seen)


def sealed_export(tmp_path: Path, passphrase: str) -> Path:
    """A sealed export of one check-in, made in a profile of its own."""
    source = tmp_path / "source"
    prepare(source, *CHECKIN)
    path = tmp_path / "e.hiki"
    prepare(source, "data", "export", "--encrypt", "-o", str(path), HIKI_PASSPHRASE=passphrase)
    return path


def test_import_into_encrypted_data_asks_each_passphrase_by_its_name(tmp_path: Path) -> None:
    sealed = sealed_export(tmp_path, "river stones")
    home = tmp_path / "home"
    prepare(home, *CHECKIN)
    prepare(home, "data", "encrypt", HIKI_PASSPHRASE="my own words")
    term = start(["data", "import", str(sealed)], home)
    term.expect("Passphrase for your hiki data:")
    term.send("my own words\r")
    term.expect("Passphrase of the export")
    term.send("river stone\r")
    term.expect("try 2 of 3")
    term.send("river stones\r")
    assert term.finish() == 0
    seen = flat(term.screen())
    assert flat(
        "? Passphrase for your hiki data: ************"
        f"? Passphrase of the export {sealed}: ***********"
        "That passphrase did not open the export. Take your time: try 2 of 3."
        f"? Passphrase of the export {sealed}: ************"
        "Imported 1 new entry into profile 'default'; skipped 0 already here."
    ) in seen
    assert "did not open your data" not in seen


def test_import_into_plain_data_asks_the_exports_passphrase_in_japanese(tmp_path: Path) -> None:
    sealed = sealed_export(tmp_path, "river stones")
    home = tmp_path / "home"
    term = start(["data", "import", str(sealed)], home, env={"HIKI_LANG": "ja"})
    term.expect("エクスポート")  # the question wraps at 80 columns: its first word
    term.send("river stone\r")
    term.expect("そのパスフレーズでは")
    term.send("river stones\r")
    assert term.finish() == 0
    seen = flat(term.screen())
    assert flat(
        f"? エクスポート {sealed} のパスフレーズ： ***********"
        "そのパスフレーズではエクスポートを開けませんでした。あわてなくて大丈夫です（3回中2回目）。"
        f"? エクスポート {sealed} のパスフレーズ： ************"
    ) in seen
    assert "データのパスフレーズ" not in seen
