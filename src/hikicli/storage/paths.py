"""One paths object: explicit root, else HIKI_HOME, else the platform's user folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hikicli.storage import roots as where
from hikicli.storage.roots import APP_NAME, DEFAULT_PROFILE, valid_profile

__all__ = ["APP_NAME", "DEFAULT_PROFILE", "Paths", "valid_profile"]


@dataclass(frozen=True)
class Paths:
    """Where one profile's data, settings and caches live.

    With HIKI_HOME set, everything (data, config, cache) lives below it, so a test or a portable
    install touches nothing else. Each profile has its own folder, so no profile can read another's.
    """

    data_root: Path
    config_root: Path
    cache_root: Path
    profile: str = DEFAULT_PROFILE

    @classmethod
    def resolve(cls, root: Path | str | None = None, profile: str = DEFAULT_PROFILE) -> Paths:
        if root is not None and str(root):
            home = Path(root).expanduser().absolute()
            return cls(home, home / "config", home / "cache", profile)
        data, config, cache = where.roots()
        return cls(Path(data), Path(config), Path(cache), profile)

    @property
    def data_dir(self) -> Path:
        return Path(where.data_dir(str(self.data_root), self.profile))

    @property
    def log_file(self) -> Path:
        return self.data_dir / "log.jsonl"

    @property
    def lock_file(self) -> Path:
        # A separate file that is never replaced: a rewrite of the log changes its inode.
        return self.data_dir / "log.lock"

    @property
    def quarantine_file(self) -> Path:
        return self.data_dir / "log.quarantine"

    @property
    def config_file(self) -> Path:
        return Path(where.config_file(str(self.config_root), self.profile))

    @property
    def state_file(self) -> Path:
        """Small facts about this profile that are not events (e.g. the welcome was shown)."""
        return self.data_dir / "state.json"

    @property
    def cache_dir(self) -> Path:
        return self.cache_root

    @property
    def profile_cache_dir(self) -> Path:
        return self.data_dir / "cache"
