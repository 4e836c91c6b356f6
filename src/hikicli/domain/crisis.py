"""Choosing and ordering crisis resources. Text and chat come first: many people avoid the phone."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from hikicli.domain.language import LANGUAGE_COUNTRY

if TYPE_CHECKING:
    from hikicli.domain.content_types import CrisisContent, CrisisLine, CrisisScreenTexts

CHANNEL_ORDER = ("text", "chat", "email", "web", "phone")
STALE_DAYS = 365


def locale_country(environ: dict[str, str] | None = None) -> str | None:
    """'ja_JP.UTF-8' -> 'JP'. Reads the environment only (the locale module is slow to import)."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        part = value.split(".")[0].split("@")[0]
        if "_" in part:
            code = part.split("_")[1]
            if len(code) == 2 and code.isalpha():
                return code.upper()
    return None


@dataclass(frozen=True)
class CountryChoice:
    """Which country's lines to show, and how hiki knows: said plainly on screen when guessed."""

    code: str | None
    how: Literal["flag", "setting", "locale", "none"]


def resolve_country(
    flag: str | None,
    setting: str | None,
    environ: dict[str, str] | None = None,
    language: str | None = None,
) -> CountryChoice:
    """The flag, else the setting, else a guess from the locale, else a guess from the language
    hiki speaks (Japanese: Japan), each guess said so on screen, else none."""
    if flag and flag.strip():
        return CountryChoice(flag.strip().upper(), "flag")
    if setting and setting.strip():
        return CountryChoice(setting.strip().upper(), "setting")
    guess = locale_country(environ)
    if guess:
        return CountryChoice(guess, "locale")
    if language and language in LANGUAGE_COUNTRY:
        return CountryChoice(LANGUAGE_COUNTRY[language], "locale")
    return CountryChoice(None, "none")


def _rank(line: CrisisLine) -> tuple[int, int]:
    # Text and chat before phone (many people in withdrawal avoid calls); within a channel,
    # confirmed lines first. An unconfirmed line always carries its label.
    best = min(CHANNEL_ORDER.index(c) for c in line["channels"])
    return (best, 1 if line["status"] != "confirmed" else 0)


def country_list(crisis: CrisisContent) -> str:
    """The countries hiki holds lines for, as "Australia (AU), Canada (CA), …"."""
    countries = crisis["countries"]
    return ", ".join(f"{countries[code]['name']} ({code})" for code in sorted(countries))


def crisis_view(
    crisis: CrisisContent,
    texts: CrisisScreenTexts,
    country: str | CountryChoice,
    today: dt.date,
) -> dict[str, Any]:
    """Everything `hiki crisis` shows, as data (its `--json`). `country` is a code (as asked) or
    the CountryChoice, so a guess from the locale, or no country at all, is said plainly."""
    if isinstance(country, CountryChoice):
        choice = country
    else:
        choice = CountryChoice(
            country.strip().upper() or None, "flag" if country.strip() else "none"
        )
    code = choice.code or ""
    entry = crisis["countries"].get(code)
    lines = sorted(entry["lines"], key=_rank) if entry else []
    lines = lines + [crisis["directory"]]
    shown: list[dict[str, Any]] = []
    for line in lines:
        warnings = []
        if line["status"] != "confirmed":
            warnings.append(texts["unconfirmed"])
        checked = dt.date.fromisoformat(str(line["verified_on"]))
        if (today - checked).days > STALE_DAYS:
            warnings.append(texts["stale"])
        shown.append({**line, "warnings": warnings})
    names = country_list(crisis)
    codes = ", ".join(sorted(crisis["countries"]))
    # Asked for a country hiki has no lines for: say so, instead of silently going general.
    not_stored = None
    if code and entry is None:
        not_stored = texts["not_stored"].format(country=code, countries=names)
    note: str | None = None  # how hiki knows the country, when it is not the person's own choice
    if not code:
        note = texts["country_unknown"].format(countries=names)
    elif entry is None:
        note = not_stored
        if choice.how == "locale":
            note = texts["country_guessed_not_stored"].format(country=code, countries=names)
    elif choice.how == "locale":
        note = texts["country_guessed"].format(
            country_name=entry["name"], countries=names, codes=codes
        )
    return {
        "country": code if entry else None,
        "country_name": entry["name"] if entry else None,
        # How hiki knows the country in "country": flag, setting, locale (a guess), or none.
        "country_from": choice.how if entry else "none",
        "country_note": note,
        "countries": sorted(crisis["countries"]),
        "intro": texts["intro"],
        "emergency": entry["emergency"] if entry else crisis["default_emergency"],
        "lines": shown,
        "check_official": texts["check_official"],
        "not_stored": not_stored,
    }
