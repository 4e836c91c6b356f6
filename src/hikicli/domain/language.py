"""Which language hiki speaks, and how it knows: said on the first run, changeable at any time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

LANGUAGES = ("en", "ja")  # each has a folder content/<lang>/; English is the per-key fallback
DEFAULT = "en"
LANG_ENV = "HIKI_LANG"
# The country a language all but names, for the crisis lines when neither the setting nor the
# locale says one (a guess, said so on screen like a locale guess). English names none.
LANGUAGE_COUNTRY = {"ja": "JP"}


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    how: Literal["env", "setting", "locale", "default"]


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
