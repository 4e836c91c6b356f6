"""docs/cli.md is generated from the code; it must not drift from what `--help` says."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_up_to_date(monkeypatch):
    """What `python tools/gen_cli_docs.py --check` checks, in this process (the command tree is
    built once per worker, see conftest)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from gen_cli_docs import DOC, render

    monkeypatch.setenv("COLUMNS", "100")  # render() sets it too; this puts it back afterwards
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is out of date: run python tools/gen_cli_docs.py"
    )
