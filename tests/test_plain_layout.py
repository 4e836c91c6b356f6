"""cli/plain_layout.py writes the read screens as rich would, to the byte, without importing
rich's console: random tables and lines in English and Japanese at any width, styled or not,
against rich itself; and every read screen, piped and on a (fake) terminal, against the same
screen written by rich."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hikicli import entry
from hikicli.cli import plain_layout
from hikicli.cli.plain_layout import Column, PlainOut, RichOut
from tests.support import examples
from tests.test_fast_paths import setup_home

# words of the screens: English, Japanese (wide, with kinsoku marks), numbers, bars, commands
WORDS = st.sampled_from(
    [
        "mood", "a", "walked", "to", "the", "corner", "hiki guide sleep-rhythm", "(hiki assess",
        "phq9)", "02:36-07:48", "—", "·", "▮▮▮∙∙", "12", "100 %", "supercalifragilistic",
        "散歩", "しました。", "とても", "長い", "メモ", "（LINEで）", "「はい」", "ゃ", "、", "ー",
        "気分", "不安", "x" * 30, "月", " ", "  ",
    ]
)  # fmt: skip
TEXT = st.lists(WORDS, max_size=14).map(" ".join)
STYLE = st.sampled_from(["", "", "bold", "dim", "green", "yellow", "bold yellow"])
RUNS = st.lists(st.tuples(TEXT, STYLE), max_size=3)
CELL = st.one_of(RUNS, st.tuples(TEXT, TEXT).map(lambda t: [(t[0], "bold"), ("\n" + t[1], "")]))


def rich_writer(width: int, styled: bool) -> tuple[RichOut, io.StringIO]:
    from rich.console import Console

    from hikicli.cli.render import _wrap_japanese

    _wrap_japanese()
    buffer = io.StringIO()
    out = RichOut.__new__(RichOut)
    out.out = Console(
        file=buffer, width=width, force_terminal=styled,
        color_system="standard" if styled else None, highlight=False, soft_wrap=False,
    )  # fmt: skip
    return out, buffer


@settings(max_examples=examples(400), deadline=None)
@given(
    width=st.integers(20, 130),
    styled=st.booleans(),
    columns=st.lists(
        st.tuples(st.sampled_from(["left", "right"]), st.booleans(), st.integers(0, 18), TEXT),
        min_size=1,
        max_size=4,
    ),
    rows=st.lists(st.lists(CELL, min_size=4, max_size=4), max_size=5),
    title=st.one_of(st.none(), TEXT),
    show_header=st.booleans(),
    lines=st.lists(RUNS, max_size=3),
)
def test_plain_tables_and_lines_are_richs_to_the_byte(
    width, styled, columns, rows, title, show_header, lines
):
    cols = [Column([(h, "")], justify=j, no_wrap=nw, min_width=mw) for j, nw, mw, h in columns]
    rows = [row[: len(cols)] for row in rows]
    widths = plain_layout._column_widths(cols, rows, width, show_header)
    assume(plain_layout.has_room(widths))  # else rich itself writes the table
    plain = PlainOut(width, styled, no_colour=False)
    rich, buffer = rich_writer(width, styled)
    for out in (plain, rich):
        for runs in lines:
            out.print(*runs)
        out.table(cols, rows, title=title, show_header=show_header)
        out.print()
    assert "".join(plain.parts) == buffer.getvalue()


def test_text_rich_would_change_goes_to_rich():
    assert plain_layout.safe_text("slept 02:36-07:48 · 10:30")
    assert not plain_layout.safe_text("feeling :smile: today")
    assert not plain_layout.safe_text("a bell\x07")
    assert not plain_layout.safe_text("a\ttab")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


SCREENS = [
    ["history"],
    ["history", "--limit", "40"],
    ["homework"],
    ["family"],
    ["--profile", "mum", "family"],
    ["assess", "history"],
    ["assess", "history", "phq9", "--all"],
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("terminal", [False, True])
def test_every_read_screen_is_the_one_rich_wrote(lang, terminal, home, capsys, monkeypatch):
    """Each read screen as PlainOut writes it and as rich writes it (RichOut, what the commands
    printed before): the same bytes at 80 and 57 columns, piped or on a terminal."""
    setup_home(lang)
    monkeypatch.setenv("HIKI_LANG", lang)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    capsys.readouterr()
    from hikicli.cli.render import console

    def shown(args: list[str], force_rich: bool) -> str:
        console.cache_clear()
        buffer = FakeTerminal() if terminal else io.StringIO()
        with monkeypatch.context() as m:
            m.setattr(sys, "stdout", buffer)
            if force_rich:
                m.setattr(plain_layout, "screen", lambda *a, **k: RichOut())
            assert entry.main(args) == 0
        return buffer.getvalue()

    for columns in ("80", "57"):
        monkeypatch.setenv("COLUMNS", columns)
        for args in SCREENS:
            plain, rich = shown(args, False), shown(args, True)
            assert plain == rich, (args, columns)
            assert ("\x1b[1m" in plain) == terminal, args
    assert "check-in" in shown(["history"], False) or lang == "ja"


def test_a_flows_words_before_its_first_question_import_no_rich(capsys, monkeypatch):
    """The check-in's first words (the Prompter's `say`) come without rich's console: they are
    what rich printed (print(text, markup=False)), and the first question comes sooner."""
    from rich.console import Console

    words = "A short check-in, about two minutes. There are no right answers, and [you] can skip"
    expected = io.StringIO()
    Console(file=expected, width=200, highlight=False, soft_wrap=False).print(words, markup=False)
    for name in [m for m in sys.modules if m.startswith("rich.") and m not in ("rich.cells",)]:
        monkeypatch.delitem(sys.modules, name)
    plain_layout.show_text(words)
    assert capsys.readouterr().out == expected.getvalue()
    assert "rich.console" not in sys.modules and "rich.text" not in sys.modules
