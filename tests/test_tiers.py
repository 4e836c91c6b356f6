"""The quick run (`python -m pytest`) leaves out tests marked `slow`; CI runs them all
(HIKI_TEST_BUDGET=full). No risk, crisis or safety-plan test and no pseudo-terminal test may be
left out of the quick run: a person's safety and what they see on screen are checked every time."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_risk_crisis_or_terminal_test_is_marked_slow():
    files = sorted(TESTS.glob("test_*.py"))
    marked = [p.name for p in files if "mark.slow" in p.read_text(encoding="utf-8")]
    assert marked, "the slow marker is used (crash, kill and fault tests)"
    for name in marked:
        assert not re.search(r"risk|crisis|safety_plan|sos|_e2e", name), name


def test_the_quick_run_leaves_out_slow_tests_and_the_full_run_keeps_them(monkeypatch):
    from tests import conftest

    class Item:
        def __init__(self, slow: bool) -> None:
            self.slow = slow

        def get_closest_marker(self, name: str) -> object:
            return object() if name == "slow" and self.slow else None

    deselected: list[Item] = []

    class Config:
        class hook:
            @staticmethod
            def pytest_deselected(items: list[Item]) -> None:
                deselected.extend(items)

        @staticmethod
        def getoption(name: str) -> str:
            return ""  # no -m given

    def left(full: bool) -> list[bool]:
        monkeypatch.setattr(conftest, "full_run", lambda: full)
        items = [Item(True), Item(False)]
        conftest.pytest_collection_modifyitems(Config(), items)  # type: ignore[arg-type]
        return [i.slow for i in items]

    assert left(False) == [False] and [i.slow for i in deselected] == [True]
    deselected.clear()
    assert left(True) == [True, False] and deselected == []
