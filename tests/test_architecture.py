"""The layers hold: `lint-imports` checks the contracts in pyproject.toml ([tool.importlinter]):
cli -> services -> flows | content -> storage -> domain, no command module importing another, no
cycles among the cli modules or the services, and rich, questionary, typer and pydantic each kept
to their own layer. `.ci/run` runs the same check; this test makes the README's test command
check it too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if linter is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [linter, "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
