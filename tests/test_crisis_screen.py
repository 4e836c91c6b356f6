"""`hiki crisis` on a terminal: one 80x24 screen for every country, in English and Japanese, at
any hour of the week; the emergency number and the lines open now first; then a calm "more" step
(Enter on a terminal, `hiki crisis --all` otherwise). Nothing is dropped from `--all` or `--json`.
The words expected here are written out, not read from risk.yaml."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from hikicli.cli.localize import cells
from tests.support import FIXED_NOW, json_data

LEAD = {
    "en": "You deserve support right now, whatever is happening.",
    "ja": "何が起きていても、あなたはいま支えを受けていい人です。",
}
MORE_ENTER = {
    "en": "Press Enter to see every line, and your safety plan if you have made one.",
    "ja": "Enter を押すと、すべての相談先と、あなたの安全計画（作ってあれば）を表示します。",
}
EMERGENCY = {
    ("en", "JP"): "Emergency: 110 (police) · 119 (ambulance) — 24 hours.",
    ("ja", "JP"): "緊急時は 110（警察）・119（救急）、24時間。",
    ("en", "US"): "Emergency: 911.",
    ("ja", "US"): "緊急時は 911。",
    ("en", "GB"): "Emergency: 999.",
    ("ja", "GB"): "緊急時は 999。",
    ("en", "AU"): "Emergency: 000.",
    ("en", "CA"): "Emergency: 911.",
}
# Every 7 hours for a week: each hour of the day once, on every weekday (Tokyo time; each
# country's lines are read in its own time).
WEEK = [FIXED_NOW + dt.timedelta(hours=h) for h in range(0, 24 * 7, 7)]


def _first_screen(hiki: Any, make_ctx: Any, args: list[str], now: dt.datetime) -> str:
    result = hiki(["crisis", *args], ctx=make_ctx(now=now, interactive=True))
    assert result.exit_code == 0, result.output
    return str(result.output)


@pytest.fixture
def at_80(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("COLUMNS", "80")
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "C.UTF-8")  # no country from the locale
    return monkeypatch


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("country", ["JP", "US", "GB", "AU", "CA", None])
def test_the_first_screen_fits_80x24_at_any_hour(
    hiki: Any, make_ctx: Any, at_80: Any, capsys: Any, lang: str, country: str | None
) -> None:
    from hikicli.cli.crisis_view import first_screen

    at_80.setenv("HIKI_LANG", lang)
    args = ["--country", country] if country else []
    screens = [_first_screen(hiki, make_ctx, args, FIXED_NOW)]  # the command itself
    for now in WEEK:  # and the same view at other hours (other lines are open)
        actx = make_ctx(now=now, interactive=True)
        first_screen(actx, actx.country_choice(country), MORE_ENTER[lang])
        screens.append(capsys.readouterr().out)
    for now, screen in zip([FIXED_NOW, *WEEK], screens, strict=True):
        rows = [row.rstrip() for row in screen.rstrip("\n").splitlines()]
        # 23 rows and the cursor's: the first line is still on the screen when it waits.
        assert len(rows) <= 23, f"{country} {lang} {now}: {len(rows)} rows\n{screen}"
        assert all(cells(row) <= 80 for row in rows), screen
        assert rows[0] == LEAD[lang]
        assert rows[-1] == MORE_ENTER[lang]
        expected = EMERGENCY.get((lang, country or ""))
        if expected:  # the emergency number before any line
            flat = " ".join(screen.split())
            assert expected in flat, screen
            assert flat.index(expected) < flat.index("•" if lang == "en" else "・"), screen


def test_the_first_screen_shows_only_lines_open_now(hiki: Any, make_ctx: Any, at_80: Any) -> None:
    at_80.setenv("HIKI_LANG", "en")
    # Tuesday 03:00 in Tokyo: Inochi no Denwa's navi dial (10:00–22:00) is closed.
    night = dt.datetime(2026, 11, 24, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    screen = " ".join(_first_screen(hiki, make_ctx, ["-c", "JP"], night).split())
    assert "0120-279-338" in screen  # Yorisoi Hotline, 24 hours
    assert "0570-783-556" not in screen
    day = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert "0570-783-556" in " ".join(_first_screen(hiki, make_ctx, ["-c", "JP"], day).split())


def test_without_a_terminal_everything_is_shown_at_once(hiki: Any, at_80: Any) -> None:
    """Into a file or a pipe (and with --all) nothing waits and nothing is left out."""
    for args in (["-c", "JP"], ["-c", "JP", "--all"]):
        out = " ".join(hiki(["crisis", *args]).output.split())
        for words in ("Emergency: 110", "TELL Lifeline", "03-5774-0992", "まもろうよ こころ",
                      "Find A Helpline", "Numbers change."):  # fmt: skip
            assert words in out, (args, words)
        assert "Press Enter" not in out


def test_all_and_json_hold_every_line(hiki: Any, make_ctx: Any, at_80: Any) -> None:
    from hikicli.content.risk_content import load_risk_content

    shipped = load_risk_content("en").crisis["countries"]["JP"]["lines"]
    full = hiki(["crisis", "-c", "JP", "--all"], ctx=make_ctx(interactive=True))
    out = " ".join(full.output.split())
    assert "Press Enter" not in out  # --all never waits
    for line in shipped:
        assert " ".join(line["contact"].split()) in out, line["name"]
    data = json_data(hiki(["crisis", "-c", "JP", "--json"], ctx=make_ctx(interactive=True)).stdout)
    assert len(data["lines"]) == len(shipped) + 1  # and the worldwide directory
    assert data["emergency"].startswith("Emergency: 110")
    assert json.dumps(data)  # plain data


# ---- what a person sees in a real terminal -------------------------------------------------------

screen_mod = pytest.importorskip("tests.screen")


@pytest.mark.parametrize(
    ("lang", "country", "later"),
    [
        ("en", "JP", "TELL Lifeline (in English)"),
        ("ja", "JP", "チャイルドライン"),
        ("en", "US", "Numbers change."),
        ("ja", "US", "番号や受付時間は変わることがあります。"),
        ("en", "GB", "Numbers change."),
        ("ja", "GB", "番号や受付時間は変わることがあります。"),
    ],
)
def test_in_a_terminal_one_screen_then_enter_for_more(
    tmp_path: Path, lang: str, country: str, later: str
) -> None:
    term = screen_mod.start(["crisis", "--country", country], tmp_path, {"HIKI_LANG": lang})
    term.expect("Enter")
    term.expect(MORE_ENTER[lang][-6:])
    first = term.screen()
    rows = first.splitlines()
    assert rows[0] == LEAD[lang], first  # nothing has scrolled away
    assert EMERGENCY[(lang, country)] in " ".join(first.split()), first
    assert MORE_ENTER[lang] in " ".join(first.split()), first
    assert later not in first
    term.send(screen_mod.ENTER)
    assert term.finish() == 0
    assert later in term.screen()


def test_ctrl_c_at_the_more_step_ends_calmly(tmp_path: Path) -> None:
    term = screen_mod.start(["crisis", "--country", "GB"], tmp_path, {"HIKI_LANG": "en"})
    term.expect("safety plan if you have made one")
    term.send(screen_mod.CTRL_C)
    assert term.finish() == 0
    shown = term.screen()
    assert "Emergency: 999." in shown and "116 123" in shown  # what was shown stays
    assert "Cancelled" not in shown and "Traceback" not in shown
