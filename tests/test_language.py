"""Which language hiki speaks (HIKI_LANG, the setting, the locale), English as the per-key
fallback, and text wrapped by terminal cells."""

from __future__ import annotations

import pytest

from hikicli.cli.plain import cell_width, wrap_cells
from hikicli.content.catalog import content_root, load_catalog
from hikicli.domain.language import LanguageChoice, choose_language


@pytest.mark.parametrize(
    "setting, env, expected",
    [
        ("", {"HIKI_LANG": "ja", "LANG": "en_US.UTF-8"}, LanguageChoice("ja", "env")),
        ("ja", {"LANG": "en_US.UTF-8"}, LanguageChoice("ja", "setting")),
        ("", {"LANG": "ja_JP.UTF-8"}, LanguageChoice("ja", "locale")),
        ("", {"LC_ALL": "ja_JP.eucJP", "LANG": "en_GB.UTF-8"}, LanguageChoice("ja", "locale")),
        ("", {"LANG": "C.UTF-8"}, LanguageChoice("en", "default")),
        ("", {"LANGUAGE": "de:ja", "LANG": "de_DE.UTF-8"}, LanguageChoice("en", "default")),
        ("en", {"LANG": "ja_JP.UTF-8"}, LanguageChoice("en", "setting")),
        ("", {"HIKI_LANG": "klingon"}, LanguageChoice("en", "default")),
    ],
)
def test_language_is_hiki_lang_then_setting_then_locale(setting, env, expected):
    assert choose_language(setting, env) == expected


def test_config_set_language_accepts_ja_and_refuses_others(hiki):
    assert hiki(["config", "set", "language", "ja"]).exit_code == 0
    result = hiki(["config", "set", "language", "xx"])
    assert result.exit_code == 2 and "ja" in result.output


def test_japanese_falls_back_to_english_key_by_key(tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(content_root(), copy)
    ja = copy / "ja"
    shutil.rmtree(ja, ignore_errors=True)
    ja.mkdir()
    # a Japanese ui.yaml with one key only: every other key comes from English
    (ja / "ui.yaml").write_text('checkin_done_today: "きょうはチェックインしました。"\n', "utf-8")
    monkeypatch.setattr("hikicli.content.catalog.content_root", lambda: copy)
    catalog = load_catalog("ja")
    assert catalog["ui"]["checkin_done_today"] == "きょうはチェックインしました。"
    assert catalog["ui"]["week_title"] == "The last 7 days"
    # questionnaires stay in English until an official Japanese wording is in the reference
    assert catalog["instruments"]["phq9"]["items"][8]["text"].startswith("Thoughts that you")


def test_japanese_wraps_by_cells_with_kinsoku():
    text = (
        "つらさが重すぎるときは、いま連絡できる相談先を表示します。"
        "「ひとりで抱えなくて大丈夫です。」"
    )
    lines = wrap_cells(text, 20)
    assert all(cell_width(line) <= 20 for line in lines)
    assert "".join(lines) == text  # nothing lost, nothing added between Japanese characters
    assert not any(line[0] in "、。」" for line in lines)
    assert not any(line[-1] == "「" for line in lines)


def test_english_still_wraps_at_spaces():
    lines = wrap_cells("If things feel too heavy: hiki crisis shows people you can reach now.", 30)
    # ... and keeps the command whole (tests/test_commands_stay_whole.py)
    assert lines == ["If things feel too heavy:", "hiki crisis shows people you", "can reach now."]
    lines = wrap_cells("If things feel too heavy, the crisis screen shows people to reach.", 30)
    assert lines == ["If things feel too heavy, the", "crisis screen shows people to", "reach."]


def test_a_number_keeps_its_counter_when_japanese_wraps():
    # "24" at the end of a line and 「時間」 on the next was seen in the crisis list
    text = "あいうえおかきくけこさしすせそたちつて24時間受け付けています。"
    assert wrap_cells(text, 40) == [
        "あいうえおかきくけこさしすせそたちつて",
        "24時間受け付けています。",
    ]
    assert wrap_cells("あいうえおかきくけこさしすせそたちつ3か月", 38)[-1] == "3か月"
    assert wrap_cells("あいうえおかきくけこさしすせそたちつて20分です", 40)[-1] == "20分です"


def test_a_range_is_not_broken_before_its_wave_dash():
    # 「（0」 at the end of a line and 「〜10）」 on the next was seen in a pty at 80 columns
    message = "いま、不安や緊張はどのくらいありますか？ 0：落ち着いている、10：とても不安 （0〜10）"
    lines = wrap_cells(message, 78)
    assert lines[-1].endswith("（0〜10）") and not lines[-1].startswith("〜")


def test_a_range_is_not_broken_after_its_wave_dash():
    # 「PHQ-9 14点、中等度（10〜」 / 「14点）」 was seen in `hiki history` in Japanese
    text = "あいうえおかきくけこさしすせそたちつて中等度（10〜14点）です。"
    lines = wrap_cells(text, 50)
    assert lines == ["あいうえおかきくけこさしすせそたちつて中等度", "（10〜14点）です。"]
    hours = wrap_cells("いのちSOS 月曜は6:00〜24:00です", 20)
    assert not any(line.endswith("〜") for line in hours)
