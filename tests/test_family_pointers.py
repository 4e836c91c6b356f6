"""A family member's profile points to what a family member does (issue 13, item 4): `hiki hello`
and an empty `hiki progress` name their own check-in and the family lessons, with the profile in
each command, never the person's `hiki checkin`. In English and Japanese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import json_data

HELLO = {
    "en": "hiki: your own one-minute check-in is here when you want it "
    "(hiki --profile mum family checkin), and the lessons for families "
    "(hiki --profile mum family).",
    "ja": "hiki：ご自身の1分のチェックインは、気が向いたときにどうぞ（hiki --profile mum family "
    "checkin）。ご家族のためのレッスンは hiki --profile mum family で読めます",
}
PROGRESS = {
    "en": "Nothing of your own in these weeks yet. That's okay. When you have a minute: "
    "`hiki --profile mum family checkin` (your stress, one good moment, one thing for you), "
    "and the lessons for families: `hiki --profile mum family`.",
    "ja": "この期間の、ご自身の記録はまだありません。それで大丈夫です。時間があるときに "
    "`hiki --profile mum family checkin`（ストレス、よかった場面、自分のためにしたこと）をどうぞ。"
    "ご家族のためのレッスンは `hiki --profile mum family` で読めます。",
}


def _flat(text: str, lang: str) -> str:
    joined = " ".join(text.split())
    if lang == "ja":  # a line wrapped between Japanese characters joins without a space
        import re

        joined = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", joined)
    return joined


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_hello_in_a_family_profile_points_to_their_own_checkin(home: Path, lang: str) -> None:
    script = Path(sys.executable).with_name("hiki")
    env = {"HIKI_HOME": str(home), "PATH": os.defpath, "HIKI_LANG": lang, "COLUMNS": "80"}
    run = subprocess.run([str(script), "family", "start", "mum"], env=env, capture_output=True)
    assert run.returncode == 0, run.stderr
    said = subprocess.run(
        [str(script), "hello"], env={**env, "HIKI_PROFILE": "mum"}, capture_output=True, text=True
    )
    assert said.stdout.strip() == HELLO[lang], said.stdout
    assert "(hiki checkin)" not in said.stdout and "（hiki checkin）" not in said.stdout
    person = subprocess.run([str(script), "hello"], env=env, capture_output=True, text=True)
    assert "(hiki checkin)" in person.stdout or "（hiki checkin）" in person.stdout


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_hello_json_and_an_empty_progress_in_a_family_profile(
    hiki: Any, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("HIKI_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    assert hiki(["family", "start", "mum"]).exit_code == 0
    told = json_data(hiki(["--profile", "mum", "hello", "--json"]).output)
    assert told["line"] == HELLO[lang]
    progress = hiki(["--profile", "mum", "progress"]).output
    assert PROGRESS[lang] in _flat(progress, lang), progress
    assert "`hiki checkin`" not in progress
    persons = hiki(["progress"]).output
    assert "`hiki checkin`" in persons  # the person's own page keeps its pointer
