"""The report's period and detail (issue 14, point 3): the running pack's dates as the period,
each try's expected against actual distress and whether the feared outcome happened, the
counselor's own step notes, reflections with their questions, and notes chosen per kind."""

from __future__ import annotations

from tests.support import json_data

PACK = """\
id: two-weeks
title: Our two weeks
start: 2026-11-18
due: 2026-12-01
ladder_steps:
  - step: Open the curtains in the morning
    expected_suds: 15
    note: Any time before noon counts.
reflections:
  - id: easier
    question: What made this week a little easier?
"""
CHECKIN = "--mood 5 --anxiety 4 --energy 4 --sleep 7 --outside 10 --contact family".split()
TRY = [
    "step", "s1", "--date", "2026-11-20", "--result", "done", "--expected", "40",
    "--fear", "a neighbour sees me", "--likelihood", "70", "--peak", "55", "--end", "20",
    "--happened", "no", "--learned", "nobody looked up",
]  # fmt: skip


def client(hiki, tmp_path):
    pack = tmp_path / "hand-written.yaml"
    pack.write_text(PACK)
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0
    assert hiki(["checkin", *CHECKIN, "--date", "2026-11-19"]).exit_code == 0
    assert hiki(TRY).exit_code == 0
    answer = ["homework", "answer", "reflection-easier", "--text", "the quiet mornings"]
    assert hiki(answer).exit_code == 0


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_running_packs_dates_are_the_period_and_the_header_says_so(hiki, home, tmp_path):
    client(hiki, tmp_path)
    out = flat(hiki(["report"]).output)  # today is 2026-11-25, inside the pack's dates
    assert (
        'Covers 2026-11-18 to 2026-11-25: the homework pack "Our two weeks" '
        "(2026-11-18 to 2026-12-01), up to today." in out
    )
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert (data["start"], data["end"]) == ("2026-11-18", "2026-11-25")
    assert data["period"]["source"] == "pack" and data["period"]["pack"]["id"] == "two-weeks"
    # --since still chooses the start, and the default window applies without a pack
    since = json_data(hiki(["report", "--format", "json", "--since", "2026-11-01"]).output)
    assert since["start"] == "2026-11-01" and since["period"] == {"source": "since"}


def test_with_a_pack_the_weekly_rows_are_the_packs_weeks(hiki, home, tmp_path):
    """The pack began 2026-11-18; today is 2026-11-25, its week 2. The rows used to end on today
    going back (11-18 alone, then 11-19 to 11-25), so a counselor read "week 2 of 2" beside
    rows that counted other days."""
    client(hiki, tmp_path)
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert [(w["start"], w["end"]) for w in data["weeks"]] == [
        ("2026-11-18", "2026-11-24"),
        ("2026-11-25", "2026-11-25"),
    ]
    assert data["weeks"][0]["checkins"] == 1  # the check-in of 2026-11-19 is in week 1
    # without a pack, the weeks still end on today
    since = json_data(hiki(["report", "--format", "json", "--since", "2026-11-12"]).output)
    assert [(w["start"], w["end"]) for w in since["weeks"]] == [
        ("2026-11-12", "2026-11-18"),
        ("2026-11-19", "2026-11-25"),
    ]


def test_each_try_shows_expected_and_actual_distress_and_the_feared_outcome(hiki, home, tmp_path):
    client(hiki, tmp_path)
    out = hiki(["report"]).output
    assert "### Each try: expected and actual distress" in out
    header = "| date | step | try | expected | highest | at the end | feared outcome happened |"
    assert header in out
    assert "| 2026-11-20 | Open the curtains in the morning | done | 40 | 55 | 20 | no |" in out
    glance = out.split("## At a glance", 1)[1].split("\n## ", 1)[0]
    assert "- Distress on average, 0 to 100: expected 40.0, highest 55.0 (tries with both: 1)." in (
        glance
    )
    assert "- Did what was feared happen? Yes 0, partly 0, no 1 (tries answered: 1)." in glance
    # the fear's own words and what was learned are the person's: not copied by default
    assert "a neighbour sees me" not in out and "nobody looked up" not in out
    data = json_data(hiki(["report", "--format", "json"]).output)
    assert data["ladder"]["attempts"] == [
        {
            "date": "2026-11-20",
            "step": "Open the curtains in the morning",
            "ladder": None,
            "result": "done",
            "expected": 40,
            "peak": 55,
            "end": 20,
            "feared": "no",
        }
    ]


def test_the_counselors_step_note_is_in_the_report(hiki, home, tmp_path):
    client(hiki, tmp_path)
    out = hiki(["report"]).output
    assert "### Your counselor's notes on steps" in out
    assert "- Open the curtains in the morning: Any time before noon counts." in out
    html = hiki(["report", "--format", "html"]).output
    assert "Any time before noon counts." in html


def test_notes_are_chosen_per_kind_and_the_header_says_exactly_which(hiki, home, tmp_path):
    client(hiki, tmp_path)
    learned = flat(hiki(["report", "--include", "learned"]).output)
    assert (
        "Included because you chose to: what was learned after ladder steps. "
        "Left out: private notes, answers to reflection questions." in learned
    )
    assert "### What was learned" in learned
    assert "nobody looked up" in learned and "the quiet mornings" not in learned
    reflections = flat(hiki(["report", "--include", "reflections"]).output)
    assert "**What made this week a little easier?** the quiet mornings" in reflections
    assert "nobody looked up" not in reflections and "What was learned" not in reflections
    every = flat(hiki(["report", "--include-notes"]).output)
    assert (
        "Included because you chose to: private notes, answers to reflection questions, "
        "what was learned after ladder steps." in every
    )
    assert "nobody looked up" in every and "the quiet mornings" in every
    bad = hiki(["report", "--include", "notes,fears"])
    assert bad.exit_code == 2
    assert "--include: no kind 'fears'. Kinds: notes, reflections, learned" in bad.output


def test_japanese_report_names_what_is_included(hiki, home, tmp_path, monkeypatch):
    client(hiki, tmp_path)
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = flat(hiki(["report", "--include", "reflections"]).output)
    assert "あなたが選んだので入れています：ふり返りの質問への答え。" in out
    row = "| 2026-11-20 | Open the curtains in the morning | できた | 40 | 55 | 20 | いいえ |"
    assert row in out
    assert "宿題「Our two weeks」（2026-11-18〜2026-12-01）の期間のうち、今日までです。" in out
