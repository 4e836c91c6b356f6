"""One text of a content section picked by a key known only at run time.

A section of the catalog is a TypedDict (hikicli.domain.content_types): mypy checks every key
written in the code, but not one made at run time (a step's status, a try's result, a plan's
section). `word(texts, key)` reads such a key and still gives a `str`.
"""

from __future__ import annotations

from collections.abc import Mapping


def word(texts: Mapping[str, object], key: str) -> str:
    """`texts[key]`, a text (KeyError when the section has no such text)."""
    text = texts[key]
    if not isinstance(text, str):
        raise KeyError(key)
    return text


def with_help(item: Mapping[str, object], frame: str) -> str:
    """A question's prompt, and its hint in the language's brackets (`frame`, a `with_help`
    text: "{prompt} ({help})", 「{prompt}（{help}）」) when it has one."""
    if not item.get("help"):
        return str(item["prompt"])
    return frame.format(prompt=item["prompt"], help=item["help"])
