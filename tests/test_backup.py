"""Backups: automatic once a day, keep 7, make / list / restore, always whole and private."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from hikicli.storage import backup as backup_mod
from hikicli.storage.backup import (
    KEEP,
    create_backup_locked,
    list_backups,
)
from hikicli.storage.files import TEMP_PREFIX
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.support import ScriptedPrompter, json_data, log_lines, tree_snapshot

FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()


def checkin(hiki, note: str = "") -> None:
    result = hiki(["checkin", *FLAGS, "--note", note])
    assert result.exit_code == 0, result.output


def age_backups(paths: Paths, days: int) -> None:
    """Pretend every backup was made `days` ago (IDs carry their time)."""
    for b in list_backups(paths):
        old = (b.created - dt.timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
        os.rename(b.path, b.path.parent / old)


def test_automatic_backup_at_most_once_a_day(hiki, home):
    paths = Paths.resolve(home)
    checkin(hiki, "one")
    assert list_backups(paths) == []  # nothing existed before the first save
    checkin(hiki, "two")
    checkin(hiki, "three")
    [first] = list_backups(paths)
    assert first.records() == 1  # made before the second save, holding the first
    age_backups(paths, 2)
    checkin(hiki, "four")
    backups = list_backups(paths)
    assert len(backups) == 2 and backups[-1].records() == 3


def test_rotation_keeps_the_newest_seven(hiki, home):
    checkin(hiki)
    paths = Paths.resolve(home)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    for day in range(10):
        create_backup_locked(paths, now=start + dt.timedelta(days=day))
    backups = list_backups(paths)
    assert len(backups) == KEEP
    # Numbered, so no name tells the day (issue 12, case 6); the time is the files' own.
    assert [b.id for b in backups] == [str(n) for n in range(4, 11)]
    assert backups[0].created == start + dt.timedelta(days=3)
    assert backups[-1].created == start + dt.timedelta(days=9)


def test_backup_now_list_and_json(hiki, home):
    assert "nothing to back up" in hiki(["data", "backup"]).output
    checkin(hiki, "a")
    result = hiki(["data", "backup"])
    assert result.exit_code == 0 and "Backup " in result.output
    listed = json_data(hiki(["data", "backup", "list", "--json"]).output)
    assert [set(b) for b in listed] == [{"id", "created", "files", "bytes", "records"}]
    assert listed[0]["files"] == ["log.jsonl"] and listed[0]["records"] == 1
    text = hiki(["data", "backup", "list"]).output
    assert listed[0]["id"] in text and "1 records" in text


def test_backup_files_are_private_and_whole(hiki, home):
    old = os.umask(0)
    try:
        checkin(hiki, "a")
        hiki([])  # state.json
        hiki(["data", "backup"])
    finally:
        os.umask(old)
    [b] = list_backups(Paths.resolve(home))
    assert os.stat(b.path).st_mode & 0o777 == 0o700
    assert os.stat(b.path.parent).st_mode & 0o777 == 0o700
    for f in b.files():
        assert f.stat().st_mode & 0o777 == 0o600
        assert f.read_bytes() == (home / "profiles/default" / f.name).read_bytes()


def test_restore_after_confirmation_backs_up_the_present_first(hiki, home, make_ctx):
    checkin(hiki, "kept")
    made = hiki(["data", "backup"]).output.split()[1]
    checkin(hiki, "later")
    present = (home / "profiles/default/log.jsonl").read_bytes()
    prompter = ScriptedPrompter({"restore": True})
    result = hiki(
        ["data", "backup", "restore", made], ctx=make_ctx(prompter=prompter, interactive=True)
    )
    assert result.exit_code == 0, result.output
    assert [e["data"]["note"] for e in log_lines(home)] == ["kept"]
    before_id = result.output.split("kept as backup ")[1].split(".")[0]
    before = home / "profiles/default/backups" / before_id / "log.jsonl"
    assert before.read_bytes() == present  # the restore itself can be undone
    assert hiki(["data", "backup", "restore", before_id, "--yes"]).exit_code == 0
    assert [e["data"]["note"] for e in log_lines(home)] == ["kept", "later"]


def test_restore_declined_or_without_terminal_changes_nothing(hiki, home, make_ctx):
    checkin(hiki, "x")
    made = hiki(["data", "backup"]).output.split()[1]
    checkin(hiki, "y")
    before = tree_snapshot(home)
    ctx = make_ctx(prompter=ScriptedPrompter({"restore": False}), interactive=True)
    result = hiki(["data", "backup", "restore", made], ctx=ctx)
    assert result.exit_code == 0 and "Nothing was changed" in result.output
    result = hiki(["data", "backup", "restore", made], interactive=False)
    assert result.exit_code == 2 and "--yes" in result.output
    assert tree_snapshot(home) == before


@pytest.mark.parametrize("bad", ["20990101T000000Z", "../../etc", "latest", ""])
def test_restore_unknown_id_is_a_located_error(hiki, home, bad):
    checkin(hiki, "x")
    hiki(["data", "backup"])
    before = tree_snapshot(home)
    result = hiki(["data", "backup", "restore", bad, "--yes"])
    assert result.exit_code == 2
    assert "No backup" in result.output and "Traceback" not in result.output
    assert tree_snapshot(home) == before


def test_restore_removes_files_the_backup_did_not_have(hiki, home):
    checkin(hiki, "x")
    made = hiki(["data", "backup"]).output.split()[1]
    quarantine = home / "profiles/default/log.quarantine"
    quarantine.write_bytes(b"# a fragment\n")
    assert hiki(["data", "backup", "restore", made, "--yes"]).exit_code == 0
    assert not quarantine.exists()
    backups = list_backups(Paths.resolve(home))
    assert (backups[-1].path / "log.quarantine").read_bytes() == b"# a fragment\n"


def test_half_made_backups_are_swept_and_never_listed(hiki, home):
    checkin(hiki, "x")
    folder = home / "profiles/default/backups"
    stale = folder / f"{TEMP_PREFIX}20260101T000000Z"
    stale.mkdir(parents=True)
    (stale / "log.jsonl").write_bytes(b"partial")
    assert list_backups(Paths.resolve(home)) == []
    hiki(["data", "backup"])
    assert not stale.exists()


def test_a_failing_automatic_backup_never_blocks_a_save(hiki, home, monkeypatch):
    checkin(hiki, "x")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_mod, "_copy_private", boom)
    checkin(hiki, "y")
    assert [e["data"]["note"] for e in log_lines(home)] == ["x", "y"]
    assert list_backups(Paths.resolve(home)) == []
    assert not any(p.name.startswith(TEMP_PREFIX) for p in (home / "profiles/default").rglob("*"))


def test_auto_backup_copies_the_log_as_it_was_under_the_lock(home):
    log = EventLog(Paths.resolve(home))
    for i in range(3):
        log.append("note", {"i": i})
    [b] = list_backups(log.paths)
    assert (b.path / "log.jsonl").read_bytes().count(b"\n") == 1
