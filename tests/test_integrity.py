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
    real = EventLog.stream_from

    def read_then_encrypt(self, *args, **kw):
        yield from real(self, *args, **kw)
        if not self.is_encrypted():  # the log was read in the clear; now `data encrypt` runs
            encrypt_profile(paths, KeyRing(lambda: PASS), PASS)

    monkeypatch.setattr(EventLog, "stream_from", read_then_encrypt)
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


# ---- case 6: keys, order, lengths, passphrases ----------------------------------------------


def sealed_profile(home: Path, notes: list[str]) -> tuple[Paths, list[bytes]]:
    """An encrypted profile holding one check-in per note; its log's lines."""
    from hikicli.storage.convert import encrypt_profile

    paths = Paths.resolve(home)
    log = EventLog(paths, KeyRing(lambda: PASS))
    encrypt_profile(paths, KeyRing(lambda: PASS), PASS)
    for note in notes:
        log.append("checkin", {**CHECKIN, "note": note})
    return paths, paths.log_file.read_bytes().splitlines(keepends=True)


def problems_of(paths: Paths) -> list[tuple[int, str]]:
    read = EventLog(paths, KeyRing(lambda: PASS)).read()
    return [(p.line, p.reason) for p in read.problems]


def test_case6_a_removed_record_is_reported_where_it_was(home):
    """A safety-plan item removed, then the removal deleted from the file: the item would come
    back unnoticed; now the gap is reported at the line after it."""
    paths, _ = sealed_profile(home, [])
    log = EventLog(paths, KeyRing(lambda: PASS))
    log.append("safety_plan.item_added", {"item": "a1", "section": "people", "text": "Mum"})
    log.append("safety_plan.item_removed", {"item": "a1"})
    log.append("checkin", CHECKIN)
    lines = paths.log_file.read_bytes().splitlines(keepends=True)
    paths.log_file.write_bytes(b"".join(lines[:2] + lines[3:]))  # line 3 (the removal) gone
    [(line, reason)] = problems_of(paths)
    assert line == 3
    assert reason.startswith("1 sealed record(s) are missing just before this line")


def test_case6_reordered_and_repeated_records_are_reported_with_their_lines(home):
    paths, lines = sealed_profile(home, ["one", "two", "three", "four"])
    swapped = [lines[0], lines[1], lines[3], lines[2], lines[4]]
    paths.log_file.write_bytes(b"".join(swapped))
    found = problems_of(paths)
    assert [line for line, _ in found] == [3, 4]
    assert "written as record 3 and is out of order here" in found[1][1]
    paths.log_file.write_bytes(b"".join([*lines, lines[2]]))  # record 3 again, at the end
    read = EventLog(paths, KeyRing(lambda: PASS)).read()
    assert [e["data"]["note"] for e in read.events] == ["one", "two", "three", "four"]
    assert [(p.line, p.reason) for p in read.problems] == [
        (6, "this sealed record (record 3) appeared earlier in the log: the copy was skipped")
    ]


def test_case6_a_record_from_another_log_does_not_open(home, tmp_path):
    """The same key (a backup's log restored beside) but another log id: not accepted."""
    from hikicli.storage.crypto import Cipher, read_header

    paths, lines = sealed_profile(home, ["mine"])
    cipher = KeyRing(lambda: PASS).cipher(read_header(paths.log_file))
    other = Cipher(cipher._data_key, replace_log_id(cipher.header, "0" * 16))
    stranger = other.seal_record(json.dumps({"v": 1}).encode(), 3) + b"\n"
    paths.log_file.write_bytes(b"".join(lines) + stranger)
    [(line, reason)] = problems_of(paths)
    assert line == 3 and "damaged" in reason


def replace_log_id(header, log_id):
    return header._replace(log_id=log_id)  # a NamedTuple


def test_case6_sealed_records_are_padded_to_a_few_lengths(home):
    paths, lines = sealed_profile(home, ["a", "b" * 10, "c" * 25, "d" * 700])
    sizes = [len(line) for line in lines[1:]]
    assert sizes[0] == sizes[1] == sizes[2]  # 1, 10 and 25 characters of note: one length
    assert sizes[3] > sizes[2]
    assert len({*sizes}) == 2


def test_case6_an_nfd_passphrase_opens_nfc_data_and_older_data_still_opens(home, monkeypatch):
    import unicodedata

    from hikicli.storage import crypto
    from hikicli.storage.convert import encrypt_profile

    word = "café crème über"
    nfc, nfd = unicodedata.normalize("NFC", word), unicodedata.normalize("NFD", word)
    assert nfc != nfd
    paths = Paths.resolve(home)
    EventLog(paths).append("checkin", CHECKIN)
    encrypt_profile(paths, KeyRing(lambda: nfc), nfc)
    assert len(EventLog(paths, KeyRing(lambda: nfd)).read().events) == 1
    # Sealed before normalisation, typed as NFD: still opens with the same NFD passphrase.
    older = home.parent / "older"
    old_paths = Paths.resolve(older)
    EventLog(old_paths).append("checkin", CHECKIN)
    monkeypatch.setattr(crypto, "nfc", lambda text: text)
    encrypt_profile(old_paths, KeyRing(lambda: nfd), nfd)
    monkeypatch.undo()
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    assert len(EventLog(old_paths, KeyRing(lambda: nfd)).read().events) == 1


@pytest.mark.parametrize("value", ["1e400", "2.5", '"1024"', "true", "[]"])
def test_case6_a_header_with_a_bad_parameter_is_a_clear_message(hiki, home, value, monkeypatch):
    paths, lines = sealed_profile(home, ["x"])
    header = json.loads(lines[0])
    text = json.dumps(header, separators=(",", ":")).replace(
        f'"n":{header["kdf"]["n"]}', f'"n":{value}'
    )
    paths.log_file.write_bytes(text.encode() + b"\n" + b"".join(lines[1:]))
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    result = hiki(["history"])
    assert result.exit_code == 2
    assert "the encryption header (line 1) is damaged" in " ".join(result.output.split())
    assert "unexpected" not in result.output


def test_case6_a_non_utf8_passphrase_variable_exits_2(home):
    paths, _ = sealed_profile(home, ["x"])
    env = child_env(home)
    env_b = {k.encode(): v.encode() for k, v in env.items()}
    env_b[b"HIKI_PASSPHRASE"] = b"caf\xe9 latin-1 passphrase"
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "history"], env=env_b, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "not valid UTF-8" in result.stderr + result.stdout
    assert "unexpected" not in result.stderr + result.stdout


def test_case6_new_data_uses_scrypt_2_17():
    code = "from hikicli.storage.crypto import new_cipher; print(new_cipher('x' * 8).header.n)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=child_env(Path("/nonexistent")),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert int(out) >= 2**17


def test_case6_backup_names_hold_no_date(hiki, home):
    import re

    EventLog(Paths.resolve(home)).append("checkin", CHECKIN)
    for _ in range(3):
        assert hiki(["data", "backup"]).exit_code == 0
    names = [p.name for p in (Paths.resolve(home).data_dir / "backups").iterdir()]
    assert names and all(re.fullmatch(r"[0-9]{1,3}", n) for n in names), names


def test_case6_records_sealed_before_binding_still_read_and_take_appends(home):
    """A log of version-1 records (unbound, unpadded) from an older hiki: read as before; a new
    record appended after them is bound, and the whole log reads with no problem."""
    from hikicli.storage.crypto import new_cipher
    from hikicli.storage.encstate import write_state
    from hikicli.storage.log import new_event

    paths = Paths.resolve(home)
    cipher = new_cipher(PASS)
    old = [json.dumps(new_event("checkin", {**CHECKIN, "note": f"old {n}"})).encode()
           for n in range(3)]  # fmt: skip
    paths.data_dir.mkdir(parents=True)
    paths.log_file.write_bytes(
        cipher.header.raw + b"\n" + b"".join(cipher.seal(line) + b"\n" for line in old)
    )
    write_state(paths, cipher.header)
    log = EventLog(paths, KeyRing(lambda: PASS))
    log.append("checkin", {**CHECKIN, "note": "new"})
    assert paths.log_file.read_bytes().splitlines()[-1].startswith(b"2:")
    read = EventLog(paths, KeyRing(lambda: PASS)).read()
    assert [e["data"]["note"] for e in read.events] == ["old 0", "old 1", "old 2", "new"]
    assert read.problems == []


def test_case6_passphrase_rewraps_and_rotate_key_seals_under_a_new_key(hiki, home, monkeypatch):
    from hikicli.storage.crypto import read_header, unlock

    paths, _ = sealed_profile(home, ["before"])
    assert hiki(["data", "backup"]).exit_code == 0
    first = read_header(paths.log_file)
    old_cipher = unlock(first, PASS)
    monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
    monkeypatch.setenv("HIKI_NEW_PASSPHRASE", "second horse")
    result = hiki(["data", "passphrase"])
    assert result.exit_code == 0
    assert "hiki data passphrase --rotate-key" in " ".join(result.output.split())
    assert read_header(paths.log_file).key_id == first.key_id  # re-wrapped: the same key
    monkeypatch.setenv("HIKI_PASSPHRASE", "second horse")
    monkeypatch.setenv("HIKI_NEW_PASSPHRASE", "third horse")
    result = hiki(["data", "passphrase", "--rotate-key"])
    assert result.exit_code == 0, result.output
    assert "sealed with a new key" in " ".join(result.output.split())
    now = read_header(paths.log_file)
    assert now.key_id != first.key_id and now.log_id != first.log_id
    EventLog(paths, KeyRing(lambda: "third horse")).append("checkin", {**CHECKIN, "note": "after"})
    for line in paths.log_file.read_bytes().splitlines()[1:]:
        with pytest.raises(ValueError):
            old_cipher.open_record(line)  # the old key opens nothing, old or new
    for f in paths.data_dir.rglob("*"):
        if f.is_file() and f.name in ("log.jsonl", "state.json"):
            assert read_header(f).key_id == now.key_id, f
    notes = [
        e["data"]["note"] for e in EventLog(paths, KeyRing(lambda: "third horse")).read().events
    ]
    assert notes == ["before", "after"]


ROTATE = r"""
import os, sys
from hikicli.storage.convert import rotate_key
from hikicli.storage.crypto import KeyRing
from hikicli.storage.paths import Paths
sys.stdout.write("ready\n"); sys.stdout.flush()
rotate_key(Paths.resolve(os.environ["HIKI_HOME"]), KeyRing(lambda: os.environ["HIKI_PASSPHRASE"]))
sys.stdout.write("done\n"); sys.stdout.flush()
"""


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_case6_rotate_key_killed_at_random_moments_is_finished_by_encrypt(tmp_path):
    import random
    import shutil

    from hikicli.storage.backup import create_backup_locked
    from hikicli.storage.crypto import read_header
    from hikicli.storage.status import profile_status

    template = tmp_path / "template"
    paths, _ = sealed_profile(template, [f"{SECRET} {n}" * 20 for n in range(400)])
    for _ in range(3):
        create_backup_locked(paths, rotate=False)
    expected = [e["id"] for e in EventLog(paths, KeyRing(lambda: PASS)).read().events]
    rng = random.Random(6)
    kills = interrupted = 0
    for n in range(16):
        home = tmp_path / f"run{n}"
        shutil.copytree(template, home)
        here = Paths.resolve(home)
        before = read_header(here.log_file).key_id
        child = subprocess.Popen(
            [sys.executable, "-c", ROTATE], env=child_env(home, HIKI_PASSPHRASE=PASS),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        if b"done" not in out:
            interrupted += 1
            if profile_status(here).state == "unfinished":
                text = status_of(home)[0]
                assert "Run `hiki data encrypt`" in text or "older key" in text, text
        finish = subprocess.run(
            [sys.executable, "-c", MAIN, "data", "encrypt"],
            env=child_env(home, HIKI_PASSPHRASE=PASS), capture_output=True, text=True,
        )  # fmt: skip
        assert finish.returncode == 0, finish.stderr
        status = profile_status(here)
        assert status.state == "on", status
        keys = {read_header(f).key_id for f in here.data_dir.rglob("*")
                if f.is_file() and f.name in ("log.jsonl", "state.json")}  # fmt: skip
        assert len(keys) == 1
        read = EventLog(here, KeyRing(lambda: PASS)).read()
        assert [e["id"] for e in read.events] == expected and read.problems == []
        assert not [b for b in here.data_dir.joinpath("backups").iterdir()
                    if b.name.startswith("safety-")]  # fmt: skip
        del before
    assert interrupted >= 3
    print(f"\n[kill, rotate-key] kills={kills} interrupted={interrupted} records={len(expected)}")


def test_case6_one_record_opens_at_its_own_line_only(home):
    """What a reader going backwards uses: any one line opened alone, checked against the line
    it is at."""
    from hikicli.storage.crypto import read_header

    paths, lines = sealed_profile(home, ["one", "two"])
    cipher = KeyRing(lambda: PASS).cipher(read_header(paths.log_file))
    assert json.loads(cipher.open_at(lines[2], 3))["data"]["note"] == "two"
    with pytest.raises(ValueError):
        cipher.open_at(lines[2], 2)
