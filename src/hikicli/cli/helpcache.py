"""`hiki --help` (and `hiki help`), cached: the text is derived from the code and from the crisis
pointer in risk.yaml, so it is kept per version, terminal width, cli-code and risk.yaml state in the
cache folder and printed from there on later runs."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import zlib
from pathlib import Path


def _key() -> str:
    from hikicli import __version__

    cli = Path(__file__).parent
    stamp = ",".join(f"{e.name}:{e.stat().st_mtime_ns}" for e in sorted(cli.glob("*.py")))
    # The help ends with the crisis pointer from risk.yaml. Found as content.catalog.content_root
    # finds it (importing that module would cost ~20 ms on every cached run).
    content = cli.parent / "_content"
    if not content.is_dir():
        content = cli.parents[2] / "content"
    stamp += ",".join(f"{e}:{e.stat().st_mtime_ns}" for e in sorted(content.glob("*/risk.yaml")))
    width = os.environ.get("COLUMNS", "")
    if not width:
        try:
            width = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except (OSError, ValueError):
            width = "80"
    return f"{__version__}-{width}-{zlib.crc32(stamp.encode()):08x}"


def show_help(args: list[str]) -> int:
    from hikicli.storage.paths import Paths

    cache: Path | None = None
    try:
        cache = Paths.resolve().cache_dir / f"help-{_key()}.txt"
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
