"""A way in from anywhere: the words a person types when looking for help all lead to crisis help,
and every wrong turn (an unknown command, an unknown guide topic) ends with the pointer to it.

Through the real entry point (`hikicli.entry.main`, what the `hiki` script runs), plus the
installed `hiki` itself in a subprocess for the two paths that skip typer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hikicli.entry import main
from tests.support import json_data

# The unknown-command pointer, in literal words (not read from the catalog the code prints).
POINTER = "`hiki crisis` shows people you can reach"
HELP_POINTER = "`hiki crisis` (or `hiki sos`) shows people you can"


def installed_hiki() -> str:
    """The `hiki` script next to this Python: the installed thing a person runs."""
    script = Path(sys.executable).with_name("hiki")
    assert script.exists(), script
    return str(script)


def run_hiki(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed_hiki(), *args],
        env={"HIKI_HOME": str(home), "PATH": os.defpath, "COLUMNS": "80", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def flat(text: str) -> str:
    return " ".join(text.split())


def test_hiki_help_is_the_top_level_help_and_ends_with_the_crisis_pointer(home):
    result = run_hiki(home, "help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Usage: hiki [OPTIONS] COMMAND [ARGS]...")
    assert "checkin" in out and "safety-plan" in out
    last = flat(out.strip().split("\n\n")[-1])
    assert last == (
        "If things feel too heavy: `hiki crisis` (or `hiki sos`) shows people you can reach now."
    )
    # the same text as `hiki --help`, and from the same cache (a second run reads it)
    assert run_hiki(home, "--help").stdout == out
    assert len(list((home / "cache").glob("help-*.txt"))) == 1
    assert run_hiki(home, "HELP").stdout == out


def test_the_installed_hiki_script_imports_next_to_nothing_for_its_version(home):
    """scripts/hiki, not pip's entry-point wrapper (which imports `re` before hiki runs)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", installed_hiki(), "--version"],
        env={"HIKI_HOME": str(home), "PATH": os.defpath},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("hiki ")
    imported = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines()}
    assert "hikicli.entry" in imported
    assert not imported & {"re", "typing", "typer", "rich", "pathlib"}, imported


def test_hiki_help_in_process_matches_the_cli(capsys, home):
    from hikicli.cli.app import run

    assert run(["help"]) == 0
    direct = capsys.readouterr().out
    assert main(["help"]) == 0
    assert capsys.readouterr().out == direct
    assert HELP_POINTER in flat(direct)


def test_hiki_help_command_shows_that_command_s_help(capsys):
    assert main(["help", "checkin"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: hiki checkin") and "--mood" in out


@pytest.mark.parametrize(
    "word",
    ["emergency", "hotline", "suicide", "help-me", "helpme", "SOS", "Sos", "CRISIS", "Emergency"],
)
def test_the_words_a_person_types_show_crisis_help(capsys, word):
    assert main([word, "--country", "JP"]) == 0
    out = capsys.readouterr().out
    assert "0120-279-338" in out  # Yorisoi Hotline, from the reference table
    assert "110 (police)" in out and "119 (ambulance)" in out


@pytest.mark.parametrize(
    "words", [["help", "me"], ["Help", "me", "please"], ["--profile", "mum", "help", "me"]]
)
def test_hiki_help_me_shows_crisis_help(capsys, words):
    assert main([*words]) == 0
    out = capsys.readouterr().out
    assert "You deserve support right now" in out and "https://findahelpline.com/" in out


@pytest.mark.parametrize(
    "words", [["--profile", "MUM", "help", "me"], ["--profile", "MUM", "sos"]]
)
def test_help_me_with_a_mistyped_profile_still_shows_crisis_help(capsys, words):
    """A frightened parent who types their name with a capital letter: the name's problem, then
    help (the audit saw only the error for `help me`), and no note about a settings file."""
    assert main(words) == 0
    captured = capsys.readouterr()
    assert "Profile 'MUM'" in captured.err and "is not a valid name" in captured.err
    assert "You deserve support right now" in captured.out
    assert "Cannot read settings" not in captured.err + captured.out


def test_an_alias_in_capitals_shows_crisis_help_from_the_installed_hiki(home):
    result = run_hiki(home, "SOS", "-c", "US")
    assert result.returncode == 0, result.stderr
    assert "741741" in result.stdout and "988" in result.stdout


def test_the_aliases_take_json_too(capsys):
    assert main(["hotline", "--country", "GB", "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["country"] == "GB"
    assert any("116 123" in line["contact"] for line in view["lines"])


def test_the_aliases_do_not_clutter_the_top_level_help(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    commands = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert "crisis" in commands and "sos" in commands
    for hidden in ("emergency", "hotline", "suicide", "help-me", "help"):
        assert hidden not in commands


@pytest.mark.parametrize(
    "args, named",
    [
        (["frobnicate"], "'frobnicate'"),
        (["crisi"], "Did you mean 'crisis'?"),
        (["hlep"], "'hlep'"),
        (["help", "nope"], "'nope'"),
    ],
)
def test_every_unknown_command_ends_with_the_crisis_pointer(capsys, args, named):
    assert main(args) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert "No such command" in err and named in err
    assert err.strip().splitlines()[-1] == (
        "Looking for help right now? `hiki crisis` shows people you can reach."
    )
    assert "Traceback" not in err and captured.out == ""


def test_the_unknown_command_pointer_fits_80_columns(home):
    result = run_hiki(home, "hlep")
    assert result.returncode == 2
    assert POINTER in flat(result.stderr)
    assert all(len(line) <= 80 for line in result.stderr.splitlines()[-2:])


def test_an_unknown_guide_topic_ends_with_the_pointer(capsys):
    assert main(["guide", "loneliness"]) == 2
    err = capsys.readouterr().err
    assert "There is no guide called 'loneliness'" in err and "professional-help" in err
    assert err.strip().splitlines()[-1].startswith("Looking for help right now?")
    assert POINTER in err


@pytest.mark.parametrize("topic", ["crisis", "SOS", "emergency"])
def test_guide_crisis_shows_crisis_help(capsys, topic):
    assert main(["guide", topic, "--audience", "family"]) == 0
    out = capsys.readouterr().out
    assert "https://findahelpline.com/" in out
    assert "Numbers change" in out


def test_guide_crisis_json_is_the_crisis_json(capsys):
    assert main(["guide", "crisis", "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["lines"][-1]["contact"] == "https://findahelpline.com/"
    assert view["country_from"] == "none"


def test_a_bad_profile_name_never_blocks_an_alias(capsys):
    assert main(["--profile", "../x", "EMERGENCY", "-c", "GB"]) == 0
    captured = capsys.readouterr()
    assert "116 123" in captured.out and "is not a valid name" in captured.err
