"""history, guide, crisis, data and config through the CLI, on real files."""

from __future__ import annotations

import csv
import io
import json
import stat

import pytest

from tests.support import ScriptedPrompter, json_data, log_lines, tree_snapshot

FLAGS = [
    "--mood",
    "5",
    "--anxiety",
    "5",
    "--energy",
    "5",
    "--sleep",
    "8",
    "--outside",
    "15",
    "--contact",
    "phone",
    "--note",
    "called my aunt, it was okay",
]


def test_history_table_json_since_and_limit(hiki):
    assert "yet" in hiki(["history"]).output.lower() or hiki(["history"]).exit_code == 0
    for day in ("2026-11-20", "2026-11-22", "2026-11-24"):
        hiki(["checkin", *FLAGS, "--date", day])
    table = hiki(["history"]).output
    assert "2026-11-20" in table and "called my aunt" in table
    entries = json_data(hiki(["history", "--since", "2026-11-21", "--json"]).output)
    assert [e["date"] for e in entries] == ["2026-11-22", "2026-11-24"]
    assert set(entries[0]) == {
        "id",
        "kind",
        "recorded",
        "date",
        "mood",
        "anxiety",
        "energy",
        "sleep",
        "outside",
        "contact",
        "note",
    }
    assert len(json_data(hiki(["history", "--limit", "1", "--json"]).output)) == 1
    bad = hiki(["history", "--since", "yesterday"])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_guide_list_topic_audiences_and_sources(hiki):
    listing = hiki(["guide", "--list"])
    for topic in (
        "professional-help",
        "social-reintegration",
        "family",
        "academic-pressure",
        "ongoing-support",
    ):
        assert topic in listing.output
    for audience in ("self", "family", "counselor"):
        data = json_data(hiki(["guide", "family", "--audience", audience, "--json"]).output)
        assert data["audience"] == audience and data["sources"] and data["disclaimer"]
    page = hiki(["guide", "family", "--audience", "family", "--no-pager"])
    assert page.exit_code == 0 and "Sources" in page.output
    assert hiki(["guide", "nope"]).exit_code == 2
    assert hiki(["guide", "family", "--audience", "boss"]).exit_code == 2


@pytest.mark.parametrize(
    "country, expect",
    [("JP", "0120-279-338"), ("US", "741741"), ("GB", "116 123"), ("ZZ", "findahelpline.com")],
)
def test_crisis_by_country_text_first_with_sources(hiki, country, expect):
    result = hiki(["crisis", "--country", country])
    assert result.exit_code == 0 and expect in result.output
    assert "source:" in result.output
    data = json_data(hiki(["sos", "--country", country, "--json"]).output)
    assert data["lines"][-1]["contact"] == "https://findahelpline.com/"
    channels = [line["channels"] for line in data["lines"] if line["status"] == "confirmed"]
    if country == "US":
        assert channels[0] == ["text"]


def test_crisis_labels_unconfirmed_lines(hiki):
    data = json_data(hiki(["crisis", "-c", "JP", "--json"]).output)
    tell = next(line for line in data["lines"] if "TELL" in line["name"])
    assert tell["status"] == "unconfirmed" and tell["warnings"]


def test_crisis_country_from_setting_then_locale(hiki, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert json_data(hiki(["crisis", "--json"]).output)["country"] == "GB"
    hiki(["config", "set", "country", "au"])
    assert json_data(hiki(["crisis", "--json"]).output)["country"] == "AU"


def test_crisis_works_with_a_corrupt_log_and_unreadable_settings(hiki, home):
    hiki(["checkin", *FLAGS])
    log = home / "profiles" / "default" / "log.jsonl"
    log.write_bytes(b"\x00\xff garbage\n" * 3)
    cfg = home / "config" / "config.toml"
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text("country = [broken")
    result = hiki(["crisis", "-c", "JP"])
    assert result.exit_code == 0 and "0570-064-556" in result.output


def test_crisis_works_when_the_data_folder_cannot_be_used(hiki, home, monkeypatch, tmp_path):
    # Root can read any folder, so make the data folder impossible instead: HIKI_HOME is a file.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("HIKI_HOME", str(blocker))
    from hikicli.cli.context import AppContext
    from hikicli.entry import main

    result = hiki(["crisis", "-c", "US"], ctx=AppContext.default())
    assert result.exit_code == 0 and "741741" in result.output
    assert main(["crisis", "--country", "GB"]) == 0


def test_data_path_export_json_and_csv(hiki, home, tmp_path):
    hiki(["checkin", *FLAGS])
    assert hiki(["data", "path"]).output.strip() == str(home / "profiles" / "default")
    doc = json_data(hiki(["data", "export"]).output)
    assert doc["format"] == "hiki-export" and doc["events"] == log_lines(home)
    out = tmp_path / "export.csv"
    result = hiki(["data", "export", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [row] = list(csv.DictReader(io.StringIO(out.read_text())))
    assert row["mood"] == "5" and row["contact"] == "phone" and row["note"].startswith("called")
    again = hiki(["data", "export", "--format", "csv", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert hiki(["data", "export", "--format", "xml"]).exit_code == 2


def test_wipe_needs_the_typed_word_or_yes(hiki, home, make_ctx):
    hiki(["checkin", *FLAGS])
    before = tree_snapshot(home)
    no_tty = hiki(["data", "wipe"])
    assert no_tty.exit_code == 2 and "--yes" in no_tty.output
    wrong = hiki(
        ["data", "wipe"], ctx=make_ctx(prompter=ScriptedPrompter({"wipe": "yes"}), interactive=True)
    )
    assert "Nothing was deleted" in wrong.output and tree_snapshot(home) == before
    typed = hiki(
        ["data", "wipe"],
        ctx=make_ctx(prompter=ScriptedPrompter({"wipe": "delete"}), interactive=True),
    )
    assert typed.exit_code == 0
    assert not (home / "profiles" / "default").exists()
    assert tree_snapshot(home) == {}


def test_config_show_set_and_refusals(hiki, home):
    assert hiki(["config", "set", "country", "jp"]).output.strip() == "country = JP"
    shown = json_data(hiki(["config", "show", "--json"]).output)
    assert shown["country"] == "JP" and shown["language"] == "en"
    unknown = hiki(["config", "set", "colour", "blue"])
    assert unknown.exit_code == 2 and "country" in unknown.output
    bad = hiki(["config", "set", "language", "xx"])
    assert bad.exit_code == 2 and "en" in bad.output
    assert hiki(["config", "set", "country", "Japan"]).exit_code == 2
    cfg = home / "config" / "config.toml"
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600 and 'country" = "JP"' in cfg.read_text()


def test_json_export_carries_damaged_lines_as_text(hiki, home):
    hiki(["checkin", *FLAGS])
    log = home / "profiles" / "default" / "log.jsonl"
    with open(log, "ab") as fh:
        fh.write(b"{half a line that lost its end\n")
    hiki(["checkin", *FLAGS])
    doc = json_data(hiki(["data", "export"]).output.split("\nNote:")[0])
    assert len(doc["events"]) == 2
    assert doc["damaged_lines"] == [{"line": 2, "text": "{half a line that lost its end"}]
    restored = tmp = home.parent / "export.json"
    tmp.write_text(json.dumps(doc))
    assert hiki(["data", "import", str(restored)]).exit_code == 0


def test_settings_from_a_newer_hiki_are_never_rewritten(hiki, home):
    cfg = home / "config" / "config.toml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text('version = 2\ncountry = "JP"\n"future.key" = 1\n')
    result = hiki(["config", "set", "country", "GB"])
    assert result.exit_code == 2 and "newer hiki" in result.output
    assert cfg.read_text() == 'version = 2\ncountry = "JP"\n"future.key" = 1\n'


def test_unknown_settings_are_shown_and_kept(hiki, home):
    cfg = home / "config" / "config.toml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text('version = 1\n"colour" = "blue"\n')
    assert "colour" in hiki(["config", "show"]).output
    assert hiki(["config", "set", "country", "JP"]).exit_code == 0
    assert '"colour" = "blue"' in cfg.read_text()
