"""`hiki report` in a family member's own profile is about their own track: Safety (their heavy
days, and their own crisis screen `hiki --profile mum crisis`), then at a glance their CRAFT
lessons, their own check-ins and the short readings they opened; never the person's layout
(mood, ladder, questionnaires). Real runs of hiki in a temporary HIKI_HOME, words written here."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HIKI_HOME": str(home), "HIKI_LANG": lang, "COLUMNS": "80"}
    env.pop("HIKI_PROFILE", None)
    return subprocess.run(
        [sys.executable, "-m", "hikicli", *args], env=env, capture_output=True, text=True,
        timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def mum(home: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    done = run(home, "--profile", "mum", *args, lang=lang)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


@pytest.fixture
def family_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert run(home, "family", "start", "mum").returncode == 0
    mum(home, "family", "lesson", "1", "--answer", "hope=that he finds something he enjoys",
        "--answer", "goal=one dinner together a week")  # fmt: skip
    mum(home, "family", "checkin", "--stress", "4", "--positive", "we ate together",
        "--date", YESTERDAY)  # fmt: skip
    mum(home, "family", "checkin", "--stress", "6", "--positive", "he said good morning",
        "--selfcare", "a walk by the river")  # fmt: skip
    mum(home, "family", "read", "guilt")
    return home


def test_a_family_members_report_is_about_their_own_track(family_home):
    out = mum(family_home, "report").stdout
    assert out.startswith("# hiki report: family programme\n")
    assert "your own profile on this computer (hiki --profile mum)" in out
    # page 1: safety first, with this profile's own crisis screen, then at a glance
    safety, glance = out.index("## Safety"), out.index("## At a glance")
    assert safety < glance < out.index("## Family programme lessons")
    assert "this family member's own profile" not in out  # the reader is "you"
    assert (
        "This section lists what hiki noted in your own profile: a check-in of yours with stress 8"
        " or more (0 to 10), a check-in where you answered that you were not safe or not sure, an"
        " answer on one of your own questionnaires that hiki treats as a sign of risk (such as"
        " PHQ-9 item 9), and words in your own notes that can point to one."
        in out[safety:glance]
    )
    assert "For emergency numbers and support lines: hiki --profile mum crisis" in out
    assert "- Lessons: 1 of 9 exercises done." in out
    assert "- Next lesson: 2 (Understanding behaviour: trigger, behaviour, consequences)." in out
    assert (
        "- Your own check-ins: 2 of 28 days; stress 5.0 on average (0 to 10), highest 6." in out
    )
    assert "- Short readings opened: 1." in out
    assert "| 1. Connecting your family member with society | exercise done | 1 |" in out
    assert "| 2. Understanding behaviour: trigger, behaviour, consequences | not started | 0" in out
    assert "What is going on? Is it my fault?" in out
    assert "CRAFT as adapted for hikikomori by Sakai & Nonaka" in out
    # the person's layout is not there
    for theirs in ("Ladder", "Questionnaires", "mood", "anxiety", "Something you might notice"):
        assert theirs not in out, theirs
    # their own words stay out unless chosen, and the way to add them names the profile
    for own in ("he said good morning", "a walk by the river", "one dinner together a week"):
        assert own not in out, own
    assert "(add them with `hiki --profile mum report --include reflections,notes`)" in out


def test_their_own_words_when_they_choose_them(family_home):
    out = mum(family_home, "report", "--include", "reflections,notes").stdout
    assert "## Lesson exercise answers" in out
    assert "- **What is one small goal for the next month" in out
    assert "  one dinner together a week" in out
    assert "## What you wrote in your check-ins" in out
    assert "| date | a positive moment | for yourself |" in out
    assert "he said good morning | a walk by the river |" in out
    assert f"| {YESTERDAY} | we ate together |  |" in out


def test_a_heavy_day_is_in_safety_first(family_home):
    mum(family_home, "family", "checkin", "--stress", "9")
    out = mum(family_home, "report").stdout
    safety = out[out.index("## Safety") : out.index("## At a glance")]
    assert f"| {dt.date.today().isoformat()} | family check-in | stress 9 of 10 |" in safety
    assert "Please ask how things are now, for everyone at home." in safety
    assert "hiki --profile mum crisis" in safety


def test_in_japanese(family_home):
    out = mum(family_home, "report", lang="ja").stdout
    assert out.startswith("# hiki 家族プログラムのレポート\n")
    assert "緊急通報番号と相談窓口：hiki --profile mum crisis" in out
    assert "- レッスン：9回のうち1回、練習まで済みました。" in out
    assert "- 次のレッスン：第2回「行動を理解する：きっかけ・行動・結果」。" in out
    glance = "ご自身のチェックイン：28日のうち2日。ストレスの平均 5.0（0〜10）、いちばん高い日 6。"
    assert glance in out
    assert "境・野中がひきこもり向けに改変した CRAFT" in out
    assert "`hiki --profile mum report --include reflections,notes`" in out
    assert "頑張" not in out
    assert "あなたご自身のプロフィール（hiki --profile mum）の記録から" in out
    assert "安全ではない・わからないと答えたチェックイン、ご自身の質問票で" in out


def test_html_and_json(family_home, tmp_path):
    page = tmp_path / "report.html"
    mum(family_home, "report", "--format", "html", "--output", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<h1>hiki report: family programme</h1>" in html
    assert "For emergency numbers and support lines: hiki --profile mum crisis" in html
    assert '<td class="text">1. Connecting your family member with society</td>' in html
    assert "<script" not in html and "he said good morning" not in html
    data = json.loads(mum(family_home, "report", "--format", "json").stdout)
    assert data["format"] == "hiki-report" and data["layout"] == "family"
    assert data["lessons_done"] == 1 and data["next_lesson"] == 2
    assert data["checkins"] == {"days": 2, "total_days": 28, "stress": 5.0, "highest": 6}
    assert [r["reading"] for r in data["readings"]] == ["guilt"]
    assert "notes" not in data and "answers" not in data["lessons"][0]
    assert "ladder" not in data and "assessments" not in data


def test_the_persons_own_report_keeps_its_layout(tmp_path):
    home = tmp_path / "home"
    assert run(home, "checkin", "--mood", "5", "--anxiety", "4", "--energy", "3", "--sleep", "7",
               "--outside", "10", "--contact", "none").returncode == 0  # fmt: skip
    out = run(home, "report").stdout
    assert out.startswith("# hiki progress report\n")
    assert "family programme" not in out


def test_a_family_packs_period_counts_its_own_weeks(family_home, tmp_path):
    today = dt.date.today()
    start = today - dt.timedelta(days=9)
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "id: our-weeks\ntitle: Our two weeks\naudience: family\n"
        f"start: {start.isoformat()}\ndue: {(today + dt.timedelta(days=4)).isoformat()}\n"
        "checkins:\n  days_per_week: 3\n",
        encoding="utf-8",
    )
    mum(family_home, "homework", "import", str(pack), "--yes")
    out = mum(family_home, "report").stdout
    assert f'the homework pack "Our two weeks" ({start.isoformat()} to' in out
    assert '- Homework "Our two weeks"' in out
    # the stress weeks are the pack's weeks, from its start (as its check-in plan counts them)
    first_week_end = (start + dt.timedelta(days=6)).isoformat()
    assert f"| {first_week_end} | 0/7 |" in out
    assert f"| {today.isoformat()} | 2/3 |" in out
    assert "- [ ] Our two weeks: Check in on 3 days a week" in out
