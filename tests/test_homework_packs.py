"""Packs that cannot surprise (issue 14, point 4): what `check` refuses, `import` refuses too, with
the same words, before anything is saved; and what a family pack is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import log_lines, tree_snapshot

HEAD = "id: p\ntitle: Two weeks\nstart: 2026-12-01\ndue: 2026-12-14\n"


def write(tmp: Path, body: str) -> Path:
    path = tmp / "pack.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('ladder_steps:\n  - step: " "\n    expected_suds: 10\n', "this text is empty"),
        ('reflections:\n  - id: a\n    question: "Hi \\e[2J there"\n', "control character U+001B"),
        ('ladder_steps:\n  - step: "Walk \\e]8;;http://x\\a here"\n', "control character"),
        ('message: "read \\u202e this"\nreflections:\n  - id: a\n    question: q\n', "U+202E"),
        ("ladder_steps:\n  - step: Walk\n    expected_suds: 035\n", "'035' is not read"),
        ("ladder_steps:\n  - step: Walk\n    expected_suds: 1:30\n", "'1:30' is not read"),
        ("reflections:\n  - id: a\n    questoin: q\n", "did you mean 'question'?"),
        ("audience: family\nladder_steps:\n  - step: Say hello\n", "a family pack has no ladder"),
        ("lessons:\n  - number: 4\n", "add 'audience: family'"),
    ],
)
def test_check_and_import_refuse_the_same_pack_the_same_way(hiki, home, tmp_path, body, fragment):
    pack = write(tmp_path, body)
    checked = hiki(["homework", "check", str(pack)])
    assert checked.exit_code == 2 and fragment in checked.output, checked.output
    before = tree_snapshot(home)
    imported = hiki(["homework", "import", str(pack), "--yes"])
    assert imported.exit_code == 2 and fragment in imported.output
    assert tree_snapshot(home) == before  # nothing saved, no ladder step added
    assert "\x1b" not in checked.output + imported.output  # nothing raw reaches the terminal


def test_a_family_pack_counts_the_family_members_lessons_in_their_own_profile(hiki, home, tmp_path):
    pack = write(
        tmp_path,
        "audience: family\ncheckins: {days_per_week: 1}\nlessons:\n  - number: 4\n"
        "readings:\n  - topic: family\n    audience: family\n",
    )
    mum = ["--profile", "mum"]
    assert hiki([*mum, "homework", "import", str(pack), "--yes"]).exit_code == 0
    shown = " ".join(hiki([*mum, "homework"]).output.split())
    assert "hiki --profile mum family lesson 4" in shown
    assert "hiki --profile mum guide family --audience family" in shown
    assert log_lines(home) == []
