"""Rendering the dashboard. Kept free of typer so `hiki` alone can start without it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import UiContent
    from hikicli.domain.dashboard import DashboardStates


def show_dashboard(actx: AppContext) -> None:
    from hikicli.domain.dashboard import build_dashboard, build_family_dashboard
    from hikicli.domain.family import FAMILY_ROLE, MAIN_PROFILE, in_use, with_profile
    from hikicli.storage.projection import project
    from hikicli.storage.state import State

    state = State(actx.paths.state_file, actx.log)
    first_run = not state.get("welcomed", False)
    projected = project(
        actx.log, _projections(), actx.paths.profile_cache_dir / "dashboard.marshal"
    )
    states = cast("DashboardStates", projected.states)  # each projection's state, by its name
    profile = actx.paths.profile
    # A family member's profile: their own overview, never the person's (services/family_profile
    # says the same from the log; here the folded state is at hand).
    family = state.get("role") == FAMILY_ROLE or (
        profile != MAIN_PROFILE and in_use(states.get("family_lessons", {}))
    )
    if family:
        view = build_family_dashboard(states, actx.catalog, actx.now(), profile)
    else:
        view = build_dashboard(states, actx.catalog, actx.now())
    # `{hiki}`: the command for this profile, in every line that names one (the risk line too)
    view = {**view, "footer": with_profile(view["footer"], profile)}
    if view.get("risk_line"):
        view["risk_line"] = with_profile(view["risk_line"], profile)
    ui = actx.catalog["ui"]
    if first_run:
        from rich.panel import Panel

        from hikicli.cli.render import console, panel_box

        if family:
            words = actx.catalog["family"]["dashboard"]
            text = with_profile(words["welcome"], profile).format(data_dir=actx.paths.data_dir)
            title = words["welcome_title"]
        else:
            text = with_profile(ui["welcome"], profile).format(data_dir=actx.paths.data_dir)
            title = ui["welcome_title"]
        text = text.strip() + "\n" + welcome_country(actx, ui)
        if not family:  # the family programme is offered from the very first screen
            text += "\n\n" + actx.catalog["family"]["texts"]["welcome_pointer"]
        choice = actx.language_choice()
        text += "\n\n" + with_profile(ui["welcome_language"], profile).format(
            language=ui["language_names"].get(choice.code, choice.code),
            how=ui["language_how"][choice.how],
        )
        # One 80x24 screen with its first line still there at the end: the welcome names the
        # check-in, the guides and `hiki crisis`, so an empty week does not follow it.
        panel = Panel(text.strip(), title=title, expand=False, padding=(0, 1), box=panel_box())
        console().print(panel)
        state.set("welcomed", True)
    lang = actx.language()
    for problem in projected.problems:
        from hikicli.cli.render import note_text

        sys.stdout.write(note_text(lang, problem.describe(actx.log.path, lang)) + "\n")
    # a lesson, a pack, or an activity rated: the profile's own, shown from the first run
    used = in_use(states.get("family_lessons", {})) or bool(
        states.get("homework_packs") or states.get("activity_helped")
    )
    if first_run and not _anything_yet(view, family, used):
        return
    render_dashboard(view)


def _anything_yet(view: dict[str, Any], family: bool, used: bool) -> bool:
    """Is there something of this profile's own to show: a check-in in the week, a risk line, a
    welcome back, a lesson or a pack begun, or (the person's) a ladder under today's line? A
    family overview's lines under today are always there (the next lesson, the guides)."""
    days = view["week"]
    kept = any(d.get("checkin") is not None or d.get("stress") is not None for d in days)
    extras = used or not family and bool(view.get("extra_lines"))
    return kept or extras or bool(view.get("risk_line") or view.get("welcome_back"))


def welcome_country(actx: AppContext, ui: UiContent) -> str:
    """Which country's crisis lines hiki will show, said on the first run: a guess from the
    locale is called a guess, and the way to set the country is named. Never raises."""
    from hikicli.domain.family import with_profile
    from hikicli.domain.words import word

    choice = actx.country_choice()
    countries = actx.risk_content.crisis["countries"]
    entry = countries.get(choice.code or "")
    if choice.code is None:
        key = "welcome_country_unknown"
    elif entry is None:
        key = "welcome_country_not_stored"
    else:
        key = "welcome_country_guessed" if choice.how == "locale" else "welcome_country_set"
    return with_profile(word(ui, key), actx.paths.profile).format(
        country=choice.code,
        country_name=entry["name"] if entry else choice.code,
        codes=", ".join(sorted(countries)),
    )


def _projections() -> list[Any]:
    from hikicli.domain.registry import dashboard_projections

    return dashboard_projections()


def render_dashboard(view: dict[str, Any]) -> None:
    from hikicli.cli.plain import Writer

    cells = view.get("bar") or ("▮", "∙")

    def bar(value: float | None, width: int = 5) -> str:  # cli.render.bar, in this language
        if value is None:
            return " " * width
        filled = max(0, min(width, round(value / 10 * width)))
        return cells[0] * filled + cells[1] * (width - filled)

    minutes = view.get("minutes") or "{minutes} min"
    labels = view.get("contact_labels") or {}
    sep = view.get("list_sep") or ", "
    out = Writer()
    out.line(view["greeting"], "bold")
    if view.get("risk_line"):
        out.line(view["risk_line"], "bold")
    if view.get("welcome_back"):
        out.line(view["welcome_back"])
    if view.get("restart_offer"):
        out.line(view["restart_offer"])
    out.line(view["today_status"])
    for line in view.get("extra_lines", []):
        out.line(line)
    out.line()
    rows: list[list[str]] = []
    for day in view["week"]:
        if "stress" in day:  # a family profile's own week: their stress, nothing of the person's
            value = day["stress"]
            rows.append([day["label"], "" if value is None else f"{bar(value, width=5)} {value}"])
            continue
        c = day["checkin"]
        if c is None:
            rows.append([day["label"], "", "", "", "", ""])
            continue
        rows.append(
            [
                day["label"],
                f"{bar(c['mood'], width=5)} {c['mood']}",
                f"{bar(c['anxiety'], width=5)} {c['anxiety']}",
                f"{bar(c['energy'], width=5)} {c['energy']}",
                minutes.replace("{minutes}", str(c["outside"])),
                sep.join(labels.get(x, x) for x in c["contact"]),
            ]
        )
    out.table(view["week_title"], view["week_columns"], rows)
    if view.get("suggestion"):
        out.line()
        out.line(view["suggestion_title"], "bold")
        out.line(view["suggestion"])
    out.line()
    out.line(view["footer"], "dim")
    out.flush()
