"""Japanese at 80 columns (issue 13, "How it is checked"): no table cell cuts Japanese, and the
chrome hiki draws itself in Japanese has no ambiguous-width symbol (· … “ ” — → ● █ and the
like, drawn two cells wide by terminals set for CJK and one cell by others)."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

CLI = Path(__file__).resolve().parents[1] / "src" / "hikicli" / "cli"
# Columns that only ever hold ASCII (numbers, dates, ids): they may keep rich's default overflow.
ASCII_ONLY = {
    ("config.py", "config.col_setting"),  # a setting's key
    ("history_rows.py", "history.col_date"),  # YYYY-MM-DD
    ("homework_view.py", "no_wrap"),  # a task number or id
    ("family.py", "right"),  # a lesson number
    ("family_readings.py", "no_wrap"),  # a reading's id
}
LONG = "とても長い日本語のメモです。" * 12  # no spaces: rich can only fold it or cut it


def _columns() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_column":
                found.append((path.name, node))
    return found


def _kw(call: ast.Call, name: str) -> Any:
    for k in call.keywords:
        if k.arg == name and isinstance(k.value, ast.Constant):
            return k.value.value
    return None


def test_every_rich_column_that_can_hold_japanese_folds() -> None:
    columns = _columns()
    assert len(columns) >= 10
    cut = []
    for name, call in columns:
        if _kw(call, "overflow") == "fold":
            continue
        source = ast.unparse(call)
        if any(name == f and marker in source for f, marker in ASCII_ONLY):
            continue
        cut.append(f"{name}:{call.lineno}: {source}")
    assert not cut, "columns that can cut Japanese with '…' (add overflow=\"fold\"):\n" + "\n".join(
        cut
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def ja(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIKI_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "80")


def _checkin(hiki: Any, note: str) -> None:
    flags = "--mood 5 --anxiety 4 --energy 5 --sleep 7 --outside 10 --contact family --safe yes"
    result = hiki(["checkin", *flags.split(), "--note", note])
    assert result.exit_code == 0, result.output


def test_long_japanese_in_table_cells_is_folded_never_cut(hiki: Any, ja: None) -> None:
    _checkin(hiki, LONG)
    step = "近所のコンビニに、人の少ない時間帯に行って、飲みものをひとつ買ってくる" * 3
    assert hiki(["ladder", "add", step, "--suds", "30"]).exit_code == 0
    history = hiki(["history"]).output
    ladder = hiki(["ladder"]).output
    for output in (history, ladder):
        assert "…" not in output, output
        assert max(_cells(line) for line in output.splitlines()) <= 80, output
    assert _flat(LONG) in _column(history, "メモ", None), history
    assert _flat(step) in _column(history, "内容", "メモ"), history
    assert _flat(step) in _flat(ladder), ladder


def _column(output: str, header: str, next_header: str | None) -> str:
    """One column of a table, read by cells (a wide character takes two), lines joined."""
    lines = output.splitlines()
    head = next(line for line in lines if header in line)
    start = _cells(head[: head.index(header)])
    end = _cells(head[: head.index(next_header)]) if next_header else 10**6
    out = []
    for line in lines[lines.index(head) + 1 :]:
        cells, piece = 0, ""
        for char in line:
            if start <= cells < end:
                piece += char
            cells += _cells(char)
        out.append(piece)
    return _flat("".join(out))


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


AMBIGUOUS_CHROME = "·…“”—–→←●○■□▲※•×█▁▂▃▄▅▆▇"


@pytest.mark.parametrize(
    "args",
    [[], ["history"], ["config", "show"], ["guide", "--list"], ["crisis"], ["progress"],
     ["support"], ["ladder"]],
    ids=lambda a: " ".join(a) or "hiki",
)
def test_japanese_screens_draw_no_ambiguous_width_chrome(
    args: list[str], hiki: Any, ja: None
) -> None:
    hiki(["config", "set", "country", "JP"])
    _checkin(hiki, "散歩しました")
    result = hiki(args)
    assert result.exit_code == 0, result.output
    found = sorted({c for c in result.output if c in AMBIGUOUS_CHROME})
    assert not found, f"hiki {' '.join(args)} draws {found} in Japanese:\n{result.output}"


def test_the_short_crisis_block_in_japanese_keeps_each_number_on_one_line(
    hiki: Any, ja: None
) -> None:
    hiki(["config", "set", "country", "JP"])
    result = hiki(["checkin", "--mood", "1", "--anxiety", "8", "--energy", "2", "--sleep", "4",
                   "--outside", "0", "--contact", "none", "--safe", "no"])  # fmt: skip
    assert "0120-279-338" in result.output, result.output  # open 24 hours
    assert "•" not in result.output and " · " not in result.output, result.output


def test_japanese_after_a_space_stays_on_its_line_through_a_real_terminal(tmp_path: Path) -> None:
    """rich breaks lines only at spaces: a Japanese run after a label jumped whole to the next
    line ("どんな支援か: " alone, then the text). hiki breaks between Japanese characters."""
    from tests.screen import start

    term = start(["support", "hikikomori-centre"], tmp_path, {"HIKI_LANG": "ja"})
    assert term.finish() == 0
    lines = term.screen().splitlines()
    offers = next(line for line in lines if line.startswith("どんな支援か"))
    assert offers.startswith("どんな支援か：ひきこもりに特化した"), term.screen()
    cost = next(line for line in lines if line.startswith("費用"))
    assert cost.startswith("費用：hiki の情報源には書かれていません。"), term.screen()
    assert max(_cells(line) for line in lines) <= 80


def test_rich_wraps_japanese_by_cells_and_keeps_kinsoku() -> None:
    from rich.console import Console

    from hikicli.cli import render

    render.console()  # installs the line breaking
    out = Console(width=20, file=None, record=True, highlight=False)
    with out.capture() as captured:
        out.print("はじめて: ひきこもりに特化した、最初の相談窓口です。")
    lines = captured.get().splitlines()
    assert lines[0].startswith("はじめて: ひきこもり"), lines
    assert all(_cells(line.rstrip()) <= 20 for line in lines), lines
    assert not any(line.startswith(("、", "。")) for line in lines), lines
    with out.capture() as captured:
        out.print("an English line that wraps at spaces only")
    assert captured.get().splitlines()[0] == "an English line that"
