"""The read commands (`history`, `progress`, `report`, `assess history`, `homework`, `family`)
read their cache and the part of the log their days can be in (services/reads.py), and show
exactly what reading the whole log shows: the same lines, in the same order, with the same notes
about damaged lines, whatever order the lines were written in (back-dated entries, imports),
encrypted or not."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hikicli import versions
from hikicli.domain import registry
from hikicli.domain.kinds import KINDS
from hikicli.storage import log as storage_log
from hikicli.storage import projection
from hikicli.storage.paths import Paths
from tests.durable import fast_kdf
from tests.support import examples

__all__ = ["fast_kdf"]

EXAMPLES = {k.name: k.example for k in KINDS}
# The kinds the commands read; check-ins most (as in a real log).
KIND_CHOICES = [
    "checkin", "checkin", "checkin", "checkin", "assessment", "risk.signal",
    "safety_plan.item_added", "safety_plan.item_removed", "ladder.add", "ladder.try",
    "guide.read", "family.checkin", "activity.done", "homework.pack", "homework.answer",
    "family.lesson", "ladder.plan",
]  # fmt: skip
COMMANDS = [
    ["history", "--limit", "3"],
    ["history", "--limit", "40", "--json"],
    ["history", "--since", "2026-11-10"],
    ["progress", "--json"],
    ["report", "--format", "json"],
    ["report", "--format", "md", "--since", "2026-11-01"],
    ["assess", "history"],
    ["homework"],
    ["homework", "--json"],
    ["family", "--json"],
]


def line(kind: str, day: int, recorded: int, n: int, safe: str = "yes") -> bytes:
    """One stored event: `day` the day it is about (days before 2026-11-25), recorded
    `recorded` days before then (a back-dated entry is recorded after its day)."""
    data = dict(EXAMPLES[kind])
    when = dt.date(2026, 11, 25) - dt.timedelta(days=recorded)
    if "date" in data:
        data["date"] = (dt.date(2026, 11, 25) - dt.timedelta(days=day)).isoformat()
    if kind == "checkin":
        data.update(mood=n % 11, safe=safe, note=f"note {n}")
    if kind == "homework.pack":  # a pack of two weeks from its day, asking for what is drawn
        start = dt.date(2026, 11, 25) - dt.timedelta(days=day)
        data = {"id": f"p{n % 2}", "file": "p.yaml", "pack": {
            "id": f"p{n % 2}", "title": f"Pack {n}", "start": start.isoformat(),
            "due": (start + dt.timedelta(days=13)).isoformat(), "audience": "self",
            "ladder_steps": [{"step": "open the curtains", "expected_suds": 15, "note": None}],
            "checkins": {"days_per_week": 2},
            "readings": [{"topic": "behavioural-activation", "audience": "self"}],
            "questionnaires": [{"id": "phq9", "every": "weekly"}],
            "reflections": [{"id": "reflect", "question": "How was it?"}],
            "lessons": [],
        }}  # fmt: skip
    if kind == "homework.answer":
        data.update(pack=f"p{n % 2}")
    if kind == "assessment":
        data.update(total=n % 28, instrument="phq9" if n % 2 else "gad7")
        data["name"] = "PHQ-9" if n % 2 else "GAD-7"
        data["max"] = 27 if n % 2 else 21
        if n % 2 == 0:
            data.update(answers=[1] * 7, risk_items=[])
    event = {
        "v": 1, "id": f"{n:032x}", "kind": kind,
        "ts": f"{when.isoformat()}T{n % 24:02d}:{n % 60:02d}:00+09:00", "data": data,
    }  # fmt: skip
    return json.dumps(event, separators=(",", ":")).encode()


entries = st.lists(
    st.tuples(
        st.sampled_from(KIND_CHOICES),
        st.integers(0, 90),  # the day it is about
        st.integers(0, 10),  # back-dated by this many days
        st.sampled_from(["yes", "yes", "no", "skip"]),
        st.integers(0, 30),  # one line in 31 damaged
    ),
    min_size=0,
    max_size=40,
)


def build(rows: list[Any], first: int = 0) -> list[bytes]:
    """Lines in the order drawn: the days go up and down (an import, back-dated entries)."""
    out = []
    for i, (kind, day, back, safe, damage) in enumerate(rows, start=first):
        recorded = max(0, day - back) if kind == "checkin" else day
        raw = line(kind, day, recorded, i, safe)
        out.append(raw[: len(raw) // 2] if damage == 0 else raw)
    return out


def run_all(hiki: Any) -> list[str]:
    return [hiki(args).output for args in COMMANDS]


def whole_log_outputs(hiki: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the commands show reading the whole log: no cache, one part (no mark but 0)."""
    paths = Paths.resolve(home)
    with monkeypatch.context() as m:
        m.setattr(projection, "SPAN", 1 << 40)
        shutil.rmtree(paths.profile_cache_dir, ignore_errors=True)
        out = run_all(hiki)
        shutil.rmtree(paths.profile_cache_dir, ignore_errors=True)
    return out


@pytest.mark.timeout(600)  # ~30 commands an example
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=entries, later=entries, torn=st.booleans())
def test_read_commands_show_what_the_whole_log_shows(hiki, home, monkeypatch, first, later, torn):
    monkeypatch.setattr(projection, "SPAN", 400)  # a mark every few lines
    paths = Paths.resolve(home)
    shutil.rmtree(home, ignore_errors=True)
    paths.data_dir.mkdir(parents=True)
    lines = build(first)
    paths.log_file.write_bytes(b"".join(x + b"\n" for x in lines))
    expected = whole_log_outputs(hiki, home, monkeypatch)
    assert run_all(hiki) == expected, "cold"
    assert run_all(hiki) == expected, "warm"
    # Lines appended since the cache was written (back-dated ones too), and a torn last line.
    more = build(later, first=len(first))
    tail = line("checkin", 0, 0, 999)[:20] if torn else b""
    with open(paths.log_file, "ab") as fh:
        fh.write(b"".join(x + b"\n" for x in more) + tail)
    expected = whole_log_outputs(hiki, home, monkeypatch)
    assert run_all(hiki) == expected, "after new lines"
    assert run_all(hiki) == expected, "warm again"


class Counting(registry.LastingEvents):
    applied = 0

    def apply(self, state: list[Any], event: Any) -> list[Any]:
        Counting.applied += 1
        return super().apply(state, event)


def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    parsed: list[int] = []
    real = storage_log.parse_line

    def counted(raw: bytes, lineno: int) -> Any:
        parsed.append(lineno)
        return real(raw, lineno)

    monkeypatch.setattr(storage_log, "parse_line", counted)
    return parsed


def a_long_log(home: Path, n: int = 600) -> Paths:
    """n entries, one day each, in time order (as hiki writes them), ending 2026-11-25."""
    paths = Paths.resolve(home)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n):
        day = n - 1 - i
        kind = "assessment" if i % 7 == 3 else "checkin"
        rows.append(line(kind, day, day, i))
    paths.log_file.write_bytes(b"".join(x + b"\n" for x in rows))
    return paths


@pytest.mark.parametrize(
    ("command", "args", "days"),
    [
        ("history", ["history"], 14),  # the 14 latest entries
        ("progress", ["progress"], 56),  # 8 weeks
        ("report", ["report", "--format", "md"], 28),
        ("assess_history", ["assess", "history"], 0),  # every result is kept in the cache
        ("homework", ["homework"], 0),  # no pack: from today
        ("family", ["family"], 0),  # every lesson entry is kept in the cache
    ],
)
def test_each_read_cache_is_used_and_a_second_run_reads_no_old_line(
    hiki, home, monkeypatch, command, args, days
):
    monkeypatch.setattr(registry, "LastingEvents", Counting)
    monkeypatch.setattr(projection, "SPAN", 2048)
    paths = a_long_log(home)
    Counting.applied = 0
    first = hiki(args).output
    cache = paths.profile_cache_dir / f"reads-{command}.marshal"
    assert Counting.applied == 600 and cache.exists()
    stamp = cache.stat().st_mtime_ns

    parsed = parse_counter(monkeypatch)
    Counting.applied = 0
    assert hiki(args).output == first
    assert Counting.applied == 0, "nothing folded again"
    assert cache.stat().st_mtime_ns == stamp, "read, not written again"
    part = paths.profile_cache_dir / f"days-{command}.marshal"
    if command == "history":  # newest first, its latest part read again: a few lines
        assert parsed and min(parsed) > 600 - 14 - 30, f"{command} read old lines"
    else:  # the part of the log its days are in is kept parsed: no line is read again
        assert parsed == [], f"{command} read lines again"
        assert part.exists()
        # Without that cache only that part is read (and a mark's span of about 20 lines
        # before it).
        part.unlink()
        assert hiki(args).output == first
        assert parsed and min(parsed) > 600 - days - 30, f"{command} read old lines"
        assert part.exists()

    with open(paths.log_file, "ab") as fh:
        fh.write(line("checkin", 0, 0, 600) + b"\n")
    Counting.applied = 0
    parsed.clear()
    hiki(args)
    assert Counting.applied == 1, "only the new line is folded"
    if command != "history":
        assert set(parsed) == {601}, "only the new line is read (folded, and added to the part)"


@pytest.mark.parametrize("change", ["version", "schema", "kind", "code"])
def test_a_read_cache_is_rebuilt_when_what_built_it_changes(
    hiki, home, monkeypatch, tmp_path, change
):
    monkeypatch.setattr(registry, "LastingEvents", Counting)
    code = tmp_path / "code.py"
    code.write_text("x = 1\n")
    monkeypatch.setattr(projection, "CODE", (*projection.CODE, code))
    a_long_log(home, 50)
    hiki(["progress"])
    Counting.applied = 0
    hiki(["progress"])
    assert Counting.applied == 0
    if change == "version":
        monkeypatch.setattr(versions, "__version__", "99.0")
    elif change == "schema":
        monkeypatch.setattr(versions, "LOG_SCHEMA_VERSION", versions.LOG_SCHEMA_VERSION + 1)
    elif change == "kind":
        from hikicli.domain import kinds

        bumped = {**kinds.versions(), "checkin": 2}
        monkeypatch.setattr(kinds, "versions", lambda: bumped)
    else:
        code.write_text("x = 2  # a fold changed\n")
    Counting.applied = 0
    hiki(["progress"])
    assert Counting.applied == 50, f"a {change} change folds from the start"


def test_a_read_cache_is_rebuilt_when_a_command_keeps_another_kind(hiki, home, monkeypatch):
    monkeypatch.setattr(registry, "LastingEvents", Counting)
    a_long_log(home, 50)
    hiki(["progress"])
    monkeypatch.setattr(Counting, "version", Counting.version + 1)  # what it keeps changed
    Counting.applied = 0
    hiki(["progress"])
    assert Counting.applied == 50


def test_the_note_phrases_cache_is_used_and_follows_risk_yaml(tmp_path, monkeypatch):
    from hikicli.content import risk_content

    reads: list[str] = []
    real = risk_content._read_note_phrases

    def counted(lang: str) -> list[str]:
        reads.append(lang)
        return real(lang)

    monkeypatch.setattr(risk_content, "_read_note_phrases", counted)
    first = risk_content.note_phrases("ja", tmp_path)
    assert first == real("ja") and "死にたい" in first and reads == ["ja"]
    assert risk_content.note_phrases("ja", tmp_path) == first
    assert reads == ["ja"], "the second check-in reads the cache"
    monkeypatch.setattr(risk_content, "_read_note_phrases", lambda lang: ["changed"])
    monkeypatch.setattr("hikicli.versions.__version__", "99.0")  # a new hiki: read again
    assert risk_content.note_phrases("ja", tmp_path) == ["changed"]


@pytest.mark.usefixtures("fast_kdf")
def test_encrypted_read_caches_are_sealed_and_used(home):
    import re

    from hikicli.services import reads
    from tests.test_sealed_caches import NOTE, encrypted_log

    log = encrypted_log(home)  # ten check-ins with NOTE
    log.append("assessment", dict(EXAMPLES["assessment"]))
    cache_dir = log.paths.profile_cache_dir
    for command in registry.READ_KEEPS:
        first = reads.load_since(log, cache_dir, command, "2026-11-05")
        assert [e["data"].get("note") for e in first.events][:1] in ([NOTE], [None])
    assert not list(cache_dir.glob("reads-*"))  # nothing in the clear
    assert not list(cache_dir.glob("days-*"))  # the parts kept parsed neither
    sealed = sorted(projection.sealed_path(cache_dir / "x").parent.glob("reads-*"))
    assert len(sealed) == len(registry.READ_KEEPS)
    parts = sorted(projection.sealed_path(cache_dir / "x").parent.glob("days-*"))
    assert len(parts) == len(registry.READ_KEEPS)
    for path in sealed + parts:
        data = path.read_bytes()
        assert re.fullmatch(rb"hiki-sealed-cache-v1 [0-9a-f]+ \d+ \d+", data.split(b"\n")[0])
        # "PHQ-9", not "PHQ": three letters turn up in 4 KB of base64 about once in 60 runs; a
        # "-" is not in base64's alphabet, so only clear text can hold it
        for word in (NOTE.encode(), b"checkin", b"assessment", b"PHQ-9", b"2026-11"):
            assert word not in data
    Counting.applied = 0
    with pytest.MonkeyPatch.context() as m:
        m.setattr(registry, "LastingEvents", Counting)
        again = reads.load_since(log, cache_dir, "assess_history", "9999-12-31")
    assert Counting.applied == 0, "the sealed cache is used"
    assert [e["kind"] for e in again.events].count("assessment") == 1


def test_a_part_kept_parsed_gives_the_events_of_the_days_asked_for(home, monkeypatch):
    """`projection.part` against reading the part again (`since`): for any day asked for, one
    after the other (a later day reuses a part that starts earlier; an earlier day reads from
    its own mark), the events of that day on are the same, the kept ones are all there, and a
    log replaced by another one is read again."""
    from hikicli.services import reads
    from hikicli.storage.log import EventLog

    monkeypatch.setattr(projection, "SPAN", 2048)
    paths = a_long_log(home)
    log = EventLog(paths)
    cache_dir = paths.profile_cache_dir

    def days_on(events: list[Any], day: str) -> list[Any]:
        return [e for e in events if projection.day_bound(e) >= day]

    def expected(day: str) -> list[Any]:
        projected = reads._project(log, cache_dir, "report")
        mark, read = projection.since(log, projected, day)
        [kept] = projected.states.values()
        return kept[: mark.sizes.get("lasting_report", 0)] + read.events

    import marshal

    def part_start() -> int:
        return int(marshal.loads((cache_dir / "days-report.marshal").read_bytes())["offset"])

    days = ["2026-10-20", "2026-11-05", "2026-09-01", "2026-11-24", "2026-11-01", "2026-11-25"]
    starts = []
    for day in days:
        got = reads.load_since(log, cache_dir, "report", day).events
        starts.append(part_start())
        want = expected(day)
        assert days_on(got, day) == days_on(want, day), day
        kinds = registry.READ_KEEPS["report"]
        assert [e for e in want if kinds(e["kind"])] == [
            e for e in got if kinds(e["kind"]) and e in want
        ]
    # 11-05 reuses the part read for 10-20; 09-01 reads from earlier; 11-24 reads again (most
    # of the part would lie before its days)
    assert starts[1] == starts[0] and starts[2] < starts[0] and starts[3] > starts[1]

    # The same log written again with other words (a new file, as every rewrite): read again.
    text = paths.log_file.read_bytes().replace(b'"note 599"', b'"note 5x9"')
    fresh = paths.log_file.with_name("new.jsonl")
    fresh.write_bytes(text)
    fresh.replace(paths.log_file)
    again = reads.load_since(log, cache_dir, "report", "2026-11-25")
    notes = [e["data"].get("note") for e in again.events]
    assert "note 5x9" in notes and "note 599" not in notes
