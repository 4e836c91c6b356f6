"""Chart date labels never go missing (issue 14, point 3): with two weeks both are labelled, the
first and last days always are, and labels never touch."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hikicli.cli.svg_charts import bar_chart, line_chart, styled


def days(count: int) -> list[str]:
    first = dt.date(2026, 11, 1)
    return [(first + dt.timedelta(days=i)).strftime("%m-%d") for i in range(count)]


def shown(svg: str) -> list[tuple[float, str]]:
    """(x, text) of the labels under the plot (the centred ones with a date)."""
    found = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle"[^>]*>(\d\d-\d\d)<', svg)
    return [(float(x), label) for x, label in found]


def test_two_weekly_bars_are_both_labelled():
    svg = bar_chart("Minutes outside", ["11-24", "12-01"], [30, 10], "min", 180)
    assert [label for _, label in shown(svg)] == ["11-24", "12-01"]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 7, 8, 12, 14, 28, 31, 60, 90])
def test_first_and_last_are_labelled_and_no_two_touch(count):
    labels = days(count)
    svg = line_chart("Mood", labels, [styled("mood", [5.0] * count, 0)], 10, (0, 5, 10), 120)
    found = shown(svg)
    assert found[0][1] == labels[0] and found[-1][1] == labels[-1]
    gaps = [b[0] - a[0] for a, b in zip(found, found[1:], strict=False)]
    assert all(gap >= 40 for gap in gaps), gaps  # "11-28" is about 33 px wide at font-size 11
    if count <= 14:  # up to two weeks, every day has its label
        assert len(found) == count
