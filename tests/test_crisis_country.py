"""Country, said plainly: which country's lines `hiki crisis` shows, and how hiki knows it.

A guess from the locale is called a guess, with the way to change it; no known country lists the
countries hiki holds and the command; `hiki crisis --help` and the first-run welcome name them.
Expected words are written out here, never read from the catalog the code prints from.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hikicli.entry import main
from tests.support import json_data

HELD = "Australia (AU), Canada (CA), United Kingdom (GB), Japan (JP), United States (US)"


def flat(text: str) -> str:
    return " ".join(text.split())


def hiki_at_80(home: Path, *args: str, lang: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("hiki")
    return subprocess.run(
        [str(script), *args],
        env={"HIKI_HOME": str(home), "PATH": os.defpath, "COLUMNS": "80", "LANG": lang},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_country_guessed_from_the_locale_is_said_to_be_a_guess(home):
    result = hiki_at_80(home, "crisis", lang="en_US.UTF-8")
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "741741" in out
    assert "This is a guess from this computer's language settings." in out
    assert "`hiki config set country XX` remembers it" in out
    assert "`hiki crisis --country XX` shows another country" in out
    # said near the top, right under the country, not after the lines
    assert out.index("a guess") < out.index("741741")
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_a_guess_in_json_says_where_it_came_from(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["crisis", "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["country"] == "US" and view["country_from"] == "locale"
    assert view["countries"] == ["AU", "CA", "GB", "JP", "US"]
    assert "a guess" in view["country_note"]


def test_no_known_country_lists_the_countries_and_the_command(home):
    result = hiki_at_80(home, "crisis", lang="C.UTF-8")
    assert result.returncode == 0, result.stderr
    out = flat(result.stdout)
    assert "hiki doesn't know which country you are in" in out
    assert HELD in out
    assert "`hiki crisis --country JP`" in out and "`hiki config set country JP`" in out
    assert "https://findahelpline.com/" in out
    assert "112 in the EU, 911 in the US and Canada" in out


def test_no_known_country_in_json(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["crisis", "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["country"] is None and view["country_from"] == "none"
    assert view["countries"] == ["AU", "CA", "GB", "JP", "US"]
    assert "hiki crisis --country JP" in view["country_note"]


@pytest.mark.parametrize("how, args", [("flag", ["-c", "jp"]), ("setting", [])])
def test_a_country_the_person_chose_needs_no_explanation(capsys, monkeypatch, how, args):
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the choice wins over the locale
    if how == "setting":
        assert main(["config", "set", "country", "JP"]) == 0
        capsys.readouterr()
    assert main(["crisis", *args, "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["country"] == "JP" and view["country_from"] == how
    assert view["country_note"] is None
    assert main(["crisis", *args]) == 0
    out = capsys.readouterr().out
    assert "0570-064-556" in out and "guess" not in out


def test_a_country_hiki_has_no_lines_for_is_said_with_the_ones_it_has(capsys):
    assert main(["crisis", "--country", "FR"]) == 0
    out = flat(capsys.readouterr().out)
    assert "hiki has no lines stored for FR yet" in out
    assert HELD in out
    assert main(["crisis", "--country", "FR", "--json"]) == 0
    view = json_data(capsys.readouterr().out)
    assert view["country"] is None and view["country_from"] == "none"
    assert "FR" in view["not_stored"]


def test_a_guessed_country_without_lines_is_called_a_guess(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert main(["crisis"]) == 0
    out = flat(capsys.readouterr().out)
    assert "This computer's language settings suggest DE" in out
    assert "`hiki crisis --country JP`" in out


def test_crisis_help_lists_the_countries(capsys):
    for command in ("crisis", "sos", "emergency"):
        assert main([command, "--help"]) == 0
        out = flat(capsys.readouterr().out)
        assert f"hiki has lines for {HELD}" in out, command


def test_top_level_help_does_not_load_the_crisis_data_for_the_country_list(capsys):
    assert main(["--help"]) == 0
    assert "Australia (AU)" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "lang, says",
    [
        (
            "en_US.UTF-8",
            "It shows crisis lines for United States, a guess from this computer's language "
            "settings. Somewhere else? `hiki config set country XX` sets your country",
        ),
        ("C.UTF-8", "hiki doesn't know your country yet"),
        ("de_DE.UTF-8", "hiki has no crisis lines for DE yet"),
    ],
)
def test_the_first_run_welcome_tells_how_to_set_the_country(home, lang, says):
    first = hiki_at_80(home, lang=lang)
    assert first.returncode == 0, first.stderr
    text = flat(first.stdout.replace("│", " "))
    assert "Welcome to hiki" in text
    assert says in text
    assert "hiki config set country" in text
    assert "AU, CA, GB, JP, US" in text
    again = hiki_at_80(home, lang=lang)
    assert "Welcome to hiki" not in again.stdout


def test_the_welcome_names_a_country_set_before_the_first_run(home):
    assert hiki_at_80(home, "config", "set", "country", "GB", lang="C.UTF-8").returncode == 0
    first = flat(hiki_at_80(home, lang="C.UTF-8").stdout.replace("│", " "))
    assert "It shows crisis lines for United Kingdom; `hiki config set country XX` changes" in first


def hiki_env(home: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("hiki")
    base = {"HIKI_HOME": str(home), "PATH": os.defpath, "COLUMNS": "80"}
    return subprocess.run(
        [str(script), *args], env={**base, **env}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("how", ["env", "setting"])
def test_japanese_without_a_locale_country_guesses_japan_and_says_so(home, how):
    env = {"LANG": "C.UTF-8"}
    if how == "env":
        env["HIKI_LANG"] = "ja"
    else:
        assert hiki_env(home, "config", "set", "language", "ja", env=env).returncode == 0
    result = hiki_env(home, "crisis", env=env)
    assert result.returncode == 0, result.stderr
    out = "".join(result.stdout.split())  # Japanese wraps anywhere
    assert "0570-064-556" in out  # a Japanese line, not only the worldwide directory
    assert "これはこのパソコンの言語設定からの推測です。" in out
    assert "`hikiconfigsetcountryXX`で覚えさせられます" in out
    view = json_data(hiki_env(home, "crisis", "--json", env=env).stdout)
    assert view["country"] == "JP" and view["country_from"] == "locale"


def test_english_without_a_locale_country_still_guesses_none(home):
    view = json_data(hiki_env(home, "crisis", "--json", env={"LANG": "C.UTF-8"}).stdout)
    assert view["country"] is None and view["country_from"] == "none"


def test_a_locale_country_wins_over_the_language_guess(home):
    env = {"LANG": "en_GB.UTF-8", "HIKI_LANG": "ja"}
    view = json_data(hiki_env(home, "crisis", "--json", env=env).stdout)
    assert view["country"] == "GB" and view["country_from"] == "locale"
