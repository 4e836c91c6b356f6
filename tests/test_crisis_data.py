"""Crisis data stays honest: every line names its source and when it was checked, and an old
check is flagged on screen."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from hikicli.content.catalog import content_root
from hikicli.content.validate import validate_path
from tests.support import FIXED_NOW, json_data

# The lines as data (numbers, hours, sources): one file for every language.
CRISIS_FILE = content_root() / "crisis-lines.yaml"


def all_lines(raw: dict) -> list[dict]:
    lines = [raw["directory"]]
    for country in raw["countries"].values():
        lines += country["lines"]
    return lines


def test_every_shipped_crisis_line_has_a_source_and_a_check_date():
    raw = yaml.safe_load(CRISIS_FILE.read_text(encoding="utf-8"))
    lines = all_lines(raw)
    assert len(lines) > 10
    for line in lines:
        assert str(line.get("source", "")).startswith("https://"), line["id"]
        checked = line.get("verified_on")
        assert isinstance(checked, dt.date), line["id"]
        assert checked <= dt.date.today(), line["id"]  # never checked in the future
        assert line.get("status") in ("confirmed", "unconfirmed"), line["id"]


@pytest.mark.parametrize("key", ["source", "verified_on"])
def test_a_line_without_source_or_date_fails_validation(tmp_path, key):
    text = CRISIS_FILE.read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    del raw["countries"]["GB"]["lines"][0][key]
    broken = tmp_path / "crisis-lines.yaml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    problems = validate_path(broken)
    assert any(key in p and "GB" in p for p in problems), problems


STALE = "last checked more than a year ago — please check the official site"


def test_a_check_older_than_a_year_is_flagged(hiki, make_ctx):
    ctx = make_ctx()
    stale = STALE
    fresh = hiki(["crisis", "--country", "GB", "--json"], ctx=ctx)
    assert all(stale not in line["warnings"] for line in json_data(fresh.stdout)["lines"])
    # 2026-11-25 + 366 days: every line checked on 2026-11-25 is now more than a year old
    later = make_ctx(now=FIXED_NOW + dt.timedelta(days=366))
    result = hiki(["crisis", "--country", "GB"], ctx=later)
    assert result.exit_code == 0
    assert " ".join(stale.split()) in " ".join(result.output.split())
    view = json_data(hiki(["crisis", "--country", "GB", "--json"], ctx=later).stdout)
    assert all(stale in line["warnings"] for line in view["lines"])


def test_exactly_a_year_is_not_yet_stale(hiki, make_ctx):
    ctx = make_ctx(now=FIXED_NOW + dt.timedelta(days=365))
    view = json_data(hiki(["crisis", "--country", "GB", "--json"], ctx=ctx).stdout)
    assert all(STALE not in line["warnings"] for line in view["lines"])


def test_each_line_on_screen_names_its_source_and_check_date(hiki):
    out = hiki(["crisis", "--country", "GB"]).output
    assert "source: https://www.samaritans.org/" in out and "checked 2026-11-25" in out
    assert "source: https://giveusashout.org/ · checked 2026-11-25" in out
