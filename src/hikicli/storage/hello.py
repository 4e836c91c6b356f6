"""What `hiki hello` reads and writes, with the standard library's `os` only.

`hiki hello` runs at every start of a shell, so it must cost little more than starting Python:
no typer, no YAML, no JSON, no platformdirs, no cryptography, and never the passphrase. It reads:

- the settings file, for `hello.muted` and `language`, as the lines `dump_toml` writes
  (`"key" = value`; a test checks it reads what storage/settings.py writes);
- the end of a plaintext log, for a check-in about today (`"kind":"checkin"` with today's
  `"date"`); an encrypted log is never read: its hello says only the day's one general line;
- `cache/hello-day`, the day the line was last shown (a date, nothing about the person).
Anything unreadable counts as "not known": the line is shown at most once a day, never an error.
"""

from __future__ import annotations

import os

from hikicli.storage.roots import DEFAULT_PROFILE, config_file, data_dir, roots

TYPE_CHECKING = False  # not `from typing import ...`: typing costs a shell start ~8 ms
if TYPE_CHECKING:
    from collections.abc import Mapping

MAGIC = b'{"hiki":"encrypted"'  # storage/crypto.py MAGIC (a test checks they agree)
ENCRYPTION_STATE = "encryption.json"  # storage/encstate.py STATE_NAME
DAY_FILE = "hello-day"
TAIL = 64 * 1024  # bytes read from the end of the log at a time
MOST = 1024 * 1024  # never more than this much of the log


class HelloPlace:
    """One profile's files, as `hiki hello` sees them."""

    def __init__(self, data_dir: str, config_file: str) -> None:
        self.data_dir = data_dir
        self.config_file = config_file
        self.log_file = os.path.join(self.data_dir, "log.jsonl")
        self.day_file = os.path.join(self.data_dir, "cache", DAY_FILE)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> HelloPlace:
        """The profile of HIKI_PROFILE (else `default`), as storage/paths.py places it."""
        profile = environ.get("HIKI_PROFILE") or DEFAULT_PROFILE
        data_root, config_root, _ = roots(environ)
        return cls(data_dir(data_root, profile), config_file(config_root, profile))

    def settings(self) -> dict[str, str]:
        """The settings file's `"key" = value` lines, values as written (strings unquoted)."""
        try:
            with open(self.config_file, encoding="utf-8") as handle:
                lines = handle.read(64 * 1024).splitlines()
        except (OSError, UnicodeDecodeError):
            return {}
        found = {}
        for line in lines:
            key, eq, value = line.partition("=")
            if eq and not line.lstrip().startswith("#"):
                found[key.strip().strip('"')] = value.strip().strip('"')
        return found

    def profile(self) -> str:
        return os.path.basename(self.data_dir)

    def family(self) -> bool:
        """Is this a family member's profile? Its state file says `"role": "family"`
        (services/family_profile.py marks it; read here without JSON)."""
        try:
            with open(os.path.join(self.data_dir, "state.json"), encoding="utf-8") as handle:
                text = handle.read(64 * 1024)
        except (OSError, UnicodeDecodeError):
            return False
        return '"role":"family"' in "".join(text.split())

    def encrypted(self) -> bool:
        if os.path.lexists(os.path.join(self.data_dir, ENCRYPTION_STATE)):
            return True
        try:
            with open(self.log_file, "rb") as handle:
                return handle.read(len(MAGIC)) == MAGIC
        except OSError:
            return False

    def checked_in(self, today: str) -> bool:
        """Does the end of a plaintext log hold a check-in about `today` (YYYY-MM-DD)? Read
        backwards until the entries were recorded before yesterday (the log is in time order)."""
        kind, date = b'"kind":"checkin"', b'"date":"' + today.encode() + b'"'
        try:
            handle = open(self.log_file, "rb")  # closed by the `with` below
        except OSError:
            return False
        with handle:
            end = handle.seek(0, os.SEEK_END)
            pos, carry = end, b""
            while pos > 0 and end - pos < MOST:
                step = min(TAIL, pos)
                pos -= step
                handle.seek(pos)
                chunk = handle.read(step) + carry
                lines = chunk.split(b"\n")
                carry = lines[0] if pos > 0 else b""
                for line in reversed(lines[1:] if pos > 0 else lines):
                    if kind in line and date in line:
                        return True
                    ts = line.find(b'"ts":"')
                    if ts >= 0 and line[ts + 6 : ts + 16] < _yesterday(today).encode():
                        return False
        return False

    def shown_on(self) -> str:
        try:
            with open(self.day_file, encoding="ascii") as handle:
                return handle.read(16).strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def mark_shown(self, today: str) -> None:
        """Note that today's line was shown (temp file in the same folder, then os.replace)."""
        folder = os.path.dirname(self.day_file)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temp = os.path.join(folder, f".{DAY_FILE}.{os.getpid()}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, today.encode("ascii") + b"\n")
        finally:
            os.close(fd)
        os.replace(temp, self.day_file)


def _yesterday(today: str) -> str:
    """The day before `today` (YYYY-MM-DD), without datetime (its import costs a shell start)."""
    year, month, day = (int(p) for p in today.split("-"))
    if day > 1:
        return f"{year:04d}-{month:02d}-{day - 1:02d}"
    month, year = (month - 1, year) if month > 1 else (12, year - 1)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return f"{year:04d}-{month:02d}-{last:02d}"
