"""A pack goes to the profile it was written for. `hiki --profile mum homework import` of the
person's pack put their ladder steps on the parent's ladder without a word; a family pack
(`audience: family`) went into the person's own profile the same way, where its lessons cannot be
done. Both are refused before anything is shown or written, saying where the pack belongs. Any
other pack lands in a family profile (its check-ins count the parent's) with one calm line saying
so and how the person adds it in their own; a family pack makes a named profile a family
member's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import log_lines, tree_snapshot

ROOT = Path(__file__).resolve().parents[1]
PERSON_PACK = ROOT / "content" / "en" / "packs" / "first-two-weeks.yaml"  # has ladder steps
FAMILY_PACK = ROOT / "content" / "en" / "packs" / "family-communication.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def mum(hiki):
    """A family member's profile, as `hiki family start mum` makes it."""
    assert hiki(["family", "start", "mum"]).exit_code == 0


def run(hiki, make_ctx, profile: str, *args: str):
    return hiki(["homework", "import", *args], ctx=make_ctx(profile=profile))


def test_the_persons_pack_is_refused_in_a_family_profile(hiki, make_ctx, home, mum):
    before = tree_snapshot(home)
    for flags in (["--yes"], ["--json"], []):
        result = run(hiki, make_ctx, "mum", str(PERSON_PACK), *flags)
        assert result.exit_code == 2, result.output
        assert flat(result.output) == (
            f"Nothing was added: {PERSON_PACK} has ladder steps, so it is a pack for your family "
            "member's own profile, not for yours. They can add it in theirs with: "
            f"hiki homework import {PERSON_PACK}"
        )
        assert "Open the curtains" not in result.output  # nothing shown or asked first
    assert tree_snapshot(home) == before
    assert log_lines(home, "mum") == []


SMALL_PACK = """id: two-weeks
title: "Two weeks"
start: 2026-11-20
due: 2026-12-03
checkins:
  days_per_week: 3
reflections:
  - id: calm
    question: "What helped?"
"""


def test_a_pack_without_an_audience_lands_with_one_calm_line(hiki, make_ctx, home, mum,
                                                             tmp_path):  # fmt: skip
    pack = tmp_path / "pack.yaml"
    pack.write_text(SMALL_PACK, encoding="utf-8")
    result = run(hiki, make_ctx, "mum", str(pack), "--yes")
    assert result.exit_code == 0, result.output
    assert flat(result.output).endswith(
        "Added. See it any time with: hiki --profile mum homework "
        "This pack is now in your own profile, 'mum'. If it was written for your family member, "
        f"they can add it in theirs with: hiki homework import {pack}"
    )
    assert [e["kind"] for e in log_lines(home, "mum")] == ["homework.pack"]
    # the person's own profile: no such line
    result = run(hiki, make_ctx, "default", str(pack), "--yes")
    assert result.exit_code == 0 and "own profile" not in result.output


def test_in_japanese_too(hiki, make_ctx, home, mum, monkeypatch, tmp_path):
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = run(hiki, make_ctx, "mum", str(PERSON_PACK), "--yes")
    assert result.exit_code == 2
    assert "".join(result.output.split()) == "".join(
        f"何も追加していません。{PERSON_PACK} には、はしごのステップがあるので、ご本人の"
        "プロフィールのためのパックです。あなたのプロフィール用ではありません。ご本人の"
        f"プロフィールで追加できます：hiki homework import {PERSON_PACK}".split()
    )
    result = run(hiki, make_ctx, "default", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert "ここはご本人のプロフィールです" in result.output
    pack = tmp_path / "pack.yaml"
    pack.write_text(SMALL_PACK, encoding="utf-8")
    result = run(hiki, make_ctx, "mum", str(pack), "--yes")
    assert "".join(result.output.split()).endswith(
        "".join(
            "このパックは、あなたご自身のプロフィール「mum」に入りました。ご本人のためのパックなら、"
            f"ご本人のプロフィールで次のように追加できます：hiki homework import {pack}".split()
        )
    )


def test_a_family_pack_is_refused_in_the_persons_own_profile(hiki, make_ctx, home):
    flags = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()
    assert hiki(["checkin", *flags]).exit_code == 0
    before = tree_snapshot(home)
    result = run(hiki, make_ctx, "default", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert flat(result.output) == (
        f"Nothing was added: {FAMILY_PACK} is a pack for a family member (audience: family), "
        "and this is the person's own profile. If it was handed to you, please pass it on to "
        "your family member. There is no family member's profile here yet: a family member "
        "first makes one with `hiki family start NAME` (a name of their choosing, such as mum), "
        f"then adds the pack with: hiki --profile NAME homework import {FAMILY_PACK}"
    )
    assert tree_snapshot(home) == before


def test_each_pack_in_its_own_profile_is_added(hiki, make_ctx, home, mum):
    result = run(hiki, make_ctx, "default", str(PERSON_PACK), "--yes")
    assert result.exit_code == 0, result.output
    assert [e["data"]["text"] for e in log_lines(home) if e["kind"] == "ladder.add"] == [
        "Open the curtains in the morning",
        "Eat one meal outside my room",
    ]
    result = run(hiki, make_ctx, "mum", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 0, result.output
    assert "Added. See it any time with: hiki --profile mum homework" in flat(result.output)
    assert [e["kind"] for e in log_lines(home, "mum")] == ["homework.pack"]


def test_a_family_pack_makes_a_new_named_profile_a_family_members(hiki, make_ctx, home):
    result = run(hiki, make_ctx, "dad", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 0, result.output
    state = json.loads((home / "profiles" / "dad" / "state.json").read_text())
    assert state["role"] == "family"
    # and so the person's pack is refused there from now on
    assert run(hiki, make_ctx, "dad", str(PERSON_PACK), "--yes").exit_code == 2
