"""In a family member's profile every crisis pointer names that profile. Run as printed, a bare
`hiki crisis` opens the person's own profile and shows the person's safety plan: a parent who
follows hiki's own hint must reach their own help, never their child's plan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.durable import prepare
from tests.screen import CTRL_C, start
from tests.support import log_lines

MUM_CRISIS = "`hiki --profile mum crisis`"


def run(home: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HIKI_HOME": str(home), "HIKI_LANG": lang, "COLUMNS": "80"}
    env.pop("HIKI_PROFILE", None)
    return subprocess.run(
        [sys.executable, "-m", "hikicli", *args], env=env, capture_output=True, text=True,
        timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def family_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    prepare(home, "family", "start", "mum")
    return home


def test_an_unknown_command_in_a_family_profile_points_to_its_own_crisis_help(family_home):
    done = run(family_home, "--profile", "mum", "sadness")
    assert done.returncode == 2
    assert "Looking for help right now? `hiki --profile mum crisis` shows people" in done.stderr
    ja = run(family_home, "--profile", "mum", "sadness", lang="ja")
    assert "いま助けが必要ですか？ `hiki --profile mum crisis` で" in ja.stderr


def test_the_help_of_a_family_profile_ends_with_its_own_crisis_help(family_home):
    out = run(family_home, "--profile", "mum", "--help").stdout
    assert out.rstrip().endswith("`hiki --profile mum sos`) shows people you can reach now.")
    assert "If things feel too heavy: `hiki --profile mum crisis` (or" in out
    # the person's own help still names the person's command
    assert (
        "If things feel too heavy: `hiki crisis` (or `hiki sos`)"
        in run(family_home, "--help").stdout
    )


@pytest.mark.e2e
def test_a_cancel_in_the_family_checkin_points_to_the_family_members_own_help(family_home):
    term = start(["--profile", "mum", "family", "checkin"], family_home, {"HIKI_LANG": "en"})
    term.expect(r"\?")
    term.send(CTRL_C)
    assert term.finish() == 130
    screen = " ".join(term.screen().split())
    assert (
        "If things feel too heavy: `hiki --profile mum crisis` (or `hiki --profile mum sos`)"
        in screen
    )
    assert "`hiki crisis`" not in screen


def test_a_family_profile_shows_the_households_country(family_home):
    """The country set in the person's profile is the household's: a parent in an emergency at
    home gets Japan's lines, not only a worldwide directory (the audit saw Find A Helpline)."""
    assert run(family_home, "config", "set", "country", "JP").returncode == 0
    shown = run(family_home, "--profile", "mum", "crisis", "--all").stdout
    assert "0120-279-338" in shown  # よりそいホットライン, Japan
    assert "110" in shown
    # the family member's own setting still wins
    assert run(family_home, "--profile", "mum", "config", "set", "country", "GB").returncode == 0
    assert "116 123" in run(family_home, "--profile", "mum", "crisis", "--all").stdout


def test_hiki_checkin_in_a_family_profile_points_to_the_family_members_own(family_home):
    done = run(family_home, "--profile", "mum", "checkin", "--mood", "5", "--anxiety", "3",
               "--energy", "3", "--sleep", "7", "--outside", "0", "--contact", "none")  # fmt: skip
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert "Your check-in here is `hiki --profile mum family checkin`" in said
    assert not (family_home / "profiles" / "mum" / "log.jsonl").exists()  # nothing saved
    # a risk answer is still heard first, recorded and shown first and last
    risky = run(family_home, "--profile", "mum", "checkin", "--safe", "no")
    assert risky.returncode == 2
    assert (risky.stdout + risky.stderr).count("People you can reach now") == 2  # first, last
    kinds = [e["kind"] for e in log_lines(family_home, "mum")]
    assert kinds == ["risk.signal"]  # the answer kept, no person's check-in saved


def test_an_empty_history_in_a_family_profile_names_what_a_family_member_does(family_home):
    said = " ".join(run(family_home, "--profile", "mum", "history").stdout.split())
    assert "`hiki --profile mum family checkin` or `hiki --profile mum family`" in said
    assert "`hiki checkin`" not in said
