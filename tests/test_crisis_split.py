"""Crisis numbers live once (content/crisis-lines.yaml); each language holds only words."""

from __future__ import annotations

import re

import pytest
import yaml

from hikicli.content.catalog import content_root
from hikicli.content.risk_content import build_crisis
from hikicli.errors import ContentError

LANGS = sorted(p.name for p in content_root().iterdir() if (p / "crisis.yaml").exists())
# three or more digits in a row, or digit groups joined by dashes or spaces: a number to dial
DIALABLE = re.compile(r"\d{3,}|\d+[- ]\d+[- ]\d+")


@pytest.mark.parametrize("lang", LANGS)
def test_language_files_hold_no_number_of_their_own(lang):
    words = yaml.safe_load((content_root() / lang / "crisis.yaml").read_text(encoding="utf-8"))
    texts = [words["default_emergency"], words["directory"]["contact"]]
    for country in words["countries"].values():
        texts.append(country["emergency"])
        texts += [line["contact"] for line in country["lines"].values()]
    for text in texts:
        assert not DIALABLE.search(text.replace("{", "").replace("}", "")), text


@pytest.mark.parametrize("lang", LANGS)
def test_every_line_has_words_and_every_placeholder_a_value(lang):
    built = build_crisis(lang)
    data = yaml.safe_load((content_root() / "crisis-lines.yaml").read_text(encoding="utf-8"))
    for code, country in data["countries"].items():
        assert len(built["countries"][code]["lines"]) == len(country["lines"])
        for line in built["countries"][code]["lines"]:
            assert "{" not in line["contact"], line
    # the digits people dial come through exactly as the reference gives them
    jp = [line["contact"] for line in built["countries"]["JP"]["lines"]]
    assert any("0120-279-338" in c and "050-3655-0279" in c for c in jp)
    assert "110" in built["countries"]["JP"]["emergency"]


def test_a_missing_placeholder_value_is_a_located_error(tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(content_root(), copy)
    words = copy / "en" / "crisis.yaml"
    words.write_text(words.read_text(encoding="utf-8").replace("Text HOME to {number}",
                                                               "Text HOME to {numbr}"), "utf-8")
    monkeypatch.setattr("hikicli.content.catalog.content_root", lambda: copy)
    with pytest.raises(ContentError) as err:
        build_crisis("en")
    assert "countries.US.lines.crisis-text-line.contact" in str(err.value)
    assert "numbr" in str(err.value)
