"""hiki's own words: content/<lang>/messages.yaml, read by key (`group.name`).

    text(lang, "history.empty", days=7)

The file is read with the strict YAML loader but without the models (pydantic costs ~150 ms;
errors and `--help` must stay fast), each language key by key over English; the catalog build,
`hiki content validate` and the tests check it against `MessagesContent`. Never raises: a broken
file falls back to English, a missing key to its English words, and an unknown key shows itself.
Importing this module lets `str(err)` of any HikiError read English (hikicli.errors.use_words).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from hikicli import errors

DEFAULT_LANG = "en"
_cache: dict[tuple[str, str, bool], dict[str, Any]] = {}
_cache_dir: list[Path] = []  # where parsed files are kept between runs (`use_cache`)


def use_cache(folder: Path) -> None:
    """Keep each file's words, once parsed, in `folder` (marshal, named by the file's path, size
    and time and hiki's version): a command then reads its help and messages without importing
    YAML (~20 ms) or parsing help.yaml (~10 ms). Derived from shipped files only: deleting it
    loses nothing."""
    _cache_dir[:] = [folder]


def _read(lang: str, name: str) -> dict[str, Any]:
    try:
        from hikicli.content.catalog import content_root

        path = content_root() / lang / f"{name}.yaml"
        try:
            st = path.stat()
        except FileNotFoundError:
            return {}
        kept = None
        if _cache_dir:
            import marshal
            import zlib

            from hikicli import __version__

            stamp = f"{path}:{st.st_size}:{st.st_mtime_ns}:{__version__}".encode()
            kept = _cache_dir[0] / f"words-{lang}-{name}-{zlib.crc32(stamp):08x}.marshal"
            try:
                cached = marshal.loads(kept.read_bytes())
                if isinstance(cached, dict):
                    return cached
            except (OSError, ValueError, EOFError, TypeError):
                pass
        data = _from_snapshot(lang, name, path, st.st_size)
        if data is None:
            from hikicli.content.yamlload import parse_file

            data = parse_file(path).data
            data = data if isinstance(data, dict) else {}
        if kept is not None:
            try:
                _keep(kept, data)
            except Exception:  # noqa: BLE001 (a read-only or full disk: the words still show)
                pass
        return data
    except Exception:  # words must never stop an error or the help from being shown
        return {}


SNAPSHOT = "words_snapshot.json"  # written by tools/gen_words_snapshot.py
SNAPSHOT_FILES = ("messages", "help")  # the files read here
_snapshot: list[dict[str, Any]] = []


def _from_snapshot(lang: str, name: str, path: Path, size: int) -> dict[str, Any] | None:
    """The file's words from the snapshot shipped with hiki, when it was made from exactly these
    bytes (CRC-32 and size); None otherwise, and the file is parsed. A new home has no parsed
    copy yet: this spares its first commands the YAML parser."""
    try:
        if not _snapshot:
            import json

            _snapshot.append(json.loads((Path(__file__).parent / SNAPSHOT).read_bytes()))
        kept = _snapshot[0].get(f"{lang}/{name}")
        if not isinstance(kept, dict) or kept.get("size") != size:
            return None
        import zlib

        data = kept.get("data")
        if zlib.crc32(path.read_bytes()) != kept.get("crc") or not isinstance(data, dict):
            return None
        return data
    except (OSError, ValueError):
        _snapshot[:] = [{}]
        return None


def _keep(path: Path, data: dict[str, Any]) -> None:
    """Write the parsed words (failing costs only time); an older copy of the file goes."""
    import marshal

    from hikicli.storage.files import atomic_write, ensure_private_dir

    if not path.parent.parent.is_dir():
        # hiki's folder does not exist yet (HIKI_HOME never used): a command that writes nothing
        # (`hiki hello --install`, `--help`) does not make it only to keep a cache
        return
    ensure_private_dir(path.parent)
    for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.marshal"):
        old.unlink()
    atomic_write(path, marshal.dumps(data))


def words(lang: str, name: str = "messages", merged: bool = True) -> dict[str, Any]:
    """The file `name` of `lang`, key by key over English (`merged=False`: only its own);
    read once per process."""
    cached = _cache.get((lang, name, merged))
    if cached is None:
        from hikicli.content.risk_content import merge_words

        cached = _read(lang, name)
        if merged and lang != DEFAULT_LANG:
            cached = merge_words(_read(DEFAULT_LANG, name), cached)
        _cache[(lang, name, merged)] = cached
    return cached


class _Keep(dict[str, Any]):
    """A placeholder without a value stays `{name}` rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: dict[str, Any]) -> str:
    """`{name}` placeholders only (no attribute or index lookups: a file cannot reach code)."""
    out = []
    for literal, field, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        if not field.isidentifier():
            out.append("{" + field + "}")
            continue
        value = _Keep(params)[field]
        try:
            out.append(format(value, spec or ""))
        except (TypeError, ValueError):
            out.append(str(value))
    return "".join(out)


def text(lang: str, key: str, /, **params: Any) -> str:
    """The words for `group.name` in `lang` (English when that language lacks the key)."""
    group, _, name = key.partition(".")
    for source in (words(lang), words(DEFAULT_LANG)):
        found = source.get(group)
        value = found.get(name) if isinstance(found, dict) else None
        if isinstance(value, str):
            return fill(value, params).strip()
    return key


def _render(lang: str, key: str, params: Any) -> str:
    return text(lang, key, **dict(params))


errors.use_words(_render)
