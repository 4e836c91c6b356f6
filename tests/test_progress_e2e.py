"""The installed `hiki progress`, `report` and `data import` in a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.progress_data import seed

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.e2e


def run(args: list[str], home: Path, **env: str) -> tuple[int, str]:
    found = shutil.which("hiki", path=str(Path(sys.executable).parent))
    cmd = [found] if found else [sys.executable, "-m", "hikicli"]
    full_env = {**os.environ, "HIKI_HOME": str(home), "TERM": "xterm", **env}
    out, status = pexpect.run(
        " ".join([*cmd, *args]),
        env=full_env,
        withexitstatus=True,
        timeout=30,
        cwd="/",
        encoding="utf-8",
        dimensions=(50, 80),
    )
    return status, out.replace("\r\n", "\n")


def test_progress_in_an_80_column_terminal_without_colour(home):
    seed(home, days=60)
    status, out = run(["progress"], home, NO_COLOR="1", COLUMNS="80")
    assert status == 0, out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "mood" in out and "3.0 higher" in out.replace("\n  ", " ")


def test_export_wipe_import_with_the_installed_command(home, tmp_path):
    seed(home)
    target = tmp_path / "e.json"
    assert run(["data", "export", "-o", str(target)], home)[0] == 0
    before = target.read_text(encoding="utf-8")
    assert run(["data", "wipe", "--yes"], home)[0] == 0
    status, out = run(["data", "import", str(target)], home)
    assert status == 0 and "Imported" in out
    status, out = run(["data", "import", str(target)], home)
    assert "Imported 0 new entries" in out
    again = tmp_path / "again.json"
    run(["data", "export", "-o", str(again)], home)
    assert json.loads(again.read_text())["events"] == json.loads(before)["events"]
