"""Both caches are used (a second run reads them) and never outlive what built them: hiki's
version, the log schema version and the code (content models, folds, record rules)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from hikicli import versions
from hikicli.content import catalog
from hikicli.domain.checkin import CheckinDays
from hikicli.storage import projection
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from hikicli.storage.projection import project


def touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def code(tmp_path: Path) -> Path:
    """A stand-in for a source file a cache depends on (the real ones are not touched)."""
    folder = tmp_path / "code"
    folder.mkdir()
    (folder / "models.py").write_text("x = 1\n")
    return folder


def build_counter(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    builds: list[int] = []
    real = catalog.build_partial

    def counted(folder: Path) -> Any:
        builds.append(1)
        return real(folder)

    monkeypatch.setattr(catalog, "build_partial", counted)
    return builds


def test_the_content_cache_is_used_and_rebuilt_when_model_code_changes(tmp_path, monkeypatch, code):
    monkeypatch.setattr(catalog, "CODE", (*catalog.CODE, code))
    builds = build_counter(monkeypatch)
    cache_dir = tmp_path / "cache"
    first = catalog.load_catalog(cache_dir=cache_dir)
    (cache_file,) = cache_dir.glob("content-*.marshal")
    stamp = cache_file.stat().st_mtime_ns
    second = catalog.load_catalog(cache_dir=cache_dir)
    assert builds == [1] and dict(second) == dict(first)
    assert cache_file.stat().st_mtime_ns == stamp  # read, not written again

    touch(code / "models.py")  # a content model changed: the cache is not used
    catalog.load_catalog(cache_dir=cache_dir)
    assert builds == [1, 1]
    assert [p.name for p in cache_dir.glob("content-*.marshal")] != [cache_file.name]
    assert len(list(cache_dir.glob("content-*.marshal"))) == 1  # the stale one is gone


@pytest.mark.parametrize("change", ["version", "schema"])
def test_the_content_cache_key_holds_the_version_and_log_schema(monkeypatch, change):
    folder = catalog.lang_dir("en")
    before = catalog._signature(folder)
    if change == "version":
        monkeypatch.setattr(versions, "__version__", "99.0")
    else:
        monkeypatch.setattr(versions, "LOG_SCHEMA_VERSION", versions.LOG_SCHEMA_VERSION + 1)
    assert catalog._signature(folder) != before


class Counting(CheckinDays):
    """The check-in projection, counting the events it folds."""

    def __init__(self) -> None:
        self.applied = 0

    def apply(self, state: Any, event: Any) -> Any:
        self.applied += 1
        return super().apply(state, event)


def checkin(day: int) -> dict[str, Any]:
    return {
        "date": f"2026-11-{day:02d}", "mood": 5, "anxiety": 5, "energy": 5, "sleep": 7.0,
        "outside": 0, "contact": ["none"], "note": "",
    }  # fmt: skip


@pytest.mark.parametrize("change", ["code", "version", "schema", "kind"])
def test_the_dashboard_cache_is_used_and_rebuilt_when_what_built_it_changes(
    home, monkeypatch, code, change
):
    monkeypatch.setattr(projection, "CODE", (*projection.CODE, code / "models.py"))
    paths = Paths.resolve(home)
    log = EventLog(paths)
    for day in range(1, 6):
        log.append("checkin", checkin(day))
    cache = paths.profile_cache_dir / "dashboard.marshal"
    first = Counting()
    states = project(log, [first], cache).states
    assert first.applied == 5 and cache.exists()
    stamp = cache.stat().st_mtime_ns

    second = Counting()
    assert project(log, [second], cache).states == states
    assert second.applied == 0, "the second run reads the cache"
    assert cache.stat().st_mtime_ns == stamp

    if change == "code":
        touch(code / "models.py")  # a fold or a record rule changed
    elif change == "version":
        monkeypatch.setattr(versions, "__version__", "99.0")
    elif change == "schema":
        monkeypatch.setattr(versions, "LOG_SCHEMA_VERSION", versions.LOG_SCHEMA_VERSION + 1)
    else:
        from hikicli.domain import kinds

        bumped = {**kinds.versions(), "checkin": 2}
        monkeypatch.setattr(kinds, "versions", lambda: bumped)
    third = Counting()
    assert project(log, [third], cache).states == states
    assert third.applied == 5, f"a {change} change folds from the start"


def test_the_dashboard_cache_key_covers_the_folds_and_record_rules():
    covered = {p.name for p in projection.CODE}
    assert {"domain", "projection.py", "log.py", "migrations.py"} <= covered
    assert {p.name for p in catalog.CODE} >= {"content", "domain"}


def test_the_words_cache_is_used_and_follows_the_file_and_the_version(tmp_path, monkeypatch):
    """help.yaml and messages.yaml, parsed once (content.messages.use_cache): a later run reads
    the marshal copy without YAML; a changed file or another hiki parses it again."""
    from hikicli.content import messages, yamlload

    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    words = content / "en" / "help.yaml"
    words.write_text('commands:\n  history:\n    short: "Your recent entries."\n')
    monkeypatch.setattr(catalog, "content_root", lambda: content)
    parsed: list[Path] = []
    real = yamlload.parse_file

    def counted(path: Path) -> Any:
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(yamlload, "parse_file", counted)
    monkeypatch.setattr(messages, "_cache_dir", [])
    messages.use_cache(tmp_path / "cache")
    first = messages._read("en", "help")
    assert first == {"commands": {"history": {"short": "Your recent entries."}}}
    assert parsed == [words] and len(list((tmp_path / "cache").glob("words-en-help-*"))) == 1
    assert messages._read("en", "help") == first and parsed == [words], "read from the cache"

    words.write_text('commands:\n  history:\n    short: "What you saved lately."\n')
    changed = messages._read("en", "help")
    assert changed["commands"]["history"]["short"] == "What you saved lately."
    assert len(parsed) == 2 and len(list((tmp_path / "cache").glob("words-en-help-*"))) == 1
    monkeypatch.setattr("hikicli.__version__", "99.0")  # a new hiki parses it again
    assert messages._read("en", "help") == changed and len(parsed) == 3


def test_a_new_home_reads_its_words_from_the_snapshot_and_a_changed_file_is_parsed(
    tmp_path, monkeypatch
):
    """A home with no parsed copy yet (a new user's first commands, an import into a new
    profile) takes messages.yaml's words from the snapshot shipped with hiki when its bytes are
    the snapshot's; an edited file is parsed, and its new words show."""
    import shutil

    from hikicli.content import messages, yamlload

    content = tmp_path / "content"
    shutil.copytree(catalog.content_root(), content)
    monkeypatch.setattr(catalog, "content_root", lambda: content)
    parsed: list[Path] = []
    real = yamlload.parse_file

    def counted(path: Path) -> Any:
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(yamlload, "parse_file", counted)
    monkeypatch.setattr(messages, "_cache_dir", [])
    monkeypatch.setattr(messages, "_snapshot", [])
    messages.use_cache(tmp_path / "home" / "cache")  # its home does not exist yet: nothing kept
    shipped = messages._read("en", "messages")
    assert parsed == [], "the shipped file's words come from the snapshot"
    assert shipped == real(content / "en" / "messages.yaml").data

    yaml_file = content / "ja" / "messages.yaml"
    edited = yaml_file.read_text(encoding="utf-8").replace(
        "click:", "click:\n  zz_probe: テスト", 1
    )
    assert edited != yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(edited, encoding="utf-8")
    words = messages._read("ja", "messages")
    assert parsed == [yaml_file] and words["click"]["zz_probe"] == "テスト"


def test_the_words_snapshot_matches_the_shipped_files():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    try:
        import gen_words_snapshot  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    assert gen_words_snapshot.OUT.read_text(encoding="utf-8") == gen_words_snapshot.render(), (
        "run python tools/gen_words_snapshot.py"
    )
