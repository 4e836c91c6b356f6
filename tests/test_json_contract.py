"""The `--json` contract (docs/json.md): every command that takes `--json` prints one envelope,
`{"hiki": VERSION, "format": 1, "kind": KIND, "data": ...}`, with the kind the document names for
that command. One case per command, run in order in one real home, so each kind is seen on
real data (a check-in, a ladder step, a pack, a plan item)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from hikicli import __version__
from hikicli.cli.app import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"
FLAGS = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()

# (command line, kind). The order matters: later commands use what earlier ones saved.
CASES: list[tuple[list[str], str]] = [
    (["checkin", *FLAGS, "--json"], "checkin.saved"),
    (["history", "--json"], "history"),
    (["progress", "--json"], "progress"),
    (["crisis", "--country", "GB", "--json"], "crisis"),
    (["sos", "--country", "JP", "--json"], "crisis"),
    (["now", "--list", "--json"], "now.feelings"),
    (["now", "panic", "--json"], "now.exercise"),
    (["support", "--country", "US", "--json"], "support"),
    (["activity", "--list", "--json"], "activity.menu"),
    (
        ["activity", "--log", "made tea", "--pleasure", "3", "--mastery", "5", "--json"],
        "activity.saved",
    ),
    (["assess", "list", "--json"], "assess.list"),
    (["assess", "phq2", "--answers", "1,1", "--json"], "assess.result"),
    (["assess", "history", "--json"], "assess.history"),
    (["ladder", "suggest", "--json"], "ladder.suggestions"),
    (["ladder", "add", "--from", "library-visit", "--suds", "50", "--json"], "ladder.changed"),
    (["ladder", "edit", "s1", "--suds", "45", "--json"], "ladder.changed"),
    (["ladder", "pause", "s1", "--json"], "ladder.changed"),
    (["ladder", "resume", "s1", "--json"], "ladder.changed"),
    (["ladder", "--json"], "ladder"),
    (["step", "s1", "--result", "done", "--peak", "25", "--end", "10", "--json"], "step.tried"),
    (["ladder", "remove", "s1", "--json"], "ladder.changed"),
    (["safety-plan", "add", "coping", "Make a cup of tea", "--json"], "safety_plan.item_added"),
    (["safety-plan", "--json"], "safety_plan"),
    (["safety-plan", "show", "--json"], "safety_plan"),
    (["safety-plan", "remove", "coping", "1", "--json"], "safety_plan.item_removed"),
    (["restart-plan", "add", "first-step", "Open the window", "--json"], "restart_plan.item_added"),
    (["restart-plan", "--json"], "restart_plan"),
    (["restart-plan", "show", "--json"], "restart_plan"),
    (["restart-plan", "remove", "first-step", "1", "--json"], "restart_plan.item_removed"),
    (["homework", "import", "--yes", "{pack}", "--json"], "homework.imported"),
    (["homework", "--json"], "homework.status"),
    (
        ["homework", "answer", "reflection-easier", "--text", "Mornings", "--json"],
        "homework.answered",
    ),
    (["homework", "done", "reading-professional-help", "--json"], "homework.done"),
    (["homework", "guide", "--json"], "homework.guide"),
    (["guide", "--list", "--json"], "guide.list"),
    (["guide", "family", "--json"], "guide"),
    (["config", "show", "--json"], "config"),
    (["hello", "--json"], "hello"),
    (["data", "backup", "list", "--json"], "data.backups"),
    (["data", "import", "{export}", "--json"], "data.imported"),
    (["data", "export", "--output", "{export}.copy", "--json"], "data.exported"),
    (["--profile", "mum", "family", "--json"], "family.lessons"),
    (["--profile", "mum", "family", "lesson", "2", "--json"], "family.lesson"),
    (["--profile", "mum", "family", "checkin", "--stress", "4", "--json"], "family.checkin_saved"),
    (["--profile", "mum", "family", "read", "--list", "--json"], "family.readings"),
    (["--profile", "mum", "family", "read", "{reading}", "--json"], "family.reading"),
    (["data", "status", "--json"], "data.status"),
]


@functools.cache  # one command tree for the file: building it reads every command's signature
def json_commands() -> frozenset[str]:
    """Every visible command that takes `--json`, as `hiki history`, `hiki ladder add`, ..."""
    found: set[str] = set()

    def walk(command: Any, prefix: list[str]) -> None:
        if any("--json" in getattr(p, "opts", []) for p in command.params):
            found.add(" ".join(["hiki", *prefix]))
        for name, sub in getattr(command, "commands", {}).items():
            if not getattr(sub, "hidden", False):
                walk(sub, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return frozenset(found)


def documented() -> dict[str, set[str]]:
    """docs/json.md's table: `| hiki COMMAND | kind, kind |` rows."""
    table: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`(hiki[^`]*)`\s*\|\s*([^|]+)\|", line)
        if m:
            table[m.group(1).strip()] = set(re.findall(r"`([a-z_.]+)`", m.group(2)))
    return table


def command_of(argv: list[str]) -> str:
    if argv[:1] == ["--profile"]:
        argv = argv[2:]
    words = [a for a in argv if not a.startswith("-")]
    names = json_commands()
    for n in range(len(words), 0, -1):
        if " ".join(["hiki", *words[:n]]) in names:
            return " ".join(["hiki", *words[:n]])
    raise AssertionError(f"no --json command in {argv}")


def test_every_json_command_is_documented_with_its_kinds() -> None:
    table = documented()
    assert json_commands() == set(table), "docs/json.md's table must list every --json command"
    for argv, kind in CASES:
        assert kind in table[command_of(argv)], (argv, kind)


def test_every_json_command_has_a_case() -> None:
    assert {command_of(argv) for argv, _ in CASES} == json_commands()


def test_every_case_prints_one_envelope(hiki: Any, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(hiki(["homework", "example"]).output, encoding="utf-8")
    export = tmp_path / "export.json"
    seen: dict[str, Any] = {}
    for argv, kind in CASES:
        if argv[:2] == ["data", "import"]:
            export.write_text(hiki(["data", "export"]).output, encoding="utf-8")
        if "{reading}" in argv:
            reading = seen["family.readings"][0]["id"]
            argv = [reading if a == "{reading}" else a for a in argv]
        argv = [a.replace("{pack}", str(pack)).replace("{export}", str(export)) for a in argv]
        result = hiki(argv)
        assert result.exit_code == 0, (argv, result.output)
        doc = json.loads(result.stdout)
        assert list(doc) == ["hiki", "format", "kind", "data"], argv
        assert doc["hiki"] == __version__ and doc["format"] == 1, argv
        assert doc["kind"] == kind, argv
        seen[kind] = doc["data"]
    # A few data shapes the document promises, read back from what was saved.
    assert seen["checkin.saved"]["mood"] == 6 and seen["checkin.saved"]["kind"] == "checkin"
    assert [e["kind"] for e in seen["history"]] == ["checkin"]
    assert seen["step.tried"]["try"]["kind"].startswith("ladder.")
    assert seen["homework.answered"]["text"] == "Mornings"


def test_a_risk_in_json_carries_help_as_data_inside_the_envelope(hiki: Any) -> None:
    doc = json.loads(hiki(["checkin", *FLAGS[2:], "--mood", "1", "--safe", "no", "--json"]).stdout)
    assert doc["kind"] == "checkin.saved"
    assert doc["data"]["crisis"]["lines"], "the crisis block travels with the risk"


@pytest.mark.parametrize("argv", [["history", "--json"], ["history", "--json", "--limit", "1"]])
def test_streamed_list_is_the_same_envelope(hiki: Any, argv: list[str]) -> None:
    for _ in range(3):
        assert hiki(["checkin", *FLAGS]).exit_code == 0
    doc = json.loads(hiki(argv).stdout)
    assert doc["kind"] == "history" and isinstance(doc["data"], list)
    assert len(doc["data"]) == (1 if "--limit" in argv else 3)
