"""`hiki crisis` (`hiki sos`; hidden aliases such as `hiki emergency`): people to reach now.

It works even if the log, the settings or any other content file is broken: the lines and their
words come only from `actx.risk_content` (crisis.yaml and risk.yaml, loaded on their own, with a
shipped fallback), never from the catalog.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from hikicli.cli.app import CRISIS_ALIASES, app
from hikicli.cli.context import AppContext


def show_crisis(actx: AppContext, country: str | None, as_json: bool) -> None:
    """The crisis screen (or its JSON) for `country`, else the setting, else the locale's guess."""
    from hikicli.cli.safety_support import plan_state, safety_plan_markdown
    from hikicli.domain.crisis import crisis_view

    content = actx.risk_content
    texts = content.risk["crisis"]
    view = crisis_view(content.crisis, texts, actx.country_choice(country), actx.today())
    # The person's own plan comes first once there is one. An unreadable (or locked) log hides
    # only the plan, and never makes hiki claim there is one or is not.
    state, plan = plan_state(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json({**view, "safety_plan": plan} if plan else view)
    else:
        plan_md = safety_plan_markdown(actx, plan) if plan else None
        if state == "locked":
            plan_md = str(content.risk["plan"]["hint"])
        render_crisis(view, texts, plan_md)
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
    if plan_markdown:
        from rich.markdown import Markdown

        out.print(Markdown(plan_markdown))
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


class CrisisCommand(TyperCommand):
    """`--help` names the countries hiki holds lines for, read from the crisis data only when help
    is asked for (loading it on every command would slow `hiki` down)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if param.name == "country" and hasattr(param, "help"):
                param.help = country_help(ctx)
        super().format_help(ctx, formatter)


def country_help(ctx: Any) -> str:
    from hikicli.content.risk_content import load_risk_content
    from hikicli.domain.crisis import country_list

    obj = ctx.find_root().obj
    content = load_risk_content(obj.language() if isinstance(obj, AppContext) else "en")
    return str(content.risk["crisis"]["help_country"]).format(
        countries=country_list(content.crisis)
    )


CountryOpt = Annotated[
    str | None,
    typer.Option("--country", "-c", metavar="CODE", help="Two-letter country code, e.g. JP."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the resources as JSON.")]


@app.command(cls=CrisisCommand)
def crisis(ctx: typer.Context, country: CountryOpt = None, as_json: JsonOpt = False) -> None:
    """People you can reach right now: text and chat first, then phone."""
    show_crisis(ctx.obj, country, as_json)


@app.command("sos", cls=CrisisCommand)
def sos(ctx: typer.Context, country: CountryOpt = None, as_json: JsonOpt = False) -> None:
    """Same as `hiki crisis`."""
    show_crisis(ctx.obj, country, as_json)


# Words a person may type when looking for help (`hiki emergency`, `hiki hotline`, ...): each one
# is `hiki crisis`. Hidden, so `hiki --help` stays short; any case works (HikiGroup).
for _alias in CRISIS_ALIASES:
    app.command(_alias, cls=CrisisCommand, hidden=True, help="Same as `hiki crisis`.")(crisis)
