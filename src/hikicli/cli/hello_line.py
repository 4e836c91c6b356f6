"""`hiki hello` alone: at most one short line a day, for a shell's start file.

The entry point calls `hello()` directly (no typer, no YAML, no JSON: it runs at every shell
start). It prints today's line unless the line was shown today already, today's check-in is
done, or `hello.muted` is on; and then nothing at all. It never asks for anything, never reads
an encrypted log (an encrypted profile gets the day's one general line) and never fails: a shell
must start whatever happens here. `hiki hello --json`, `--install` and `--mute` are the typer
command (cli/hello.py), which decides with the same `decide()`.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from hikicli.storage.hello import HelloPlace

LANGUAGES = ("en", "ja")  # domain/language.py LANGUAGES (a test checks they agree)


def language(environ: Mapping[str, str], setting: str | None) -> str:
    """domain/language.py `choose_language`, without its imports (a test checks they agree)."""
    forced = environ.get("HIKI_LANG", "").strip().lower()
    if forced in LANGUAGES:
        return forced
    if setting in LANGUAGES:
        return str(setting)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in environ.get(var, "").split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                break
    return "en"


def decide(place: HelloPlace, today: str) -> str:
    """`show`, or why not: `muted`, `shown` (today already), `done` (today's check-in)."""
    settings = place.settings()
    if settings.get("hello.muted") == "true":
        return "muted"
    if place.shown_on() == today:
        return "shown"
    if not place.encrypted() and place.checked_in(today):
        return "done"
    return "show"


def words(place: HelloPlace, lang: str) -> str | None:
    """Today's line: the person's check-in, or in a family member's profile their own check-in
    and the family lessons, each command naming the profile (`hiki --profile mum family`)."""
    from hikicli.content.hello_words import hello_word

    if not place.family():
        return hello_word(lang, "line")
    line = hello_word(lang, "line_family")
    name = place.profile()  # domain/family.py hiki_command, without its import
    command = "hiki" if name == "default" else f"hiki --profile {name}"
    return line.replace("{hiki}", command) if line else None


def hello(place: HelloPlace | None = None, lang: str | None = None) -> int:
    """Print today's line when it is due, and note that it was shown. Always exit 0. Without
    `place`, the profile is HIKI_PROFILE's under HIKI_HOME (or the platform's folders)."""
    try:
        from hikicli.storage.hello import HelloPlace

        if place is None:
            place = HelloPlace.from_env(os.environ)
        today = time.strftime("%Y-%m-%d")
        if decide(place, today) != "show":
            return 0
        if lang is None:
            lang = language(os.environ, place.settings().get("language"))
        line = words(place, lang)
        if not line:
            return 0
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        place.mark_shown(today)
    except Exception:  # a shell start must never fail here; the line simply is not said
        return 0
    return 0
