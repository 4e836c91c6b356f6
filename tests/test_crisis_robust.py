"""Crisis help is never blocked or cut short."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.parametrize("profile", ["Mum", "../x", "a" * 40])
def test_a_bad_profile_name_never_blocks_crisis_help(home, profile):
    env = {"HIKI_HOME": str(home), "HIKI_PROFILE": profile, "PATH": "/usr/bin:/bin"}
    for args in (["crisis", "--country", "US"], ["sos", "--country", "US"]):
        result = subprocess.run(
            [sys.executable, "-m", "hikicli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0
        assert "741741" in result.stdout and "is not a valid name" in result.stderr
    other = subprocess.run(
        [sys.executable, "-m", "hikicli", "history"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 2 and "hiki crisis" in other.stderr


def test_a_bad_profile_for_crisis_reads_nobody_s_plan(hiki, home, make_ctx):
    assert hiki(["safety-plan", "add", "people", "call my sister Hana"]).exit_code == 0
    result = hiki(["--profile", "Mum", "crisis", "-c", "JP"])
    assert result.exit_code == 0 and "0120-279-338" in result.output
    assert "Hana" not in result.output


def test_risk_lines_on_stderr_are_wrapped_not_cut(home, monkeypatch):
    env = {"HIKI_HOME": str(home), "COLUMNS": "60", "LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hikicli",
            "assess",
            "phq9",
            "--answers",
            "0,0,0,0,0,0,0,0,2",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "https://988lifeline.org/" in err and "https://findahelpline.com/" in err
    assert '"total": 2' in result.stdout


@pytest.mark.parametrize(
    "answers, says",
    [
        ("0,,0,0,0,0,0,0,0,0", "answer 2 is empty"),
        ("0,0,0,0,0,0,0,0,0,", "answer 10 is empty"),
        ("", "got nothing"),
    ],
)
def test_empty_answer_fields_are_refused_not_shifted(hiki, home, answers, says):
    result = hiki(["assess", "phq9", "--answers", answers])
    assert result.exit_code == 2 and says in result.output
    assert not (home / "profiles").exists()


def test_a_risk_answer_is_marked_wherever_the_result_is_shown_again(hiki):
    assert hiki(["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]).exit_code == 0
    assert hiki(["assess", "gad7", "--answers", "0,0,0,0,0,0,0"]).exit_code == 0
    history = json.loads(hiki(["assess", "history", "--json"]).output)
    assert [r["risk"] for r in history if r["instrument"] == "phq9"] == [True]
    assert [r["risk"] for r in history if r["instrument"] == "gad7"] == [False]
    assert "safety question" in hiki(["assess", "history"]).output
    assert "safety question" in hiki(["progress"]).output
    for fmt in ("md", "html"):
        assert "RISK ITEM" in hiki(["report", "--format", fmt]).output
    report = json.loads(hiki(["report", "--format", "json"]).output)
    assert report["assessments"]["PHQ-9"][0]["risk"] is True
