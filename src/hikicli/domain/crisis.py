"""Choosing and ordering crisis resources. Text and chat come first: many people avoid the phone."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

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


def _rank(line: dict[str, Any]) -> tuple[int, int]:
    # Text and chat before phone (many people in withdrawal avoid calls); within a channel,
    # confirmed lines first. An unconfirmed line always carries its label.
    best = min(CHANNEL_ORDER.index(c) for c in line["channels"])
    return (best, 1 if line["status"] != "confirmed" else 0)


def crisis_view(
    crisis: dict[str, Any], ui: dict[str, str], country: str, today: dt.date
) -> dict[str, Any]:
    entry = crisis["countries"].get(country)
    lines = sorted(entry["lines"], key=_rank) if entry else []
    lines = lines + [crisis["directory"]]
    shown = []
    for line in lines:
        warnings = []
        if line["status"] != "confirmed":
            warnings.append(ui["crisis_unconfirmed"])
        checked = dt.date.fromisoformat(str(line["verified_on"]))
        if (today - checked).days > STALE_DAYS:
            warnings.append(ui["crisis_stale"])
        shown.append({**line, "warnings": warnings})
    return {
        "country": country if entry else None,
        "country_name": entry["name"] if entry else None,
        "intro": ui["crisis_intro"],
        "emergency": entry["emergency"] if entry else crisis["default_emergency"],
        "lines": shown,
        "check_official": ui["crisis_check_official"],
        # Asked for a country hiki has no lines for: say so, instead of silently going general.
        "not_stored": ui["crisis_not_stored"].format(country=country)
        if country and not entry
        else None,
    }
