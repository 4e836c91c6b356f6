"""The console entry point's fast paths behave like the full CLI."""

from __future__ import annotations

from hikicli import __version__
from hikicli.entry import main


def test_version_fast_path(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"hiki {__version__}\n"


def test_dashboard_fast_path_prints_and_maps_errors(capsys, home):
    assert main([]) == 0
    assert "hiki crisis" in capsys.readouterr().out
    log = home / "profiles" / "default" / "log.jsonl"
    log.write_text('{"v": 99, "id": "x", "kind": "checkin", "ts": "t", "data": {}}\n')
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "newer hiki" in err and "Traceback" not in err


def test_usage_errors_exit_2_through_the_real_entry(capsys):
    assert main(["checkin", "--mood", "x"]) == 2
    assert main(["no-such-command"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_help_fast_path_matches_the_cli_and_is_cached(capsys, home):
    from hikicli.cli.app import run

    assert run(["--help"]) == 0
    direct = capsys.readouterr().out
    assert main(["--help"]) == 0
    first = capsys.readouterr().out
    cached = list((home / "cache").glob("help-*.txt"))
    assert len(cached) == 1
    assert main(["-h"]) == 0
    second = capsys.readouterr().out
    assert direct == first == second
    assert "checkin" in second and "crisis" in second


def test_checkin_fast_path_without_a_terminal_names_the_flags(capsys, home):
    assert main(["checkin"]) == 2
    err = capsys.readouterr().err
    assert "--mood" in err and "Traceback" not in err
    assert not (home / "profiles" / "default" / "log.jsonl").exists()


def test_an_unexpected_bug_prints_no_traceback_and_no_locals(capsys, home, monkeypatch):
    import hikicli.cli.dashboard_view as view

    def broken(*args, **kwargs):
        secret_answer = "my private note"  # noqa: F841 - must never be printed
        raise RuntimeError("boom")

    assert main([]) == 0  # the first run: the welcome alone, no dashboard yet
    capsys.readouterr()
    monkeypatch.setattr(view, "render_dashboard", broken)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "unexpected problem (RuntimeError)" in err
    assert "Traceback" not in err and "my private note" not in err
    monkeypatch.setenv("HIKI_DEBUG", "1")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "my private note" not in err


def test_output_that_cannot_be_written_is_a_clear_error(home):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "hikicli", "data", "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={"HIKI_HOME": str(home), "PATH": "/usr/bin:/bin"},
        )
    assert result.returncode == 2 and "Could not write the output" in result.stderr
