"""A save looks at each line of a plaintext log for a newer hiki's record once (issue #11): the
next save starts where the last one ended, and anything that moved the log looks again."""

from __future__ import annotations

import json

import pytest

from hikicli.errors import StorageError
from hikicli.storage import log as log_module
from hikicli.storage.log import SCHEMA_VERSION, EventLog
from hikicli.storage.paths import Paths

DATA = {"topic": "t", "audience": "self"}
NEWER = json.dumps({"v": SCHEMA_VERSION + 1, "id": "n", "kind": "k", "ts": "t", "data": {}})


@pytest.fixture
def scanned(monkeypatch):
    seen: list[int] = []
    real = log_module._read_all

    def counting(fd, offset):
        data = real(fd, offset)
        seen.append(len(data))
        return data

    monkeypatch.setattr(log_module, "_read_all", counting)
    return seen


def test_the_next_save_looks_only_at_new_lines(home, scanned):
    log = EventLog(Paths.resolve(home))
    for _ in range(50):
        log.append("guide.read", DATA)
    scanned.clear()
    log.append("guide.read", DATA)
    assert scanned == [0]  # nothing new since the last save's look


@pytest.mark.parametrize("where", ["end", "middle", "replaced"])
def test_a_newer_record_is_still_found(home, where):
    log = EventLog(Paths.resolve(home))
    for _ in range(20):
        log.append("guide.read", DATA)
    lines = log.path.read_bytes().splitlines(keepends=True)
    if where == "end":
        with open(log.path, "ab") as fh:  # another tool appends, same file
            fh.write(NEWER.encode() + b"\n")
    elif where == "middle":
        with open(log.path, "r+b") as fh:  # rewritten in place, same inode
            fh.write(b"".join(lines[:5]) + NEWER.encode() + b"\n" + b"".join(lines[5:]))
    else:
        log.path.unlink()
        log.path.write_bytes(b"".join(lines[:5]) + NEWER.encode() + b"\n" + b"".join(lines[5:]))
    before = log.path.read_bytes()
    with pytest.raises(StorageError, match="newer hiki"):
        # `end`: the last line itself; the others: found by the look at every line
        log.append("guide.read", DATA)
    assert log.path.read_bytes() == before
    if where != "end":
        with pytest.raises(StorageError, match="Line 6 of the log"):
            log.append("guide.read", DATA)
