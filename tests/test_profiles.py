"""Profiles: one folder of data and settings per person; no command reads another profile's data."""

from __future__ import annotations

import re

import pytest

from hikicli.cli.app import run
from tests.support import json_data, log_lines, tree_snapshot

CHECKIN = [
    "checkin",
    "--mood",
    "7",
    "--anxiety",
    "3",
    "--energy",
    "5",
    "--sleep",
    "8",
    "--outside",
    "15",
    "--contact",
    "family",
    "--note",
    "a private note of A",
]


def test_data_path_shows_the_profile_folder(hiki, home):
    assert hiki(["data", "path"]).output.strip() == str(home / "profiles" / "default")
    assert hiki(["--profile", "mum", "data", "path"]).output.strip() == str(
        home / "profiles" / "mum"
    )


def test_default_context_uses_the_option_and_the_environment(home, capsys, monkeypatch):
    # No context handed in: the root callback builds it, as the installed `hiki` does.
    assert run(["--profile", "sora", "data", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(home / "profiles" / "sora")
    monkeypatch.setenv("HIKI_PROFILE", "dad")
    assert run(["data", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(home / "profiles" / "dad")
    # The option wins over the environment.
    assert run(["--profile", "mum", "data", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(home / "profiles" / "mum")


def test_environment_profile_applies_to_a_handed_in_context(hiki, home, monkeypatch):
    monkeypatch.setenv("HIKI_PROFILE", "dad")
    assert hiki(["data", "path"]).output.strip() == str(home / "profiles" / "dad")


@pytest.mark.parametrize("name", ["Mum", "../x", "a b", "-x", "", "x" * 33, "é"])
def test_invalid_profile_names_exit_2_and_write_nothing(hiki, home, name):
    before = tree_snapshot(home)
    result = hiki(["--profile", name, *CHECKIN])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "is not a valid name" in text and "Traceback" not in text
    assert tree_snapshot(home) == before


def test_invalid_profile_from_the_environment_is_named(hiki, home, monkeypatch):
    monkeypatch.setenv("HIKI_PROFILE", "Not OK")
    result = hiki(["data", "path"])
    assert result.exit_code == 2 and "HIKI_PROFILE" in result.output


def test_a_checkin_in_one_profile_never_appears_in_another(hiki, home):
    assert hiki(["--profile", "alex", *CHECKIN]).exit_code == 0
    assert len(log_lines(home, "alex")) == 1
    assert log_lines(home, "mum") == []

    history = json_data(hiki(["--profile", "mum", "history", "--json"]).output)
    assert history == []
    exported = json_data(hiki(["--profile", "mum", "data", "export"]).output)
    assert exported["events"] == []
    csv_text = hiki(["--profile", "mum", "data", "export", "--format", "csv"]).output
    assert "a private note of A" not in csv_text and len(csv_text.splitlines()) == 1

    own = hiki(["--profile", "alex", "history", "--json"]).output
    assert "a private note of A" in own

    mum_dash = hiki(["--profile", "mum"]).output
    alex_dash = hiki(["--profile", "alex"]).output
    assert mum_dash != alex_dash
    assert "7" not in [line.split()[1] for line in mum_dash.splitlines() if "▮▮▮" in line]
    assert "▮▮▮" in alex_dash and "▮▮▮" not in mum_dash


def test_settings_are_per_profile(hiki, home):
    assert hiki(["--profile", "mum", "config", "set", "country", "JP"]).exit_code == 0
    mum = hiki(["--profile", "mum", "config", "show"]).output
    own = hiki(["config", "show"]).output
    assert re.search(r"country\s+JP\b", mum) and not re.search(r"country\s+JP\b", own)
    assert (home / "config" / "profiles" / "mum.toml").exists()
    assert not (home / "config" / "config.toml").exists()


def test_wiping_one_profile_leaves_the_other_intact(hiki, home):
    hiki(["--profile", "alex", *CHECKIN])
    hiki(["--profile", "mum", "family", "checkin", "--stress", "6", "--selfcare", "a walk"])
    hiki(["--profile", "mum", "config", "set", "country", "JP"])
    alex_before = tree_snapshot(home / "profiles" / "alex")

    result = hiki(["--profile", "mum", "data", "wipe", "--yes"])
    assert result.exit_code == 0
    assert not (home / "profiles" / "mum").exists()
    assert not (home / "config" / "profiles" / "mum.toml").exists()
    assert tree_snapshot(home / "profiles" / "alex") == alex_before
    assert len(json_data(hiki(["--profile", "alex", "history", "--json"]).output)) == 1


def test_family_and_homework_records_stay_in_their_profile(hiki, home):
    hiki(["--profile", "mum", "family", "lesson", "7", "--done"])
    # a family member's pack (the person's own, with ladder steps, is refused there)
    pack = _example(hiki, home, "family-communication")
    assert hiki(["--profile", "mum", "homework", "import", "--yes", pack]).exit_code == 0
    kinds = {e["kind"] for e in log_lines(home, "mum")}
    assert kinds == {"family.lesson", "homework.pack"}
    assert log_lines(home) == []
    own = json_data(hiki(["homework", "--json"]).output)
    assert own["packs"] == []
    lessons = json_data(hiki(["family", "--json"]).output)
    assert all(item["status"] == "new" for item in lessons)


def _example(hiki, home, *name: str) -> str:
    path = home.parent / "pack.yaml"
    path.write_text(hiki(["homework", "example", *name]).output, encoding="utf-8")
    return str(path)


def test_bare_hiki_fast_path_honours_and_checks_hiki_profile(home, capsys, monkeypatch):
    from hikicli.entry import main

    monkeypatch.setenv("HIKI_PROFILE", "mum")
    assert main([]) == 0
    assert str(home / "profiles" / "mum") in " ".join(capsys.readouterr().out.split())
    monkeypatch.setenv("HIKI_PROFILE", "../escape")
    before = tree_snapshot(home)
    assert main([]) == 2
    assert "is not a valid name" in capsys.readouterr().err
    assert tree_snapshot(home) == before
    assert not (home / "escape").exists()


def test_family_entries_are_never_saved_in_the_main_profile(hiki, home):
    before = tree_snapshot(home)
    for args in (["checkin", "--stress", "9"], ["lesson", "3", "--done"]):
        refused = hiki(["family", *args])
        assert refused.exit_code == 2
        assert "Nothing was saved" in refused.output and "hiki family start" in refused.output
        assert len(refused.output.strip().splitlines()) <= 2
    assert tree_snapshot(home) == before  # the person's log never holds a parent's stress
    theirs = hiki(["--profile", "mum", "family", "checkin", "--stress", "5"])
    assert theirs.exit_code == 0 and log_lines(home) == []
