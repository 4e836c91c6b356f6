"""Start-up and read-command benchmark: medians, ratios to `python -c pass` measured in the same
run, and each command's peak memory.

    python benchmarks/bench_cli.py [--runs 9] [--events 1000,10000,100000] [--only WORDS]
                                   [--json FILE]

Targets (issues #2, #11 and #15): `--version` ≤ 1.7×, `--help` ≤ 3.5×, first check-in question
≤ 12×, `hiki checkin --mood …` (one save, whole process) ≤ 8×, `hiki hello` ≤ 2× (plain and
encrypted, first of the day and again); every read command, warm, at 100,000
events ≤ 10× (`report` ≤ 12×) and within 1.2× of its 10,000-event figure; encrypted (passphrase
from HIKI_PASSPHRASE) within +0.35 s of the plain figure; `data export` / `data import` at 100,000
events ≤ 60× and peak memory ≤ 64 MiB; the scrypt row states what new encrypted data costs each
command that opens it (n=2^17, 128 MiB). Read commands are measured warm (one unmeasured run first,
so any cache exists, as after an earlier run); the dashboard also cold (cache removed each run).
Peak memory is the child's own maximum resident set (`os.wait4`'s rusage, as
`resource.getrusage(RUSAGE_CHILDREN)` reports it). Each row's CPU time (user + system, median)
is printed too, as a ratio to `python -c pass`'s: on a shared machine under load the wall ratios
swing with the load, the CPU ratios much less. The temp folder is removed however the run
ends.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

PASSPHRASE = "bench passphrase, not a secret"
CHECKIN_FLAGS = [
    "checkin", "--mood", "6", "--anxiety", "4", "--energy", "5", "--sleep", "7.5",
    "--outside", "20", "--contact", "family,online", "--note", "walked to the corner",
    "--safe", "yes",
]  # fmt: skip


def hiki_cmd() -> list[str]:
    found = shutil.which("hiki", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "hikicli"]


# Runs each measured command. A child's peak memory (ru_maxrss) starts at its parent's size when
# it is forked (Linux carries it across exec), so the commands are started by this small process,
# not by the benchmark holding 100,000 events in memory.
RUNNER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    cmd, env = json.loads(line)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), cpu]),
          flush=True)
"""
_runner: subprocess.Popen[str] | None = None


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, peak resident KiB) of one run, which must succeed."""
    global _runner
    if _runner is None:
        _runner = subprocess.Popen(
            [sys.executable, "-c", RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
    assert _runner.stdin is not None and _runner.stdout is not None
    _runner.stdin.write(json.dumps([cmd, env]) + "\n")
    _runner.stdin.flush()
    seconds, rss, code, cpu = json.loads(_runner.stdout.readline())
    if code != 0:
        raise subprocess.CalledProcessError(code, cmd)
    CPU_SAMPLES.append(cpu)
    return seconds, int(rss)  # KiB on Linux


# CPU seconds (user + system) of each run, beside the wall time: on a shared, loaded machine the
# wall ratio swings with the load while a command's own CPU time barely moves. `timed` leaves the
# median of its runs in LAST_CPU[0].
CPU_SAMPLES: list[float] = []
LAST_CPU = [0.0]


def stop_runner() -> None:
    global _runner
    if _runner is not None:
        assert _runner.stdin is not None
        _runner.stdin.close()
        _runner.wait()
        _runner = None


def timed(
    cmd: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """(median seconds, peak MiB). One unmeasured run first, so bytecode caches (as after
    `pip install`, which compiles) and the command's own caches exist."""
    if before:
        before()
    run_once(cmd, env)
    samples, peak = [], 0
    CPU_SAMPLES.clear()
    for _ in range(runs):
        if before:
            before()
        seconds, rss = run_once(cmd, env)
        samples.append(seconds)
        peak = max(peak, rss)
    LAST_CPU[0] = statistics.median(CPU_SAMPLES)
    return statistics.median(samples), peak / 1024


def event(kind: str, ts: str, data: dict) -> str:
    obj = {"v": 1, "id": uuid.uuid4().hex, "kind": kind, "ts": ts, "data": data}
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def log_lines(n: int, ladder_steps: int = 0, tries: int = 0) -> list[str]:
    """n events ending today: a check-in a day (the latest of a day counts; about one day in
    twelve has a second), every 14th event a PHQ-9 or GAD-7 result, every 50th a guide read;
    then ladder steps and tries when asked."""
    today = dt.date.today()
    lines = []
    for i in range(n):
        day = today - dt.timedelta(days=(n - 1 - i) * 3 // 4)
        ts = f"{day.isoformat()}T20:{i % 60:02d}:00+09:00"
        if i % 14 == 7:
            iid, name, size = ("phq9", "PHQ-9", 9) if i % 28 == 7 else ("gad7", "GAD-7", 7)
            answers = [(i // 14 + k) % 3 for k in range(size)]
            if iid == "phq9":
                answers[8] = 0
            data = {
                "instrument": iid, "name": name, "answers": answers, "total": sum(answers),
                "max": 3 * size, "band": None, "risk_items": [9] if iid == "phq9" else [],
                "own_file": False,
            }  # fmt: skip
            lines.append(event("assessment", ts, data))
        elif i % 50 == 25:
            lines.append(event("guide.read", ts, {"topic": "behavioural-activation",
                                                  "audience": "self"}))  # fmt: skip
        else:
            data = {
                "date": day.isoformat(), "mood": 3 + i % 6, "anxiety": (i * 3) % 9,
                "energy": 2 + (i * 7) % 7, "sleep": 7.5, "outside": i % 60,
                "contact": ["family"], "note": "a short private note " * 3,
            }  # fmt: skip
            lines.append(event("checkin", ts, data))
    for i in range(ladder_steps):
        data = {"step": f"s{i + 1}", "text": f"practice step {i + 1}", "suds": 10 + 3 * i}
        lines.append(event("ladder.add", "2016-12-01T10:00:00+09:00", data))
    for i in range(tries):
        day = today - dt.timedelta(days=tries - i)
        data = {
            "step": f"s{i % max(1, ladder_steps) + 1}", "result": "done", "expected": 40,
            "peak": 45, "end": 20, "happened": "no", "learned": "it went fine",
            "with_someone": False, "minutes": 10,
        }  # fmt: skip
        lines.append(event("ladder.try", f"{day.isoformat()}T10:00:00+09:00", data))
    return lines


ACTIVITIES = ("made tea", "opened the curtains", "a short walk", "called a friend", "drew")


def year_lines() -> list[str]:
    """A year of behavioural activation and sleep times after 10,000 ordinary events: each day a
    plan, two rated activities and a check-in with the times slept and woke (issue 15)."""
    today = dt.date.today()
    lines = log_lines(10_000)
    for back in range(364, -1, -1):
        day = today - dt.timedelta(days=back)
        ts = f"{day.isoformat()}T21:00:00+09:00"
        plan = f"{back:012x}"
        what = ACTIVITIES[back % len(ACTIVITIES)]
        lines.append(event("activity.plan", ts, {"plan": plan, "date": day.isoformat(),
                                                  "when": "evening", "text": what,
                                                  "activity": ""}))  # fmt: skip
        for k, text in enumerate((what, ACTIVITIES[(back + 2) % len(ACTIVITIES)])):
            data = {"date": day.isoformat(), "text": text, "activity": "",
                    "pleasure": (back + 3 * k) % 11, "mastery": (back * 7 + k) % 11,
                    "plan": plan if k == 0 else ""}  # fmt: skip
            lines.append(event("activity.done", ts, data))
        slept = f"{(1 + back % 5):02d}:{(back * 7) % 60:02d}"
        woke = f"{(9 + back % 4):02d}:{(back * 11) % 60:02d}"
        data = {"date": day.isoformat(), "mood": 3 + back % 6, "anxiety": back % 9,
                "energy": 2 + back % 7, "sleep": 8.0, "outside": back % 60,
                "contact": ["family"], "note": "", "slept": slept, "woke": woke}  # fmt: skip
        lines.append(event("checkin", ts, data))
    return lines


def make_home(home: Path, lines: list[str], encrypted: bool = False) -> Path:
    folder = home / "profiles" / "default"
    folder.mkdir(parents=True)
    plain = "".join(line + "\n" for line in lines).encode()
    if encrypted:
        from hikicli.storage.crypto import new_cipher, seal_lines
        from hikicli.storage.encstate import write_state
        from hikicli.storage.paths import Paths

        cipher = new_cipher(PASSPHRASE)
        (folder / "log.jsonl").write_bytes(seal_lines(cipher, plain))
        write_state(Paths.resolve(home), cipher.header)
    else:
        (folder / "log.jsonl").write_bytes(plain)
    (folder / "state.json").write_text('{"welcomed": true}')
    return folder


def first_question_time(env: dict[str, str], runs: int) -> float | None:
    try:
        import pexpect
    except ImportError:
        return None
    cmd = hiki_cmd()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            cmd[0],
            cmd[1:] + ["checkin"],
            env={**env, "TERM": "xterm"},
            encoding="utf-8",
            timeout=20,
            dimensions=(40, 100),
        )
        try:
            child.expect(r"\?")
            samples.append(time.perf_counter() - start)
            # A Ctrl-C sent before the prompt reads keys is lost (seen on a loaded machine):
            # send it again until hiki has ended; the time measured is to the question.
            for _ in range(10):
                child.sendcontrol("c")
                try:
                    child.expect(pexpect.EOF, timeout=2)
                    break
                except pexpect.TIMEOUT:
                    continue
        except pexpect.ExceptionPexpect:
            pass  # a run that timed out is not counted (the table says how many counted)
        finally:
            if child.isalive():
                child.terminate(force=True)
    return statistics.median(samples) if samples else None


def save_time(home: Path, runs: int) -> float:
    from hikicli.storage.log import EventLog
    from hikicli.storage.paths import Paths

    log = EventLog(Paths.resolve(home))
    data = {
        "date": dt.date.today().isoformat(), "mood": 5, "anxiety": 5, "energy": 5,
        "sleep": 7.0, "outside": 0, "contact": ["none"], "note": "",
    }  # fmt: skip
    samples = []
    for _ in range(runs * 20):
        start = time.perf_counter()
        log.append("checkin", data)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def scrypt_time(runs: int) -> tuple[int, float]:
    """(n, median seconds) of the key derivation new encrypted data uses: paid once by every
    command that opens encrypted data (and twice by a passphrase change)."""
    from hikicli.storage import crypto

    samples = []
    for _ in range(max(3, runs // 3)):
        start = time.perf_counter()
        crypto._derive("bench passphrase", os.urandom(16), crypto.SCRYPT_N, 8, 1)
        samples.append(time.perf_counter() - start)
    return crypto.SCRYPT_N, statistics.median(samples)


def peer_homes(work: Path, n: int, peers: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """jrnl and watson (installed in `peers`, e.g. a venv's bin) with n entries each, one a day
    as hiki's log: (row name, command, environment)."""
    today = dt.date.today()
    days = [today - dt.timedelta(days=(n - 1 - i) * 3 // 4) for i in range(n)]
    out = []
    jhome = work / f"jrnl{n}"
    (jhome / "jrnl").mkdir(parents=True)
    journal = jhome / "journal.txt"
    with open(journal, "w") as fh:
        for i, day in enumerate(days):
            fh.write(f"[{day.isoformat()} 08:{i % 60:02d}:00 PM] mood {3 + i % 6}.\n")
            fh.write("a short private note " * 3 + "\n\n")
    (jhome / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\n"
        "default_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\njournals:\n  default:\n    journal: " + str(journal) + "\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n"
    )
    out.append(("jrnl -n 1", [str(peers / "jrnl"), "-n", "1"], {"XDG_CONFIG_HOME": str(jhome)}))
    whome = work / f"watson{n}"
    whome.mkdir()
    frames = []
    for i, day in enumerate(days):
        start = int(dt.datetime.combine(day, dt.time(20, i % 60)).timestamp())
        frames.append([start, start + 600, "walk", uuid.uuid4().hex, [], start + 600])
    (whome / "frames").write_text(json.dumps(frames))
    (whome / "state").write_text("{}")
    out.append(("watson log --all", [str(peers / "watson"), "log", "--all"],
                {"WATSON_DIR": str(whome)}))  # fmt: skip
    return out


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


READS: list[tuple[str, list[str]]] = [
    ("hiki (dashboard)", []),
    ("hiki history", ["history"]),
    ("hiki history --json --limit 100000", ["history", "--json", "--limit", "100000"]),
    ("hiki progress", ["progress"]),
    ("hiki report --format md", ["report", "--format", "md"]),
    ("hiki assess history", ["assess", "history"]),
    ("hiki data export --format json", ["data", "export", "--format", "json"]),
]
READ_TARGET = {"hiki report --format md": 12.0, "hiki data export --format json": 60.0}
MEMORY_TARGET = 64.0  # MiB, for export and import at 100k
HELLO_TARGET = 2.0  # `hiki hello` at a shell's start, plain and encrypted (issue 15)


def measure(
    work: Path, env: dict[str, str], runs: int, sizes: list[int], only: str, peers: Path | None
) -> dict:
    hiki = hiki_cmd()
    res: dict = {"runs": runs, "sizes": sizes, "load_before": os.getloadavg()}
    wanted = [w for w in only.split(",") if w]

    def want(name: str) -> bool:
        return not wanted or any(w in name for w in wanted)

    base = timed([sys.executable, "-c", "pass"], env, runs)[0]
    res["base"], res["base_cpu"] = base, LAST_CPU[0]
    fixed: list[tuple[str, float, float, float | None]] = []
    for name, args, target, before in (
        ("hiki --version", ["--version"], 1.7, None),
        ("hiki --help", ["--help"], 3.5, None),
        (
            "hiki --help, help cache removed each run",
            ["--help"],
            None,
            lambda: shutil.rmtree(work / "empty" / "cache", ignore_errors=True),
        ),
    ):
        if want(name):
            seconds, mib = timed([*hiki, *args], env, runs, before)
            fixed.append((name, seconds, mib, target))
    res["fixed"] = fixed

    rows: list[dict] = []
    for n in sizes:
        lines = log_lines(n)
        homes = {}
        for enc in (False, True):
            home = work / f"log{n}{'-enc' if enc else ''}"
            make_home(home, lines, enc)
            homes[enc] = home
        for name, args in READS + [
            ("hiki data import (empty home)", ["data", "import"]),
            ("hiki checkin --mood … (one save)", CHECKIN_FLAGS),
            ("hiki (dashboard), cold cache", []),
            # a shell start: the day's first reads the log's end (encrypted: never), then marks
            ("hiki hello, first of the day", ["hello"]),
            ("hiki hello, again the same day", ["hello"]),
        ]:
            if not want(name):
                continue
            row = {"what": name, "n": n}
            for enc in (False, True):
                home = homes[enc]
                henv = {**env, "HIKI_HOME": str(home)}
                if enc:
                    henv["HIKI_PASSPHRASE"] = PASSPHRASE
                cmd, before = [*hiki, *args], None
                if args[:2] == ["data", "import"]:
                    dump = work / f"export{n}{'-enc' if enc else ''}.json"
                    if not dump.exists():
                        with open(dump, "wb") as fh:
                            subprocess.run(
                                [*hiki, "data", "export"], env=henv, stdout=fh, check=True,
                                stderr=subprocess.DEVNULL,
                            )  # fmt: skip
                    target = work / f"import{n}{'-enc' if enc else ''}"
                    henv = {**henv, "HIKI_HOME": str(target)}
                    cmd = [*cmd, str(dump)]

                    def before(t: Path = target, e: bool = enc) -> None:
                        shutil.rmtree(t, ignore_errors=True)
                        # encrypted: a profile whose log holds only its header
                        make_home(t, [], e)

                elif name == "hiki hello, first of the day":
                    day_file = home / "profiles" / "default" / "cache" / "hello-day"

                    def before(p: Path = day_file) -> None:
                        p.unlink(missing_ok=True)

                elif name.endswith("cold cache"):
                    profile = home / "profiles" / "default"

                    def before(p: Path = profile) -> None:
                        shutil.rmtree(p / "cache", ignore_errors=True)
                        shutil.rmtree(p / "cache.sealed", ignore_errors=True)

                few = before is not None and not name.startswith("hiki hello")
                seconds, mib = timed(cmd, henv, max(3, runs // 3) if few else runs, before)
                key = "enc" if enc else "plain"
                row[key], row[f"{key}_mib"], row[f"{key}_cpu"] = seconds, mib, LAST_CPU[0]
            rows.append(row)
        for name, cmd, penv in peer_homes(work, n, peers) if peers else []:
            seconds, mib = timed(cmd, {**env, **penv}, runs)
            res.setdefault("peers", []).append({"what": name, "n": n, "s": seconds, "mib": mib})
    res["rows"] = rows

    if want("ladder"):
        home = work / "ladder"
        make_home(home, log_lines(10_000, ladder_steps=30, tries=3_000))
        lenv = {**env, "HIKI_HOME": str(home)}
        res["ladder"] = timed(hiki, lenv, runs)
    if want("year"):
        home = work / "year"
        make_home(home, year_lines())
        yenv = {**env, "HIKI_HOME": str(home)}
        cache = home / "profiles" / "default" / "cache"
        res["year"] = (
            timed(hiki, yenv, runs),
            timed(hiki, yenv, max(3, runs // 3), lambda: shutil.rmtree(cache, ignore_errors=True)),
        )
    if want("question"):
        res["first_question"] = first_question_time({**env, "HIKI_HOME": str(work / "fq")}, runs)
    if want("save"):
        res["save"] = save_time(work / "save", runs)
    if want("scrypt"):
        res["scrypt"] = scrypt_time(runs)
    res["load_after"] = os.getloadavg()
    return res


def report(res: dict) -> None:
    base = res["base"]
    one, five, fifteen = res["load_before"]
    print(
        f"machine: {os.cpu_count()} cores, load average before {one:.2f} {five:.2f} "
        f"{fifteen:.2f}, after {' '.join(f'{x:.2f}' for x in res['load_after'])}; "
        f"{res['runs']} runs a row; python -c pass = {base * 1000:.1f} ms"
    )
    print(f"{'what':42} {'events':>7} {'plain':>9} {'ratio':>7} {'encrypted':>10} "
          f"{'ratio':>7} {'MiB':>5} {'MiB enc':>7}  target")  # fmt: skip
    for name, seconds, mib, target in res["fixed"]:
        ok = "" if target is None else f"≤{target:g}× {'yes' if seconds / base <= target else 'NO'}"
        print(f"{name:42} {'':>7} {seconds * 1000:7.1f}ms {seconds / base:6.1f}× "
              f"{'':>10} {'':>7} {mib:5.0f} {'':>7}  {ok}")  # fmt: skip
    by = {(r["what"], r["n"]): r for r in res["rows"]}
    for r in res["rows"]:
        name, n = r["what"], r["n"]
        ratio = r["plain"] / base
        notes = []
        if name.startswith("hiki checkin"):
            notes.append(f"≤8× {'yes' if ratio <= 8 else 'NO'}")
        elif name.startswith("hiki hello"):
            worst = max(ratio, r["enc"] / base)
            notes.append(f"≤2× {'yes' if worst <= HELLO_TARGET else 'NO'}")
        elif "cold" not in name and n == 100_000:
            tgt = READ_TARGET.get(name, 10.0)
            if "import" in name:
                tgt = 60.0
            notes.append(f"≤{tgt:g}× {'yes' if ratio <= tgt else 'NO'}")
            small = by.get((name, 10_000))
            if small:
                growth = r["plain"] / small["plain"]
                notes.append(f"100k/10k {growth:.2f} {'yes' if growth <= 1.2 else 'NO'}")
            extra = r["enc"] - r["plain"]
            notes.append(f"enc +{extra:.2f}s {'yes' if extra <= 0.35 else 'NO'}")
            if "export" in name or "import" in name:
                peak = max(r["plain_mib"], r["enc_mib"])
                notes.append(f"≤64MiB {'yes' if peak <= MEMORY_TARGET else 'NO'}")
        print(
            f"{name:42} {n:7,} {r['plain'] * 1000:7.0f}ms {ratio:6.1f}× "
            f"{r['enc'] * 1000:8.0f}ms {r['enc'] / base:6.1f}× {r['plain_mib']:5.0f} "
            f"{r['enc_mib']:7.0f}  {'; '.join(notes)}"
        )
    cpu_base = res.get("base_cpu") or 0
    if cpu_base:
        print(f"CPU time (user + system), the same runs: python -c pass = {cpu_base * 1000:.1f} ms")
        for r in res["rows"]:
            print(f"{r['what']:42} {r['n']:7,} {r['plain_cpu'] * 1000:7.0f}ms "
                  f"{r['plain_cpu'] / cpu_base:6.1f}× {r['enc_cpu'] * 1000:8.0f}ms "
                  f"{r['enc_cpu'] / cpu_base:6.1f}×  (CPU)")  # fmt: skip
    for p in res.get("peers", []):
        print(f"{p['what']:42} {p['n']:7,} {p['s'] * 1000:7.0f}ms {p['s'] / base:6.1f}× "
              f"{'':>10} {'':>7} {p['mib']:5.0f}  (peer)")  # fmt: skip
    if "ladder" in res:
        seconds, _mib = res["ladder"]
        print(f"{'hiki (dashboard), 10k + ladder 30 steps/3k tries':50} {seconds * 1000:7.1f}ms "
              f"{seconds / base:6.1f}×  ≤10×")  # fmt: skip
    if "year" in res:
        (warm, _m), (cold, _c) = res["year"]
        print(f"{'hiki (dashboard), 10k + a year of activities/sleep':50} {warm * 1000:7.1f}ms "
              f"{warm / base:6.1f}×  ≤10×; cold cache {cold * 1000:.0f}ms "
              f"{cold / base:.1f}×")  # fmt: skip
    if res.get("first_question") is not None:
        fq = res["first_question"]
        print(f"{'first check-in question (pty)':50} {fq * 1000:7.1f}ms {fq / base:6.1f}×  "
              f"≤12× {'yes' if fq / base <= 12 else 'NO'}")  # fmt: skip
    if "scrypt" in res:
        n, seconds = res["scrypt"]
        print(f"{f'scrypt n=2^{n.bit_length() - 1}, r=8, p=1 (once a command, encrypted)':50} "
              f"{seconds * 1000:7.1f}ms  {128 * n * 8 // 2**20} MiB")  # fmt: skip
    if "save" in res:
        save = res["save"]
        print(f"{'one check-in save (append + fsync)':50} {save * 1000:7.2f}ms  ≤10ms "
              f"{'yes' if save <= 0.010 else 'NO'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--events", default="1000,10000,100000")
    parser.add_argument("--only", default="", help="comma-separated parts of row names")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--peers", type=Path, help="a bin folder with jrnl and watson to measure")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.events.split(",") if s]
    print(load_line(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="hiki-bench-"))
    try:
        # A user's installed hiki has bytecode caches: do not let this machine's
        # PYTHONDONTWRITEBYTECODE make every run recompile the source.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("HIKI_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        env["HIKI_HOME"] = str(work / "empty")
        env["COLUMNS"] = "100"
        res = measure(work, env, args.runs, sizes, args.only, args.peers)
    finally:
        stop_runner()
        shutil.rmtree(work, ignore_errors=True)
    report(res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
