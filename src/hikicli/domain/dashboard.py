"""What the dashboard shows, computed from folded states, the content and the time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from hikicli.domain.checkin import days_since_last, matches
from hikicli.domain.registry import dashboard_extras

if TYPE_CHECKING:
    from hikicli.domain.activity import Tally
    from hikicli.domain.content_types import (
        CatalogContent,
        CheckinRiskTexts,
        Suggestion,
        UiContent,
    )
    from hikicli.domain.family import LessonsState
    from hikicli.domain.features.checkin import CheckinPayload
    from hikicli.domain.features.homework import PackDates
    from hikicli.domain.features.risk import Strength

    class DashboardStates(TypedDict, total=False):
        """The dashboard's folded states by projection name (each feature's `projections`, folded
        by storage/projection.py): what every line of the dashboard is computed from."""

        checkin_days: dict[str, CheckinPayload]
        risk_days: dict[str, Strength]
        activity_helped: dict[str, Tally]
        homework_packs: dict[str, PackDates]
        pack_step_notes: dict[str, dict[str, str]]
        family_lessons: LessonsState
        restart_plan: dict[str, str]
        ladder: dict[str, Any]  # domain/ladder.py's fold (its steps as plain dicts)


def greeting(ui: UiContent, hour: int) -> str:
    if 5 <= hour < 12:
        return ui["greeting_morning"]
    if 12 <= hour < 18:
        return ui["greeting_afternoon"]
    if 18 <= hour < 23:
        return ui["greeting_evening"]
    return ui["greeting_night"]


def pick_suggestion(
    suggestions: Sequence[Suggestion], latest: CheckinPayload | None, today: dt.date
) -> str | None:
    """One suggestion a day, stable for the day, fitted to the latest check-in when there is one."""
    if latest:
        fitting = [s for s in suggestions if s.get("when") and matches(s.get("when"), latest)]
        pool = fitting or [s for s in suggestions if not s.get("when")]
    else:
        pool = [s for s in suggestions if not s.get("when")]
    pool = pool or list(suggestions)
    if not pool:
        return None
    return str(pool[today.toordinal() % len(pool)]["text"])


def helped_idea(state: Mapping[str, Tally], catalog: CatalogContent, today: dt.date) -> str | None:
    """On every other day, when something helped this person before (an activity they rated
    well, domain/activity.py), the day's idea is one of those, in their own words; on the other
    days, and without such an activity, it is a suggestion from the content."""
    from hikicli.domain.activity import helped_ideas

    activity = catalog.get("activity")  # None: its file is broken (it raises when read)
    words = activity["dashboard_idea"] if activity else None
    ideas = helped_ideas(state) if words else []
    if not ideas or today.toordinal() % 2:
        return None
    idea = ideas[today.toordinal() // 2 % len(ideas)]
    text = "".join(c for c in str(idea["text"]) if c.isprintable())
    return str(words).format(
        text=text, pleasure=f"{idea['pleasure']:g}", mastery=f"{idea['mastery']:g}"
    )


RECENT_RISK_DAYS = 3  # a risk moment this many days back is still mentioned, gently


def risk_line(risk_days: Mapping[str, str], words: CheckinRiskTexts, today: dt.date) -> str | None:
    """Said gently on the dashboard after a high-strength risk moment today or in recent days."""
    if risk_days.get(today.isoformat()) == "high":
        return words["dashboard_today"]
    for back in range(1, RECENT_RISK_DAYS + 1):
        if risk_days.get((today - dt.timedelta(days=back)).isoformat()) == "high":
            return words["dashboard_recent"]
    return None


def build_dashboard(
    states: DashboardStates, catalog: CatalogContent, now: dt.datetime
) -> dict[str, Any]:
    ui = catalog["ui"]
    today = now.date()
    days = states["checkin_days"]
    done_today = today.isoformat() in days
    since = days_since_last(days, today)
    week = []
    for back in range(6, -1, -1):
        day = today - dt.timedelta(days=back)
        week.append(
            {
                "date": day.isoformat(),
                "label": ui["day_label"].format(weekday=ui["weekdays"][day.weekday()],
                                                day=day.day),  # fmt: skip
                "checkin": days.get(day.isoformat()),
            }
        )
    recent = [d for d in (today, today - dt.timedelta(days=1)) if d.isoformat() in days]
    latest = days[recent[0].isoformat()] if recent else None
    risk = risk_line(states.get("risk_days", {}), catalog["risk"]["checkin"], today)
    back = since is not None and since >= 2
    offer = None
    if back and "restart" in catalog:  # offer the restart plan; nothing counts the gap
        words = catalog["restart"]
        offer = words["welcome_read"] if states.get("restart_plan") else words["welcome_make"]
    return {
        "greeting": greeting(ui, now.hour),
        "welcome_back": ui["welcome_back"].format(days=since) if back else None,
        "restart_offer": offer,
        "today_status": ui["checkin_done_today"] if done_today else ui["checkin_not_yet"],
        "extra_lines": dashboard_extras(states, catalog, now),
        "week_title": ui["week_title"],
        "week_columns": ["", *ui["week_columns"]],
        "week": week,
        "minutes": ui["week_minutes"],
        "contact_labels": ui["week_contact"],
        "list_sep": ui["week_list_sep"],
        "bar": ui["week_bar"],
        "suggestion_title": ui["suggestion_title"],
        # After a risk moment, the day's line is about people to reach, not a small comfort.
        "risk_line": risk,
        "suggestion": None
        if risk
        else helped_idea(states.get("activity_helped", {}), catalog, today)
        or pick_suggestion(catalog["suggestions"]["suggestions"], latest, today),
        "footer": ui["footer_crisis"],
    }


def build_family_dashboard(
    states: DashboardStates, catalog: CatalogContent, now: dt.datetime, profile: str
) -> dict[str, Any]:
    """A family member's own overview: their own stress check-ins of the week, the next lesson,
    their homework packs, one idea for carers. Nothing of the person's screens (no mood table,
    no ladder, no suggestions written for the withdrawn person)."""
    from hikicli.domain import family, homework

    ui = catalog["ui"]
    content = catalog["family"]
    words = content["dashboard"]
    today = now.date()
    lessons = states.get("family_lessons", {})
    stress: dict[str, int] = lessons.get("stress") or {}
    week = []
    for back in range(6, -1, -1):
        day = today - dt.timedelta(days=back)
        value = stress.get(day.isoformat())
        week.append(
            {
                "date": day.isoformat(),
                "label": ui["day_label"].format(weekday=ui["weekdays"][day.weekday()],
                                                day=day.day),  # fmt: skip
                "checkin": None,
                "stress": value,
            }
        )
    lines = family.dashboard_lines(lessons, content, today, profile, always=True)
    if lessons.get("last_checkin") == today.isoformat():
        lines.append(str(words["checkin_done_today"]))
    lines += homework.dashboard_lines(
        states.get("homework_packs", {}), catalog["homework"]["texts"], today, profile
    )
    lines.append(family.with_profile(words["guides_hint"], profile))
    risk = risk_line(states.get("risk_days", {}), catalog["risk"]["checkin"], today)
    ideas = words["ideas"]
    return {
        "greeting": greeting(ui, now.hour),
        "welcome_back": None,
        "today_status": lines[0],
        "extra_lines": lines[1:],
        "week_title": words["week_title"],
        "week_columns": ["", *words["week_columns"]],
        "bar": catalog["ui"]["week_bar"],
        "week": week,
        "suggestion_title": words["idea_title"],
        "risk_line": risk,
        "suggestion": None if risk else str(ideas[today.toordinal() % len(ideas)]),
        "footer": ui["footer_crisis"],
    }

