"""A small JSON file of per-profile facts that are not events (e.g. that the welcome was shown)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hikicli.errors import StorageError
from hikicli.storage.files import atomic_write


class State:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # derived convenience data: a damaged file only means the welcome shows again
        return data if isinstance(data, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self._read().get(key, default)

    def set(self, key: str, value: Any) -> None:
        data = self._read()
        data[key] = value
        try:
            atomic_write(self.path, json.dumps(data).encode())
        except StorageError:
            pass  # never block the dashboard over a convenience flag
