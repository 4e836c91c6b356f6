"""Settings: a flat TOML file in the config folder. Unknown keys and bad values are refused."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from hikicli.domain.language import LANGUAGES
from hikicli.errors import Msg, StorageError, UsageError
from hikicli.storage.files import atomic_write

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    help: str  # a message key: what the setting does (`config.about_*` in messages.yaml)
    kind: type = str
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    lo: float | None = None
    hi: float | None = None

    def parse(self, raw: str) -> Any:
        """Turn the text typed after `hiki config set KEY` into a value, or say what is valid."""
        value: Any
        if self.kind is bool:
            low = raw.strip().lower()
            if low not in ("true", "false", "on", "off", "yes", "no"):
                raise UsageError("config.must_be_bool", key=self.key, value=raw)
            value = low in ("true", "on", "yes")
        elif self.kind in (int, float):
            try:
                value = self.kind(raw)
            except ValueError:
                raise UsageError("config.must_be_number", key=self.key, value=raw) from None
        else:
            value = raw.strip()
        self.check(value)
        return value

    def check(self, value: Any) -> None:
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.kind) or (self.kind is not bool and isinstance(value, bool)):
            raise UsageError("config.must_be_kind", key=self.key, kind=self.kind.__name__)
        if self.choices is not None and value not in self.choices:
            raise UsageError(
                "config.must_be_one_of", key=self.key, choices=", ".join(self.choices), value=value
            )
        if self.pattern is not None and not re.fullmatch(self.pattern, str(value)):
            raise UsageError("config.not_valid", key=self.key, value=value, about=Msg(self.help))
        number = float(value) if isinstance(value, (int, float)) else None
        if number is not None and (
            self.lo is not None and number < self.lo or self.hi is not None and number > self.hi
        ):
            raise UsageError("config.must_be_between", key=self.key, lo=self.lo, hi=self.hi)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "country",
            "",
            "config.about_country",
            pattern=r"[A-Z]{2}|",
        ),
        Setting(
            "language",
            "en",
            "config.about_language",
            choices=LANGUAGES,
        ),
        Setting(
            "checkin.safety_question",
            True,
            "config.about_checkin_safety_question",
            kind=bool,
        ),
        Setting(
            "checkin.sleep_times",
            False,
            "config.about_checkin_sleep_times",
            kind=bool,
        ),
        Setting(
            "hello.muted",
            False,
            "config.about_hello_muted",
            kind=bool,
        ),
        Setting(
            "ladder.rule",
            "expectancy",
            "config.about_ladder_rule",
            choices=("habituation", "expectancy"),
        ),
        Setting("ladder.tries", 3, "config.about_ladder_tries", int, lo=1, hi=20),
        Setting(
            "ladder.habituation_suds",
            30,
            "config.about_ladder_habituation_suds",
            int,
            lo=0,
            hi=100,
        ),
        Setting(
            "ladder.contexts",
            2,
            "config.about_ladder_contexts",
            int,
            lo=1,
            hi=5,
        ),
    )
}


class Settings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] | None = None

    @classmethod
    def none_read(cls, path: Path) -> Settings:
        """Settings that read nothing (every value its default), for crisis help in a profile
        that cannot be used: no file is opened, so no note about one is shown."""
        settings = cls(path)
        settings._values = {}
        return settings

    def _load(self) -> dict[str, Any]:
        if self._values is None:
            self._values = self._read()
        return self._values

    def _read(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise StorageError(
                "config.cannot_read", path=self.path, why=err.strerror or err
            ) from None
        if sys.version_info >= (3, 11):  # imported only when there are settings (~4 ms)
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as err:
            raise StorageError("config.not_toml", path=self.path, why=err) from None
        version = data.pop("version", SETTINGS_VERSION)
        if isinstance(version, int) and version > SETTINGS_VERSION:
            # Rewriting it would drop what a newer hiki stored there.
            raise StorageError("config.newer", path=self.path)
        return cast("dict[str, Any]", data)

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self._load().get(key, setting.default)
        try:
            setting.check(value)
        except UsageError:
            return setting.default  # a hand-edited bad value falls back; `config show` says so
        return value

    def explicit(self) -> dict[str, Any]:
        return dict(self._load())

    def set(self, key: str, raw: str) -> Any:
        setting = SETTINGS.get(key)
        if setting is None:
            raise UsageError("config.unknown", key=key, known=", ".join(sorted(SETTINGS)))
        value = setting.parse(raw)
        values = self._load()
        values[key] = value
        atomic_write(self.path, dump_toml({"version": SETTINGS_VERSION, **values}).encode())
        return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dump_toml(values: dict[str, Any]) -> str:
    lines = ["# hiki settings. Change them with `hiki config set KEY VALUE`."]
    lines += [f'"{key}" = {_toml_value(value)}' for key, value in values.items()]
    return "\n".join(lines) + "\n"
