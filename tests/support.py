"""Test helpers: a scripted prompter that fails loudly, and a CLI runner bound to a real context."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hikicli.errors import Cancelled


def examples(full: int) -> int:
    """Property-test examples: the full budget in CI (HIKI_TEST_BUDGET=full, set by .ci/run), a
    quarter of it by default, so the README's test command stays quick on two cores."""
    import os

    return full if os.environ.get("HIKI_TEST_BUDGET") == "full" else max(10, full // 4)


FIXED_NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))


class UnexpectedPrompt(AssertionError):
    pass


class ScriptedPrompter:
    """Answers by question key. An unknown key raises; `assert_done` checks every answer was used.

    An answer of `Cancelled` simulates Ctrl-C at that question.
    """

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = dict(answers)
        self.asked: list[str] = []
        self.said: list[str] = []
        self.checked: dict[str, list[str]] = {}  # what each checkbox started with ticked

    def _take(self, key: str) -> Any:
        self.asked.append(key)
        if key not in self.answers:
            raise UnexpectedPrompt(f"unexpected question {key!r}; scripted: {sorted(self.answers)}")
        value = self.answers.pop(key)
        if value is Cancelled:
            raise Cancelled("")
        return value

    def assert_done(self) -> None:
        assert not self.answers, f"answers never asked for: {sorted(self.answers)}"

    def say(self, text: str) -> None:
        self.said.append(text)

    def scale(self, key: str, message: str, lo: int, hi: int, default: int | None = None) -> int:
        return int(self._take(key))

    def number(
        self, key: str, message: str, lo: float, hi: float, default: float | None = None
    ) -> float:
        return float(self._take(key))

    def select(
        self, key: str, message: str, choices: Sequence[tuple[str, str]], default: str | None = None
    ) -> str:
        value = self._take(key)
        assert value in [c[0] for c in choices], f"{value!r} is not a choice of {key!r}"
        return str(value)

    def checkbox(
        self,
        key: str,
        message: str,
        choices: Sequence[tuple[str, str]],
        exclusive: str | None = None,
        checked: Sequence[str] = (),
    ) -> list[str]:
        self.checked[key] = list(checked)
        values = list(self._take(key))
        assert set(values) <= {c[0] for c in choices}
        # the real prompter keeps the question open on this; a script must not get past it
        assert not (exclusive in values and len(values) > 1), f"{exclusive!r} with others"
        return values

    def text(self, key: str, message: str, default: str = "", max_len: int = 4000) -> str:
        return str(self._take(key))

    def confirm(self, key: str, message: str, default: bool = False) -> bool:
        return bool(self._take(key))

    def password(self, key: str, message: str) -> str:
        return str(self._take(key))


def log_lines(home: Path, profile: str = "default") -> list[dict[str, Any]]:
    path = home / "profiles" / profile / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes under root, to prove a failed command wrote nothing.

    The shared content cache (`cache/`, shipped text only) is left out: it is not user data; so
    are a profile's read caches (`profiles/NAME/cache*/`, folded from its log: a command that
    reads the log before refusing its input keeps what it folded, and deleting it loses nothing)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.relative_to(root).parts[0] != "cache"
        and not (p.relative_to(root).parts[0] == "profiles" and p.parent.name.startswith("cache"))
    }


def json_data(text: str) -> Any:
    """What a `--json` output carries: the `data` of the envelope (docs/json.md). Tests read JSON
    through this: they assert the data; the envelope is checked once, in test_json_contract."""
    doc = json.loads(text)
    if isinstance(doc, dict) and set(doc) == {"hiki", "format", "kind", "data"}:
        return doc["data"]
    return doc
