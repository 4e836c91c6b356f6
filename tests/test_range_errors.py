"""A number outside an option's range (issue 16): Click's `0<=x<=10` becomes one sentence in the
person's language naming the flag and the range, exit 2, nothing written. The expected words are
written out here, not read from the catalog the code prints from."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from typer._click import types as click_types
from typer._click.exceptions import BadParameter

from hikicli.cli.localize import range_text
from tests.support import tree_snapshot


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "args, lang, sentence, hint",
    [
        (["activity", "--energy", "11"], "en", "--energy: use a number from 0 to 10 (got 11).",
         "Try 'hiki activity -h' for help."),
        (["activity", "--energy", "11"], "ja",
         "--energy には 0 から 10 までの数を入力してください（入力：11）。",
         "くわしくは 'hiki activity -h' で説明を読めます。"),
        (["activity", "--log", "tea", "--pleasure", "3", "--mastery", "-1"], "en",
         "--mastery: use a number from 0 to 10 (got -1).", "Try 'hiki activity -h' for help."),
        (["history", "--limit", "0"], "en", "--limit: use a number of 1 or more (got 0).",
         "Try 'hiki history -h' for help."),
        (["history", "--limit", "0"], "ja",
         "--limit には 1 以上の数を入力してください（入力：0）。",
         "くわしくは 'hiki history -h' で説明を読めます。"),
        (["progress", "--weeks", "200"], "en", "--weeks: use a number from 1 to 104 (got 200).",
         "Try 'hiki progress -h' for help."),
        (["now", "--cycles", "99"], "ja",
         "--cycles には 0 から 10 までの数を入力してください（入力：99）。",
         "くわしくは 'hiki now -h' で説明を読めます。"),
    ],
)  # fmt: skip
def test_a_number_out_of_range_reads_as_a_sentence(hiki, home, monkeypatch, args, lang, sentence,
                                                   hint):  # fmt: skip
    monkeypatch.setenv("HIKI_LANG", lang)
    before = tree_snapshot(home)
    result = hiki(args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [sentence, hint]  # two lines: what, where to read more
    assert "<=" not in result.output and ">=" not in result.output
    assert tree_snapshot(home) == before


def _error(kind: click_types.ParamType, value: str) -> BadParameter:
    """Click's error as its range type raises it, on a parameter called --level."""
    param = SimpleNamespace(type=kind, opts=["-l", "--level"], human_readable_name="LEVEL")
    try:
        kind.convert(value, None, None)
    except BadParameter as err:
        err.param = param
        return err
    raise AssertionError(f"{value!r} was accepted")


def test_open_bounds_and_one_sided_ranges_in_words():
    assert range_text("en", _error(click_types.IntRange(0, 10, max_open=True), "10")) == (
        "--level: use a number from 0 to 9 (got 10)."
    )
    assert range_text("en", _error(click_types.IntRange(max=5), "6")) == (
        "--level: use a number of 5 or less (got 6)."
    )
    assert range_text("ja", _error(click_types.IntRange(max=5), "6")) == (
        "--level には 5 以下の数を入力してください（入力：6）。"
    )
    assert range_text("en", _error(click_types.FloatRange(0.5, 2.5), "3")) == (
        "--level: use a number from 0.5 to 2.5 (got 3.0)."
    )
    # a decimal with an open bound has no plain words here: Click's own sentence stays
    assert range_text("en", _error(click_types.FloatRange(0, 1, min_open=True), "0")) is None
    assert range_text("en", _error(click_types.INT, "x")) is None  # not a range error
