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
