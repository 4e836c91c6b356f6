"""`hiki --help` (and `hiki help`), cached: the text is derived from the code, from help.yaml and
messages.yaml (the words, in the person's language) and from the crisis pointer in risk.yaml, so it
is kept per version, language, terminal width, cli-code and content state in the cache folder and
printed from there on later runs."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hikicli.storage.paths import Paths


def _language(paths: Paths) -> str:
    """The language `hiki --help` speaks, decided as AppContext.language() decides it (HIKI_LANG,
    the `language` setting, the locale), without loading the settings code (~10 ms)."""
    from hikicli.domain.language import LANG_ENV, LANGUAGES, choose_language

    forced = os.environ.get(LANG_ENV, "").strip().lower()
    if forced in LANGUAGES:
        return forced
    setting = ""
    try:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib

        value = tomllib.loads(paths.config_file.read_text(encoding="utf-8")).get("language")
        setting = value if isinstance(value, str) else ""
    except (OSError, ValueError, ImportError):
        pass  # no settings yet (or unreadable): the locale decides, as it does for AppContext
    return choose_language(setting).code


def _key(paths: Paths) -> str:
    from hikicli import __version__

    cli = Path(__file__).parent
    stamp = ",".join(f"{e.name}:{e.stat().st_mtime_ns}" for e in sorted(cli.glob("*.py")))
    # The help ends with the crisis pointer from risk.yaml. Found as content.catalog.content_root
    # finds it (importing that module would cost ~20 ms on every cached run).
    content = cli.parent / "_content"
    if not content.is_dir():
        content = cli.parents[2] / "content"
    words = [
        *content.glob("*/risk.yaml"),
        *content.glob("*/help.yaml"),
        *content.glob("*/messages.yaml"),
    ]
    stamp += ",".join(f"{e}:{e.stat().st_mtime_ns}" for e in sorted(words))
    width = os.environ.get("COLUMNS", "")
    if not width:
        try:
            width = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except (OSError, ValueError):
            width = "80"
    # the profile too: the help's crisis pointer names it (`hiki --profile mum crisis`)
    stamp += f",{paths.profile}"
    return f"{__version__}-{_language(paths)}-{width}-{zlib.crc32(stamp.encode()):08x}"


def show_help(args: list[str]) -> int:
    from hikicli.storage.paths import Paths

    cache: Path | None = None
    try:
        paths = Paths.resolve(profile=os.environ.get("HIKI_PROFILE") or "default")
        cache = paths.cache_dir / f"help-{_key(paths)}.txt"
        sys.stdout.write(cache.read_text(encoding="utf-8"))
        return 0
    except (OSError, ValueError):
        pass  # not cached yet (or no cache folder): render it
    from hikicli.cli.app import run

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = run(args)
    text = buffer.getvalue()
    sys.stdout.write(text)
    if code == 0 and cache is not None:
        _store(cache, text)
    return code


def _store(cache: Path, text: str) -> None:
    from hikicli.errors import StorageError
    from hikicli.storage.files import atomic_write

    try:
        for old in cache.parent.glob("help-*.txt"):
            old.unlink()
        atomic_write(cache, text.encode("utf-8"))
    except (OSError, StorageError):
        pass  # a cache we cannot write only costs time
