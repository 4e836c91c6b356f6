"""`hiki content schema` checked by a JSON-Schema validator that is not hiki (issue 14, point 4):
without a kind it dispatches on the file's kind, and for hand-written packs it accepts and
refuses what `hiki content validate` accepts and refuses; ge/le bounds are minimum/maximum."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

GOOD = """\
id: first
title: Our first week
start: 2026-12-01
due: 2026-12-07
ladder_steps:
  - step: Open the curtains
    expected_suds: 20
    note: Any time of day.
"""
FAMILY = """\
id: for-mum
title: For you
audience: family
start: 2026-12-01
due: 2026-12-07
lessons:
  - number: 2
"""
# (name, text): each is refused by hiki; the schema must refuse it too.
BAD = [
    ("suds over 100", GOOD.replace("expected_suds: 20", "expected_suds: 150")),
    ("suds below 0", GOOD.replace("expected_suds: 20", "expected_suds: -1")),
    ("unknown key", GOOD.replace("    note:", "    notte:")),
    ("unknown top key", GOOD + "chekins:\n  days_per_week: 3\n"),
    ("only a space", GOOD.replace("step: Open the curtains", 'step: " "')),
    ("escape sequence", GOOD.replace("title: Our first week", 'title: "x\\e[2Jy"')),
    ("carriage return", GOOD.replace("title: Our first week", 'title: "x\\ry"')),
    ("text direction", GOOD.replace("title: Our first week", 'title: "x\\u202Ey"')),
    ("days per week 8", GOOD + "checkins:\n  days_per_week: 8\n"),
    ("no task", GOOD.split("ladder_steps:")[0]),
    ("empty task list", GOOD.split("ladder_steps:")[0] + "ladder_steps: []\n"),
    ("missing due", GOOD.replace("due: 2026-12-07\n", "")),
    ("not a date", GOOD.replace("due: 2026-12-07", "due: next week")),
    ("bad id", GOOD.replace("id: first", "id: First Pack")),
    ("lessons for the person", GOOD + "lessons:\n  - number: 2\n"),
    ("ladder for a family", FAMILY + "ladder_steps:\n  - step: x\n    expected_suds: 5\n"),
    ("lesson 99", FAMILY.replace("number: 2", "number: 99")),
    ("every monthly", GOOD + "questionnaires:\n  - id: who5\n    every: monthly\n"),
]
VALID = [
    ("good", GOOD),
    ("family", FAMILY),
    ("tab and newline", GOOD.replace("note: Any time of day.", 'note: "one\\ttwo\\nthree"')),
    ("japanese", GOOD.replace("Open the curtains", "カーテンをあける")),
]


def as_json_data(value: Any) -> Any:
    """What a YAML file is in JSON's data model: dates as ISO text (editors do the same)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    return value


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    from hikicli.content.schema import content_schema

    schema = content_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_hiki_content_schema_prints_the_dispatching_schema(hiki, validator):
    assert json.loads(hiki(["content", "schema"]).output) == validator.schema


def load(text: str) -> Any:
    """The file as hiki reads it (YAML 1.2 keys: `no:` is text); what hiki's loader refuses
    (035 as 29), as a YAML 1.1 editor reads it."""
    from hikicli.content.yamlload import parse_text
    from hikicli.errors import ContentError

    try:
        data = parse_text(text, "test.yaml").data
    except ContentError:
        data = yaml.safe_load(text)
    return as_json_data(data)


def schema_accepts(validator: Draft202012Validator, text: str) -> bool:
    return validator.is_valid(load(text))


def hiki_accepts(hiki, tmp_path: Path, text: str) -> bool:
    folder = tmp_path / "packs"
    folder.mkdir(exist_ok=True)
    path = folder / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    result = hiki(["content", "validate", str(path)])
    assert result.exit_code in (0, 2), result.output
    return result.exit_code == 0


@pytest.mark.parametrize(("name", "text"), VALID + BAD, ids=[n for n, _ in VALID + BAD])
def test_the_schema_and_hiki_agree_on_a_hand_written_pack(hiki, tmp_path, validator, name, text):
    assert schema_accepts(validator, text) == hiki_accepts(hiki, tmp_path, text) == (
        (name, text) in VALID
    )


def test_rules_only_hiki_checks_are_named_in_the_schema(hiki, tmp_path, validator):
    """Due before start, a task twice and YAML 1.1 numbers pass the schema; hiki refuses them,
    and the pack schema's description says so."""
    for text in (
        GOOD.replace("due: 2026-12-07", "due: 2026-11-20"),
        GOOD + "reflections:\n  - {id: a, question: x}\n  - {id: a, question: y}\n",
        GOOD.replace("expected_suds: 20", "expected_suds: 020"),
    ):
        assert schema_accepts(validator, text) and not hiki_accepts(hiki, tmp_path, text)
    description = validator.schema["$defs"]["packs"]["description"]
    for words in ("due date on or after the start", "once", "no leading zero"):
        assert words in description


def test_every_shipped_content_file_is_valid_against_the_dispatching_schema(validator):
    from hikicli.content.catalog import content_root

    files = sorted(content_root().rglob("*.yaml"))
    assert len(files) > 40
    problems = [
        f"{path}: {error.message[:120]}"
        for path in files
        for error in validator.iter_errors(load(path.read_text("utf-8")))
    ]
    assert problems == []


def test_bounds_are_minimum_and_maximum(hiki):
    doc = json.loads(hiki(["content", "schema", "packs"]).output)
    suds = doc["$defs"]["LadderStepTask"]["properties"]["expected_suds"]["anyOf"][0]
    assert (suds["minimum"], suds["maximum"]) == (0, 100)
    days = doc["$defs"]["CheckinPlan"]["properties"]["days_per_week"]
    assert (days["minimum"], days["maximum"]) == (1, 7)


def test_a_file_that_looks_like_a_pack_is_checked_as_a_pack(validator):
    """The dispatch: `due` at the top makes it a pack, so a pack error cannot pass as another
    kind of file."""
    data = load(GOOD.replace("expected_suds: 20", "expected_suds: 150"))
    errors = list(validator.iter_errors(data))
    messages = []
    while errors:
        error = errors.pop()
        messages.append(error.message)
        errors += error.context
    assert "150 is greater than the maximum of 100" in messages, messages
