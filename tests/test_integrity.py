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


# ---- case 4: an interrupted encryption -------------------------------------------------------

SECRET = "my secret note 4141"
FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()

# Runs `hiki data encrypt` and kills itself (SIGKILL) at one step: the n-th file converted, or
# just before the caches or the safety copy are removed (`n` counts the files, then those two).
KILLED_ENCRYPT = r"""
import os, signal, sys
from hikicli.storage import convert
step, calls = int(sys.argv[1]), [0]
def tick():
    calls[0] += 1
    if calls[0] == step:
        os.kill(os.getpid(), signal.SIGKILL)
real_convert, real_delete = convert._convert_file, convert.delete_backup_locked
real_rmtree = convert.shutil.rmtree
def convert_file(*a, **k):
    tick()
    return real_convert(*a, **k)
def rmtree(path, *a, **k):
    if str(path).endswith("/cache"):
        tick()
    return real_rmtree(path, *a, **k)
def delete(*a, **k):
    tick()
    return real_delete(*a, **k)
convert._convert_file = convert_file
convert.shutil.rmtree = rmtree
convert.delete_backup_locked = delete
""" + MAIN.replace("main(sys.argv[1:])", "main(['data', 'encrypt'])")


@pytest.fixture
def four_backups(hiki, home):
    """A plaintext profile with a note in its log, its state, a cache and three backups."""
    for n in range(3):
        result = hiki(["checkin", *FLAGS, "--note", f"{SECRET} {n}"])
        assert result.exit_code == 0, result.output
        assert hiki(["data", "backup"]).exit_code == 0
    assert hiki([]).exit_code == 0  # the dashboard: state.json and a plaintext cache
    return home


def status_of(home: Path) -> tuple[str, dict]:
    from tests.support import json_data

    text = subprocess.run(
        [sys.executable, "-c", MAIN, "data", "status"], env=child_env(home),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    raw = subprocess.run(
        [sys.executable, "-c", MAIN, "data", "status", "--json"], env=child_env(home),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return " ".join(text.split()), json_data(raw)


def plaintext_files(home: Path) -> list[str]:
    from tests.durable import files_containing

    return files_containing(home, SECRET.encode())


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_case4_encrypt_killed_at_any_step_is_reported_and_finished_by_a_rerun(
    four_backups, tmp_path
):
    """Killed after each file, before the caches go and before the safety copy goes: `hiki data
    status` says it is not finished, which files are still plaintext and the safety copy left;
    `hiki data encrypt` again encrypts the backups too, removes the safety copy, and status then
    says everything is encrypted."""
    import shutil

    from hikicli.storage.backup import list_backups

    kept = len(list_backups(Paths.resolve(four_backups)))
    total = 0
    for step in range(1, 12):
        home = tmp_path / f"step{step}"
        shutil.copytree(four_backups, home)
        child = subprocess.run(
            [sys.executable, "-c", KILLED_ENCRYPT, str(step)],
            env=child_env(home, HIKI_PASSPHRASE=PASS), capture_output=True,
        )  # fmt: skip
        if child.returncode != -signal.SIGKILL:
            assert child.returncode == 0, child.stderr
            break  # fewer steps than `step`: this run finished
        total += 1
        text, data = status_of(home)
        left = [f for f in data["files"] if f["form"] == "plaintext"]
        assert data["state"] == "unfinished" and left, text
        assert "encryption not finished (an interrupted change)" in text
        assert "plaintext: anyone who can open the file can read it" in text
        assert "Run `hiki data encrypt` again" in text
        safety = [f for f in data["files"] if f["role"] == "safety"]
        assert safety and "safety copy left by an interrupted conversion" in text
        rerun = subprocess.run(
            [sys.executable, "-c", MAIN, "data", "encrypt"],
            env=child_env(home, HIKI_PASSPHRASE=PASS), capture_output=True, text=True,
        )  # fmt: skip
        assert rerun.returncode == 0, rerun.stderr
        assert plaintext_files(home) == []
        backups = list_backups(Paths.resolve(home))
        assert len(backups) == kept and not [b for b in backups if b.safety]
        text, data = status_of(home)
        assert data["state"] == "on", text
        assert "Everything hiki keeps for this profile is encrypted." in text
        events = EventLog(Paths.resolve(home), KeyRing(lambda: PASS)).read()
        assert [e["data"]["note"] for e in events.events] == [f"{SECRET} {n}" for n in range(3)]
    assert total >= 6
    print(f"\n[kill, encrypt at each step] kills={total}")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_case4_safety_copies_of_interrupted_conversions_never_pile_up(four_backups):
    from hikicli.storage.backup import list_backups

    kept = len(list_backups(Paths.resolve(four_backups)))
    for _ in range(5):
        child = subprocess.run(
            [sys.executable, "-c", KILLED_ENCRYPT, "2"],
            env=child_env(four_backups, HIKI_PASSPHRASE=PASS), capture_output=True,
        )  # fmt: skip
        assert child.returncode == -signal.SIGKILL
        safety = [b for b in list_backups(Paths.resolve(four_backups)) if b.safety]
        assert len(safety) == 1
    assert len(list_backups(Paths.resolve(four_backups))) == kept + 1


def test_case4_no_plaintext_cache_after_an_overlapping_encrypt(four_backups, monkeypatch):
    """A dashboard reads the plaintext log, `data encrypt` runs to "Done" meanwhile, then the
    dashboard would save its summary: nothing is written in the clear."""
    from hikicli.storage import projection
    from hikicli.storage.convert import encrypt_profile

    home = four_backups
    paths = Paths.resolve(home)
    cache = paths.profile_cache_dir
    import shutil

    shutil.rmtree(cache, ignore_errors=True)
    real = EventLog.read_from

    def read_then_encrypt(self, *args, **kw):
        result = real(self, *args, **kw)
        if not self.is_encrypted():
            encrypt_profile(paths, KeyRing(lambda: PASS), PASS)
        return result

    monkeypatch.setattr(EventLog, "read_from", read_then_encrypt)
    from hikicli.domain.registry import dashboard_projections

    projection.project(EventLog(paths), dashboard_projections(), cache / "dashboard.marshal")
    assert not cache.exists() or not list(cache.glob("*.marshal"))
    assert plaintext_files(home) == []


def test_case4_no_cache_is_written_while_a_conversion_holds_the_lock(four_backups, hiki):
    from hikicli.storage.files import locked

    paths = Paths.resolve(four_backups)
    import shutil

    shutil.rmtree(paths.profile_cache_dir, ignore_errors=True)
    with locked(paths.lock_file):
        assert hiki([]).exit_code == 0
    assert not list(paths.profile_cache_dir.glob("*.marshal"))
    assert hiki([]).exit_code == 0
    assert list(paths.profile_cache_dir.glob("*.marshal"))  # once free, the cache is written
