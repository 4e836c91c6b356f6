"""`hiki crisis` (alias `hiki sos`): people to reach now.

It works even if the log or the settings are broken: it reads neither the log nor any private file.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext


def country_code(actx: AppContext, country: str | None = None) -> str:
    """The country whose lines to show: the flag, else the setting, else the locale."""
    from hikicli.domain.crisis import locale_country

    setting = ""
    try:
        setting = str(actx.settings.get("country"))
    except Exception as err:  # a broken settings file must never hide crisis help
        import sys

        # Say so (on stderr, after nothing else): a silently lost country shows the wrong lines.
        if country is None:
            sys.stderr.write(f"Note: {err} Using your locale instead.\n")
        setting = ""
    return (country or setting or locale_country() or "").upper()


def _crisis(ctx: typer.Context, country: str | None, as_json: bool) -> None:
    from hikicli.domain.crisis import crisis_view

    actx: AppContext = ctx.obj
    code = country_code(actx, country)
    view = crisis_view(actx.catalog["crisis"], actx.catalog["ui"], code, actx.today())
    # The person's own safety plan comes first once there is one; an unreadable log hides only it.
    from hikicli.cli.safety_support import plan_state, safety_plan_markdown

    state, plan = plan_state(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({**view, "safety_plan": plan} if plan else view)
        return
    plan_md = safety_plan_markdown(actx, plan) if plan else None
    if state == "locked":
        plan_md = actx.catalog["safety"]["risk"]["plan_locked"]
    render_crisis(view, plan_md)


def render_crisis(view: dict[str, Any], plan_markdown: str | None = None) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    out.print(f"[bold]{markup_escape(view['intro'])}[/]")
    out.print()
    out.print(f"[bold]{markup_escape(view['emergency'])}[/]")
    out.print()
    if plan_markdown:
        from rich.markdown import Markdown

        out.print(Markdown(plan_markdown))
        out.print()
    if view["country_name"]:
        out.print(f"[bold underline]{markup_escape(view['country_name'])}[/]")
    if view.get("not_stored"):
        out.print(markup_escape(view["not_stored"]))
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
        out.print(
            f"  [dim]source: {markup_escape(line['source'])} · checked {line['verified_on']}[/]"
        )
    out.print()
    out.print(f"[dim]{markup_escape(view['check_official'])}[/]")


CountryOpt = Annotated[
    str | None, typer.Option("--country", "-c", help="Two-letter country code, e.g. JP, US, GB.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the resources as JSON.")]


@app.command()
def crisis(ctx: typer.Context, country: CountryOpt = None, as_json: JsonOpt = False) -> None:
    """People you can reach right now: text and chat first, then phone."""
    _crisis(ctx, country, as_json)


@app.command("sos")
def sos(ctx: typer.Context, country: CountryOpt = None, as_json: JsonOpt = False) -> None:
    """Same as `hiki crisis`."""
    _crisis(ctx, country, as_json)
