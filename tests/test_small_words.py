"""Small words from the new-user audit: a report's ladder line reads right with one try, Japanese
says 宿題 everywhere (not ホームワーク in history), a finished Japanese sentence is not followed by
a comma, the family check-in's hints sit in full-width brackets, and a crisis line's warning ends
with 。. Real hiki in a temporary HIKI_HOME, shipped YAML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support import FIXED_NOW, ScriptedPrompter


def test_one_ladder_try_is_not_one_tries(hiki: Any) -> None:
    assert hiki(["ladder", "add", "Open the curtains", "--suds", "10"]).exit_code == 0
    tried = hiki(["step", "--result", "done", "--peak", "20", "--end", "5", "--expected", "15"])
    assert tried.exit_code == 0, tried.output
    out = " ".join(hiki(["report"]).output.split())
    assert "Ladder in this period: tries 1, steps mastered 0." in out
    assert "1 tries" not in out


def test_the_ja_pack_line_is_not_a_sentence_then_a_comma(
    hiki: Any, make_ctx: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_report_first_page import client

    client(hiki, make_ctx, tmp_path)
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["report", "--since", "2026-11-18"]).output
    assert "済みました、" not in out
    assert "：済んだタスクは3件のうち1件、チェックインの計画：2週のうち2週目" in out
    history = hiki(["history", "--since", "2026-11-01", "--limit", "50"]).output
    assert "ホームワーク" not in history and "宿題" in history


def test_the_family_checkin_hints_use_full_width_brackets_in_japanese() -> None:
    from hikicli.content.catalog import load_catalog
    from hikicli.flows.family import run_family_checkin

    asked: list[str] = []

    class Recording(ScriptedPrompter):
        def text(self, key: str, message: str, *args: Any, **kw: Any) -> str:
            asked.append(message)
            return str(super().text(key, message, *args, **kw))

    texts = load_catalog("ja")["family"]["checkin"]
    prompter = Recording({"stress": 3, "positive": "", "selfcare": ""})
    day = FIXED_NOW.date()
    run_family_checkin(prompter, texts, day, day + dt.timedelta(days=0))
    assert asked == [
        "きょうのご本人との、小さくてもいい場面をひとつ（なければ空のままで。そういう日もあります）",
        "きょう、自分のためにしたことをひとつ（なければ空のままで）",
    ]


def test_a_crisis_warning_in_japanese_ends_its_sentence(hiki: Any, monkeypatch) -> None:
    monkeypatch.setenv("HIKI_LANG", "ja")
    out = hiki(["crisis", "--all"]).output
    assert "未確認です。まず公式サイトでご確認ください。" in out


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "--include learned adds what was learned on a ladder, which a family member's "
         "profile does not have. Here you can include: notes, reflections (comma-separated)."),
        ("ja", "--include learned は、はしごの「わかったこと」を入れるもので、"
         "ご家族のプロフィールにはありません。"
         "ここで入れられるのは：notes, reflections（カンマ区切り）"),
    ],
)  # fmt: skip
def test_include_learned_in_a_family_profile_says_it_does_not_apply(
    hiki: Any, home: Any, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    assert hiki(["family", "start", "mum"]).exit_code == 0
    monkeypatch.setenv("HIKI_LANG", lang)
    out = home / "r.md"
    result = hiki(["--profile", "mum", "report", "--include", "notes,learned", "-o", str(out)])
    assert result.exit_code == 2
    joined = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", " ".join(result.output.split()))
    assert joined == said
    assert not out.exists()
    assert hiki(["--profile", "mum", "report", "--include", "notes"]).exit_code == 0


class _Listening(ScriptedPrompter):
    """Keeps each number and text question as the person reads it."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__(answers)
        self.questions: dict[str, str] = {}

    def number(self, key: str, message: str, lo: float, hi: float, default: Any = None) -> float:
        self.questions[key] = message
        return super().number(key, message, lo, hi, default)

    def text(self, key: str, message: str, default: str = "", max_len: int = 4000) -> str:
        self.questions[key] = message
        return super().text(key, message, default, max_len)

    def scale(self, key: str, message: str, lo: int, hi: int, default: Any = None) -> int:
        self.questions[key] = message
        return super().scale(key, message, lo, hi, default)


@pytest.mark.parametrize(
    "lang, sleep",
    [
        ("ja", "何時間くらい眠れましたか？ だいたいで大丈夫です。（例：7.5）"),
        ("en", "(e.g. 7.5)"),
    ],
)
def test_the_persons_check_in_hints_sit_in_the_languages_brackets(lang: str, sleep: str) -> None:
    from hikicli.content.catalog import load_catalog
    from hikicli.flows.checkin import SafetyHooks, run_checkin

    content = load_catalog(lang)["checkin"]
    prompter = _Listening(
        {"mood": 6, "anxiety": 3, "energy": 5, "sleep": 7, "outside": 10, "contact": ["family"],
         "note": ""}
    )  # fmt: skip
    hooks = SafetyHooks(
        words=lambda: {},  # type: ignore[arg-type, return-value]
        on_answer=lambda answer, mood: None,
        before_question=lambda: None,
    )
    today = FIXED_NOW.date()
    run_checkin(prompter, content, today, today, hooks)
    assert sleep in prompter.questions["sleep"]
    if lang == "ja":
        assert "(" not in prompter.questions["sleep"] + prompter.questions["outside"]
        # the scale's two ends in Japanese punctuation, not "0 = …, 10 = …"
        assert prompter.questions["mood"].endswith("0：とてもつらい、10：とてもよい")
    else:
        assert prompter.questions["mood"].endswith("0 = very low, 10 = very good")
