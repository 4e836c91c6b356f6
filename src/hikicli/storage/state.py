"""A small JSON file of per-profile facts that are not events (e.g. that the welcome was shown).

When the log is encrypted, this file is too (same header, one sealed line), and it is never
written in plaintext: without the log's key at hand the write is simply skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hikicli.errors import StorageError
from hikicli.storage.files import atomic_write

if TYPE_CHECKING:
    from hikicli.storage.log import EventLog


class State:
    def __init__(self, path: Path, log: EventLog | None = None) -> None:
        self.path = path
        self.log = log

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError:
            return {}  # derived convenience data: a damaged file only means the welcome shows again
        if raw.startswith(b'{"hiki":"encrypted"'):
            raw = self._open(raw)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _open(self, raw: bytes) -> bytes:
        if self.log is None:
            return b"{}"
        from hikicli.storage.crypto import open_lines

        try:
            _, lines = open_lines(self.log.keyring(), raw, str(self.path))
        except StorageError:
            return b"{}"
        return lines[0] if lines else b"{}"

    def get(self, key: str, default: Any = None) -> Any:
        return self._read().get(key, default)

    def set(self, key: str, value: Any) -> None:
        data = self._read()
        data[key] = value
        payload = json.dumps(data).encode()
        try:
            header = self._log_header()
            if header is not None:
                if self.log is None:
                    return  # encrypted, and no key here: never write it in plaintext
                from hikicli.storage.crypto import seal_lines

                payload = seal_lines(self.log.cipher(header), payload + b"\n")
            atomic_write(self.path, payload)
        except StorageError:
            pass  # never block the dashboard over a convenience flag

    def _log_header(self) -> Any:
        from hikicli.storage.crypto import read_header

        log_path = self.log.path if self.log is not None else self.path.parent / "log.jsonl"
        return read_header(log_path)
