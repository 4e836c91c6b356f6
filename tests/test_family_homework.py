"""Homework in a family member's own profile: every `hiki ...` hint names their profile (a parent
copying `hiki homework done TASK` would write into the person's log), and their own
`hiki family checkin` counts for a pack's check-in plan, in `hiki homework` and in their report.
The person's own profile counts only the person's check-ins. Real hiki in a temporary HIKI_HOME,
both `hiki homework`'s fast path (a real process) and the typer path (in-process)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import FIXED_NOW

MUM = ["--profile", "mum"]


def _pack(start: dt.date) -> str:
    return (
        "id: two-weeks\n"
        'title: "Two weeks"\n'
        f"start: {start.isoformat()}\n"
        f"due: {(start + dt.timedelta(days=13)).isoformat()}\n"
        "checkins:\n  days_per_week: 3\n"
        'reflections:\n  - id: calm\n    question: "What helped?"\n'
    )


def _flat(text: str, lang: str = "en") -> str:
    joined = " ".join(text.split())
    if lang == "ja":  # a line wrapped between Japanese characters joins without a space
        joined = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", joined)
    return joined


def _runner(home: Path, lang: str) -> Any:
    script = Path(sys.executable).with_name("hiki")
    env = {"HIKI_HOME": str(home), "PATH": os.defpath, "HIKI_LANG": lang, "COLUMNS": "80"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], env=env, capture_output=True, text=True)

    return run


HINTS = {
    "en": {
        "none": "add it with: hiki --profile mum homework import FILE",
        "imported": "Added. See it any time with: hiki --profile mum homework",
        "answer": "Answer a question with: hiki --profile mum homework answer TASK",
        "done": "Mark it with: hiki --profile mum homework done TASK",
        "not_a_question": "(or mark it: hiki --profile mum homework done checkins)",
        "answer_instead": "instead: hiki --profile mum homework answer reflection-calm",
        "progress": "3 of 3 days this week (week 1 of 2)",
    },
    "ja": {
        "none": "次で追加できます：hiki --profile mum homework import FILE",
        "imported": "追加しました。いつでも次で見られます：hiki --profile mum homework",
        "answer": "問いに答えるには：hiki --profile mum homework answer TASK",
        "done": "次で「済み」にできます：hiki --profile mum homework done TASK",
        "not_a_question": "（印をつけるなら hiki --profile mum homework done checkins）",
        "answer_instead": "課題です: hiki --profile mum homework answer reflection-calm",
        "progress": "今週 3／3 日（2週中 1週目）",
    },
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_homework_in_a_family_profile_names_the_profile_and_counts_their_checkins(
    home: Path, tmp_path: Path, lang: str
) -> None:
    run = _runner(home, lang)
    want = HINTS[lang]
    assert run("family", "start", "mum").returncode == 0
    empty = _flat(run(*MUM, "homework").stdout, lang)  # the fast path
    assert want["none"] in empty, empty
    today = dt.date.today()
    pack = tmp_path / "pack.yaml"
    pack.write_text(_pack(today - dt.timedelta(days=6)), encoding="utf-8")
    imported = run(*MUM, "homework", "import", "-y", str(pack))
    assert want["imported"] in _flat(imported.stdout, lang), imported.stdout
    for back in (5, 3, 1, 0):
        day = (today - dt.timedelta(days=back)).isoformat()
        done = run(*MUM, "family", "checkin", "--stress", "4", "--date", day)
        assert done.returncode == 0, done.stderr
    shown = _flat(run(*MUM, "homework").stdout, lang)
    for key in ("answer", "done", "progress"):
        assert want[key] in shown, (key, shown)
    assert "hiki homework" not in shown
    wrong = run(*MUM, "homework", "answer", "checkins", "--text", "x")
    assert wrong.returncode == 2 and want["not_a_question"] in _flat(wrong.stderr, lang)
    wrong = run(*MUM, "homework", "done", "reflection-calm")
    assert wrong.returncode == 2 and want["answer_instead"] in _flat(wrong.stderr, lang)
    if lang == "en":
        report = _flat(run(*MUM, "report").stdout)
        assert "check-in plan: week 1 of 2, met in 1 so far" in report, report
        # the person's own profile counts the person's check-ins only
        assert run("homework", "import", "-y", str(pack)).returncode == 0
        person = _flat(run("homework").stdout)
        assert "0 of 3 days this week" in person and "hiki homework done TASK" in person


def test_the_typer_path_of_homework_names_the_family_profile(hiki: Any, tmp_path: Path) -> None:
    assert hiki(["family", "start", "mum"]).exit_code == 0
    assert "add it with: hiki --profile mum homework import FILE" in _flat(
        hiki([*MUM, "homework"]).output
    )
    pack = tmp_path / "pack.yaml"
    pack.write_text(_pack(FIXED_NOW.date() - dt.timedelta(days=6)), encoding="utf-8")
    assert hiki([*MUM, "homework", "import", "-y", str(pack)]).exit_code == 0
    for day in ("2026-11-20", "2026-11-22", "2026-11-25"):
        hiki([*MUM, "family", "checkin", "--stress", "3", "--date", day])
    shown = _flat(hiki([*MUM, "homework"]).output)
    assert "3 of 3 days this week" in shown, shown
    assert "Mark it with: hiki --profile mum homework done TASK" in shown
