"""Crisis help is never blocked or cut short."""

from __future__ import annotations

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
    # a long address stays whole on its line, never cut at the 60th column
    assert "https://988lifeline.org/" in err and "hiki crisis" in err
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
    history = json_data(hiki(["assess", "history", "--json"]).output)
    assert [r["risk"] for r in history if r["instrument"] == "phq9"] == [True]
    assert [r["risk"] for r in history if r["instrument"] == "gad7"] == [False]
    assert "safety question" in hiki(["assess", "history"]).output
    assert "safety question" in hiki(["progress"]).output
    for fmt in ("md", "html"):
        assert "RISK ITEM" in hiki(["report", "--format", fmt]).output
    report = json_data(hiki(["report", "--format", "json"]).output)
    assert report["assessments"]["PHQ-9"][0]["risk"] is True


# --- crisis help cannot be blocked by other content (issue 9, case 8) -------------------------

import marshal  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.durable import PASS, fast_kdf, prepare  # noqa: E402
from tests.support import ScriptedPrompter, json_data  # noqa: E402

__all__ = ["fast_kdf"]


def run_hiki(home: Path, *args: str, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"HIKI_HOME": str(home), "PATH": "/usr/bin:/bin", "COLUMNS": "80"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-m", "hikicli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


CATALOG = "hikicli.content.catalog"


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A copy of the installed hiki laid out as the wheel installs it (its content inside the
    package as `_content`), run with PYTHONPATH pointing at the copy: the test can then change a
    shipped content file without touching the real one. The bytecode comes along (copied with
    its times, so it stays valid), as a wheel install compiles it."""
    import hikicli
    from hikicli.content.catalog import content_root

    site = tmp_path / "site"
    package = Path(hikicli.__file__).parent
    ignore = shutil.ignore_patterns("_content")
    shutil.copytree(package, site / "hikicli", ignore=ignore)
    shutil.copytree(content_root(), site / "hikicli" / "_content")
    where = subprocess.run(
        [sys.executable, "-c", f"from {CATALOG} import lang_dir; print(lang_dir('en'))"],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert where.stdout.strip() == str(site / "hikicli" / "_content" / "en"), where
    return site / "hikicli" / "_content" / "en"


def assert_crisis_lines(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert "0120-279-338" in result.stdout  # Yorisoi Hotline (reference table)
    assert "110 (police)" in result.stdout
    assert "Traceback" not in result.stderr and "unexpected problem" not in result.stderr


def test_an_unknown_key_in_a_guide_never_blocks_crisis_help(home, shipped):
    guide = shipped / "guides" / "family.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "mood_tip: breathe\n", encoding="utf-8")
    assert_crisis_lines(run_hiki(home, "crisis", "-c", "JP", site=shipped.parents[2]))
    assert_crisis_lines(run_hiki(home, "SOS", "-c", "JP", site=shipped.parents[2]))
    as_json = run_hiki(home, "crisis", "-c", "JP", "--json", site=shipped.parents[2])
    assert as_json.returncode == 0
    assert json_data(as_json.stdout)["country"] == "JP"
    # the break is real: the guide itself is refused, located
    broken = run_hiki(home, "guide", "family", site=shipped.parents[2])
    assert broken.returncode == 2 and "mood_tip" in broken.stderr and "family.yaml" in broken.stderr


def test_a_bad_area_in_the_ladder_file_never_blocks_crisis_help(home, shipped):
    ladder = shipped / "ladder.yaml"
    text = ladder.read_text(encoding="utf-8")
    assert "    area: room\n" in text
    ladder.write_text(text.replace("    area: room\n", "    area: moon\n", 1), encoding="utf-8")
    assert_crisis_lines(run_hiki(home, "crisis", "-c", "JP", site=shipped.parents[2]))
    topic = run_hiki(home, "guide", "crisis", site=shipped.parents[2])
    assert topic.returncode == 0 and "https://findahelpline.com/" in topic.stdout
    check = run_hiki(home, "content", "validate", str(shipped), site=shipped.parents[2])
    assert check.returncode == 2 and "ladder.yaml" in check.stdout + check.stderr


def test_an_unreadable_crisis_file_falls_back_to_the_built_in_copy(home, shipped):
    (shipped / "crisis.yaml").write_text("countries: [not, a, mapping\n", encoding="utf-8")
    result = run_hiki(home, "crisis", "-c", "JP", site=shipped.parents[2])
    assert_crisis_lines(result)
    assert "hiki's built-in copy" in result.stderr and "crisis.yaml" in result.stderr


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(marshal.dumps({"ui": {"cancelled": "x"}}), id="a-dict-missing-kinds"),
        pytest.param(marshal.dumps({"crisis": {}, "ui": {}}), id="an-empty-crisis-kind"),
        pytest.param(marshal.dumps(["not", "a", "dict"]), id="not-a-dict"),
        pytest.param(b"\x00\xff torn", id="garbage"),
    ],
)
def test_a_damaged_content_cache_never_blocks_crisis_help(home, damage):
    # Any command that reads the catalog writes its cache; then the cache is damaged in place.
    prepare(home, "guide", "--list", seed=False)  # in this process: the same code writes it
    caches = list((home / "cache").glob("content-*.marshal"))
    assert len(caches) == 1, list((home / "cache").iterdir())
    caches[0].write_bytes(damage)
    assert_crisis_lines(run_hiki(home, "crisis", "-c", "JP"))
    assert_crisis_lines(run_hiki(home, "emergency", "-c", "JP"))


# --- the plan part of the crisis screen ------------------------------------------------------

PLAN_HINT = "If you have a safety plan, hiki safety-plan shows it."  # as rich shows `code`


@pytest.mark.usefixtures("fast_kdf")
def test_a_locked_log_says_where_the_plan_is_and_never_claims_one(hiki, make_ctx, monkeypatch):
    checkin = "checkin --mood 6 --anxiety 4 --energy 3 --sleep 7 --outside 0 --contact none"
    assert hiki(checkin.split()).exit_code == 0
    prompter = ScriptedPrompter({"new_passphrase": PASS, "new_passphrase_again": PASS})
    encrypting = make_ctx(prompter=prompter, interactive=True)
    assert hiki(["data", "encrypt"], ctx=encrypting).exit_code == 0
    monkeypatch.delenv("HIKI_PASSPHRASE", raising=False)
    result = hiki(["crisis", "-c", "GB"])
    assert result.exit_code == 0 and "116 123" in result.output
    out = " ".join(result.output.split())
    assert PLAN_HINT in out
    assert "is saved" not in out and "could not be opened" not in out
    # The lines come before the log is opened; the hint follows them.
    assert out.index("116 123") < out.index(PLAN_HINT)


def test_no_plan_says_nothing_about_a_plan(hiki):
    result = hiki(["crisis", "-c", "GB"])
    assert result.exit_code == 0 and "116 123" in result.output
    assert "safety plan" not in result.output.lower()


def test_a_plan_is_shown_after_the_lines(hiki):
    # Issue 12, case 2: the lines are printed before the log is touched; the plan follows.
    assert hiki(["safety-plan", "add", "people", "Call my cousin Aiko"]).exit_code == 0
    result = hiki(["crisis", "-c", "GB"])
    assert result.exit_code == 0
    assert result.output.index("116 123") < result.output.index("Call my cousin Aiko")
    assert PLAN_HINT not in " ".join(result.output.split())
