"""Typed errors. Raise them anywhere; only the exit point (`hikicli.cli.outcome.report`) turns them
into a message and an exit code, so wording and codes live in one place.

An error carries a message key and its parameters, never English:
`UsageError("checkin.scale_range", flag="mood", value=11)`. The words are in
content/<lang>/messages.yaml and are rendered in the person's language at the exit point;
`str(err)` is the English text (for tests and logs). A message given as a whole sentence (a key
has no spaces) is still accepted from code not yet moved (tests/english_baseline.txt).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

# A message key: `group.name`, the group a feature (messages.yaml), the name lowercase.
KEY = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")

# (language, key, params) -> text. Installed by hikicli.content.messages when it is imported (the
# words are content, which lies above this module); until then a key shows as itself.
Words = Callable[[str, str, Mapping[str, Any]], str]
_words: Words | None = None


def use_words(words: Words) -> None:
    global _words
    _words = words


def is_key(text: str) -> bool:
    return KEY.fullmatch(text) is not None


class Msg:
    """A message by key, for a parameter that is itself words (a reason inside an error)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        return render(lang, self.key, self.params)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.params!r})"


def render(lang: str, key: str, params: Mapping[str, Any]) -> str:
    """The words for `key` in `lang`; parameters that are words themselves in the same language."""
    values = {k: _words_of(lang, v) for k, v in params.items()}
    if _words is None:
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        return f"{key}({shown})" if shown else key
    return _words(lang, key, values)


def _words_of(lang: str, value: Any) -> Any:
    """A parameter that is words (a Msg, an error, or a list of them: joined) in `lang`."""
    if isinstance(value, (Msg, HikiError)):
        return value.render(lang)
    if isinstance(value, list) and any(isinstance(v, Msg) for v in value):
        sep = render(lang, "content.problem_sep", {}) if _words is not None else "; "
        return sep.join(str(_words_of(lang, v)) for v in value)
    return value


class HikiError(Exception):
    """An error the user can act on: a message key and its parameters (see the module)."""

    exit_code = 2

    def __init__(self, key: str | Msg = "", /, **params: Any) -> None:
        if isinstance(key, Msg):  # a message built elsewhere (storage.files.describe_os_error)
            params = {**key.params, **params}
            key = key.key
        super().__init__(key)
        self.key: str | None = key if is_key(key) else None
        self.text = "" if self.key else key  # a sentence not yet moved to the catalog
        self.params = params

    def message(self, lang: str) -> str:
        """The whole message (one or two lines) in `lang`."""
        if self.key is None:
            return self.text
        return render(lang, self.key, self.params)

    def render(self, lang: str) -> str:
        return self.message(lang)

    def __str__(self) -> str:
        return self.message("en")


class UsageError(HikiError):
    """Bad input on the command line: a value out of range, a missing flag, an unknown id."""


class NeedsTerminal(UsageError):
    """An interactive flow was started without a terminal and without the flags that replace it."""


class ContentError(HikiError):
    """A content, homework or instrument file is invalid. Carries every located problem.

    A problem is a sentence or a `Msg` (rendered in the person's language); `problems` reads
    them in English, `items` keeps them as given (to pass on to another ContentError)."""

    def __init__(self, problems: list[str] | list[str | Msg] | list[Msg]) -> None:
        self.items: list[str | Msg] = list(problems)
        super().__init__("\n".join(map(str, self.items)) if self.items else "")

    @property
    def problems(self) -> list[str]:
        return [str(p) for p in self.items]

    def message(self, lang: str) -> str:
        return "\n".join(p.render(lang) if isinstance(p, Msg) else p for p in self.items)


class StorageError(HikiError):
    """The data folder or a file in it cannot be read or written."""


class Cancelled(HikiError):
    """The user pressed Ctrl-C or Escape during a flow; nothing was saved."""

    exit_code = 130
