"""`hiki --help` (and `hiki help`), cached: the text is derived from the code, from help.yaml and
messages.yaml (the words, in the person's language) and from the crisis pointer in risk.yaml, so it
is kept per version, language, terminal width, cli-code and content state in the cache folder and
printed from there on later runs."""

from __future__ import annotations

import os
import sys
import zlib

TYPE_CHECKING = False  # a cached run imports os, sys, zlib and two small hiki modules only
if TYPE_CHECKING:
    from pathlib import Path


def _language(config_file: str) -> str:
    """The language `hiki --help` speaks, decided as AppContext.language() decides it (HIKI_LANG,
    the `language` setting, the locale), without loading the settings code (~10 ms)."""
    from hikicli.domain.language import LANG_ENV, LANGUAGES, choose_language

    forced = os.environ.get(LANG_ENV, "").strip().lower()
    if forced in LANGUAGES:
        return forced
    setting = ""
    try:
        with open(config_file, encoding="utf-8") as handle:
            text = handle.read()
        if "language" in text:  # tomllib (and the re it imports) only when it can matter
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover
                import tomli as tomllib

            value = tomllib.loads(text).get("language")
            setting = value if isinstance(value, str) else ""
    except (OSError, ValueError, ImportError):
        pass  # no settings yet (or unreadable): the locale decides, as it does for AppContext
    return choose_language(setting).code


def _stamps(folder: str, names: tuple[str, ...] | None = None) -> list[str]:
    """`name:mtime` of the .py files in `folder`, or of folder/*/NAME for each of `names`."""
    out: list[str] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return out
    for entry in entries:
        if names is None:
            if entry.name.endswith(".py"):
                out.append(f"{entry.name}:{entry.stat().st_mtime_ns}")
        elif entry.is_dir():
            for name in names:
                with_name = os.path.join(entry.path, name)
                try:
                    out.append(f"{with_name}:{os.stat(with_name).st_mtime_ns}")
                except OSError:
                    pass
    return out


def _key(config_file: str, profile: str) -> str:
    from hikicli import __version__

    cli = os.path.dirname(os.path.abspath(__file__))
    stamp = ",".join(_stamps(cli))
    # The help ends with the crisis pointer from risk.yaml. Found as content.catalog.content_root
    # finds it (importing that module would cost ~20 ms on every cached run).
    package = os.path.dirname(cli)
    content = os.path.join(package, "_content")
    if not os.path.isdir(content):
        content = os.path.join(os.path.dirname(os.path.dirname(package)), "content")
    stamp += ",".join(_stamps(content, ("help.yaml", "messages.yaml", "risk.yaml")))
    width = os.environ.get("COLUMNS", "")
    if not width:
        try:
            width = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except (OSError, ValueError):
            width = "80"
    # the profile too: the help's crisis pointer names it (`hiki --profile mum crisis`)
    stamp += f",{profile}"
    return f"{__version__}-{_language(config_file)}-{width}-{zlib.crc32(stamp.encode()):08x}"


def show_help(args: list[str]) -> int:
    from hikicli.storage.roots import DEFAULT_PROFILE, config_file, roots

    cache: str | None = None
    try:
        _, config_root, cache_root = roots()
        profile = os.environ.get("HIKI_PROFILE") or DEFAULT_PROFILE
        key = _key(config_file(config_root, profile), profile)
        cache = os.path.join(cache_root, f"help-{key}.txt")
        with open(cache, encoding="utf-8") as handle:
            sys.stdout.write(handle.read())
        return 0
    except (OSError, ValueError):
        pass  # not cached yet (or no cache folder): render it
    import contextlib
    import io
    from pathlib import Path

    from hikicli.cli.app import run

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = run(args)
    text = buffer.getvalue()
    sys.stdout.write(text)
    if code == 0 and cache is not None:
        _store(Path(cache), text)
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
