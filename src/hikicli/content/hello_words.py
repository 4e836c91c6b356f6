"""The words of `hiki hello`, read without the YAML loader (it costs a shell start ~15 ms).

They live in content/<lang>/messages.yaml, group `hello`, like every other message, and are
validated with it. This reader takes one key's value from that group when it is written as one
double-quoted line (`  line: "..."`) with no escapes; a test checks that it reads exactly what the
YAML loader reads, for every language. Anything else reads as None (the caller falls back).
"""

from __future__ import annotations

import os

# content/catalog.py content_root(): inside the installed package, or the source tree's content/
_HERE = os.path.dirname(os.path.abspath(__file__))
_ROOTS = (
    os.path.join(os.path.dirname(_HERE), "_content"),
    os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(_HERE))), "content"),
)


def content_root() -> str:
    return _ROOTS[0] if os.path.isdir(_ROOTS[0]) else _ROOTS[1]


def hello_word(lang: str, key: str) -> str | None:
    """`hello.<key>` in `lang`, else in English."""
    for code in (lang, "en") if lang != "en" else ("en",):
        found = _scan(os.path.join(content_root(), code, "messages.yaml"), key)
        if found is not None:
            return found
    return None


def _scan(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    start = text.find("\nhello:\n")
    if start < 0:
        return None
    for line in text[start + 8 :].splitlines():
        if line and not line.startswith((" ", "#")):
            break  # the next group
        name, sep, value = line.strip().partition(": ")
        if sep and name == key:
            value = value.strip()
            plain = len(value) >= 2 and value[0] == value[-1] == '"'
            inner = value[1:-1]
            return inner if plain and '"' not in inner and "\\" not in inner else None
    return None
