from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
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
