"""Where hiki's folders are, with the standard library's `os` only.

The one place that decides it: `Paths.resolve` (storage/paths.py) builds its Path objects from
these strings, and `hiki hello` (at every shell start) and `hiki --help` (from its cache) read
them without importing pathlib, dataclasses, re or platformdirs (together ~25 ms a run here).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import ...`: typing costs a shell start ~8 ms
if TYPE_CHECKING:
    from collections.abc import Mapping

APP_NAME = "hikicli"
DEFAULT_PROFILE = "default"


def _xdg(environ: Mapping[str, str], var: str, default: str) -> str:
    value = environ.get(var, "").strip()
    return value if value else os.path.expanduser(default)


def roots(environ: Mapping[str, str] | None = None) -> tuple[str, str, str]:
    """(data root, config root, cache root): below HIKI_HOME when it is set, else the
    platform's user folders (the XDG folders on Linux, as platformdirs finds them; elsewhere
    platformdirs itself)."""
    env = os.environ if environ is None else environ
    base = env.get("HIKI_HOME")
    if base:
        home = os.path.join(os.getcwd(), os.path.expanduser(base))
        return home, os.path.join(home, "config"), os.path.join(home, "cache")
    if sys.platform.startswith("linux"):
        return (
            os.path.join(_xdg(env, "XDG_DATA_HOME", "~/.local/share"), APP_NAME),
            os.path.join(_xdg(env, "XDG_CONFIG_HOME", "~/.config"), APP_NAME),
            os.path.join(_xdg(env, "XDG_CACHE_HOME", "~/.cache"), APP_NAME),
        )
    import platformdirs

    return (
        platformdirs.user_data_dir(APP_NAME, appauthor=False),
        platformdirs.user_config_dir(APP_NAME, appauthor=False),
        platformdirs.user_cache_dir(APP_NAME, appauthor=False),
    )


def config_file(config_root: str, profile: str) -> str:
    """A profile's settings file: config.toml for the default profile, profiles/NAME.toml else."""
    if profile == DEFAULT_PROFILE:
        return os.path.join(config_root, "config.toml")
    return os.path.join(config_root, "profiles", f"{profile}.toml")


def data_dir(data_root: str, profile: str) -> str:
    return os.path.join(data_root, "profiles", profile)


PROFILE_PATTERN = r"[a-z0-9][a-z0-9_-]{0,31}"


def valid_profile(name: str) -> bool:
    """A profile name hiki makes a folder of (storage/paths.py re-exports it)."""
    import re  # here, not above: `hiki hello` imports this module and no `re`

    # fullmatch: `$` would also match before a trailing newline ("mum\n" made a folder "mum\n")
    return bool(re.fullmatch(PROFILE_PATTERN, name))


def typed_profile(args: list[str]) -> tuple[str | None, int]:
    """The profile named before the command (`--profile NAME` or `--profile=NAME`, the last one
    wins) as typed, unchecked, and the index of the command's name in `args` (len(args) when
    there is none). For what runs before Click parses the line: the key derivation started
    ahead, the crisis pointer of an unknown command, `hiki --profile MUM help me`."""
    profile = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--profile" and i + 1 < len(args):
            profile = args[i + 1]
            i += 2
        elif arg.startswith("--profile="):
            profile = arg.partition("=")[2]
            i += 1
        elif arg.startswith("-"):
            i += 1
        else:
            break
    return profile, i
