"""The sleep window over the weeks, for `hiki progress` (text) and `hiki report` (SVG).

The text chart is plain ASCII: `#` and `+` on a 48-cell day (half an hour each), hour marks as
`.`, and the middle times written beside each week, so it reads the same at 80 columns, with
NO_COLOR, in a pipe or through a screen reader, and in a terminal that draws ambiguous-width
characters two cells wide (no block or middle-dot characters here).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any

from hikicli.cli.plain import cell_width, wrap_cells
from hikicli.domain.sleep import CELLS, DAY, MOST, Night, SleepWeek, SleepWindow, clock

if TYPE_CHECKING:
    from hikicli.domain.content_types import SleepWindowText

WIDTH = 80
LABEL = 9  # "12-01    ": the week's last day, as the other progress charts show it
TICK = 6  # an hour label every 3 hours (6 cells)
ASLEEP_MOST, ASLEEP_SOME, HOUR_MARK, AWAKE = "#", "+", ".", " "


def pad(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells (a Japanese label takes two a char)."""
    return text + " " * max(0, cells - cell_width(text))


def day_cells(cells: tuple[float, ...]) -> str:
    out = []
    for i, share in enumerate(cells):
        if share >= MOST:
            out.append(ASLEEP_MOST)
        elif share > 0:
            out.append(ASLEEP_SOME)
        else:
            out.append(HOUR_MARK if i % TICK == 0 else AWAKE)
    return "".join(out)


def axis(anchor: int) -> str:
    """The hours above the chart: 18    21    00 ... 18 (every 3 hours from the anchor)."""
    out = ""
    for k in range(CELLS // TICK + 1):
        out = pad(out, k * TICK) + f"{(anchor + 3 * k) % 24:02d}"
    return out


def sleep_lines(window: SleepWindow | None, words: SleepWindowText) -> list[str]:
    """The sleep window section of `hiki progress`; nothing when no check-in noted times."""
    if window is None:
        return []
    out = ["", str(words["heading"])]
    head = str(words["week"])
    label_cells = max(LABEL, cell_width(head) + 1)
    out.append(pad(head, label_cells) + axis(window.anchor))
    for week in window.weeks:
        label = pad(week.end.strftime("%m-%d"), label_cells)
        if not week.nights:
            out.append((label + " " * CELLS + " " + str(words["no_nights"])).rstrip())
            continue
        times = f"{week.slept}-{week.woke}"
        nights = str(words["nights"]).format(nights=week.nights)
        out.append(f"{label}{day_cells(week.cells)} {times} {nights}".rstrip())
    for text in (words["legend"], words["note"]):
        out += ["  " + line for line in wrap_cells(str(text), WIDTH - 3)]
    return out


def window_from_json(data: Mapping[str, Any]) -> SleepWindow:
    """A SleepWindow back from its JSON form (the report's data)."""
    import datetime as dt

    weeks = [
        SleepWeek(
            dt.date.fromisoformat(w["start"]),
            dt.date.fromisoformat(w["end"]),
            int(w["nights"]),
            w["slept"],
            w["woke"],
            tuple(float(c) for c in w["cells"]),
        )
        for w in data["weeks"]
    ]
    nights = [
        Night(dt.date.fromisoformat(n["date"]), n["slept"], n["woke"]) for n in data["nights"]
    ]
    return SleepWindow(int(str(data["anchor"])[:2]), weeks, nights)


# --- the report's chart ------------------------------------------------------------------------

SVG_W, LEFT, RIGHT, TOP = 640, 48, 12, 22


def sleep_svg(window: Mapping[str, Any], title: str, days: list[str]) -> str:
    """One bar per night over the day's 24 hours from the window's anchor (the report's JSON
    form of SleepWindow); the days of the period are rows, a night without times is empty."""
    anchor = int(str(window["anchor"])[:2])
    by_day = {n["date"]: n for n in window["nights"]}
    row = max(4.0, min(12.0, 300 / max(len(days), 1)))
    height = TOP + row * len(days) + 24
    span = SVG_W - LEFT - RIGHT

    def x(minute: float) -> float:
        return LEFT + span * minute / DAY

    parts = [
        f'<svg viewBox="0 0 {SVG_W} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for k in range(9):
        px = x(k * 180)
        parts.append(
            f'<line x1="{px:.1f}" y1="{TOP - 4}" x2="{px:.1f}" y2="{TOP + row * len(days):.1f}" '
            'stroke="#ccc" stroke-width="0.6"/>'
        )
        parts.append(
            f'<text x="{px:.1f}" y="{TOP - 8}" text-anchor="middle" font-size="11">'
            f"{clock(anchor * 60 + k * 180)}</text>"
        )
    every = max(1, len(days) // 8)
    for i, day in enumerate(days):
        y = TOP + i * row
        if i % every == 0 or i == len(days) - 1:
            parts.append(
                f'<text x="{LEFT - 6}" y="{y + row / 2 + 4:.1f}" text-anchor="end" '
                f'font-size="10">{escape(day[5:])}</text>'
            )
        night = by_day.get(day)
        if night is None:
            continue
        begin = (int(night["slept"][:2]) * 60 + int(night["slept"][3:]) - anchor * 60) % DAY
        minutes = round(float(night["hours"]) * 60)
        pieces = [(begin, min(begin + minutes, DAY))]
        if begin + minutes > DAY:  # across the chart's edge: the rest starts again at the left
            pieces.append((0, begin + minutes - DAY))
        for a, b in pieces:
            parts.append(
                f'<rect x="{x(a):.1f}" y="{y + 1:.1f}" width="{x(b) - x(a):.1f}" '
                f'height="{max(row - 2, 2):.1f}" fill="#1f4e79">'
                f"<title>{escape(day)} {night['slept']}-{night['woke']}</title></rect>"
            )
    parts.append("</svg>")
    return "\n".join(parts)
