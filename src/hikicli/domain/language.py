"""Which language hiki speaks, and how it knows: said on the first run, changeable at any time."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not `from typing import ...`: `hiki --help` reads this module, ~8 ms
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Literal

    How = Literal["env", "setting", "locale", "default"]

LANGUAGES = ("en", "ja")  # each has a folder content/<lang>/; English is the per-key fallback
DEFAULT = "en"
LANG_ENV = "HIKI_LANG"
# The country a language all but names, for the crisis lines when neither the setting nor the
# locale says one (a guess, said so on screen like a locale guess). English names none.
LANGUAGE_COUNTRY = {"ja": "JP"}


class LanguageChoice:
    """The language picked and how it was found (said on the first run). A plain class, not a
    dataclass: `hiki --help` must not import dataclasses (and inspect, ~10 ms)."""

    __slots__ = ("code", "how")

    def __init__(self, code: str, how: How) -> None:
        self.code = code
        self.how: How = how

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LanguageChoice):
            return NotImplemented
        return (self.code, self.how) == (other.code, other.how)

    def __hash__(self) -> int:
        return hash((self.code, self.how))

    def __repr__(self) -> str:
        return f"LanguageChoice({self.code!r}, {self.how!r})"


def locale_language(environ: Mapping[str, str]) -> str | None:
    """'ja_JP.UTF-8' -> 'ja' when hiki speaks it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in order)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                break  # the person's first choice is a language hiki does not speak yet
    return None


def choose_language(
    setting: str | None, environ: Mapping[str, str] | None = None
) -> LanguageChoice:
    """HIKI_LANG, else the `language` setting, else the locale, else English."""
    env = os.environ if environ is None else environ
    forced = env.get(LANG_ENV, "").strip().lower()
    if forced in LANGUAGES:
        return LanguageChoice(forced, "env")
    if setting and setting in LANGUAGES:
        return LanguageChoice(setting, "setting")
    found = locale_language(env)
    if found:
        return LanguageChoice(found, "locale")
    return LanguageChoice(DEFAULT, "default")
