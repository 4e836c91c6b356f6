"""Shared output helpers. Only the cli package prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


# The filled and empty cell of a text bar: one cell wide on every terminal (not East-Asian
# ambiguous like █ and ·, which terminals set for CJK draw two cells wide).
BAR_FULL, BAR_EMPTY = "▮", "∙"


def _divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Line breaks for rich (see _divide_words), never inside a command that fits on a line."""
    from rich.cells import cell_len

    breaks = _divide_words(text, width, fold)
    if "`" not in text and "hiki " not in text:  # cli.plain.has_command, without its import
        return breaks
    from hikicli.cli.plain import COMMAND

    spans = [m.span() for m in COMMAND.finditer(text) if cell_len(m.group()) <= width]
    for at, here in enumerate(breaks):
        before = breaks[at - 1] if at else 0
        for start, end in spans:
            if start < here < end and start > before:  # move the break to the command's start
                rest = _divide_line(text[start:], width, fold)
                return [*breaks[:at], start, *(start + r for r in rest)]
    return breaks


def _divide_words(text: str, width: int, fold: bool = True) -> list[int]:
    """rich's line breaking, with a break allowed between Japanese characters (rich breaks only
    at spaces, so a Japanese run after a space jumps whole to the next line). Kinsoku as in
    cli.plain: no line starts with 、。」 or small kana, none ends with 「（."""
    from rich._wrap import divide_line
    from rich.cells import cell_len, chop_cells

    from hikicli.cli.plain import units

    if text.isascii():
        return divide_line(text, width, fold)
    breaks: list[int] = []
    offset = start = 0
    for unit in units(text):
        here, start = start, start + len(unit)
        length = cell_len(unit.rstrip())
        if width - offset >= length:
            offset += cell_len(unit)
        elif length > width:
            if here:
                breaks.append(here)
            if not fold:
                offset = cell_len(unit)
                continue
            pieces = chop_cells(unit, width)
            for piece in pieces[:-1]:
                here += len(piece)
                breaks.append(here)
            offset = cell_len(pieces[-1])
        elif offset and here:
            breaks.append(here)
            offset = cell_len(unit)
    return breaks


def _wrap_japanese() -> None:
    import rich.text

    setattr(rich.text, "divide_line", _divide_line)  # noqa: B010  # rich reads it at call time


@lru_cache(maxsize=1)
def console() -> Console:
    from rich.console import Console

    _wrap_japanese()
    return Console(highlight=False, soft_wrap=False)


def err_console(wrap: bool = False) -> Console:
    """stderr. One-line messages are never wrapped (a located error stays one line); rich text
    such as crisis lines is wrapped (`wrap=True`), never cut at the screen's edge."""
    from rich.console import Console

    _wrap_japanese()
    return Console(stderr=True, highlight=False, soft_wrap=not wrap)


# The `--json` envelope (docs/json.md). FORMAT changes only when a documented key changes meaning
# or goes away; new keys may appear in any release, so readers ignore keys they do not know.
JSON_FORMAT = 1


def _envelope_head(kind: str) -> str:
    from hikicli import __version__

    return (
        f'{{"hiki": {json.dumps(__version__)}, "format": {JSON_FORMAT}, '
        f'"kind": {json.dumps(kind)}, "data": '
    )


def print_json(data: Any, kind: str) -> None:
    """Every `--json` goes through here (or print_json_list): `{"hiki", "format", "kind", "data"}`,
    `kind` naming what the data is (`checkin.saved`, `history`, ...; the list is docs/json.md)."""
    from hikicli import __version__

    doc = {"hiki": __version__, "format": JSON_FORMAT, "kind": kind, "data": data}
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


def _item_encoder() -> Any:
    """JSONEncoder(ensure_ascii=False, default=str).encode, calling the C encoder it makes for
    each call (json.encoder.JSONEncoder.iterencode) made once: half the time of an entry of
    `history --json` (tests/test_json_contract.py checks the texts are the same)."""
    from json import encoder as std

    made = json.JSONEncoder(ensure_ascii=False, default=str)
    c_make_encoder = getattr(std, "c_make_encoder", None)
    if c_make_encoder is None:  # no C accelerator: the encoder's own way
        return made.encode
    run = c_make_encoder(
        {}, made.default, std.encode_basestring, None, made.key_separator,
        made.item_separator, made.sort_keys, made.skipkeys, made.allow_nan,
    )  # fmt: skip

    def encode(item: Any) -> str:
        if isinstance(item, str):
            return made.encode(item)
        return "".join(run(item, 0))

    return encode


# One item of a JSON list (print_json_list), with the C encoder.
json_item = _item_encoder()


def print_json_list(items: Iterable[Any], kind: str, encoded: bool = False) -> None:
    """A JSON list in the envelope, written as it goes, one item a line, with the C encoder
    (print_json's indent takes the pure-Python one: half of `history --json` at 100,000 entries).
    `encoded`: the items are their JSON texts already (`json_item`), made while they were read."""
    encode = json_item
    out = sys.stdout
    pending: list[str] = [_envelope_head(kind)]
    sep = "[\n"
    for item in items:
        pending.append(sep + (item if encoded else encode(item)))
        sep = ",\n"
        if len(pending) >= 1000:
            out.write("".join(pending))
            pending = []
    pending.append("\n]}\n" if sep == ",\n" else "[]}\n")
    out.write("".join(pending))


def print_saved(data: Any, kind: str, said: str, as_json: bool) -> None:
    """What a command that saved one thing prints: its data in the envelope with --json, else
    its one line of words."""
    if as_json:
        print_json(data, kind)
    else:
        say(said)


def markup_escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def bar(value: float | None, hi: float = 10, width: int = 10) -> str:
    """A small text bar that reads without colour (NO_COLOR, screen readers see the number too)."""
    if value is None:
        return " " * width
    filled = max(0, min(width, round(value / hi * width)))
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def say(text: str) -> None:
    """One line of words from the catalog, printed as written (no rich markup)."""
    console().print(markup_escape(text))


# The chrome hiki draws around words (list bullets, boxes, the quote bar) in a language whose
# terminals are often set to draw East Asian Width "A" symbols two cells wide (• ─ │ ╭ ▌, the
# Japanese setups in japan.md §4.2): there it uses symbols of one width everywhere (・ | - +).
WIDE_AMBIGUOUS_LANGUAGES = frozenset({"ja"})
_chrome = {"lang": "en"}


def use_language(code: str) -> None:
    """The language this command speaks (set where the context decides it): chrome follows it."""
    _chrome["lang"] = code


def narrow_chrome() -> bool:
    """Draw no ambiguous-width symbol: bullets ・, boxes and bars in ASCII."""
    return _chrome["lang"] in WIDE_AMBIGUOUS_LANGUAGES


def markdown(text: str) -> Any:
    """rich Markdown, with chrome of one width on every terminal in Japanese (rich draws • and ▌,
    ambiguous in width)."""
    if narrow_chrome():
        return _narrow_markdown()(text)
    from rich.markdown import Markdown

    return Markdown(text)


@lru_cache(maxsize=1)
def _narrow_markdown() -> Any:
    from rich.markdown import BlockQuote, ListItem, Markdown
    from rich.segment import Segment

    class Item(ListItem):
        def render_bullet(self, console: Any, options: Any) -> Any:
            bullet_style = console.get_style("markdown.item.bullet", default="none")
            lines = console.render_lines(
                self.elements, options.update(width=options.max_width - 3), style=self.style
            )
            for at, line in enumerate(lines):
                yield Segment(" ・" if at == 0 else "   ", bullet_style)  # 3 cells either way
                yield from line
                yield Segment("\n")

    class Quote(BlockQuote):
        def __rich_console__(self, console: Any, options: Any) -> Any:
            lines = console.render_lines(
                self.elements, options.update(width=options.max_width - 4), style=self.style
            )
            for line in lines:
                yield Segment("| ", self.style)
                yield from line
                yield Segment("\n")

    class NarrowMarkdown(Markdown):
        elements = {**Markdown.elements, "list_item_open": Item, "blockquote_open": Quote}

    return NarrowMarkdown


def panel_box() -> Any:
    """The box of a rich Panel: rounded, or ASCII where ─ │ ╭ are ambiguous in width."""
    from rich import box

    return box.ASCII if narrow_chrome() else box.ROUNDED


def print_markdown(text: str, stderr: bool = False) -> None:
    (err_console(wrap=True) if stderr else console()).print(markdown(text))


def note_text(lang: str, note: str) -> str:
    """`Note: …` in the person's language."""
    from hikicli.content.messages import text

    return text(lang, "outcome.note", text=note)


def print_notes(notes: list[str], lang: str = "en") -> None:
    """Things worth knowing that are not errors, on stderr, one `Note:` line each."""
    for note in notes:
        err_console().print(note_text(lang, note), markup=False)


def entry_json(event: dict[str, Any]) -> dict[str, Any]:
    """One saved event as `--json` shows it: its id, kind and time, then its data."""
    return {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}


def _looks_like_markdown(text: str) -> bool:
    return (
        "**" in text
        or "`" in text
        or any(line.lstrip().startswith(("#", "- ", "* ", "> ")) for line in text.splitlines())
    )


def pager_styles(environ: dict[str, str] | None = None) -> bool:
    """May the pager be sent colours? Only to `less` told to pass them (-R), never with NO_COLOR.
    With LESS unset, hiki sets LESS=-R for its own pager; a LESS or PAGER of the person's own is
    respected: without R, or with another pager, the text goes plain (never raw escape codes)."""
    import os

    env = os.environ if environ is None else environ
    if "NO_COLOR" in env or env.get("TERM") == "dumb":
        return False
    pager = env.get("MANPAGER") or env.get("PAGER") or "less"
    if os.path.basename(pager.split()[0] if pager.split() else "less") != "less":
        return False
    less = env.get("LESS")
    if less is None:
        if environ is None:
            os.environ["LESS"] = "-R"
        return True
    return "R" in less or "r" in less


def paged(out: Console) -> Any:
    """The pager for long text (guides, lessons), with colours only when they will show."""
    return out.pager(styles=pager_styles())
