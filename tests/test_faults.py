"""A full disk or a read-only folder: a clear message, exit 2, and nothing already saved is lost.

The installed code runs in a child process whose os.write (full disk, also part-way through a
line) or os.open (read-only file system) fails; as root, a real 256 KiB tmpfs is filled up and then
remounted read-only.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from hikicli.errors import StorageError
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.durable import PASS, run_python
from tests.support import tree_snapshot

FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()

FULL_DISK = r"""
import errno, os, sys
budget = [int(sys.argv[1])]
real_write = os.write
def write(fd, data):
    if budget[0] <= 0:
        raise OSError(errno.ENOSPC, "No space left on device")
    n = real_write(fd, bytes(data)[: budget[0]])
    budget[0] -= n
    return n
os.write = write
from hikicli.entry import main
sys.exit(main(sys.argv[2:]))
"""

READ_ONLY = r"""
import errno, os, sys
real_open = os.open
def ro_open(path, flags, *args, **kw):
    if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND):
        raise OSError(errno.EROFS, "Read-only file system", str(path))
    return real_open(path, flags, *args, **kw)
os.open = ro_open
from hikicli.entry import main
sys.exit(main(sys.argv[1:]))
"""


def run(code: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    wrapper = f"import sys; sys.argv = ['x', *{list(args)!r}]\n" + code
    return run_python(wrapper, home, HIKI_PASSPHRASE=PASS)


@pytest.fixture
def saved(hiki, home) -> Path:
    for note in ("one", "two", "three"):
        assert hiki(["checkin", *FLAGS, "--note", note]).exit_code == 0
    return home


@pytest.mark.parametrize("budget", [0, 1, 60, 400])
def test_full_disk_gives_a_clear_message_and_loses_nothing(saved, budget):
    before = tree_snapshot(saved)
    result = run(FULL_DISK, saved, str(budget), "checkin", *FLAGS, "--note", "four " * 80)
    assert result.returncode == 2, result.stderr
    assert "The disk is full" in result.stderr and "Nothing already saved was lost" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_snapshot(saved) == before  # a part-written line was cut off again
    read = EventLog(Paths.resolve(saved)).read()
    assert [e["data"]["note"] for e in read.events] == ["one", "two", "three"]
    assert read.problems == []


@pytest.mark.parametrize(
    "args, needs_log",
    [
        (["checkin", *FLAGS], True),
        (["data", "backup"], True),
        (["data", "encrypt"], True),
        (["data", "export", "--output", "/nonexistent-dir/x.json"], False),
    ],
)
def test_read_only_folder_gives_a_clear_message(saved, args, needs_log):
    before = tree_snapshot(saved)
    result = run(READ_ONLY, saved, *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if needs_log:
        assert "read-only disk" in result.stderr or "No permission to write" in result.stderr
    assert tree_snapshot(saved) == before


def test_reading_still_works_on_a_read_only_folder(saved):
    result = run(READ_ONLY, saved, "history", "--json")
    assert result.returncode == 0, result.stderr
    assert '"three"' in result.stdout


@contextlib.contextmanager
def small_tmpfs(where: Path):
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_real_full_then_read_only_disk(tmp_path, hiki, make_ctx):
    with small_tmpfs(tmp_path / "mnt") as mnt:
        paths = Paths.resolve(mnt / "home")
        log = EventLog(paths)
        saved = 0
        with pytest.raises(StorageError, match="The disk is full") as err:
            for i in range(1000):
                log.append("test.record", {"n": i, "note": "x" * 3000})
                saved += 1
        assert "Nothing already saved was lost" in str(err.value)
        read = log.read()
        assert [e["data"]["n"] for e in read.events] == list(range(saved))
        assert read.problems == [] and saved > 10
        ro = subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True)
        assert ro.returncode == 0, ro.stderr
        before = tree_snapshot(paths.data_root)
        ctx = make_ctx()
        ctx.paths = paths
        result = hiki(["checkin", *FLAGS], ctx=ctx)
        assert result.exit_code == 2 and "read-only disk" in result.output
        assert "Traceback" not in result.output
        assert tree_snapshot(paths.data_root) == before
        assert len(log.read().events) == saved
        print(f"\n[faults, tmpfs] records saved before the disk was full={saved}")
