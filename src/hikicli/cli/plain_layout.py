"""rich's layout of the read screens (`hiki history`, `homework`, `family`, `assess history`),
written without importing rich's console and table (~30 ms, a third of such a command).

A screen is written once, to `screen()`: lines of runs (text, style) and tables without borders.
`PlainOut` lays them out as rich does, to the byte: the same line breaking (render._divide_line,
rich's own cell widths), the same column widths (rich.table's rules for a table without a box,
padding (0, 1), pad_edge off), the same padding and the same escape codes, one per segment.
`RichOut` hands the same lines to rich itself: for any terminal rich decides differently about
(FORCE_COLOR, TTY_COMPATIBLE, a dumb terminal, Windows, fewer than 20 columns) and for any text
rich would change (emoji codes such as :smile:, control characters, tabs), so what a person
sees never depends on which one wrote it (tests/test_plain_layout.py compares them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

Run = tuple[str, str]  # text, style: "" or words of STYLE_CODES ("bold", "dim yellow", ...)
Cell = Sequence[Run]  # the runs of one table cell or one printed line; may hold "\n"

STYLE_CODES = {"bold": "1", "dim": "2", "italic": "3", "green": "32", "yellow": "33"}
COLOURS = ("green", "yellow")
_ORDER = ("bold", "dim", "italic", "green", "yellow")  # rich: attributes, then the colour


class Column:
    """A column as `rich.table.Column` with overflow "fold": justify, no_wrap, min_width."""

    def __init__(
        self, header: Cell = (), justify: str = "left", no_wrap: bool = False, min_width: int = 0
    ) -> None:
        self.header, self.justify = header, justify
        self.no_wrap, self.min_width = no_wrap, min_width


def safe_text(text: str) -> bool:
    """Text PlainOut writes as rich would: no control character or tab (rich strips or expands
    them) and no emoji code rich would replace (`:smile:`; a time such as 02:36-07:48 is none)."""
    if not all(c >= " " or c == "\n" for c in text) or "\x7f" in text:
        return False
    if ":" in text:
        import re

        for match in re.finditer(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)", text):  # rich's pattern
            name = match.group(2).lower()
            if name in ("100", "1234", "+1", "-1", "__1") or any("a" <= c <= "z" for c in name):
                from rich._emoji_codes import EMOJI

                if name in EMOJI:
                    return False
    return True


def _terminal() -> tuple[int, bool, bool] | None:
    """(width, styled, no colour) as rich's Console decides them, or None where rich decides in
    a way not written here."""
    environ = os.environ
    if sys.platform == "win32" or "TTY_COMPATIBLE" in environ or "FORCE_COLOR" in environ:
        return None
    if any(k.startswith("JUPYTER") or k == "TTY_INTERACTIVE" for k in environ):
        return None
    try:
        styled = sys.stdout.isatty()
    except (AttributeError, ValueError):
        return None
    if styled and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    columns = environ.get("COLUMNS")
    width = 0
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    if width < 20:
        return None
    return width, styled, environ.get("NO_COLOR", "") != ""


def screen(texts: Sequence[str] = (), markup: Sequence[str] = ()) -> PlainOut | RichOut:
    """Where a read screen writes: PlainOut, or RichOut when rich must write it (see the module's
    words). `texts`: every text the screen will show (checked with `safe_text`); `markup`: those
    rich reads as markup (a table's title), which PlainOut writes only without "[" in them."""
    found = _terminal()
    if found is None or not all(map(safe_text, [*texts, *markup])) or any("[" in t for t in markup):
        return RichOut()
    return PlainOut(*found)


def show_text(text: str) -> None:
    """A flow's words between questions (the Prompter's `say`): Markdown when there is markup,
    else as written, as rich prints it (print(text, markup=False)) but without importing rich's
    console before a flow's first question."""
    from hikicli.cli.render import _looks_like_markdown

    if _looks_like_markdown(text):
        from hikicli.cli.render import console, markdown

        console().print(markdown(text))  # ~60 ms to import rich's Markdown: only with markup
        return
    out = screen([text])
    out.print((text, ""))
    out.flush()


# --- runs: the text of one line and its styles -------------------------------------------


def _plain(runs: Sequence[Run]) -> str:
    return "".join(text for text, _ in runs)


def _normal(runs: Sequence[Run]) -> list[Run]:
    """As rich's segments: empty runs dropped, unstyled neighbours one run (rich splits a text
    only where a styled span starts or ends)."""
    out: list[Run] = []
    for text, style in runs:
        if not text:
            continue
        if out and not style and not out[-1][1]:
            out[-1] = (out[-1][0] + text, "")
        else:
            out.append((text, style))
    return out


def _split(runs: Sequence[Run], offsets: Sequence[int]) -> list[list[Run]]:
    """The runs cut at these character offsets (rich's Text.divide)."""
    pieces: list[list[Run]] = [[]]
    at = 0
    cuts = list(offsets)
    for text, style in runs:
        while cuts and at + len(text) > cuts[0]:
            head = cuts.pop(0) - at
            pieces[-1].append((text[:head], style))
            pieces.append([])
            text, at = text[head:], at + head
        pieces[-1].append((text, style))
        at += len(text)
    while cuts:  # offsets at the very end
        cuts.pop(0)
        pieces.append([])
    return [_normal(p) for p in pieces]


def _crop_chars(runs: list[Run], count: int) -> list[Run]:
    """The last `count` characters taken away."""
    out = list(runs)
    while count > 0 and out:
        text, style = out[-1]
        if len(text) <= count:
            count -= len(text)
            out.pop()
        else:
            out[-1] = (text[: len(text) - count], style)
            count = 0
    return out


def _lines(runs: Sequence[Run]) -> list[list[Run]]:
    """Split at "\\n" (rich's Text.split with allow_blank)."""
    lines: list[list[Run]] = [[]]
    for text, style in runs:
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            lines[-1].append((part, style))
    return [_normal(line) for line in lines]


def wrap(runs: Sequence[Run], width: int, justify: str | None, no_wrap: bool = False) -> list[
    list[Run]
]:
    """rich's Text.wrap with overflow "fold": each line of `runs` broken to `width` cells and
    justified ("left": padded to the width, "right", or None: as it is)."""
    from rich.cells import cell_len

    from hikicli.cli.render import _divide_line

    out: list[list[Run]] = []
    for line in _lines(runs):
        if no_wrap:
            pieces = [line]
        else:
            pieces = _split(line, _divide_line(_plain(line), width, True))
            for i, piece in enumerate(pieces):  # Text.rstrip_end
                text = _plain(piece)
                if len(text) > width:
                    spaces = len(text) - len(text.rstrip())
                    pieces[i] = _crop_chars(piece, min(spaces, len(text) - width))
        for i, piece in enumerate(pieces):
            if justify == "left":
                pieces[i] = _truncate(piece, width, pad=True)
            elif justify == "right":
                text = _plain(piece)
                piece = _crop_chars(piece, len(text) - len(text.rstrip()))
                piece = _truncate(piece, width)
                pieces[i] = _normal([(" " * (width - cell_len(_plain(piece))), ""), *piece])
            pieces[i] = _truncate(pieces[i], width)
        out.extend(pieces)
    return out


def _truncate(runs: list[Run], width: int, pad: bool = False) -> list[Run]:
    """rich's Text.truncate with overflow "fold": cut to `width` cells; `pad`: spaces to it."""
    from rich.cells import cell_len, set_cell_size

    text = _plain(runs)
    length = cell_len(text)
    if length > width:
        cut = set_cell_size(text, width)
        kept = 0  # the characters of `text` that `cut` begins with; then spaces, if any
        while kept < min(len(cut), len(text)) and cut[kept] == text[kept]:
            kept += 1
        # each run (a span) cut at the new length; what follows `kept` became spaces
        out: list[Run] = []
        at = 0
        for part, style in runs:
            end = min(at + len(part), len(cut))
            if end > at:
                out.append((part[: max(0, kept - at)] + " " * (end - max(at, kept)), style))
            at += len(part)
        runs = _normal(out)
    if pad and length < width:
        runs = _normal([*runs, (" " * (width - length), "")])
    return runs


# --- the two writers -----------------------------------------------------------------------


class PlainOut:
    def __init__(self, width: int, styled: bool, no_colour: bool) -> None:
        self.width, self.styled, self.no_colour = width, styled, no_colour
        self.parts: list[str] = []

    def _sgr(self, text: str, style: str) -> str:
        if not self.styled or not style or not text:
            return text
        words = set(style.split())
        if self.no_colour:
            words -= set(COLOURS)
        codes = ";".join(STYLE_CODES[w] for w in _ORDER if w in words)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text

    def _write(self, line: Sequence[Run], base: str = "") -> None:
        """One line, cut to the terminal's width as console.print cuts it."""
        line = _fit(line, self.width, pad=False)
        self.parts.append("".join(self._sgr(t, _join(base, s)) for t, s in line) + "\n")

    def print(self, *runs: Run) -> None:
        """console.print of these runs (a blank line when there are none)."""
        for line in wrap(runs, self.width, None):
            self._write(line)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        title: str | None = None,
        show_header: bool = True,
    ) -> None:
        widths = _column_widths(columns, rows, self.width, show_header)
        last = len(columns) - 1
        if not has_room(widths):  # rich then wraps at width 0 or less: rich writes it
            self.flush()
            RichOut().table(columns, rows, title, show_header)
            return
        if title:  # rich: an empty title is none
            for line in wrap([(title, "")], sum(widths), "left"):
                self._write(line, "italic")
        all_rows = [[c.header for c in columns], *rows] if show_header else list(rows)
        for r, row in enumerate(all_rows):
            header = show_header and r == 0
            base = "bold" if header else ""
            rendered = []
            for i, (column, cell) in enumerate(zip(columns, row, strict=True)):
                left, right = (0 if i == 0 else 1), (0 if i == last else 1)
                inner = max(0, widths[i] - left - right)
                lines = wrap(cell, inner, column.justify, column.no_wrap)
                pads = ([(" " * left, "")] if left else [], [(" " * right, "")] if right else [])
                rendered.append([_fit([*pads[0], *line, *pads[1]], widths[i]) for line in lines])
            height = max(len(c) for c in rendered)
            for n in range(height):
                joined: list[Run] = []
                for i, block in enumerate(rendered):
                    at = n - (height - len(block)) if header else n  # a header sits at the bottom
                    joined += block[at] if 0 <= at < len(block) else [(" " * widths[i], "")]
                self._write(joined, base)

    def flush(self) -> None:
        sys.stdout.write("".join(self.parts))
        sys.stdout.flush()
        self.parts = []


def has_room(widths: Sequence[int]) -> bool:
    """Whether each column has room for a character between its padding."""
    last = len(widths) - 1
    return all(w - (i > 0) - (i < last) >= 1 for i, w in enumerate(widths))


def _fit(line: Sequence[Run], width: int, pad: bool = True) -> list[Run]:
    """rich's Segment.adjust_line_length: cut to `width` cells, or padded to it (`pad`)."""
    from rich.cells import cell_len, set_cell_size

    length = sum(cell_len(text) for text, _ in line)
    if length < width:
        return [*line, (" " * (width - length), "")] if pad else list(line)
    if length == width:
        return list(line)
    out: list[Run] = []
    length = 0
    for text, style in line:
        size = cell_len(text)
        if length + size < width:
            out.append((text, style))
            length += size
        else:
            out.append((set_cell_size(text, width - length), style))
            break
    return out


def _join(base: str, style: str) -> str:
    return f"{base} {style}".strip() if base and style else base or style


def _measure(cell: Cell, max_width: int, pad: int) -> tuple[int, int]:
    """rich's Measurement of a padded cell's text (Padding, then Text)."""
    from rich.cells import cell_len

    if max_width - pad < 1:
        return max_width, max_width
    text = _plain(cell)
    lines = text.splitlines()
    longest = max((cell_len(line) for line in lines), default=0)
    words = text.split()
    shortest = max((cell_len(word) for word in words), default=longest)
    low, high = min(shortest, max_width), min(longest, max_width)  # with_maximum
    low = min(max(0, low), high)  # normalize
    if high < 1:
        low = high = 0
    return min(low + pad, max_width), min(high + pad, max_width)


def _column_range(
    column: Column, cells: list[Cell], max_width: int, pad: int
) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    ranges = [_measure(cell, max_width, pad) for cell in cells]
    low = max((r[0] for r in ranges), default=1)
    high = max((r[1] for r in ranges), default=max_width)
    low, high = min(low, max_width), min(high, max_width)
    if column.min_width:
        floor = max(0, column.min_width + pad)
        low, high = max(low, floor), max(high, floor)
    return low, high


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[
    int
]:
    ratios = [ratio if top else 0 for ratio, top in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], max_width: int, show_header: bool
) -> list[int]:
    """rich.table's _calculate_column_widths for a table without a box, expand off."""
    last = len(columns) - 1
    pads = [(0 if i == 0 else 1) + (0 if i == last else 1) for i in range(len(columns))]
    cells = [
        ([c.header] if show_header else []) + [row[i] for row in rows]
        for i, c in enumerate(columns)
    ]
    ranges = [_column_range(c, cells[i], max_width, pads[i]) for i, c in enumerate(columns)]
    widths = [high or 1 for _, high in ranges]
    if sum(widths) > max_width:
        wrapable = [not c.no_wrap for c in columns]
        widths = _collapse(widths, wrapable, max_width)
        if sum(widths) > max_width:
            excess = sum(widths) - max_width
            widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
        widths = [
            _column_range(c, cells[i], width, pads[i])[1]
            for i, (c, width) in enumerate(zip(columns, widths, strict=True))
        ]
    return widths


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            pairs = list(zip(widths, wrapable, strict=True))
            top = max(w for w, ok in pairs if ok)
            second = max(w if ok and w != top else 0 for w, ok in pairs)
            difference = top - second
            ratios = [1 if (w == top and ok) else 0 for w, ok in pairs]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


class RichOut:
    """The same screen through rich (render.console), as the commands printed it before."""

    def __init__(self) -> None:
        from hikicli.cli.render import console

        self.out = console()

    @staticmethod
    def markup(runs: Sequence[Run]) -> str:
        from hikicli.cli.render import markup_escape

        return "".join(
            f"[{style}]{markup_escape(text)}[/]" if style else markup_escape(text)
            for text, style in runs
        )

    def print(self, *runs: Run) -> None:
        self.out.print(self.markup(runs))

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        title: str | None = None,
        show_header: bool = True,
    ) -> None:
        from rich.table import Table

        table = Table(
            title=title, title_justify="left", box=None, pad_edge=False, show_header=show_header
        )
        for c in columns:
            table.add_column(
                self.markup(c.header),
                justify=c.justify,  # type: ignore[arg-type]  # "left" or "right"
                overflow="fold",
                no_wrap=c.no_wrap,
                min_width=c.min_width or None,
            )
        for row in rows:
            table.add_row(*(self.markup(cell) for cell in row))
        self.out.print(table)

    def flush(self) -> None:
        pass
