"""`hiki config`: show and change settings."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

config_app = typer.Typer(no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show every setting, its value and what it does."""
    from hikicli.storage.settings import SETTINGS

    actx: AppContext = ctx.obj
    values = {key: actx.settings.get(key) for key in sorted(SETTINGS)}
    if as_json:
        from hikicli.cli.render import print_json

        print_json(values)
        return
    from rich.table import Table

    from hikicli.cli.render import console, markup_escape

    explicit = actx.settings.explicit()
    table = Table(box=None, pad_edge=False)
    for column in ("setting", "value", "about"):
        table.add_column(column)
    for key, value in values.items():
        setting = SETTINGS[key]
        shown = repr(value) if value == "" else str(value)
        if key not in explicit:
            shown += " (default)"
        elif explicit[key] != value:
            shown += f" (the file has an invalid value {explicit[key]!r})"
        choices = f" — one of: {', '.join(setting.choices)}" if setting.choices else ""
        table.add_row(key, markup_escape(shown), markup_escape(setting.help + choices))
    console().print(table)
    unknown = sorted(set(explicit) - set(SETTINGS))
    if unknown:
        console().print(
            markup_escape(f"Not used by this hiki (left as they are): {', '.join(unknown)}")
        )
    console().print(f"[dim]{markup_escape(str(actx.paths.config_file))}[/]")


@config_app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument()],
    value: Annotated[str, typer.Argument()],
) -> None:
    """Change a setting."""
    actx: AppContext = ctx.obj
    if key == "country":
        value = value.upper()
    stored = actx.settings.set(key, value)
    typer.echo(f"{key} = {stored}")
