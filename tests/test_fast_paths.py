"""The read commands' fast paths (entry.FAST_PATHS: `history`, `progress`, `report`,
`assess history`, `homework`, `family`) print exactly what the typer CLI prints, in English and
Japanese at 80 columns, on a home with data (and `report --output` writes the same file);
anything Click would word (a bad or unknown flag, --help) is left to the typer CLI, and a fast
path never imports typer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hikicli import entry
from hikicli.cli.app import run

ROOT = Path(__file__).resolve().parents[1]
CHECKIN = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
           "--outside", "10", "--contact", "family", "--safe", "yes",
           "--note", "a walk"]  # fmt: skip


def setup_home(lang: str) -> None:
    pack = ROOT / "content" / lang / "packs" / "first-two-weeks.yaml"
    for args in (
        CHECKIN,
        [*CHECKIN[:-2], "--date", "2026-11-22"],
        ["checkin", *CHECKIN[1:-4], "--safe", "no"],  # a risk moment: history and progress say it
        ["ladder", "add", "walk to the corner", "--suds", "40"],
        ["step", "s1", "--result", "done", "--peak", "30", "--end", "10"],
        ["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"],
        ["assess", "gad7", "--answers", "2,2,2,2,2,2,2"],
        ["homework", "import", str(pack), "--yes"],
        ["activity", "--log", "a short walk", "--pleasure", "6", "--mastery", "5"],
        ["family", "start", "mum"],
        ["--profile", "mum", "family", "checkin", "--stress", "4"],
        ["--profile", "mum", "family", "lesson", "1", "--done"],
    ):
        assert run(args) in (0, 3), args  # 3: the risk moment's own exit code, if any


CASES = [
    ["history"],
    ["history", "--limit", "3"],
    ["history", "--limit=2", "--json"],
    ["history", "--since", "2026-11-22"],
    ["history", "--since", "not-a-day"],  # hiki's own words, by either path
    ["progress"],
    ["progress", "--weeks", "2"],
    ["progress", "--json"],
    ["assess", "history"],
    ["assess", "history", "phq9"],
    ["assess", "history", "gad7", "--all"],
    ["assess", "history", "--json"],
    ["assess", "history", "nosuch"],
    ["homework"],
    ["homework", "--json"],
    ["family"],
    ["family", "--json"],
    ["--profile", "mum", "family"],
    ["--profile=mum", "history"],
    ["--profile", "mum", "progress"],
    ["report"],
    ["report", "--format", "html"],
    ["report", "-f", "json"],
    ["report", "--format=json", "--include", "learned"],
    ["report", "--since", "2026-11-01", "--include", "notes"],
    ["report", "--include-notes", "-f", "html"],
    ["report", "--format", "pdf"],  # hiki's own words, by either path
    ["report", "--include", "nosuch"],
    ["report", "--since", "2999-01-01"],
    ["--profile", "mum", "report"],
    ["--profile", "mum", "report", "-f", "html"],
    ["--profile", "mum", "report", "--format", "json"],
    ["--profile", "mum", "report", "--include", "learned"],
]
# Click's words (or typer's own commands): never a fast path.
TO_TYPER = [
    ["history", "--limit", "0"],
    ["history", "--limit", "x"],
    ["history", "--limit"],
    ["history", "--colour", "blue"],
    ["history", "--json=1"],
    ["history", "extra"],
    ["history", "--help"],
    ["progress", "--weeks", "105"],
    ["assess", "history", "phq9", "gad7"],
    ["assess", "--json", "history"],
    ["homework", "check", "x.yaml"],
    ["family", "lesson", "1"],
    ["--profile", "../x", "family"],
    ["--profile"],
    ["report", "-f=md"],  # Click reads the value "=md"
    ["report", "-fhtml"],
    ["report", "--format"],
    ["report", "--output"],
    ["report", "extra"],
    ["report", "--force=1"],
    ["report", "-f", "md", "--format", "html"],
    ["report", "--help"],
]


def same_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One moment for both runs: a report says when it was made, to the second."""
    from hikicli.cli.context import AppContext
    from hikicli.storage.log import now_local

    moment = now_local()
    monkeypatch.setattr(AppContext, "now", lambda self: moment)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_fast_path_prints_what_the_typer_cli_prints(lang, home, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    same_clock(monkeypatch)
    monkeypatch.setenv("HIKI_LANG", lang)
    setup_home(lang)
    capsys.readouterr()
    for args in CASES + TO_TYPER:
        typer_code = run(args)
        typer_out = capsys.readouterr()
        fast_code = entry.main(args)
        fast_out = capsys.readouterr()
        assert (fast_code, fast_out.out, fast_out.err) == (
            typer_code,
            typer_out.out,
            typer_out.err,
        ), args


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_a_report_file_is_the_same_by_either_path(fmt, lang, home, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", lang)
    monkeypatch.chdir(tmp_path)
    same_clock(monkeypatch)
    setup_home(lang)
    capsys.readouterr()
    for profile in ([], ["--profile", "mum"]):
        args = [*profile, "report", "-f", fmt, "--output", f"r.{fmt}", "--force"]
        assert entry.fast_path(args) is not None
        typer_code = run(args)
        typer_said = capsys.readouterr()
        typer_file = (tmp_path / f"r.{fmt}").read_bytes()
        fast_code = entry.main(args)
        fast_said = capsys.readouterr()
        assert (fast_code, fast_said.out, fast_said.err) == (
            typer_code,
            typer_said.out,
            typer_said.err,
        )
        assert (tmp_path / f"r.{fmt}").read_bytes() == typer_file
        assert fast_code == 0 and f"r.{fmt}" in fast_said.err and not fast_said.out
    # without --force an existing file is kept, in hiki's words by either path
    args = ["report", "-o", f"r.{fmt}", "-f", fmt]
    assert (run(args), capsys.readouterr()) == (entry.main(args), capsys.readouterr())


def test_the_fast_paths_say_the_words_people_see(home, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    setup_home("en")
    capsys.readouterr()
    assert entry.main(["history"]) == 0
    out = capsys.readouterr().out
    assert "check-in" in out and "a walk" in out and "a short walk" in out
    assert entry.main(["assess", "history", "phq9"]) == 0
    assert "PHQ-9" in capsys.readouterr().out
    assert entry.main(["homework"]) == 0
    assert "Check in on" in capsys.readouterr().out
    assert entry.main(["--profile", "mum", "family"]) == 0
    out = capsys.readouterr().out
    assert "hiki --profile mum family lesson 2" in out
    assert entry.main(["report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# hiki progress report\n") and "## Safety" in out
    assert 'the homework pack "Our first two weeks"' in out
    assert entry.main(["report", "--format", "pdf"]) == 2
    assert "pdf" in capsys.readouterr().err
    assert entry.main(["history", "--limit", "0"]) == 2  # Click's words, from the typer CLI
    err = capsys.readouterr().err
    assert "--limit" in err and "0" in err and "Traceback" not in err


@pytest.mark.parametrize("args", CASES)
def test_a_fast_path_never_imports_typer(args, home, monkeypatch, capsys):
    setup_home("en")
    for name in [m for m in sys.modules if m == "typer" or m.startswith("typer.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "hikicli.cli.app", raising=False)
    assert entry.fast_path(args) is not None
    entry.main(args)
    assert "hikicli.cli.app" not in sys.modules and "typer" not in sys.modules


@pytest.mark.parametrize("args", TO_TYPER)
def test_anything_click_would_word_falls_through_to_typer(args):
    assert entry.fast_path(args) is None


def test_parse_flags_converts_as_click_does():
    options = dict(entry.FAST_PATHS[("history",)][2])
    assert entry.parse_flags(["--limit=5", "--json", "--since", "x"], (), options) == {
        "limit": 5,
        "as_json": True,
        "since": "x",
    }
    assert entry.fast_path(["assess", "history", "phq9", "--all"]) == (
        "assess_history:show_history",
        {"only": "phq9", "everything": True},
        None,
    )
    assert entry.fast_path(["--profile=mum", "family"]) == (
        "family_view:family_overview",
        {},
        "mum",
    )
    assert entry.fast_path(["report", "-f", "html", "-o", "r.html", "--include-notes"]) == (
        "report_run:report_command",
        {"fmt": "html", "output": Path("r.html"), "include_notes": True},
        None,
    )
