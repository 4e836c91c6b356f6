"""A command a person may copy is never broken across lines at 80 columns: `hiki --profile mum …`
in the family hints (plain and rich output) and any `quoted` command."""

from __future__ import annotations

from typing import Any

from hikicli.cli.plain import wrap_cells


def test_plain_wrapping_keeps_a_profile_command_on_one_line() -> None:
    text = "Family programme: 0 of 9 exercises done. Next: hiki --profile mum family lesson 1"
    lines = wrap_cells(text, 79)
    assert "hiki --profile mum family lesson 1" in lines, lines
    quoted = (
        "To change it: `hiki config set language ja` (日本語) or `hiki config set language en`."
    )
    assert all(line.count("`") % 2 == 0 for line in wrap_cells(quoted, 40))
    # longer than a line: it still wraps, as text
    assert len(wrap_cells("Next: hiki --profile mum family lesson 1", 20)) > 1


def test_rich_wrapping_keeps_a_profile_command_on_one_line(capsys: Any) -> None:
    from rich.console import Console

    from hikicli.cli.render import console

    console()  # installs hiki's line breaking
    out = Console(width=80, highlight=False)
    out.print(
        "The profile 'mum' is now a family member's own space. From now on, hiki --profile mum "
        "shows your own overview. Start here: hiki --profile mum family"
    )
    lines = capsys.readouterr().out.splitlines()
    assert any(line.strip().endswith("hiki --profile mum family") for line in lines), lines
    assert not any(line.rstrip().endswith(("hiki", "--profile", "mum")) for line in lines), lines


def test_the_family_dashboard_at_80_columns(hiki: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert hiki(["family", "start", "mum"]).exit_code == 0
    hiki(["--profile", "mum"], profile="mum")  # the first run: the welcome alone
    out = hiki(["--profile", "mum"], profile="mum").output
    lines = out.splitlines()
    for command in (
        "hiki --profile mum family lesson 1",
        "hiki --profile mum family checkin",
        "hiki --profile mum guide --list",
    ):
        assert any(command in line for line in lines), f"{command} broken:\n{out}"
