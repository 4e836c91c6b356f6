"""Plain terminal output for the dashboard, the screen people see every day.

rich costs about 35 ms to import; the dashboard needs only bold, dim, wrapping and one small
table, so it writes those itself and starts faster. Styling follows NO_COLOR and non-terminals.
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata


def use_style() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def width() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        return 80


def cell_width(text: str) -> int:
    """Columns a string takes in a terminal (CJK and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - cell_width(text))


class Writer:
    def __init__(self) -> None:
        self.styled = use_style()
        self.width = max(20, width())
        self.parts: list[str] = []

    def _style(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.styled else text

    def line(self, text: str = "", style: str | None = None) -> None:
        wrapped = textwrap.wrap(text, self.width, break_on_hyphens=False) or [""]
        for part in wrapped:
            self.parts.append(
                self._style({"bold": "1", "dim": "2"}[style], part) if style else part
            )

    def table(self, title: str, header: list[str], rows: list[list[str]]) -> None:
        widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
        self.line(title, "bold")
        for row in [header, *rows]:
            self.parts.append(
                "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()
            )

    def flush(self) -> None:
        sys.stdout.write("\n".join(self.parts) + "\n")
        sys.stdout.flush()
        self.parts = []
