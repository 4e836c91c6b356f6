"""A counselor's family pack can ask a parent to read one of the short readings for families
(`family_readings`): the task ticks itself off when the parent opens it in their own profile
(`hiki --profile mum family read ID`), shows in history in words, and in the report. A pack for
the person cannot hold one; an id hiki does not have is a note, not a silent dead task."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support import FIXED_NOW, json_data, log_lines

MUM = ["--profile", "mum"]


def flat(text: str) -> str:
    return " ".join(text.split())


def pack(tmp_path: Path, body: str, audience: str = "family") -> Path:
    start = FIXED_NOW.date() - dt.timedelta(days=1)
    text = (
        "id: week-one\n"
        "title: Your first week\n"
        f"audience: {audience}\n"
        f"start: {start.isoformat()}\n"
        f"due: {(start + dt.timedelta(days=13)).isoformat()}\n" + body
    )
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_family_reading_task_ticks_itself_off_when_the_parent_opens_it(hiki, home, tmp_path):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    path = pack(tmp_path, "family_readings:\n  - id: guilt\n")
    assert hiki([*MUM, "homework", "import", "--yes", str(path)], profile="mum").exit_code == 0
    shown = flat(hiki([*MUM, "homework"], profile="mum").output)
    assert "Family reading: What is going on? Is it my fault?" in shown
    assert "hiki --profile mum family read guilt" in shown
    task = json_data(hiki([*MUM, "homework", "--json"], profile="mum").output)
    assert '"family-reading-guilt"' in str(task).replace("'", '"')

    assert hiki([*MUM, "family", "read", "guilt", "--no-pager"], profile="mum").exit_code == 0
    data = json_data(hiki([*MUM, "homework", "--json"], profile="mum").output)
    statuses = {t["id"]: t["done"] for p in data["packs"] for t in p["tasks"]}
    assert statuses == {"family-reading-guilt": True}
    history = flat(hiki([*MUM, "history"], profile="mum").output)
    assert 'read "What is going on? Is it my fault?" (guilt)' in history
    report = flat(hiki([*MUM, "report", "--format", "md"], profile="mum").output)
    assert "What is going on? Is it my fault?" in report
    assert log_lines(home) == []  # nothing in the person's own log


def test_in_japanese_the_task_and_history_read_in_japanese(hiki, home, tmp_path, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    assert hiki(["family", "start", "mum"]).exit_code == 0
    path = pack(tmp_path, "family_readings:\n  - id: guilt\n")
    assert hiki([*MUM, "homework", "import", "--yes", str(path)], profile="mum").exit_code == 0
    assert "ご家族向けの読みもの" in hiki([*MUM, "homework"], profile="mum").output
    hiki([*MUM, "family", "read", "guilt", "--no-pager"], profile="mum")
    history = flat(hiki([*MUM, "history"], profile="mum").output)
    assert "読みもの「何が起きているの？ 自分のせいなの？」（guilt）を読みました" in history


def test_a_pack_for_the_person_cannot_ask_for_a_family_reading(hiki, home, tmp_path):
    path = pack(tmp_path, "family_readings:\n  - id: guilt\n", audience="self")
    result = hiki(["homework", "check", str(path)])
    assert result.exit_code == 2
    assert "family_readings belong to a family pack: add 'audience: family'" in flat(result.output)
    assert log_lines(home) == []


def test_an_unknown_reading_is_named_with_the_ones_hiki_has(hiki, home, tmp_path):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    path = pack(tmp_path, "family_readings:\n  - id: gilt\n")
    out = flat(hiki([*MUM, "homework", "check", str(path)], profile="mum").output)
    assert "'gilt' is not one of hiki's readings for families" in out
    assert "guilt" in out and "hiki --profile mum homework done" in out


def test_the_same_reading_twice_is_refused(hiki, home, tmp_path):
    path = pack(tmp_path, "family_readings:\n  - id: guilt\n  - id: guilt\n")
    result = hiki(["homework", "check", str(path)])
    assert result.exit_code == 2
    assert "guilt" in result.output
