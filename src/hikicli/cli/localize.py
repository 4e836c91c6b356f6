"""`--help` and Click's own words in the person's language.

Every command's and option's help comes from content/<lang>/help.yaml (English included: the code
holds no help text), set on the click command tree before it parses (`apply_help`). Click's words
("Usage:", "Options:", "Show this message and exit.", its errors) are not translated by the click
inside typer, so `HikiFormatter` and `localized_error` put them through the `click` group of
messages.yaml. Japanese is wrapped by terminal cells (two per character), never by characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer._click import types as click_types
from typer._click.exceptions import ClickException, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument

from hikicli.content.messages import DEFAULT_LANG, text, words


def help_language(obj: Any) -> str:
    """The language of this command: the context's (tests pass one), else the default profile's
    (HIKI_LANG, the setting, the locale). Never raises."""
    try:
        if obj is None:
            from hikicli.cli.context import AppContext

            obj = AppContext.default()
        return str(obj.language())
    except Exception:  # a bad profile or settings file: HIKI_LANG or the locale still decide
        from hikicli.domain.language import choose_language

        return choose_language("").code


def apply_help(root: Any, lang: str) -> None:
    """Set the help of every command and option of `root` for `lang`: its help.yaml, else the
    English help.yaml, else what the code still holds (tests/english_baseline.txt)."""
    chain = [words(DEFAULT_LANG, "help").get("commands") or {}]
    if lang != DEFAULT_LANG:
        chain.insert(0, words(lang, "help", merged=False).get("commands") or {})

    def find(path: str, key: str, option: str | None = None) -> str | None:
        for commands in chain:
            entry = commands.get(path) or {}
            value = (entry.get("options") or {}).get(option) if option else entry.get(key)
            if isinstance(value, str) and value:
                return value
        return None

    def short(path: str) -> str | None:
        """The line in the parent's list, from the language that gave the help (an English
        short never stands beside a Japanese help: the help's first sentence does)."""
        for commands in chain:
            entry = commands.get(path) or {}
            if entry.get("short"):
                return str(entry["short"])
            if entry.get("help"):
                return None
        return None

    def walk(command: Any, path: str) -> None:
        command.help = find(path, "help") or command.help
        command.short_help = short(path)
        if not command.short_help and command.help:
            # Click would cut a long one with "..." (and count characters, not cells).
            command.short_help = first_sentence(command.help)
        for param in command.params:
            if hasattr(param, "help"):
                param.help = find(path, "options", param.name) or param.help
            plain_metavar(param)
        example = find(path, "example")
        if example:  # `\b`: Click keeps the paragraph's lines as they are (a command stays whole)
            command.epilog = f"\b\n{text(lang, 'click.example')}\n  {example}"
        command.context_class = HikiContext
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(root, "")


# ---- metavars: words a person reads, never `{ID}`, `<str>` or `x>=1` --------------------------

# Options whose value has a shape of its own; any other takes its word from its type.
_SHAPES = {"date": "YYYY-MM-DD", "since": "YYYY-MM-DD"}
_PATHS = {"file": "FILE", "directory": "FOLDER", "path": "PATH"}  # typer's path types, by name


class PlainArgument(TyperArgument):
    """An argument shown as its name in capitals (`ID`, `FILE`), in brackets when optional;
    typer would write `{ID}` in the usage line."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = (self.metavar or self.name or "").upper()
        if self.nargs != 1:
            var += "..."
        return f"[{var}]" if usage and not self.required and not var.startswith("[") else var


def plain_metavar(param: Any) -> None:
    """Give `param` a metavar that reads as a word: `N`, `0-10`, `TEXT`, `FILE`, `YYYY-MM-DD`."""
    if isinstance(param, TyperArgument):
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument
        return
    if param.metavar is not None and re.fullmatch(r"<[a-z ]+>", param.metavar):
        param.metavar = None  # Click's own notation, written out: a word instead
    if param.metavar is not None or getattr(param, "is_flag", False) or getattr(param, "count", 0):
        return
    kind = param.type
    if param.name in _SHAPES:
        param.metavar = _SHAPES[param.name]
    elif getattr(kind, "choices", None):
        return  # Click lists the choices
    elif isinstance(kind, click_types._NumberRangeBase) and None not in (kind.min, kind.max):
        param.metavar = f"{kind.min}-{kind.max}"
    elif isinstance(kind, (click_types.IntParamType, click_types._NumberRangeBase)):
        param.metavar = "N"
    elif isinstance(kind, click_types.FloatParamType):
        param.metavar = "NUMBER"
    elif kind.name in _PATHS:
        param.metavar = _PATHS[kind.name]
    else:
        param.metavar = "TEXT"


# A range Click adds to an option's help (`[default: 14; x>=1]`): the metavar says it in words.
_RANGE = re.compile(r"^(?:-?[\d.]+<=?)?x(?:[<>]=?-?[\d.]+)?$")


def first_sentence(help_: str) -> str:
    """The first sentence of a help text (up to 。 or ". "), whole: a long one wraps rather than
    being cut (a cut after 、 reads as a broken sentence). help.yaml's `short` keeps lists tidy."""
    first = help_.strip().split("\n\n")[0].replace("\n", " ")
    cut = re.search(r"。|\. ", first)
    return first[: cut.end()].strip() if cut else first


def click_words(lang: str) -> dict[str, str]:
    """Click's words for `lang` (empty for English: Click's own are English)."""
    if lang == DEFAULT_LANG:
        return {}
    group = words(lang).get("click")
    return {k: v for k, v in group.items() if isinstance(v, str)} if isinstance(group, dict) else {}


# ---- width: terminal cells, not characters ----------------------------------------------------

_NO_LINE_START = set("、。，．）」』】〕！？ー・：；…)]!?,.:;")


def cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def wrap_cells(line: str, width: int) -> list[str]:
    """One paragraph wrapped to `width` cells: between words in English, between characters in
    Japanese (no line starts with a closing mark)."""
    width = max(width, 10)
    tokens = re.findall(r" |[!-~]+|[^ -~]", line)  # ASCII words, spaces, one other character
    out: list[str] = []
    current = ""
    for token in tokens:
        if cells(current + token) > width and current.strip():
            carry = ""
            while token in _NO_LINE_START and current and not current[-1].isspace():
                carry, current = current[-1] + carry, current[:-1]  # no line starts with 。
                token = carry + token
                carry = ""
                if current.strip() and current[-1] not in _NO_LINE_START:
                    break
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        out.append(current.rstrip())
    return out or [""]


def wrap_paragraphs(text_: str, width: int, indent: str = "") -> str:
    lines: list[str] = []
    for paragraph in text_.split("\n\n"):
        if paragraph.startswith("\b\n"):  # as Click does: lines kept as they are
            lines += [*([""] if lines else []), *(indent + x for x in paragraph[2:].splitlines())]
            continue
        joined = " ".join(p.strip() for p in paragraph.splitlines())
        if lines:
            lines.append("")
        lines += [indent + part for part in wrap_cells(joined, width - len(indent))]
    return "\n".join(lines)


class HikiFormatter(HelpFormatter):
    """Click's help formatter with Click's words in the person's language, wrapped by cells."""

    words: dict[str, str] = {}

    def __init__(self, *args: Any, words: dict[str, str] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.words = words or {}

    def _w(self, key: str, default: str) -> str:
        return self.words.get(key, default)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and self.words:
            prefix = self._w("usage", "Usage:") + " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        names = {"Options": "options", "Arguments": "arguments", "Commands": "commands"}
        key = names.get(heading)
        super().write_heading(self._w(key, heading) if key else heading)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(name):
            yield

    def write_text(self, text_: str) -> None:
        if not self.words:
            return super().write_text(text_)
        self.write(wrap_paragraphs(text_, self.width, " " * self.current_indent) + "\n")

    def _extra(self, second: str) -> str:
        if second == "Show this message and exit.":
            return self._w("help_option", second)

        def bracket(match: re.Match[str]) -> str:
            parts = []
            for part in match.group(1).split("; "):
                if _RANGE.match(part):
                    continue
                if part.startswith("default: "):
                    part = self._w("default", "default: {value}").replace(
                        "{value}", part.removeprefix("default: ")
                    )
                elif part.startswith("env var: "):
                    part = self._w("env_var", "env var: {name}").replace(
                        "{name}", part.removeprefix("env var: ")
                    )
                elif part == "required":
                    part = self._w("required", part)
                parts.append(part)
            return "  [" + "; ".join(parts) + "]" if parts else ""

        pattern = r"\s*\[((?:default: |env var: |required|(?:-?[\d.]+<=?)?x[<>=])[^\]]*)\]$"
        return re.sub(pattern, bracket, second)

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(first, self._extra(second)) for first, second in rows]
        if not self.words:
            return super().write_dl(rows, col_max, col_spacing)
        first_col = min(max((cells(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_paragraphs(second, max(self.width - first_col - 2, 10)).splitlines()
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class HikiContext(typer.Context):
    """A click context whose help formatter speaks the root command's language."""

    def make_formatter(self) -> HelpFormatter:
        lang = getattr(self.find_root().command, "hiki_lang", DEFAULT_LANG)
        return HikiFormatter(
            width=self.terminal_width, max_width=self.max_content_width, words=click_words(lang)
        )


# ---- Click's errors ----------------------------------------------------------------------------

# Click's English error sentences (the click inside typer does not translate them), each read
# into the key of its words in messages.yaml (group `click`) and that key's parameters.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<suggestions>.+)\?)?", "no_command"),
    (r"No such option: (?P<name>\S+)(?: Did you mean (?P<suggestions>\S+)\?)?", "no_option"),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<suggestions>.+)\)", "no_option"),
    (r"Invalid value for (?P<name>.+?): '(?P<value>.*)' is not a valid (?P<type>\w+)\.",
     "not_valid"),
    (r"Invalid value for (?P<name>.+?): (?P<value>.+) is not in the range (?P<range>.+)\.",
     "not_in_range"),
    (r"Invalid value for (?P<name>.+?): '(?P<value>.*)' is not one of (?P<choices>.+)\.",
     "not_one_of"),
    (r"Invalid value for (?P<name>.+?): (?P<detail>.+)", "invalid_value"),
    (r"Missing option (?P<name>.+)\.", "missing_option"),
    (r"Missing argument (?P<name>.+)\.", "missing_argument"),
    (r"Missing parameter: (?P<name>.+)", "missing_argument"),
    (r"Missing command\.", "missing_command"),
    (r"Option (?P<name>.+) requires an argument\.", "needs_value"),
    (r"Option (?P<name>.+) requires (?P<count>\d+) arguments\.", "needs_values"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.+)\)", "extra_arguments"),
)  # fmt: skip


def error_text(lang: str, message: str) -> str:
    """Click's message in `lang`; a first line it does not know stays as Click wrote it."""
    first, sep, rest = message.partition("\n")
    for pattern, key in _ERRORS:
        found = re.fullmatch(pattern, first)
        if found is None:
            continue
        params = {k: v for k, v in found.groupdict().items() if v is not None}
        if "type" in params:  # Click's type name ("int", "float") in words a person uses
            named = text(lang, "_".join(("click.type", params["type"])))
            params["type"] = params["type"] if named.startswith("click.") else named
        first = text(lang, f"click.{key}", **params)
        if params.get("suggestions"):
            first += text(lang, "click.did_you_mean", suggestions=params["suggestions"])
        break
    return first + sep + rest


def _bound(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def range_text(lang: str, err: ClickException) -> str | None:
    """A number outside an option's range (Click writes `0<=x<=10`) as one sentence naming the
    flag and the range in words: "--mood: use a number from 0 to 10 (got 11).". None for any
    other error, and for an open bound on a decimal (no words for it: Click's sentence stays)."""
    param = getattr(err, "param", None)
    kind = getattr(param, "type", None)
    found = re.fullmatch(r"(?P<value>.+) is not in the range .+\.", err.message)
    if param is None or found is None or not isinstance(kind, click_types._NumberRangeBase):
        return None
    lo, hi = kind.min, kind.max
    if kind.min_open or kind.max_open:
        if not isinstance(kind, click_types.IntRange):
            return None
        lo = None if lo is None else lo + kind.min_open
        hi = None if hi is None else hi - kind.max_open
    opts = [o for o in param.opts if o.startswith("--")] or param.opts
    name = max(opts, key=len) if opts else param.human_readable_name
    key = {(True, True): "range_between", (True, False): "range_at_least"}.get(
        (lo is not None, hi is not None), "range_at_most"
    )
    lo_, hi_ = ("" if b is None else _bound(b) for b in (lo, hi))
    return text(lang, f"click.{key}", name=name, value=found["value"], lo=lo_, hi=hi_)


class LocalizedUsageError(UsageError):
    """Click's usage error shown in the person's language: usage, the hint, the error. A number
    out of range is one sentence in words and the hint (`range_text`), no `Usage:` line."""

    def __init__(self, err: ClickException, lang: str) -> None:
        super().__init__(err.format_message(), getattr(err, "ctx", None))
        self.exit_code = err.exit_code
        self.lang = lang
        self.sentence = range_text(lang, err)

    def format_message(self) -> str:
        return self.sentence or error_text(self.lang, self.message)

    def show(self, file: Any = None) -> None:
        from typer._click.utils import echo

        if self.sentence is not None:
            echo(self.sentence, file=file, err=file is None)
            if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
                hint = text(
                    self.lang,
                    "click.try_help",
                    command=self.ctx.command_path,
                    option=self.ctx.help_option_names[0],
                )
                echo(hint, file=file, err=file is None)
            return
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = text(
                    self.lang,
                    "click.try_help",
                    command=self.ctx.command_path,
                    option=self.ctx.help_option_names[0],
                )
                hint += "\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=file is None)
        error = text(self.lang, "click.error", message=self.format_message())
        echo(error, file=file, err=file is None)


def localized_error(err: ClickException, lang: str) -> ClickException:
    """The one place Click's errors are put into the person's words (English keeps Click's own,
    except a number out of range, which is a sentence in every language)."""
    if isinstance(err, LocalizedUsageError):
        return err
    if lang == DEFAULT_LANG and range_text(lang, err) is None:
        return err
    return LocalizedUsageError(err, lang)
