"""Small inline SVG charts for the HTML report: no scripts, no fonts, nothing loaded from anywhere.

Series differ by dash pattern and marker shape as well as colour, so they read in black-and-white
print and for people who do not see the colours; every chart has a text title and a legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

W, H = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 34
# A date label "11-28" at font-size 11 is about 6.5 px a character wide; labels keep a gap.
LABEL_CHAR, LABEL_GAP = 6.6, 8


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]
    colour: str
    dash: str  # stroke-dasharray, "" for solid
    marker: str  # circle | square | diamond


STYLES = (
    ("#1f4e79", "", "circle"),
    ("#a34700", "7 4", "square"),
    ("#2f6b2f", "2 3", "diamond"),
    ("#5b3a8c", "10 3 2 3", "circle"),
)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x - 4:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


@dataclass(frozen=True)
class Frame:
    """The plotting area of one chart: its height, value range and ticks."""

    hi: float
    ticks: Sequence[float]
    h: int = H
    legend: bool = False

    @property
    def bottom(self) -> float:
        return self.h - BOTTOM - (16 if self.legend else 0)

    def y(self, value: float) -> float:
        span = self.bottom - TOP
        return self.bottom - (value / self.hi * span if self.hi else 0)

    def open(self, title: str) -> list[str]:
        parts = [
            f'<svg viewBox="0 0 {W} {self.h}" width="100%" role="img" '
            f'aria-label="{escape(title)}" class="chart">',
            f"<title>{escape(title)}</title>",
        ]
        for t in self.ticks:
            y = self.y(t)
            parts.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="#ccc" '
                'stroke-width="0.6"/>'
            )
            parts.append(
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                f"{t:g}</text>"
            )
        return parts

    def x_labels(self, labels: Sequence[str]) -> list[str]:
        """Date labels under the plot, as many as fit without touching: every n-th from the
        first, and always the last; a regular label too close to the last gives way to it.
        Spacing is measured in pixels (label width against slot width), so two or ten labels
        are all shown and thirty get every fourth or so."""
        count = len(labels)
        if not count:
            return []
        slot = (W - LEFT - RIGHT) / count
        room = max(len(label) for label in labels) * LABEL_CHAR + LABEL_GAP
        every = max(1, math.ceil(room / slot))
        last = count - 1
        parts = []
        for i, label in enumerate(labels):
            if i == last or (i % every == 0 and (last - i) * slot >= room):
                parts.append(
                    f'<text x="{_x(i, count):.1f}" y="{self.bottom + 16:.1f}" '
                    f'text-anchor="middle" font-size="11">{escape(label)}</text>'
                )
        return parts

    def legend_row(self, series: Sequence[Series]) -> list[str]:
        parts = []
        x = LEFT
        y = self.h - 8
        for s in series:
            dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
            parts.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 26}" y2="{y - 4}" stroke="{s.colour}" '
                f'stroke-width="2"{dash}/>'
            )
            parts.append(_marker(s.marker, x + 13, y - 4, s.colour))
            parts.append(f'<text x="{x + 32}" y="{y}" font-size="11">{escape(s.label)}</text>')
            x += 44 + 7 * len(s.label)
        return parts


def _x(index: int, count: int) -> float:
    span = W - LEFT - RIGHT
    return LEFT + (span * (index + 0.5) / count if count else 0)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    hi: float,
    ticks: Sequence[float],
    height: int = H,
) -> str:
    """Lines over days or dates; a missing value breaks the line instead of inventing a value.
    A single series needs no legend: the caption above the chart names it."""
    count = len(labels)
    frame = Frame(hi, ticks, height, legend=len(series) > 1)
    parts = frame.open(title)
    parts += frame.x_labels(labels)
    for s in series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        run: list[str] = []
        runs: list[list[str]] = []
        points = []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
                continue
            x, y = _x(i, count), frame.y(min(max(v, 0), hi))
            run.append(f"{x:.1f},{y:.1f}")
            points.append(_marker(s.marker, x, y, s.colour))
        if run:
            runs.append(run)
        for r in runs:
            if len(r) > 1:
                parts.append(
                    f'<polyline points="{" ".join(r)}" fill="none" stroke="{s.colour}" '
                    f'stroke-width="2"{dash}/>'
                )
        parts += points
    if frame.legend:
        parts += frame.legend_row(series)
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], unit: str, height: int = H
) -> str:
    """Bars with their number written on top."""
    top_value = max(values, default=0) or 1
    count = len(labels)
    step = max(1, math.ceil(top_value / 4))
    ticks = [step * i for i in range(5)]
    frame = Frame(ticks[-1], ticks, height)
    parts = frame.open(title)
    parts += frame.x_labels(labels)
    width = (W - LEFT - RIGHT) / max(count, 1) * 0.6
    for i, v in enumerate(values):
        x = _x(i, count)
        y = frame.y(v)
        parts.append(
            f'<rect x="{x - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{frame.y(0) - y:.1f}" fill="#1f4e79" stroke="#000" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11">'
            f"{v:g} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def styled(label: str, values: Sequence[float | None], index: int) -> Series:
    colour, dash, marker = STYLES[index % len(STYLES)]
    return Series(label, values, colour, dash, marker)
