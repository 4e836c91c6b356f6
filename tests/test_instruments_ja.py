"""Questionnaires in Japanese, honestly (issue 13, item 4).

No Japanese item wording ships; a counselor who holds the official form loads it as their own file,
laid out like docs/examples/instruments/phq9-ja.yaml (placeholders, not translations). That file
validates, runs in Japanese, and its risk item works as a shipped one does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.support import ScriptedPrompter, log_lines

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "instruments" / "phq9-ja.yaml"
JA = ROOT / "content" / "ja"


def flat(text: str) -> str:
    """Japanese wraps anywhere, so compare without the spaces that line breaks became."""
    return "".join(text.split())


def ja_words(name: str) -> dict:
    return yaml.safe_load((JA / name).read_text(encoding="utf-8"))


@pytest.fixture
def japanese(monkeypatch):
    monkeypatch.setenv("HIKI_LANG", "ja")


def test_the_example_file_validates(hiki):
    result = hiki(["content", "validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def test_the_example_holds_placeholders_never_translations():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert [i["text"] for i in data["items"]] == [
        f"（公式版の項目{n}の文言）" for n in range(1, 10)
    ]
    assert [o["label"] for o in data["options"]] == [
        f"（公式版の選択肢{n}の文言）" for n in range(4)
    ]
    for field in ("title", "stem", "citation", "licence", "source"):
        assert data[field].startswith("（公式版"), field
    # scored like the PHQ-9's published rule, with its risk item
    assert data["scoring"]["risk_items"] == [{"item": 9, "at_least": 1}]
    assert [(b["min"], b["max"]) for b in data["scoring"]["bands"]] == [
        (0, 4), (5, 9), (10, 14), (15, 19), (20, 27)
    ]  # fmt: skip


def test_no_japanese_instrument_ships():
    assert not (JA / "instruments").exists()
    for path in JA.rglob("*.y*ml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not (isinstance(data, dict) and {"items", "scoring"} <= set(data)), path


def test_the_example_runs_in_japanese_and_its_risk_item_works(hiki, home, japanese):
    hiki(["config", "set", "country", "JP"])
    result = hiki(["assess", "--file", str(EXAMPLE), "--answers", "0,0,0,0,0,0,0,0,1"])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    risk = ja_words("risk.yaml")
    assert flat(risk["messages"]["high"]) in out  # the crisis block, in Japanese
    assert flat(risk["block"]["title"]) in out and "0120-279-338" in out  # JP lines
    assert "合計点よりも大切な答えがあります：質問9（（公式版の選択肢1の文言））" in out
    assert "PHQ-9（日本語版）：1点（0〜27点）" in out
    assert "英語で表示します" not in out  # an own file is not the English form
    signal, event = log_lines(home)
    assert signal["kind"] == "risk.signal" and signal["data"]["item"] == 9
    assert event["data"]["risk_items"] == [9] and event["data"]["own_file"] is True


def test_the_report_lists_the_risk_answer_under_safety_in_japanese(hiki, japanese):
    assert hiki(["assess", "--file", str(EXAMPLE), "--answers", "0,0,0,0,0,0,0,0,2"]).exit_code == 0
    report = flat(hiki(["report"]).output)
    safety = report.split("##安全", 1)[1].split("##", 1)[0]
    assert "PHQ-9（日本語版）の質問9" in safety and "回答2" in safety, safety
    assert "この質問票では、質問9の1以上を危険のサインとして扱います" in safety
    data = json.loads(hiki(["report", "--format", "json"]).output)
    [row] = data["safety"]  # keys stay English
    assert (row["source"], row["instrument"], row["item"], row["threshold"]) == (
        "instrument", "phq9-ja", 9, 1
    )  # fmt: skip


def test_interactive_example_asks_in_its_own_words_and_helps_at_item_9(hiki, make_ctx, japanese):
    answers: dict = {f"phq9-ja.item{n}": "0" for n in range(1, 9)}
    answers["phq9-ja.item9"] = "1"
    answers["safety_plan.offer"] = False
    prompter = ScriptedPrompter(answers)
    result = hiki(
        ["assess", "--file", str(EXAMPLE)], ctx=make_ctx(prompter=prompter, interactive=True)
    )
    assert result.exit_code == 0, result.output
    prompter.assert_done()
    said = flat(" ".join(prompter.said))
    assert flat(ja_words("risk.yaml")["messages"]["high"]) in said
    assert "英語で表示します" not in said


def test_a_shipped_form_in_japanese_first_says_why_it_is_english(hiki, make_ctx, japanese):
    answers: dict = {f"phq9.item{n}": "0" for n in range(1, 10)}
    prompter = ScriptedPrompter(answers)
    result = hiki(["assess", "phq9"], ctx=make_ctx(prompter=prompter, interactive=True))
    assert result.exit_code == 0, result.output
    note = ja_words("safety.yaml")["assess"]["english_form"]
    assert prompter.said[0] == note
    # one calm paragraph: why, what to do if English is hard, and how a counselor loads theirs
    assert "\n" not in note.strip() and "原本" in note and "Ctrl-C" in note
    assert "`hiki assess --file FILE`" in note and "docs/instruments.md" in note
    assert (ROOT / "docs" / "instruments.md").is_file()
