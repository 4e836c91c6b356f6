"""Why an import file is refused, in the person's language: the reasons inside the one-line error
(not UTF-8, not a hiki export, an entry missing keys) were English on a Japanese screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def imported(home: Path, path: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HIKI_HOME": str(home), "HIKI_LANG": lang}
    env.pop("HIKI_PROFILE", None)
    return subprocess.run(
        [sys.executable, "-m", "hikicli", "data", "import", str(path)], env=env,
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_the_reasons_of_a_refused_import_are_in_japanese(tmp_path):
    home = tmp_path / "home"
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "hiki-export", "note": "caf\xe9"}')
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "something-else", "version": 1}), encoding="utf-8")
    entry = tmp_path / "entry.json"
    doc = {"format": "hiki-export", "version": 1, "events": [{"v": 1, "id": "a1", "kind": "x"}]}
    entry.write_text(json.dumps(doc), encoding="utf-8")

    done = imported(home, latin, "ja")
    assert done.returncode == 2
    assert (
        "バイト目：UTF-8 のテキストファイルではありません。何もインポートしていません。"
        in done.stderr
    )
    done = imported(home, other, "ja")
    assert (
        'ファイル全体：hiki のエクスポートではありません（"format": "hiki-export" がありません）'
        in done.stderr
    )
    done = imported(home, entry, "ja")
    assert "events[0]（1 行目）：data, ts がありません。" in done.stderr
    english = imported(home, entry, "en")
    assert "events[0] (line 1): is missing data, ts. Nothing was imported." in english.stderr
    assert not (home / "profiles").exists() or not list((home / "profiles").rglob("log.jsonl"))
