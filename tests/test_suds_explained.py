""" "SUDS" and a bare range such as "(20–45)" are explained in plain words before a person first
meets them: in `hiki ladder suggest`, `hiki ladder build` and `hiki step`, in English and
Japanese. The explanations expected here are written out, not read from ladder.yaml."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest

from hikicli.flows.ladder import run_build, run_plan
from tests.support import ScriptedPrompter

EXPLAINED = {  # the words that say what the numbers mean
    "en": "from 0 (calm) to 100 (the most distress you can imagine)",
    "ja": "0（落ち着いている）〜100（想像できるかぎり最大のつらさ）",
}
STEP_EXPLAINED = {
    "en": "from 0 calm to 100 the most you can imagine",
    "ja": "0 は落ち着いている、100 は想像できるかぎり最大のつらさです",
}


class Transcript(ScriptedPrompter):
    """A scripted prompter that keeps everything shown, in order: what is said, each question
    and each choice's label."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__(answers)
        self.shown: list[str] = []

    def say(self, text: str) -> None:
        self.shown.append(text)
        super().say(text)

    def text(self, key: str, message: str, default: str = "", max_len: int = 4000) -> str:
        self.shown.append(message)
        return super().text(key, message, default, max_len)

    def scale(self, key: str, message: str, lo: int, hi: int, default: int | None = None) -> int:
        self.shown.append(message)
        return super().scale(key, message, lo, hi, default)

    def checkbox(self, key: str, message: str, choices: Sequence[tuple[str, str]], **kw: Any):  # type: ignore[no-untyped-def]
        self.shown += [message, *(label for _, label in choices)]
        return super().checkbox(key, message, choices, **kw)

    def confirm(self, key: str, message: str, default: bool = False) -> bool:
        self.shown.append(message)
        return super().confirm(key, message, default)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_build_explains_ranges_and_suds_first(make_ctx: Any, monkeypatch: Any, lang: str) -> None:
    monkeypatch.setenv("HIKI_LANG", lang)
    content = make_ctx().catalog["ladder"]
    answers = {
        "goal": "the library",
        "areas": ["room"],
        "templates": ["open-curtains", "tidy-one-corner"],
        **{f"own_{i}": s for i, s in enumerate(["a", "b", "c", ""], start=1)},
        **{f"suds_{i}": 10 * i for i in range(1, 6)},
        "save": False,
    }
    prompter = Transcript(answers)
    run_build(prompter, content)
    text = "\n".join(prompter.shown)
    ranges = re.search(r"[（(]\d+[–〜]\d+[）)]", text.split(EXPLAINED[lang], 1)[1])
    first_range = re.search(r"[（(]\d+[–〜]\d+[）)]", text)  # ja writes 20〜45
    assert first_range and ranges, text
    assert text.index(EXPLAINED[lang]) < first_range.start(), "a range before it is explained"
    assert "SUDS" in text
    suds_explained = {"en": "This rating is called SUDS.", "ja": "この点数を SUDS と呼びます。"}
    assert text.index(suds_explained[lang]) <= text.index("SUDS"), "SUDS before it is explained"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_step_says_what_its_rating_means(make_ctx: Any, monkeypatch: Any, lang: str) -> None:
    monkeypatch.setenv("HIKI_LANG", lang)
    content = make_ctx().catalog["ladder"]
    step = {"id": "s1", "text": "Open the curtains", "suds": 20}
    answers = {"what": "", "where": "", "when": "", "minutes_planned": 5, "expected": 20,
               "fear": "", "safety": ""}  # fmt: skip
    prompter = Transcript(answers)
    run_plan(prompter, content, step, None, dt.date(2026, 11, 25))
    first = prompter.shown[0]
    assert "20" in first and STEP_EXPLAINED[lang] in first, first


@pytest.mark.parametrize(
    ("lang", "first_line"),
    [
        ("en", "Ideas for steps. Beside each is its SUDS range: how distressing it usually feels"),
        ("ja", "ステップのアイデアです。それぞれの横の SUDS は、多くの人が感じるつらさの目安で"),
    ],
)
def test_suggest_explains_suds_before_the_first_range(
    hiki: Any, monkeypatch: Any, lang: str, first_line: str
) -> None:
    monkeypatch.setenv("HIKI_LANG", lang)
    monkeypatch.setenv("COLUMNS", "200")
    out = hiki(["ladder", "suggest"]).output
    assert out.startswith(first_line), out[:300]
    assert out.index(EXPLAINED[lang]) < out.index("SUDS 5"), out[:600]
