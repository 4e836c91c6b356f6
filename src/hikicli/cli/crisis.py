"""`hiki crisis` (`hiki sos`; hidden aliases such as `hiki emergency`): people to reach now.

It works even if the log, the settings or any other content file is broken: the lines and their
words come only from `actx.risk_content` (crisis.yaml and risk.yaml, loaded on their own, with a
shipped fallback), never from the catalog.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from hikicli.cli.app import CRISIS_ALIASES, app
from hikicli.cli.context import AppContext
from hikicli.cli.crisis_view import show_crisis


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
    typer.Option("--country", "-c", metavar="CODE"),
]
JsonOpt = Annotated[bool, typer.Option("--json")]
AllOpt = Annotated[bool, typer.Option("--all", "-a")]


@app.command(cls=CrisisCommand)
def crisis(
    ctx: typer.Context,
    country: CountryOpt = None,
    as_json: JsonOpt = False,
    show_all: AllOpt = False,
) -> None:
    """People you can reach right now: text and chat first, then phone."""
    show_crisis(ctx.obj, country, as_json, show_all)


@app.command("sos", cls=CrisisCommand)
def sos(
    ctx: typer.Context,
    country: CountryOpt = None,
    as_json: JsonOpt = False,
    show_all: AllOpt = False,
) -> None:
    """Same as `hiki crisis`."""
    show_crisis(ctx.obj, country, as_json, show_all)


# Words a person may type when looking for help (`hiki emergency`, `hiki hotline`, ...): each one
# is `hiki crisis`. Hidden, so `hiki --help` stays short; any case works (HikiGroup).
for _alias in CRISIS_ALIASES:
    app.command(_alias, cls=CrisisCommand, hidden=True)(crisis)
