"""The counselor's own note on a pack's ladder step reaches the client (issue 14, point 3): on
`hiki ladder`, in `hiki ladder --json`, and before planning the step in `hiki step`."""

from __future__ import annotations

from tests.support import ScriptedPrompter, json_data

PACK = """\
id: steps
title: Small steps
start: 2026-11-20
due: 2026-12-03
ladder_steps:
  - step: Open the curtains in the morning
    expected_suds: 15
  - step: Eat one meal outside my room
    expected_suds: 30
    note: Any meal counts, at any time of day.
"""


def imported(hiki, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK)
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0


def test_ladder_shows_the_counselors_note_on_its_step(hiki, home, tmp_path):
    imported(hiki, tmp_path)
    out = " ".join(hiki(["ladder"]).output.split())
    assert "Your counselor's note on s2: Any meal counts, at any time of day." in out
    assert "note on s1" not in out
    rows = json_data(hiki(["ladder", "--json"]).output)
    assert [r["counselor_note"] for r in rows] == [None, "Any meal counts, at any time of day."]


def test_a_reimported_pack_without_the_note_takes_it_away(hiki, home, tmp_path):
    imported(hiki, tmp_path)
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.replace("    note: Any meal counts, at any time of day.\n", ""))
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0
    assert "counselor's note" not in hiki(["ladder"]).output


def test_step_says_the_note_before_the_plan(hiki, home, tmp_path, make_ctx):
    imported(hiki, tmp_path)
    answers = {
        "what": "Eat one meal outside my room", "where": "", "when": "", "minutes_planned": 10,
        "expected": 30, "fear": "", "safety": "", "ready": "later",
    }  # fmt: skip
    prompter = ScriptedPrompter(answers)
    result = hiki(["step", "s2"], ctx=make_ctx(prompter=prompter))
    assert result.exit_code == 0, result.output
    assert "Your counselor's note on this step: Any meal counts, at any time of day." in (
        prompter.said
    )


def test_the_feared_outcome_question_can_be_skipped(hiki, home, tmp_path, make_ctx):
    """Optional: `skip` in the step flow or `--feared skip` saves no answer; the report then
    shows a dash for it."""
    imported(hiki, tmp_path)
    flags = ["step", "s1", "--result", "done", "--expected", "20", "--fear", "seen"]
    flags += ["--likelihood", "40", "--peak", "30", "--end", "10"]
    saved = json_data(hiki([*flags, "--feared", "skip", "--json"]).output)
    assert saved["try"]["happened"] is None
    saved = json_data(hiki([*flags, "--feared", "partly", "--json"]).output)
    assert saved["try"]["happened"] == "partly"
    answers = {
        "what": "curtains", "where": "", "when": "", "minutes_planned": 5, "expected": 20,
        "fear": "seen", "likelihood": 40, "safety": "", "ready": "now", "result": "done",
        "peak": 30, "end": 10, "happened": "skip", "learned": "", "with_someone": False,
        "minutes": 5,
    }  # fmt: skip
    result = hiki(["step", "s1"], ctx=make_ctx(prompter=ScriptedPrompter(answers)))
    assert result.exit_code == 0, result.output
    rows = json_data(hiki(["report", "--format", "json"]).output)["ladder"]["attempts"]
    assert [r["feared"] for r in rows] == [None, "partly", None]
