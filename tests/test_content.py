from __future__ import annotations

import json
import re
from pathlib import Path

from hikicli.content.catalog import build_catalog, content_root, lang_dir
from hikicli.content.validate import validate_path

TOPICS = {
    "professional-help",
    "social-reintegration",
    "family",
    "academic-pressure",
    "ongoing-support",
}


def test_every_shipped_file_validates():
    assert validate_path(content_root()) == []


def test_guides_have_all_topics_audiences_and_sources():
    catalog = build_catalog(lang_dir("en"))
    assert set(catalog["guides"]) == TOPICS | {"sleep-rhythm"}
    for topic in catalog["guides"].values():
        assert set(topic["audiences"]) == {"self", "family", "counselor"}
        if topic["id"] == "sleep-rhythm":  # a practical reading, for the person only
            assert topic["audiences"]["family"] is None is topic["audiences"]["counselor"]
            topic = {**topic, "audiences": {"self": topic["audiences"]["self"]}}
        assert topic["sources"]
        for text in topic["audiences"].values():
            assert len(text["body"].split()) >= 250


def test_no_phone_numbers_or_streak_talk_outside_crisis_data():
    for path in lang_dir("en").rglob("*.yaml"):
        if path.name == "crisis.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b\d{2,4}-\d{2,4}-\d{3,4}\b", text), path
        assert "streak" not in text.lower(), path


def test_every_crisis_line_has_source_and_date():
    crisis = build_catalog(lang_dir("en"))["crisis"]
    lines = [crisis["directory"]] + [ln for c in crisis["countries"].values() for ln in c["lines"]]
    assert len(lines) > 10
    for line in lines:
        assert line["source"] and re.match(r"\d{4}-\d{2}-\d{2}$", line["verified_on"])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_cli_reports_every_problem_with_file_line_and_field(hiki, tmp_path):
    path = write(
        tmp_path,
        "guides/family.yaml",
        "id: family\ntitle: T\nsummary: S\naudience: no\naudiences:\n  self:\n    title: x\n"
        "sources: []\n",
    )
    result = hiki(["content", "validate", str(path)])
    assert result.exit_code == 2
    out = result.output
    assert f"{path}:4:1: audience: Extra inputs are not permitted" in out
    assert f"{path}:6:3: audiences.self.body: Field required" in out
    assert f"{path}:5:1: audiences.family: Field required" in out
    assert "sources" in out
    assert "Traceback" not in out


def test_validate_cli_accepts_shipped_content(hiki):
    result = hiki(["content", "validate", str(content_root())])
    assert result.exit_code == 0 and result.output.strip().endswith("OK")


def test_wrong_type_is_located(hiki, tmp_path):
    path = write(
        tmp_path,
        "suggestions.yaml",
        "suggestions:\n  - id: a\n    strategy: family\n    text: t\n    when:\n"
        "      energy_max: '3'\n",
    )
    result = hiki(["content", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:6:7: suggestions[0].when.energy_max" in result.output


def test_unknown_file_kind(hiki, tmp_path):
    result = hiki(["content", "validate", str(write(tmp_path, "notes.yaml", "a: 1\n"))])
    assert result.exit_code == 2 and "unknown kind" in result.output


def test_schema_is_json_for_editors(hiki):
    result = hiki(["content", "schema", "guides"])
    doc = json.loads(result.output)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "audiences" in doc["properties"]
    everything = json.loads(hiki(["content", "schema"]).output)
    assert {"checkin", "guides", "crisis", "ui", "suggestions"} <= set(everything["$defs"])
    assert hiki(["content", "schema", "nope"]).exit_code == 2
