"""Start-up and read-command benchmark: medians, ratios to `python -c pass` measured in the same
run, and each command's peak memory.

    python benchmarks/bench_cli.py [--runs 9] [--events 1000,10000,100000] [--only WORDS]
                                   [--json FILE] [--lang en,ja]

`--lang` runs everything in each language (HIKI_LANG), one after the other in the same run, and
ends with each row's Japanese median over the English one (issue #13: within 10 %).

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
import signal
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


DAYS_MAX = 3650  # a heavy user's ten years: the longest log the benchmark makes
# A smaller log is a shorter time at the same pace: 100,000 events are ten years at 27 a day,
# 10,000 one year at 27 a day. Then 100k/10k measures what the issue asks (cost against how long
# the person has used hiki), not how much a day holds: at 8 a day for 10,000, a command that
# reads its last 8 weeks read 3.4 times as many lines at 100k (seen as progress 1.28).
PER_DAY_MIN = 27
TOPICS = ("professional-help", "social-reintegration", "ongoing-support", "sleep-rhythm",
          "academic-pressure")  # fmt: skip
ACTIVITIES = ("made tea", "opened the curtains", "a short walk", "called a friend", "drew",
              "washed the dishes", "read a chapter", "played the guitar")  # fmt: skip
NOTES = ("a quiet day", "walked to the corner shop", "slept badly, rested in the afternoon",
         "talked with mum at dinner", "", "")  # fmt: skip
STEPS = ("open the curtains", "eat one meal outside my room", "stand at the front door",
         "walk to the corner", "walk to the shop", "buy one thing at the shop",
         "sit in the park for ten minutes", "take the bus one stop")  # fmt: skip


def span_days(n: int) -> int:
    """How many days n events cover: at least PER_DAY_MIN a day, at most ten years."""
    return max(1, min(DAYS_MAX, n // PER_DAY_MIN))


def _day_events(d: int, span: int, day: dt.date) -> list[tuple[str, dict]]:
    """The core of day d (0 = the first day): what a heavy user does on most days, in order."""
    iso = day.isoformat()
    out: list[tuple[str, dict]] = []
    if d == 0:
        out.append(("ladder.goal", {"goal": "go to the library"}))
    if d % 400 == 0:  # the ladder grows a step now and then; the earlier one was mastered
        k = d // 400
        if k:
            out.append(("ladder.mastered", {"step": f"s{k}", "step_title": STEPS[(k - 1) % 8],
                                            "rule": "habituation"}))  # fmt: skip
        out.append(("ladder.add", {"step": f"s{k + 1}", "text": STEPS[k % 8], "suds": 10 + k,
                                   "template": ""}))  # fmt: skip
    for k, when in enumerate(("morning", "afternoon")):
        plan = {"plan": f"{d:08x}{k:04x}", "date": iso, "when": when,
                "text": ACTIVITIES[(d + 3 * k) % 8], "activity": ""}  # fmt: skip
        out.append(("activity.plan", plan))
    if d % 5 == 2:
        out.append(("guide.read", {"topic": TOPICS[d // 5 % 5], "audience": "self"}))
    if d % 14 in (3, 10):
        iid, name, size = ("phq9", "PHQ-9", 9) if d % 14 == 3 else ("gad7", "GAD-7", 7)
        answers = [(d // 14 + k) % 3 for k in range(size)]
        if iid == "phq9":
            answers[8] = 0
        out.append(("assessment", {
            "instrument": iid, "name": name, "answers": answers, "total": sum(answers),
            "max": 3 * size, "band": None, "risk_items": [],
            "own_file": False,
        }))  # fmt: skip
    if d % 61 == 7:
        out.append(("safety_plan.item_added", {"item": f"{d:012x}", "section": "coping",
                                               "text": "a warm shower"}))  # fmt: skip
    if d % 61 == 40 and d > 61:
        out.append(("safety_plan.item_removed", {"item": f"{d - 94:012x}"}))
    if d % 90 == 20:
        out.append(("restart_plan.item_added", {"item": f"{d:012x}", "section": "first-step",
                                                "text": "open the curtains"}))  # fmt: skip
    back = span - 1 - d
    if back < 182 and back % 14 == 13:  # a counselor's pack every two weeks, the last half year
        pid = f"pack-{d}"
        out.append(("homework.pack", {"id": pid, "file": f"{pid}.yaml", "pack": {
            "id": pid, "title": "Two small weeks", "counselor": "Your counselor",
            "message": "Missed days are fine.", "start": iso,
            "due": (day + dt.timedelta(days=13)).isoformat(), "audience": "self",
            "ladder_steps": [], "checkins": {"days_per_week": 3},
            "readings": [{"topic": TOPICS[d % 5], "audience": "self"}],
            "questionnaires": [{"id": "phq9", "every": "weekly"}],
            "reflections": [{"id": "easier", "question": "What made it a little easier?"}],
            "lessons": [],
        }}))  # fmt: skip
    if back < 182 and back % 14 == 3:
        out.append(("homework.answer", {"pack": f"pack-{d - 10}", "task": "reflection-easier",
                                        "text": "the walks"}))  # fmt: skip
    if d == span // 2:  # one hard evening, long ago
        out.append(("risk.signal", {"source": "checkin", "strength": "high", "date": iso,
                                    "answer": "no", "mood": 1, "context": "checkin"}))  # fmt: skip
    if d % 3 != 1:
        step = f"s{d // 400 + 1}"
        out.append(("ladder.plan", {"step": step, "date": iso, "what": STEPS[d // 400 % 8],
                                    "where": "", "when": "", "minutes_planned": 5,
                                    "expected": 40, "fear": "", "likelihood": 30,
                                    "safety": ""}))  # fmt: skip
        out.append(("ladder.try", _try(d, step, iso)))
    slept = f"{(23 + d % 5) % 24:02d}:{(d * 7) % 60:02d}"
    woke = f"{(7 + d % 4):02d}:{(d * 11) % 60:02d}"
    checkin = {
        "date": iso, "mood": 3 + d % 6, "anxiety": (d * 3) % 9, "energy": 2 + (d * 7) % 7,
        "sleep": 7.5, "outside": d % 60, "contact": ["family"], "note": NOTES[d % 6],
        "safe": "yes", "slept": slept, "woke": woke,
    }  # fmt: skip
    out.append(("checkin", checkin))
    if d % 3 == 0:  # a second check-in later the same day: the latest counts
        out.append(("checkin", {**checkin, "mood": 4 + d % 5, "note": "evening: calmer"}))
    return out


def _try(d: int, step: str, iso: str) -> dict:
    return {
        "plan": "", "step": step, "step_title": STEPS[d // 400 % 8], "result": "done",
        "peak": 30 + d % 30, "end": 10 + d % 20, "happened": "no", "learned": "it went fine",
        "with_someone": False, "minutes": 10, "date": iso,
    }  # fmt: skip


def log_lines(n: int) -> list[str]:
    """n events of a heavy user's log, in time order, ending today: up to ten years of days
    (span_days), each with check-ins (sleep times, a second one some evenings, notes), planned
    and rated activities, ladder plans and tries, a guide now and then, a PHQ-9 and a GAD-7
    every two weeks, safety- and restart-plan edits, and a counselor's packs in the last half
    year; the rest of a day's share is more rated activities and tries."""
    today = dt.date.today()
    span = span_days(n)
    lines: list[str] = []
    for d in range(span):
        day = today - dt.timedelta(days=span - 1 - d)
        share = n * (d + 1) // span - n * d // span
        core = _day_events(d, span, day)
        extra = max(0, share - len(core))
        fill = [
            ("ladder.try", _try(d, f"s{d // 400 + 1}", day.isoformat())) if k % 4 == 3 else
            ("activity.done", {"date": day.isoformat(), "text": ACTIVITIES[(d + k) % 8],
                               "activity": "", "pleasure": (d + 3 * k) % 11,
                               "mastery": (d * 7 + k) % 11, "plan": ""})
            for k in range(extra)
        ]  # fmt: skip
        todo = (fill[: extra // 2] + core[:-1] + fill[extra // 2 :] + core[-1:])[:share]
        for k, (kind, data) in enumerate(todo):
            minute = 8 * 60 + k * (15 * 60) // max(1, len(todo))  # 08:00 to 23:00
            ts = f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:{k % 60:02d}+09:00"
            lines.append(event(kind, ts, data))
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


def scrypt_time(runs: int) -> tuple[int, float, str, float]:
    """(n, median seconds, the library, OpenSSL's median seconds) of the key derivation new
    encrypted data uses: paid once by every command that opens encrypted data (and twice by a
    passphrase change). hiki's own call (libsodium's scrypt where PyNaCl loads), and OpenSSL's
    (hashlib, hiki's fallback) beside it for comparison: the same key."""
    import hashlib

    from hikicli.storage import crypto

    samples, openssl = [], []
    for _ in range(max(3, runs // 3)):
        salt = os.urandom(16)
        start = time.perf_counter()
        crypto._derive("bench passphrase", salt, crypto.SCRYPT_N, 8, 1)
        samples.append(time.perf_counter() - start)
        start = time.perf_counter()
        hashlib.scrypt(b"bench passphrase", salt=salt, n=crypto.SCRYPT_N, r=8, p=1,
                       maxmem=2**31 - 1, dklen=32)  # fmt: skip
        openssl.append(time.perf_counter() - start)
    # a hiki from before scrypt_by derived with OpenSSL's (the benchmark also measures older wheels)
    by = crypto.scrypt_by() if hasattr(crypto, "scrypt_by") else "OpenSSL"
    return crypto.SCRYPT_N, statistics.median(samples), by, statistics.median(openssl)


def peer_homes(work: Path, n: int, peers: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """jrnl and watson (installed in `peers`, e.g. a venv's bin) with n entries each, one a day
    as hiki's log: (row name, command, environment)."""
    today, span = dt.date.today(), span_days(n)
    days = [today - dt.timedelta(days=span - 1 - i * span // n) for i in range(n)]
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
    ("hiki homework", ["homework"]),
    ("hiki family", ["family"]),
    ("hiki data export --format json", ["data", "export", "--format", "json"]),
]
READ_TARGET = {"hiki report --format md": 12.0, "hiki data export --format json": 60.0}
MEMORY_TARGET = 64.0  # MiB, for export and import at 100k
SCRYPT_MIB = 128  # what scrypt n=2^17, r=8 needs (128·n·r bytes), once per encrypted command
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
        del lines
        # The new homes (60 MB at 100,000 events) are written out now, so the kernel's writing
        # them back does not fall on the first rows measured.
        os.sync()
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
                # Encrypted, the key derivation alone holds 128·n·r bytes (n=2^17, r=8: 128 MiB)
                # for a moment, whatever the log's size: said beside the figure.
                plain_ok = r["plain_mib"] <= MEMORY_TARGET
                enc_ok = r["enc_mib"] <= MEMORY_TARGET
                notes.append(
                    f"≤64MiB plain {'yes' if plain_ok else 'NO'}, encrypted "
                    f"{'yes' if enc_ok else 'NO'} (scrypt alone {SCRYPT_MIB} MiB)"
                )
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
    if res.get("first_question") is not None:
        fq = res["first_question"]
        print(f"{'first check-in question (pty)':50} {fq * 1000:7.1f}ms {fq / base:6.1f}×  "
              f"≤12× {'yes' if fq / base <= 12 else 'NO'}")  # fmt: skip
    if "scrypt" in res:
        n, seconds, by, openssl = res["scrypt"]
        what = f"scrypt n=2^{n.bit_length() - 1}, r=8, p=1, {by} (once a command, encrypted)"
        print(f"{what:50} "
              f"{seconds * 1000:7.1f}ms  {128 * n * 8 // 2**20} MiB; OpenSSL's "
              f"{openssl * 1000:.1f}ms")  # fmt: skip
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
    parser.add_argument("--lang", default="en", help="comma-separated languages (HIKI_LANG)")
    args = parser.parse_args()
    langs = [lang for lang in args.lang.split(",") if lang]
    sizes = [int(s.replace("_", "")) for s in args.events.split(",") if s]
    print(load_line(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="hiki-bench-"))
    # A benchmark stopped by a signal still removes its folder (the `finally` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    try:
        # A user's installed hiki has bytecode caches: do not let this machine's
        # PYTHONDONTWRITEBYTECODE make every run recompile the source.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("HIKI_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        env["COLUMNS"] = "100"
        results = {}
        for lang in langs:
            lwork = work / lang
            lwork.mkdir()
            lenv = {**env, "HIKI_HOME": str(lwork / "empty"), "HIKI_LANG": lang}
            results[lang] = measure(lwork, lenv, args.runs, sizes, args.only, args.peers)
    finally:
        stop_runner()
        shutil.rmtree(work, ignore_errors=True)
    for lang, res in results.items():
        if len(results) > 1:
            print(f"\n== language: {lang}")
        report(res)
    if len(results) > 1:
        compare(results, langs[0])
    if args.json:
        figures = results if len(results) > 1 else results[langs[0]]
        args.json.write_text(json.dumps(figures, indent=1))


def compare(results: dict[str, dict], first: str) -> None:
    """Each row in every other language against the first language's, both as ratios to their
    own `python -c pass` (the load moves between the two halves of a run): 1.00 = the same."""
    print(f"\n== each row's ratio over {first}'s ratio (1.00 = the same; wall, then CPU)")
    one = results[first]
    for lang, res in results.items():
        if lang == first:
            continue
        for mine, other in zip(one["fixed"], res["fixed"], strict=True):
            a, b = mine[1] / one["base"], other[1] / res["base"]
            print(f"{lang} {mine[0]:50} {b / a:5.2f}  ({a:.1f}× -> {b:.1f}×)")
        for x, y in zip(one["rows"], res["rows"], strict=True):
            a, b = x["plain"] / one["base"], y["plain"] / res["base"]
            cpu = ""
            if one.get("base_cpu") and res.get("base_cpu"):
                ca, cb = x["plain_cpu"] / one["base_cpu"], y["plain_cpu"] / res["base_cpu"]
                cpu = f"; CPU {cb / ca:.2f} ({ca:.1f}× -> {cb:.1f}×)"
            what = f"{x['what']}, {x['n']}"
            print(f"{lang} {what:50} {b / a:5.2f}  ({a:.1f}× -> {b:.1f}×{cpu})")
        if one.get("first_question") and res.get("first_question"):
            a, b = one["first_question"] / one["base"], res["first_question"] / res["base"]
            what = "first check-in question (pty)"
            print(f"{lang} {what:50} {b / a:5.2f}  ({a:.1f}× -> {b:.1f}×)")

if __name__ == "__main__":
    main()
