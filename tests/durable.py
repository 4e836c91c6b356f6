"""Helpers for the durability and privacy tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hikicli.storage import crypto

SRC = str(Path(__file__).resolve().parents[1] / "src")
ROOT = str(Path(__file__).resolve().parents[1])
NONET = str(Path(__file__).resolve().parent / "nonet")  # sitecustomize: no network in children
PASS = "correct horse"


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt n=2^10 for tests; the header stores n, so files stay readable with any setting."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def files_containing(root: Path, needle: bytes) -> list[str]:
    return [str(p) for p in all_files(root) if needle in p.read_bytes()]


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HIKI_")}
    env.update(HIKI_HOME=str(home), PYTHONPATH=os.pathsep.join([NONET, SRC, ROOT]), **extra)
    return env


def run_python(code: str, home: Path, timeout: float = 60, **env: str) -> Any:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(home, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def prepare(home: Path, *args: str, seed: bool = True, **env: str) -> None:
    """Set up data for a hiki that a test then starts (a setup step, not what is under test): one
    hiki command run in this process on `home`, as the `hiki` fixture runs one, instead of a child
    process (a third of a second of CPU each). Its scrypt is at n=2^10: a header records its n and
    hiki opens it at that cost, so the started hiki meets a real encrypted log and the test spends
    its time on the screens after the passphrase, not on half-second key derivations of a setup
    step. Encrypting in a terminal, at the real cost, is tested on its own (test_privacy_e2e).
    `seed` puts both languages' content cache in first, as start() does."""
    from typer.testing import CliRunner

    from hikicli.cli.app import app
    from hikicli.cli.context import AppContext
    from hikicli.storage.paths import Paths
    from tests.screen import seed_content_cache

    if seed:
        seed_content_cache(home)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crypto, "SCRYPT_N", 2**10)
        patch.setenv("HIKI_HOME", str(home))
        patch.delenv("HIKI_PASSPHRASE", raising=False)
        for key, value in env.items():
            patch.setenv(key, value)
        ctx = AppContext(Paths.resolve(home, "default"), interactive=False)
        result = CliRunner().invoke(app, list(args), obj=ctx, catch_exceptions=False)
    assert result.exit_code == 0, result.output
