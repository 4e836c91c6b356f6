"""The crisis screen: people to reach now, the person's own plan first once there is one. Shown by
`hiki crisis` (and its aliases) and `hiki guide crisis`.

The lines and their words come only from `actx.risk_content` (crisis.yaml and risk.yaml, loaded on
their own, with a shipped fallback), never from the catalog. The lines are printed before the log
is touched; the person's plan follows, read within bounds (services/safety_plan_state: no link,
no FIFO, no unbounded read) and only when that cannot stop at a passphrase prompt.
"""

from __future__ import annotations

import sys
from typing import Any

from hikicli.cli.context import AppContext


def show_crisis(actx: AppContext, country: str | None, as_json: bool) -> None:
    """The crisis screen (or its JSON) for `country`, else the setting, else the locale's guess."""
    from hikicli.domain.crisis import crisis_view
    from hikicli.services.safety_plan_state import plan_state, safety_plan_markdown

    content = actx.risk_content
    texts = content.risk["crisis"]
    view = crisis_view(content.crisis, texts, actx.country_choice(country), actx.today())
    if as_json:
        from hikicli.cli.render import print_json

        state, plan = plan_state(actx)
        print_json({**view, "safety_plan": plan} if plan else view, kind="crisis")
    else:
        # The lines first, on the screen before the log is opened: a huge, slow or broken log
        # can only delay the plan. An unreadable (or locked) log hides only the plan, and never
        # makes hiki claim there is one or is not.
        render_crisis(view, texts)
        sys.stdout.flush()
        state, plan = plan_state(actx)
        plan_md = safety_plan_markdown(actx, plan) if plan else None
        if state == "locked":
            plan_md = str(content.risk["plan"]["hint"])
        if plan_md:
            render_plan(plan_md)
    # A crisis file that could not be read is said after the help, never instead of it.
    for problem in content.problems:
        sys.stderr.write(texts["fallback_used"].format(problem=problem) + "\n")


def render_crisis(
    view: dict[str, Any], texts: dict[str, str], plan_markdown: str | None = None
) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    out.print(f"[bold]{markup_escape(view['intro'])}[/]")
    out.print()
    out.print(f"[bold]{markup_escape(view['emergency'])}[/]")
    out.print()
    if view["country_name"]:
        out.print(f"[bold underline]{markup_escape(view['country_name'])}[/]")
    if view.get("country_note"):
        out.print(markup_escape(view["country_note"]))
        out.print()
    for line in view["lines"]:
        channels = ", ".join(line["channels"])
        out.print(f"[bold]{markup_escape(line['name'])}[/]  ({markup_escape(channels)})")
        out.print(f"  {markup_escape(line['contact'])}")
        if line.get("hours"):
            out.print(f"  {markup_escape(line['hours'])}")
        if line.get("note"):
            out.print(f"  {markup_escape(line['note'])}")
        for warning in line["warnings"]:
            out.print(f"  [yellow]{markup_escape(warning)}[/]")
        source = texts["source"].format(source=line["source"], date=line["verified_on"])
        out.print(f"  [dim]{markup_escape(source)}[/]")
    out.print()
    out.print(f"[dim]{markup_escape(view['check_official'])}[/]")
    if plan_markdown:
        render_plan(plan_markdown)


def render_plan(plan_markdown: str) -> None:
    """The person's plan (or the hint where it is), after the lines."""
    from rich.markdown import Markdown

    from hikicli.cli.render import console

    out = console()
    out.print()
    out.print(Markdown(plan_markdown))
