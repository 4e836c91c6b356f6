"""Encrypted, still fast (issue #11): projection caches are sealed with the log's data key,
bound to the log's identity and offset, used by the next run and never readable without the
key."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from hikicli.domain.checkin import CheckinDays
from hikicli.storage.crypto import KeyRing, new_cipher
from hikicli.storage.encstate import write_state
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from hikicli.storage.projection import project, sealed_path
from tests.durable import PASS, fast_kdf

__all__ = ["fast_kdf"]
pytestmark = pytest.mark.usefixtures("fast_kdf")

NOTE = "my sealed secret note 42"


class Counting(CheckinDays):
    applied = 0

    def apply(self, state, event):
        Counting.applied += 1
        return super().apply(state, event)


def checkin(day: int) -> dict:
    return {
        "date": f"2026-11-{day:02d}", "mood": day % 11, "anxiety": 3, "energy": 4, "sleep": 7.5,
        "outside": 10, "contact": ["family"], "note": NOTE,
    }  # fmt: skip


def encrypted_log(home: Path) -> EventLog:
    paths = Paths.resolve(home)
    paths.data_dir.mkdir(parents=True)
    cipher = new_cipher(PASS)
    paths.log_file.write_bytes(cipher.header.raw + b"\n")
    write_state(paths, cipher.header)
    keys = KeyRing(lambda: PASS)
    log = EventLog(paths, keys)
    for day in range(1, 11):
        log.append("checkin", checkin(day))
    return log


def cache_files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and "cache" in str(p.relative_to(home))]


def test_an_encrypted_log_gets_a_sealed_cache_that_the_next_run_uses(home):
    log = encrypted_log(home)
    plain_place = log.paths.profile_cache_dir / "dashboard.marshal"
    Counting.applied = 0
    first = project(log, [Counting()], plain_place)
    sealed = sealed_path(plain_place)
    assert Counting.applied == 10 and sealed.exists() and not plain_place.exists()
    log.append("checkin", checkin(11))
    Counting.applied = 0
    second = project(log, [Counting()], plain_place)
    assert Counting.applied == 1, "only the new line was folded"
    assert second.states["checkin_days"].keys() == {*first.states["checkin_days"], "2026-11-11"}
    Counting.applied = 0
    assert project(log, [Counting()], plain_place).states == second.states
    assert Counting.applied == 0


def test_no_plaintext_appears_in_any_cache_file(home):
    log = encrypted_log(home)
    project(log, [Counting()], log.paths.profile_cache_dir / "dashboard.marshal")
    files = cache_files(home)
    assert files
    for path in files:
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        # The first line is the binding (key id, inode, offset), the rest one sealed record.
        assert re.fullmatch(rb"hiki-sealed-cache-v1 [0-9a-f]+ \d+ \d+", head), head
        assert re.fullmatch(rb"[A-Za-z0-9+/=]+\n", body)
        # Looked for in the sealed bytes themselves: in their base64 text a short word such as
        # "mood" turns up by chance now and then; in the bytes, about once in 2**32 places.
        sealed = base64.b64decode(body)
        for word in (NOTE.encode(), b"checkin", b"2026-11", b"mood", b"family"):
            assert word not in head and word not in sealed


def test_a_sealed_cache_is_not_used_elsewhere_or_at_another_offset(home, tmp_path):
    log = encrypted_log(home)
    place = log.paths.profile_cache_dir / "dashboard.marshal"
    project(log, [Counting()], place)
    sealed = sealed_path(place)
    good = sealed.read_bytes()
    # another offset in the clear line: refused (the sealed binding says otherwise)
    head, _, body = good.partition(b"\n")
    parts = head.split(b" ")
    sealed.write_bytes(b" ".join([*parts[:3], b"1"]) + b"\n" + body)
    Counting.applied = 0
    project(log, [Counting()], place)
    assert Counting.applied == 10
    # the cache of another encrypted log (another key) is not used either
    other = encrypted_log(tmp_path / "other")
    other_place = other.paths.profile_cache_dir / "dashboard.marshal"
    sealed_path(other_place).parent.mkdir(parents=True)
    shutil.copy(sealed, sealed_path(other_place))
    Counting.applied = 0
    project(other, [Counting()], other_place)
    assert Counting.applied == 10


def test_a_decrypted_log_drops_its_sealed_cache(home, hiki, make_ctx, monkeypatch):
    log = encrypted_log(home)
    place = log.paths.profile_cache_dir / "dashboard.marshal"
    project(log, [Counting()], place)
    assert sealed_path(place).exists()
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    assert hiki(["data", "decrypt"]).exit_code == 0
    assert not sealed_path(place).exists()
    assert hiki([]).exit_code == 0
    assert not sealed_path(place).exists() and place.exists()
