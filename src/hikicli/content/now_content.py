"""The words of `hiki now`, loaded on their own: only now.yaml (the language's, key by key over
English), never the whole catalog or its cache, so no other content file can stand between a
person and this help, and nothing reads the profile's log."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from hikicli.domain.content_types import NowContent


def load_now(lang: str) -> NowContent:
    """The validated now.yaml for `lang` (raises ContentError, located, if it is broken)."""
    from hikicli.content.catalog import _files, _located, lang_dir
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located

    kind = kind_by_name("now")
    assert kind is not None
    folder = lang_dir(lang)
    [path] = _files(folder, kind)
    model = validate_located(_located(folder, path), kind, str(path))
    return cast("NowContent", model.model_dump(mode="json", by_alias=True))
