"""Issue 12, what was left of cases 4, 6 and 7: an import killed half-way, an encryption killed at
any step, keys and the order of records. Real files in a temp HIKI_HOME; the commands that are
killed run as real child processes (SIGKILL) and are run again to finish."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hikicli.storage.crypto import KeyRing
from hikicli.storage.log import EventLog
from hikicli.storage.paths import Paths
from tests.durable import PASS, child_env, fast_kdf

__all__ = ["fast_kdf"]
pytestmark = pytest.mark.usefixtures("fast_kdf")

CHECKIN = {
    "date": "2024-04-01", "mood": 5, "anxiety": 4, "energy": 5, "sleep": 7.0, "outside": 0,
    "contact": ["none"], "note": "before",
}  # fmt: skip
MAIN = "import sys; from hikicli.entry import main; sys.exit(main(sys.argv[1:]))"


def spawn(home: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    code = f"import sys; sys.argv = ['hiki', *{list(args)!r}]\n" + MAIN
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=child_env(home, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def export_file(path: Path, count: int, note: str) -> Path:
    events = [
        json.dumps(
            {
                "v": 1,
                "id": f"imp{i:07d}",
                "kind": "checkin",
                "ts": "2024-05-01T10:00:00+09:00",
                "data": {
                    "date": "2024-05-01",
                    "mood": 5,
                    "anxiety": 4,
                    "energy": 5,
                    "sleep": 7.0,
                    "outside": 0,
                    "contact": ["none"],
                    "note": note,
                },
            },
            separators=(",", ":"),
        )  # fmt: skip
        for i in range(count)
    ]
    head = '{"format": "hiki-export", "version": 1, "events": [\n'
    path.write_text(head + ",\n".join(events) + "\n]}\n")
    return path


def wait_for_writing(folder: Path, log: Path, size: int, limit: float = 60) -> None:
    """Until the import starts writing: the log or a temp file beside it grows past `size`."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            if log.stat().st_size > size:
                return
            for entry in os.scandir(folder):
                if entry.name.startswith(".hiki-tmp-") and entry.stat().st_size > 0:
                    return
        except OSError:
            pass
        time.sleep(0.0005)
    raise AssertionError("the import never started writing")


# ---- case 7: a killed import -----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_case7_a_killed_import_leaves_the_log_as_it_was_and_a_rerun_completes(tmp_path, encrypted):
    """SIGKILL as soon as `hiki data import` starts writing (and a little later): the log is
    byte for byte what it was; running the import again adds every entry once."""
    from hikicli.storage.convert import encrypt_profile

    home = tmp_path / "home"
    paths = Paths.resolve(home)
    keys = KeyRing(lambda: PASS)
    log = EventLog(paths, keys)
    log.append("checkin", CHECKIN)
    if encrypted:
        encrypt_profile(paths, keys, PASS)
    count = 12_000 if encrypted else 20_000
    dump = export_file(tmp_path / "export.json", count, "n" * 2000)
    env = {"HIKI_PASSPHRASE": PASS} if encrypted else {}
    kills = 0
    for delay in (0.0, 0.0, 0.002, 0.01, 0.03):
        before = paths.log_file.read_bytes()
        child = spawn(home, "data", "import", str(dump), **env)
        wait_for_writing(paths.data_dir, paths.log_file, len(before))
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.communicate()
        if child.returncode == -signal.SIGKILL:
            kills += 1
            assert paths.log_file.read_bytes() == before, f"delay {delay}: the log changed"
        else:
            break  # finished before the kill: nothing to check but the end
    assert kills >= 3
    done = spawn(home, "data", "import", "--json", str(dump), **env)
    out, err = done.communicate(timeout=240)
    assert done.returncode == 0, err.decode()
    read = EventLog(paths, KeyRing(lambda: PASS)).read()
    ids = [e["id"] for e in read.events]
    assert len(ids) == count + 1 and len(set(ids)) == count + 1
    assert read.problems == []
    again = spawn(home, "data", "import", "--json", str(dump), **env)
    out, err = again.communicate(timeout=240)
    assert again.returncode == 0, err.decode()
    assert len(EventLog(paths, KeyRing(lambda: PASS)).read().events) == count + 1
    assert not list(home.rglob(".hiki-tmp-*"))
    print(f"\n[kill, import {'encrypted' if encrypted else 'plain'}] kills={kills} entries={count}")
