"""Plain terminal output for the dashboard, the screen people see every day.

rich costs about 35 ms to import; the dashboard needs only bold, dim, wrapping and one small
table, so it writes those itself and starts faster. Styling follows NO_COLOR and non-terminals.
"""

from __future__ import annotations

import os
import re
import sys
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


# Japanese line breaking, the basic rules (kinsoku): never start a line with closing marks and
# small kana, never end one with an opening bracket. The wave dash is in both: a range
# (「10〜14点」, 「6:00〜24:00」) is never split on either side of it.
NO_LINE_START = frozenset(
    "、。，．・：；？！ー〜）」』】〕〉》’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
)
NO_LINE_END = frozenset("（「『【〔〈《‘“〜")
# A number keeps its counter: 「24時間」, 「3か月」 and 「20分」 never break after the digits.
COUNTERS = (
    "時間", "週間", "日間", "年間", "分間", "秒間", "か月", "ヶ月", "カ月", "時", "分", "秒", "日",
    "週", "月", "年", "歳", "円", "件", "回", "人", "番", "号", "個", "本", "階", "割", "倍", "度",
    "点", "名", "通",
)  # fmt: skip
_COUNTER_FIRST = frozenset(c[0] for c in COUNTERS)
_COUNTER_SECOND = frozenset(c for c in COUNTERS if len(c) == 2)


def _keeps_counter(unit: str, char: str) -> bool:
    """Whether `char` goes on the same line as `unit`, which ends with a number (or a number and
    the first character of a two-character counter)."""
    if unit[-1:].isdigit():
        return char in _COUNTER_FIRST
    return len(unit) >= 2 and unit[-2].isdigit() and unit[-1] + char in _COUNTER_SECOND


# A command a person may copy stays on one line: a `quoted` command, or `hiki --profile NAME`
# or `hiki` with what follows it (subcommands, flags, numbers, ids), also once Markdown has taken
# its backquotes away (the crisis block: `hiki config set country XX`). Longer than a line, it
# breaks as text.
COMMAND_WORDS = (
    "family|lesson|checkin|read|guide|data|encrypt|decrypt|status|show|list|start|crisis|step"
    "|ladder|history|progress|report|now|support|assess|safety-plan|restart-plan|config|set"
    "|homework|hello|activity|add|edit|export|backup|path|country|language|sos"
)
_TAIL = rf"(?:--?[a-z][\w-]*|\d+|[A-Z][A-Z_]+|[a-z]+(?:-[a-z]+)+|(?:{COMMAND_WORDS})\b)"
COMMAND = re.compile(rf"`[^`\n]+`|hiki --profile \S+(?: {_TAIL})*|\bhiki(?: {_TAIL})+")


def has_command(text: str) -> bool:
    """Whether `text` may hold a command to keep whole (a quick test before COMMAND)."""
    return "`" in text or "hiki " in text


def units(text: str) -> list[str]:
    """Pieces a line may break between: a run of non-wide characters (a word, with its spaces)
    or one wide character, with kinsoku marks glued to their neighbour."""
    units: list[str] = []
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WF"
        if units and (
            char in NO_LINE_START
            or _keeps_counter(units[-1], char)
            or units[-1][-1] in NO_LINE_END
            or not wide
            and not char.isspace()
            and units[-1][-1] != " "
            and unicodedata.east_asian_width(units[-1][-1]) not in "WF"
        ):
            units[-1] += char
        elif char == " " and units:
            units[-1] += char
        else:
            units.append(char)
    return units


def _commands_whole(text: str, columns: int) -> list[str]:
    """units(text), with each command that fits in `columns` glued into one unit."""
    pieces = units(text)
    if not has_command(text):
        return pieces
    spans = [m.span() for m in COMMAND.finditer(text) if cell_width(m.group()) <= columns]
    out: list[str] = []
    at = 0
    for piece in pieces:
        inside = any(start < at < end for start, end in spans)
        if inside and out:
            out[-1] += piece
        else:
            out.append(piece)
        at += len(piece)
    return out


def wrap_cells(text: str, columns: int) -> list[str]:
    """Wrap to `columns` terminal cells (not characters): English breaks at spaces, Japanese
    between characters, following the kinsoku rules above. A word longer than a line is cut."""
    lines: list[str] = []
    current = ""
    for unit in _commands_whole(" ".join(text.split()), columns):
        if cell_width((current + unit).rstrip()) <= columns:
            current += unit
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = unit.lstrip()
        while cell_width(current.rstrip()) > columns:  # a single unit wider than the line
            cut = 1
            while cell_width(current[: cut + 1]) <= columns:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def fit_question(message: str, after: str = "") -> str:
    """A question wrapped between words (by cells) to the terminal, less questionary's `? `
    mark; `after` (an instruction such as "(arrow keys, then Enter)") starts its own line when
    it would not fit beside the last one. Each line the message had stays a line."""
    columns = max(20, width()) - 2
    lines = [line for part in message.split("\n") for line in wrap_cells(part, columns)]
    if after and cell_width(lines[-1]) + 1 + cell_width(after) > columns:
        lines.append("")
    return "\n".join(lines)


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
        wrapped = wrap_cells(text, self.width) if text else [""]
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


def echo(text: str, nl: bool = True, err: bool = False) -> None:
    """What `typer.echo(text, nl=nl, err=err)` writes: the text (ANSI codes taken out when the
    stream is not a terminal, as Click does), flushed."""
    stream = sys.stderr if err else sys.stdout
    if err:
        sys.stdout.flush()  # what was printed before it comes first
    if nl:
        text += "\n"
    if "\033" in text and not stream.isatty():
        text = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", text)  # Click's strip_ansi
    if text:
        stream.write(text)
    stream.flush()
