"""The installed `hiki` in a real pseudo-terminal at 80×24, read back through a terminal emulator
(pyte): what the person actually sees on the screen when the command ends, not what was printed."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

DOWN = "\x1b[B"
SPACE = " "
ENTER = "\r"
CTRL_C = "\x03"
COLS, ROWS = 80, 24


@dataclass
class Terminal:
    """One hiki process in an 80×24 terminal. `expect` waits for text in the output; `screen`
    is what the emulator shows (the last 24 rows)."""

    child: Any
    stream: Any
    screen_: Any
    seen: list[str] = field(default_factory=list)

    def _pump(self) -> None:
        data = self.child.before or ""
        if isinstance(self.child.after, str):
            data += self.child.after
        self.stream.feed(data)
        self.seen.append(data)

    def expect(self, pattern: str, timeout: float = 20) -> None:
        self.child.expect(pattern, timeout=timeout)
        self._pump()

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self, timeout: float = 20) -> int:
        self.child.expect(pexpect.EOF, timeout=timeout)
        self._pump()
        # The terminal is closed: wait for the exit status rather than sleep 0.1 s and poll, as
        # pexpect's close() does (the suite's pexpect would sleep a minute in all).
        self.child.wait()
        self.child.ptyproc.delayafterclose = 0
        self.child.close()
        status: int = self.child.exitstatus if self.child.exitstatus is not None else -1
        return status

    def screen(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen_.display)


def hiki_exe() -> tuple[str, list[str]]:
    exe = shutil.which("hiki", path=str(Path(sys.executable).parent)) or shutil.which("hiki")
    return (exe, []) if exe else (sys.executable, ["-m", "hikicli"])


_CACHE: list[Path] = []


def seed_content_cache(home: Path) -> None:
    """Put the content cache (shipped text only, en and ja) into a fresh home, as any earlier
    `hiki` run would have left it: the child then reads it instead of parsing all the YAML (a
    third of a second of CPU a process). Built once per worker; a home that has one keeps it."""
    import atexit
    import tempfile

    from hikicli.content.catalog import load_catalog

    if not _CACHE:
        folder = Path(tempfile.mkdtemp(prefix="hiki-test-content-"))
        atexit.register(shutil.rmtree, folder, True)
        for lang in ("en", "ja"):
            load_catalog(lang, folder)
        _CACHE.append(folder)
    target = home / "cache"
    if target.is_dir() and any(target.glob("content-*.marshal")):
        return
    for folder in (home, target):  # as hiki makes them: 0700, the file 0600
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
    for built in _CACHE[0].glob("content-*.marshal"):
        shutil.copyfile(built, target / built.name)
        (target / built.name).chmod(0o600)


def _ctrl_c_as_a_person_has_it() -> None:
    """In the child, before hiki starts: Ctrl-C interrupts, as in a person's shell. A suite run
    in the background of a shell without job control (`pytest &`) inherits SIGINT ignored, and
    then a Ctrl-C at a plain `input()` (the crisis screen's "more" step) was never seen."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args: list[str], home: Path, env: dict[str, str] | None = None) -> Terminal:
    command, prefix = hiki_exe()
    seed_content_cache(home)
    full_env = {
        **os.environ,
        "TERM": "xterm",
        "HIKI_HOME": str(home),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect never answers the cursor-position query
        "COLUMNS": str(COLS),
        "LINES": str(ROWS),
        **(env or {}),
    }
    full_env.pop("HIKI_PROFILE", None)
    full_env.pop("HIKI_PASSPHRASE", None) if env is None or "HIKI_PASSPHRASE" not in env else None
    child = pexpect.spawn(
        command, [*prefix, *args], env=full_env, encoding="utf-8", timeout=20,
        dimensions=(ROWS, COLS), preexec_fn=_ctrl_c_as_a_person_has_it,
    )  # fmt: skip
    screen = pyte.Screen(COLS, ROWS)
    return Terminal(child, pyte.Stream(screen), screen)
