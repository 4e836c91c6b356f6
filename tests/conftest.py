from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.content import catalog
from hikicli.storage.paths import Paths
from tests.support import FIXED_NOW, ScriptedPrompter


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test can touch a real user's data: HIKI_HOME always points at a temp folder."""
    home = tmp_path / "hiki-home"
    monkeypatch.setenv("HIKI_HOME", str(home))
    monkeypatch.delenv("HIKI_PROFILE", raising=False)
    # Wide output so assertions are not split by wrapping; 80-column tests set their own width.
    monkeypatch.setenv("COLUMNS", "200")
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def fresh_console() -> Any:
    """rich's console is cached per process with the width it saw first: a test that sets
    COLUMNS must not leave its width to the next test in the same worker."""
    from hikicli.cli.render import console

    console.cache_clear()
    yield
    console.cache_clear()


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def make_ctx(home: Path) -> Callable[..., AppContext]:
    def make(
        prompter: ScriptedPrompter | None = None,
        now: dt.datetime = FIXED_NOW,
        interactive: bool = False,
        profile: str = "default",
    ) -> AppContext:
        return AppContext(
            Paths.resolve(home, profile),
            prompter=prompter,
            clock=lambda: now,
            interactive=interactive,
        )

    return make


# typer builds the click command tree from the app on every CliRunner.invoke (a third of a second
# of CPU: every command's signature read again). A real `hiki` builds it once per process; the
# in-process tests do the same, once per worker. Each run still sets its own language's help on it
# (HikiGroup.main -> apply_help), so no language is left over from the test before.
typer.testing._get_command = functools.cache(typer.main.get_command)  # type: ignore[attr-defined]


def _built_once() -> None:
    """Every test has its own HIKI_HOME, so the content cache in it is empty and each test would
    parse and validate all the YAML again (half a second a language). The catalog is built once
    per worker for each signature the cache file is named by (the files' sizes and times, the
    code, the folder): what the code does with the cache file is unchanged, and a test that edits
    a file or points at a copy gets a new build. Each caller gets its own copy."""
    import marshal

    real = catalog.build_partial
    built: dict[str, bytes] = {}

    def build_partial(folder: Path) -> catalog.Catalog:
        key = catalog._signature(folder)
        if key not in built:
            made = real(folder)
            built[key] = marshal.dumps((dict(made), made.broken))
        data, broken = marshal.loads(built[key])
        return catalog.Catalog(data, broken)

    catalog.build_partial = build_partial  # type: ignore[assignment]


_built_once()


class Invoker:
    def __init__(self, make_ctx: Callable[..., AppContext]) -> None:
        self.make_ctx = make_ctx
        self.runner = CliRunner()

    def __call__(self, args: list[str], ctx: AppContext | None = None, **kw: Any) -> Any:
        obj = ctx if ctx is not None else self.make_ctx(**kw)
        return self.runner.invoke(app, args, obj=obj, catch_exceptions=False)


@pytest.fixture
def hiki(make_ctx: Callable[..., AppContext]) -> Invoker:
    """Run a hiki command in-process on a real context over the temp HIKI_HOME."""
    return Invoker(make_ctx)


# ---- tiers ---------------------------------------------------------------------------------------
# The default run (the README's `python -m pytest`) leaves out the tests marked `slow`: crash,
# kill and fault tests in child processes, a real read-only mount, the printed-PDF layout and the
# report's HTML in Chromium. CI
# runs them all (HIKI_TEST_BUDGET=full, .ci/run), at the full property-test budget. An explicit
# `-m` chooses for itself. No risk or crisis test is marked slow (tests/test_tiers.py).


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): one worker more than this machine has cores. The terminal
    tests spend much of their time waiting on a child's screen, so with one worker a core the
    cores idle: on 2 cores, 2 workers took 1:59 and 3 took 1:45 of wall for the same CPU."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores + 1


def pytest_configure(config: pytest.Config) -> None:
    """Once, in the first process (before xdist starts its workers): compile hiki's source to
    bytecode, as installing it (pip) does for a user. A fresh clone has none, and where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it) no child would ever write it, so each of
    the few hundred `hiki` processes the tests start compiled every module again (~0.2 s each)."""
    if hasattr(config, "workerinput"):
        return
    import compileall

    import hikicli

    compileall.compile_dir(Path(hikicli.__file__).parent, quiet=2, workers=1)
    if getattr(config.option, "numprocesses", 0) and not config.option.collectonly:
        import threading

        threading.Thread(target=_rewrite_ahead, args=(config,), daemon=True).start()


def _rewrite_ahead(config: pytest.Config) -> None:
    """pytest rewrites each test file's asserts and keeps the result as a pyc, unless bytecode is
    not written (PYTHONDONTWRITEBYTECODE): then every xdist worker rewrites all of them again,
    5 s of CPU each. The first process, idle while the workers start, writes those pycs once, in
    the order the workers import the files, so they find them written. pytest's own functions,
    the same ones its import hook calls; if they change, the workers just rewrite for themselves."""
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        for path in sorted(Path(__file__).parent.glob("test_*.py")):
            pyc = rewrite.get_cache_dir(path) / (path.name[:-3] + rewrite.PYC_TAIL)
            if pyc.exists() or not rewrite.try_makedirs(pyc.parent):
                continue
            source_hash, code = rewrite._rewrite_test(path, config)
            rewrite._write_pyc(state, code, source_hash, pyc)
    except Exception:  # only time is lost
        return


def full_run() -> bool:
    return os.environ.get("HIKI_TEST_BUDGET") == "full"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if full_run() or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


def pytest_report_header(config: pytest.Config) -> str:
    if full_run():
        return "hiki: the full run (slow tests included, full property-test budget)"
    return "hiki: the quick run; HIKI_TEST_BUDGET=full python -m pytest runs every test"
