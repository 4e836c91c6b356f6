"""The content catalog: every YAML file of one language, validated once and cached.

Validation (pydantic) is slow to import and run, so the validated catalog is kept as a marshal
file keyed by the content files' names, sizes and mtimes, by hiki's version, the log schema version
and a fingerprint of the code that validates (`CODE`, see hikicli/versions.py). Commands on the
hot path (the dashboard) read that plain-dict cache and never import pydantic.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from hikicli.content.registry import KINDS, Kind
from hikicli.errors import ContentError
from hikicli.versions import PACKAGE, cache_key

if TYPE_CHECKING:
    from hikicli.content.yamlload import Located
    from hikicli.domain.content_types import CatalogContent

DEFAULT_LANG = "en"
# The code a cached catalog depends on: the loader and models (content/) and the domain values
# the models read (e.g. the safety plan's sections). A change to any of them rebuilds the cache.
CODE: tuple[Path, ...] = (PACKAGE / "content", PACKAGE / "domain")


def content_root() -> Path:
    """The shipped content: inside the installed package, or the source tree's `content/`."""
    # The wheel puts content/ inside the package as `_content` (a plain folder: no zip installs).
    packaged = Path(__file__).resolve().parents[1] / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "content"


def lang_dir(lang: str) -> Path:
    root = content_root()
    folder = root / lang
    return folder if folder.is_dir() else root / DEFAULT_LANG


def _signature(folder: Path) -> str:
    # A change detector, not a security check: crc32 is enough and hashlib costs 3 ms to import.
    key = f"{cache_key(CODE)}|{folder}"  # hiki's version, log schema, the models' code
    # This language's files, English (the per-key fallback) and the shared data files.
    files = [*folder.rglob("*.yaml"), *folder.parent.glob("*.yaml")]
    if folder.name != DEFAULT_LANG:
        files += (folder.parent / DEFAULT_LANG).rglob("*.yaml")
    for path in sorted(files):
        st = path.stat()
        key += f"|{path}|{st.st_size}|{st.st_mtime_ns}"
    return f"{zlib.crc32(key.encode()):08x}{len(key):x}"


class Catalog(dict[str, Any]):
    """The validated content by kind. A kind whose files are broken is left out and raises its
    located problems when it is used, so one bad guide stops only `hiki guide`, never the
    check-in or crisis help."""

    def __init__(self, data: dict[str, Any], broken: dict[str, list[str]] | None = None) -> None:
        super().__init__(data)
        self.broken = broken or {}

    def __missing__(self, key: str) -> Any:
        if key in self.broken:
            raise ContentError(self.broken[key])
        raise KeyError(key)

    def problems(self) -> list[str]:
        return [p for kind in self.broken.values() for p in kind]

    def typed(self) -> CatalogContent:
        """This catalog read through its types (hikicli.domain.content_types, generated from the
        models): `catalog.typed()["ui"]["welcome"]` is a `str` to mypy, a typo'd key an error.
        The same object, so a broken kind still raises its problems when it is read."""
        return cast("CatalogContent", self)


def build_catalog(folder: Path) -> dict[str, Any]:
    """Parse and validate every file; raise ContentError listing all problems."""
    catalog = build_partial(folder)
    if catalog.broken:
        raise ContentError(catalog.problems())
    return dict(catalog)


def _files(folder: Path, kind: Kind) -> list[Path]:
    """The files of a kind for this language: its own, and English for any it lacks (a language
    can ship before every file is written; instruments stay English until an official
    translation's wording is in the reference)."""
    english = folder.parent / DEFAULT_LANG
    if kind.folder:
        own = {p.name: p for p in (folder / kind.name).glob("*.yaml")}
        if folder.name != DEFAULT_LANG:
            for path in (english / kind.name).glob("*.yaml"):
                own.setdefault(path.name, path)
        return [own[name] for name in sorted(own)]
    path = folder / f"{kind.name}.yaml"
    if not path.exists() and folder.name != DEFAULT_LANG:
        return [english / path.name]
    return [path]


def _located(folder: Path, file: Path) -> Located:
    """A language's file read key by key over its English original (per-key fallback)."""
    from hikicli.content.yamlload import parse_file

    located = parse_file(file)
    if folder.name == DEFAULT_LANG or file.is_relative_to(folder.parent / DEFAULT_LANG):
        return located
    original = folder.parent / DEFAULT_LANG / file.relative_to(folder)
    if not original.exists():
        return located
    from hikicli.content.risk_content import merge_words
    from hikicli.content.yamlload import Located

    return Located(merge_words(parse_file(original).data, located.data), located.marks)


def build_partial(folder: Path) -> Catalog:
    """Parse and validate every file; a broken kind is kept aside with its problems."""
    from hikicli.content.validate import validate_located

    catalog: dict[str, Any] = {}
    broken: dict[str, list[str]] = {}
    for kind in KINDS:
        problems: list[str] = []
        if kind.shared:
            continue  # read by the kind that builds on it
        if kind.builder == "crisis":
            from hikicli.content.risk_content import build_crisis

            try:
                catalog[kind.name] = build_crisis(folder.name)
            except ContentError as err:
                broken[kind.name] = err.problems
            continue
        files = _files(folder, kind)
        if kind.folder:
            catalog[kind.name] = {}
        if kind.required and not all(f.exists() for f in files) or (kind.folder and not files):
            if kind.required:
                broken[kind.name] = [f"{folder / kind.name}: missing content ({kind.name})"]
                catalog.pop(kind.name, None)
            continue
        for file in files:
            try:
                model = validate_located(_located(folder, file), kind, str(file))
            except ContentError as err:
                problems.extend(err.problems)
                continue
            data = model.model_dump(mode="json", by_alias=True)  # e.g. "from" in open slots
            if kind.folder:
                if data["id"] in catalog[kind.name]:
                    problems.append(f"{file}: duplicate id '{data['id']}'")
                catalog[kind.name][data["id"]] = data
            else:
                catalog[kind.name] = data
        if problems:
            broken[kind.name] = problems
            catalog.pop(kind.name, None)
    return Catalog(catalog, broken)


def load_catalog(lang: str = DEFAULT_LANG, cache_dir: Path | None = None) -> Catalog:
    """The validated catalog as plain dicts, from the cache when the files have not changed."""
    folder = lang_dir(lang)
    cache_file = None
    if cache_dir is not None:
        cache_file = cache_dir / f"content-{folder.name}-{_signature(folder)}.marshal"
        try:
            data = marshal.loads(cache_file.read_bytes())
            # A cache that parses but lacks a kind (damaged, or written by other code) is rebuilt.
            wanted = [k.name for k in KINDS if not k.shared]
            if isinstance(data, dict) and all(isinstance(data.get(k), dict) for k in wanted):
                return Catalog(data)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    catalog = build_partial(folder)
    if cache_file is not None and not catalog.broken:
        _write_cache(cache_file, dict(catalog))
    return catalog


def _write_cache(cache_file: Path, catalog: dict[str, Any]) -> None:
    # The cache holds only shipped content (nothing private); failing to write it costs only time.
    from hikicli.errors import StorageError
    from hikicli.storage.files import atomic_write

    try:
        for old in cache_file.parent.glob(cache_file.name.rsplit("-", 1)[0] + "-*.marshal"):
            old.unlink()
        atomic_write(cache_file, marshal.dumps(catalog))
    except (OSError, StorageError):
        pass
