"""A family pack refused in the person's own profile suggested `hiki --profile mum` when there was
no such profile (or only `dad`), never said how to make one, and spoke only to a parent. It now
speaks to either reader and names the family profiles there are, else `hiki family start NAME`.
And `hiki homework check` said a pack was fine where `import` refused it: check now ends with
import's own line, after saying the file itself is fine (exit 0: what a counselor checking a pack
before handing it over needs to know; where it goes is for whoever imports it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import log_lines, tree_snapshot

ROOT = Path(__file__).resolve().parents[1]
PERSON_PACK = ROOT / "content" / "en" / "packs" / "first-two-weeks.yaml"  # has ladder steps
FAMILY_PACK = ROOT / "content" / "en" / "packs" / "family-communication.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    return "".join(text.split())


def homework(hiki, make_ctx, profile: str, *args: str):
    return hiki(["homework", *args], ctx=make_ctx(profile=profile))


def test_with_only_dad_the_refusal_names_dad_not_mum(hiki, make_ctx, home):
    assert hiki(["family", "start", "dad"]).exit_code == 0
    assert hiki(["family", "start", "gran"]).exit_code == 0
    result = homework(hiki, make_ctx, "default", "import", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert flat(result.output) == (
        f"Nothing was added: {FAMILY_PACK} is a pack for a family member (audience: family), "
        "and this is the person's own profile. If it was handed to you, please pass it on to "
        "your family member. Family members' profiles here: dad, gran. A family member adds it "
        f"in their own, for example: hiki --profile dad homework import {FAMILY_PACK}"
    )
    assert "mum" not in result.output


def test_a_named_profile_that_is_not_a_family_members_is_not_named(hiki, make_ctx, home):
    flags = "--mood 6 --anxiety 4 --energy 3 --sleep 7.5 --outside 20 --contact family".split()
    assert hiki(["checkin", *flags], ctx=make_ctx(profile="test")).exit_code == 0
    result = homework(hiki, make_ctx, "default", "import", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert "hiki family start NAME" in flat(result.output)
    assert "test" not in flat(result.output).replace(str(FAMILY_PACK), "")


def test_in_japanese_with_and_without_a_family_profile(hiki, make_ctx, home, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    result = homework(hiki, make_ctx, "default", "import", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert squash(result.output) == squash(
        f"何も追加していません。{FAMILY_PACK} は、家族の方のためのパック（audience: family）で、"
        "ここはご本人のプロフィールです。このパックを受け取ったのがご本人なら、ご家族にお渡し"
        "ください。家族の方のプロフィールは、ここにはまだありません。家族の方が、まず "
        "`hiki family start NAME`（NAME は mum など、好きな名前）でご自身のプロフィールを作り、"
        f"そこで追加できます：hiki --profile NAME homework import {FAMILY_PACK}"
    )
    assert hiki(["family", "start", "dad"]).exit_code == 0
    result = homework(hiki, make_ctx, "default", "import", str(FAMILY_PACK), "--yes")
    assert result.exit_code == 2
    assert squash(result.output).endswith(
        squash(
            "ここにある家族の方のプロフィール：dad。家族の方がご自身のプロフィールで追加できます。"
            f"たとえば：hiki --profile dad homework import {FAMILY_PACK}"
        )
    )


@pytest.mark.parametrize(
    ("profile", "pack"), [("mum", PERSON_PACK), ("default", FAMILY_PACK)], ids=["person", "family"]
)
def test_check_says_what_import_would_with_its_exit_code(hiki, make_ctx, home, profile, pack):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    before = tree_snapshot(home)
    checked = homework(hiki, make_ctx, profile, "check", str(pack))
    imported = homework(hiki, make_ctx, profile, "import", str(pack), "--yes")
    # the file is right (a counselor checks a family pack in their own profile): exit 0, and
    # the last line says, in import's words, that import would refuse it here
    assert checked.exit_code == 0 and imported.exit_code == 2, checked.output
    refusal = flat(imported.output)
    assert refusal.startswith(f"Nothing was added: {pack} ")
    assert flat(checked.output).endswith(
        "The file itself is fine. In this profile, `hiki homework import` would say: " + refusal
    )
    assert "Think about" in checked.output or "Family lesson" in checked.output
    assert tree_snapshot(home) == before
    assert log_lines(home, profile) == []


def test_check_says_it_in_japanese_too(hiki, make_ctx, home, monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")
    checked = homework(hiki, make_ctx, "default", "check", str(FAMILY_PACK))
    assert checked.exit_code == 0
    assert squash(
        "ファイルそのものに問題はありません。このプロフィールでは、`hiki homework import` は次の"
        f"ように伝えます：何も追加していません。{FAMILY_PACK} は、家族の方のためのパック"
    ) in squash(checked.output)


def test_check_is_fine_where_import_would_add_it(hiki, make_ctx, home):
    assert hiki(["family", "start", "mum"]).exit_code == 0
    for profile, pack in (("default", PERSON_PACK), ("mum", FAMILY_PACK), ("family", FAMILY_PACK)):
        checked = homework(hiki, make_ctx, profile, "check", str(pack))
        assert checked.exit_code == 0, checked.output
        assert "Nothing was added" not in checked.output
