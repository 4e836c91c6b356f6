"""Which activities lifted the mood (pleasure) and which felt like achievements (mastery), in
`hiki progress`, its JSON and the report; the dashboard's idea drawn from what helped this person
before, from the cached fold."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hikicli.cli.plain import cell_width
from hikicli.domain.activity import ActivityHelped, activity_summary, helped_ideas
from tests.support import FIXED_NOW, json_data

TODAY = FIXED_NOW.date()
RATED = [
    ("made tea", 6, 5, 1),
    ("opened the curtains", 3, 8, 2),
    ("a short walk", 7, 7, 3),
    ("Made  tea", 8, 3, 4),  # the same activity, typed another way
    ("drew a small picture", 2, 2, 5),
]


def log_all(hiki, rows=RATED) -> None:
    for text, pleasure, mastery, back in rows:
        day = (TODAY - dt.timedelta(days=back)).isoformat()
        args = ["activity", "--log", text, "--pleasure", str(pleasure), "--mastery", str(mastery)]
        result = hiki([*args, "--date", day])
        assert result.exit_code == 0, result.output


def test_the_summary_ranks_by_average_and_counts_one_activity_once():
    events = [
        {"kind": "activity.done", "data": {"date": (TODAY - dt.timedelta(days=b)).isoformat(),
                                           "text": t, "activity": "", "pleasure": p,
                                           "mastery": m, "plan": ""}}
        for t, p, m, b in RATED
    ]  # fmt: skip
    events.append({"kind": "activity.done", "data": {"date": "2000-01-01", "text": "old",
                                                     "pleasure": 10, "mastery": 10}})  # fmt: skip
    summary = activity_summary(events, TODAY - dt.timedelta(days=27), TODAY)
    assert summary is not None and summary["rated"] == 5  # the old one is outside the period
    enjoyed = [(r["text"], r["times"], r["pleasure"]) for r in summary["enjoyed"]]
    # "Made  tea" (4 days ago) and "made tea" (1 day ago) are one activity: the latest words
    assert enjoyed == [
        ("made tea", 2, 7.0), ("a short walk", 1, 7.0), ("opened the curtains", 1, 3.0)
    ]  # fmt: skip
    achieved = [(r["text"], r["mastery"]) for r in summary["achieved"]]
    assert achieved == [("opened the curtains", 8.0), ("a short walk", 7.0), ("made tea", 4.0)]
    assert activity_summary([], TODAY, TODAY) is None


def test_helped_ideas_are_those_rated_six_or_more():
    fold = ActivityHelped()
    state = fold.initial()
    for text, p, m, _back in RATED:
        data = {"text": text, "activity": "", "pleasure": p, "mastery": m, "date": "2026-11-20"}
        state = fold.apply(state, {"kind": "activity.done", "data": data})
    texts = [r["text"] for r in helped_ideas(state)]
    # tea: pleasure 7 on average over two, so before the walk's single 7; the picture never
    assert texts == ["opened the curtains", "Made  tea", "a short walk"]


def test_progress_shows_both_lists_at_80_columns(hiki, home, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    log_all(hiki)
    out = hiki(["progress"]).output
    section = out.split("Small activities in these weeks: 5 rated, 0 to 10", 1)[1]
    section = section.split("\n\n", 1)[0]
    lines = section.splitlines()
    assert lines[1].split()[:4] == ["Rated", "highest", "for", "enjoyment"]
    assert lines[2].split() == ["made", "tea", "2", "7.0"]
    assert "Rated highest as an achievement" in lines[5]
    assert lines[6].split() == ["opened", "the", "curtains", "1", "8.0"]
    assert all(cell_width(line) <= 80 for line in section.splitlines())
    data = json_data(hiki(["progress", "--json"]).output)["activities"]
    assert data["rated"] == 5 and data["achieved"][0]["text"] == "opened the curtains"


def test_a_long_or_japanese_name_keeps_its_column(hiki, home, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HIKI_LANG", "ja")
    long = "お茶をいれて、窓をあけて、少しだけ外の空気をすいました、とても長い名前"
    log_all(hiki, [(long, 5, 5, 1), ("お茶", 4, 4, 2)])
    out = hiki(["progress"]).output
    section = out.split("小さな活動", 1)[1].split("\n\n", 1)[0].splitlines()
    rows = [line for line in section if line.startswith("    ")]
    assert rows and all(cell_width(line) <= 80 for line in section)
    # the numbers line up whatever the name's width
    assert len({cell_width(line.rsplit(" ", 1)[0].rstrip()) for line in rows[:2]}) == 1


def test_the_report_has_its_own_activities_section(hiki, home):
    log_all(hiki)
    html = hiki(["report", "--format", "html"]).output
    section = html.split('<section class="activities">', 1)[1].split("</section>", 1)[0]
    assert "Rated highest for enjoyment" in section and "<td>7.0</td>" in section
    md = hiki(["report"]).output
    assert "## Small activities in these weeks: 5 rated, 0 to 10" in md
    assert "| made tea | 2 | 7.0 |" in md
    data = json.loads(hiki(["report", "--format", "json"]).output)
    assert data["activities"]["enjoyed"][0]["text"] == "made tea"


def test_no_rated_activity_no_section(hiki, home):
    hiki(["checkin", "--mood", "5", "--anxiety", "4", "--energy", "3", "--sleep", "7",
          "--outside", "0", "--contact", "none"])  # fmt: skip
    assert "Small activities in these weeks" not in hiki(["progress"]).output
    assert 'class="activities"' not in hiki(["report", "--format", "html"]).output


@pytest.mark.parametrize("days", [0, 1])
def test_the_dashboards_idea_draws_from_what_helped_on_every_other_day(hiki, make_ctx, days):
    log_all(hiki)
    now = FIXED_NOW + dt.timedelta(days=days)
    out = " ".join(hiki([], ctx=make_ctx(now=now)).output.split())
    helped = "Something that helped you before:" in out
    assert helped == (now.date().toordinal() % 2 == 0)
    if helped:
        assert any(f'"{t}"' in out for t in ("opened the curtains", "made tea", "a short walk"))
        assert "Maybe again today, if it fits" in out


def test_the_idea_comes_from_the_cached_fold(hiki, make_ctx, home):
    log_all(hiki)
    even = FIXED_NOW + dt.timedelta(days=1)
    first = hiki([], ctx=make_ctx(now=even)).output
    caches = list((home / "profiles" / "default" / "cache").glob("dashboard*.marshal"))
    assert caches, "the dashboard's fold is cached"
    again = hiki([], ctx=make_ctx(now=even)).output
    def idea(text: str) -> str:
        return text.split("Something that helped you before:", 1)[1].split("\n\n", 1)[0]

    assert idea(first) == idea(again)
