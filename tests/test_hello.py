"""`hiki hello`: at most one short line a day, nothing when today's check-in is done or when
muted, never the passphrase (an encrypted log is never read), almost nothing imported, and
`--install` prints the one line for a shell's start file."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hikicli.cli import hello_line
from hikicli.content.hello_words import hello_word
from hikicli.storage import hello as store
from hikicli.storage.hello import HelloPlace
from tests.durable import prepare
from tests.support import json_data

LINE_EN = "hiki: today's check-in is here when you want it (hiki checkin)."
LINE_JA = "hiki：きょうのチェックインは、気が向いたときにどうぞ（hiki checkin）"
CHECKIN = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "3", "--sleep", "7"]
CHECKIN += ["--outside", "0", "--contact", "none"]


def run(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The installed hiki (the entry point's fast path), as a shell's start file runs it."""
    full = {"PATH": os.environ["PATH"], "HIKI_HOME": str(home), "LANG": "C.UTF-8", **(env or {})}
    exe = shutil.which("hiki", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "hikicli"]
    return subprocess.run(
        [*command, *args], env=full, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def day_file(home: Path) -> Path:
    return home / "profiles" / "default" / "cache" / "hello-day"


def test_one_line_a_day_then_nothing(tmp_path):
    home = tmp_path / "h"
    first = run(home, "hello")
    assert (first.returncode, first.stdout, first.stderr) == (0, LINE_EN + "\n", "")
    again = run(home, "hello")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert day_file(home).read_text().strip() == dt.date.today().isoformat()
    day_file(home).write_text("2000-01-01\n")  # a new day
    assert run(home, "hello").stdout == LINE_EN + "\n"


def test_nothing_when_todays_check_in_is_done(tmp_path):
    home = tmp_path / "h"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert run(home, *CHECKIN, "--date", yesterday).returncode == 0
    assert run(home, "hello").stdout == LINE_EN + "\n"  # yesterday's does not count for today
    day_file(home).unlink()
    assert run(home, *CHECKIN).returncode == 0
    # more than one read of the end of the log after it: still found
    log = home / "profiles" / "default" / "log.jsonl"
    ts = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    filler = json.dumps({"v": 1, "id": "x", "kind": "guide.read", "ts": ts, "data": {}})
    with log.open("a", encoding="utf-8") as handle:
        handle.write((filler + "\n") * 3000)
    assert log.stat().st_size > 2 * store.TAIL
    done = run(home, "hello")
    assert (done.returncode, done.stdout) == (0, "")
    assert not day_file(home).exists()


def test_muted_says_nothing_and_unmute_brings_it_back(tmp_path):
    home = tmp_path / "h"
    muted = run(home, "hello", "--mute")
    assert muted.returncode == 0 and "quiet" in muted.stdout
    assert run(home, "hello").stdout == ""
    assert json_data(run(home, "hello", "--json").stdout) == {"state": "muted", "line": None}
    assert run(home, "hello", "--unmute").returncode == 0
    assert json_data(run(home, "hello", "--json").stdout) == {"state": "show", "line": LINE_EN}
    assert run(home, "hello").stdout == LINE_EN + "\n"  # --json marked nothing
    assert run(home, "hello", "--mute", "--unmute").returncode == 2


def test_an_encrypted_log_is_never_read_and_no_passphrase_is_asked(tmp_path):
    home = tmp_path / "h"
    secret = "the words of a private note"
    prepare(home, *CHECKIN, "--note", secret)
    prepare(home, "data", "encrypt", HIKI_PASSPHRASE="a passphrase for this test")
    log = home / "profiles" / "default" / "log.jsonl"
    assert log.read_bytes().startswith(store.MAGIC)
    said = run(home, "hello")  # no passphrase in the environment, no terminal to ask on
    assert (said.returncode, said.stdout, said.stderr) == (0, LINE_EN + "\n", "")
    assert secret not in said.stdout
    assert run(home, "hello").stdout == ""  # still once a day
    assert day_file(home).read_text().strip() == dt.date.today().isoformat()


def test_japanese_and_the_language_setting(tmp_path):
    home = tmp_path / "h"
    assert run(home, "hello", env={"HIKI_LANG": "ja"}).stdout == LINE_JA + "\n"
    day_file(home).unlink()
    assert run(home, "config", "set", "language", "ja").returncode == 0
    assert run(home, "hello").stdout == LINE_JA + "\n"


def test_the_fast_path_imports_almost_nothing(tmp_path):
    env = {**os.environ, "HIKI_HOME": str(tmp_path / "h")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hikicli", "hello"], env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout == LINE_EN + "\n"
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    heavy = {"typer", "click", "rich", "yaml", "json", "pydantic", "cryptography", "nacl"}
    heavy |= {"platformdirs"}
    heavy |= {"typing", "dataclasses", "datetime", "pathlib", "socket", "questionary", "re"}
    assert not modules & heavy, modules & heavy


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_prints_only_the_line_for_the_start_file(tmp_path, shell):
    done = run(tmp_path / "h", "hello", "--install", shell)
    assert done.returncode == 0
    [line] = done.stdout.splitlines()
    assert line.endswith("hiki hello") and "interactive" in line or "$-" in line
    assert "--install" in done.stderr and ">>" in done.stderr  # how to add it, on stderr
    exe = shutil.which(shell)
    if exe is not None:  # the line is valid in that shell
        check = [exe, "--no-execute", "-c", line] if shell == "fish" else [exe, "-n", "-c", line]
        assert subprocess.run(check, capture_output=True, timeout=30).returncode == 0
    assert not (tmp_path / "h").exists()  # printing the line writes nothing


def test_install_an_unknown_shell_is_exit_2(tmp_path):
    done = run(tmp_path / "h", "hello", "--install", "tcsh")
    assert done.returncode == 2 and "bash, zsh or fish" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_non_interactive_bash_prints_nothing(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    line = run(tmp_path / "h", "hello", "--install", "bash").stdout.strip()
    env = {"PATH": os.environ["PATH"], "HIKI_HOME": str(tmp_path / "h")}
    done = subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True)
    assert done.stdout == ""  # e.g. scp or a script: the start file must stay silent


# --- the fast path's copies agree with what they copy ------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_words_reader_reads_what_the_yaml_loader_reads(lang):
    from hikicli.content.messages import text

    assert hello_word(lang, "line") == text(lang, "hello.line")


def test_the_copied_constants_agree():
    from hikicli.domain.language import LANGUAGES
    from hikicli.storage import crypto, encstate

    assert store.MAGIC == crypto.MAGIC
    assert store.ENCRYPTION_STATE == encstate.STATE_NAME
    assert hello_line.LANGUAGES == LANGUAGES


@pytest.mark.parametrize(
    "env",
    [
        {"HIKI_HOME": "rel/home"},
        {"HIKI_HOME": "~/x"},
        {},
        {"XDG_DATA_HOME": "/tmp/xdg-data", "XDG_CONFIG_HOME": "/tmp/xdg-config"},
        {"XDG_DATA_HOME": "  ", "HIKI_PROFILE": "mum"},
    ],
)
def test_the_places_agree_with_paths(monkeypatch, env):
    from hikicli.storage.paths import Paths

    for var in ("HIKI_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HIKI_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    paths = Paths.resolve(profile=os.environ.get("HIKI_PROFILE", "default"))
    place = HelloPlace.from_env(os.environ)
    assert place.data_dir == str(paths.data_dir)
    assert place.config_file == str(paths.config_file)
    assert place.log_file == str(paths.log_file)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": "/tmp/xdg-data", "XDG_CONFIG_HOME": "/tmp/xdg-config"},
        {"XDG_CACHE_HOME": "/tmp/xdg-cache", "XDG_DATA_HOME": "  "},
    ],
)
def test_the_folders_are_where_platformdirs_puts_them(monkeypatch, env):
    """storage/roots.py finds the XDG folders itself (platformdirs costs ~10 ms to import)."""
    import platformdirs

    from hikicli.storage.roots import roots

    for var in ("HIKI_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert roots() == (
        platformdirs.user_data_dir("hikicli", appauthor=False),
        platformdirs.user_config_dir("hikicli", appauthor=False),
        platformdirs.user_cache_dir("hikicli", appauthor=False),
    )


def test_hiki_home_holds_every_folder(monkeypatch, tmp_path):
    from hikicli.storage.roots import roots

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIKI_HOME", "rel/home")
    home = tmp_path / "rel" / "home"
    assert roots() == (str(home), str(home / "config"), str(home / "cache"))


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"HIKI_LANG": "JA"},
        {"HIKI_LANG": "fr", "LANG": "ja_JP.UTF-8"},
        {"LANGUAGE": "fr:ja", "LANG": "ja_JP.UTF-8"},
        {"LC_ALL": "C", "LANG": "ja_JP.UTF-8"},
        {"LANG": "en_GB.UTF-8"},
    ],
)
@pytest.mark.parametrize("setting", [None, "ja", "en"])
def test_the_language_agrees_with_choose_language(env, setting):
    from hikicli.domain.language import choose_language

    assert hello_line.language(env, setting) == choose_language(setting, env).code


def test_the_settings_reader_reads_what_settings_write(tmp_path):
    from hikicli.storage.settings import Settings

    path = tmp_path / "config.toml"
    settings = Settings(path)
    settings.set("hello.muted", "on")
    settings.set("language", "ja")
    place = HelloPlace(str(tmp_path / "data"), str(path))
    assert place.settings()["hello.muted"] == "true" and place.settings()["language"] == "ja"
    assert hello_line.decide(place, "2026-12-01") == "muted"


@pytest.mark.parametrize(
    ("today", "before"),
    [("2026-12-01", "2026-11-30"), ("2026-03-01", "2026-02-28"), ("2028-03-01", "2028-02-29"),
     ("2027-01-01", "2026-12-31"), ("2026-12-15", "2026-12-14")],
)  # fmt: skip
def test_yesterday(today, before):
    assert store._yesterday(today) == before
