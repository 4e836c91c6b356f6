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

        print_json(values, kind="config")
        return
    from rich.table import Table

    from hikicli.cli.render import console, markup_escape
    from hikicli.content.messages import text, words

    lang = actx.language()
    explicit = actx.settings.explicit()
    table = Table(box=None, pad_edge=False)
    table.add_column(text(lang, "config.col_setting"), no_wrap=True)
    table.add_column(text(lang, "config.col_value"), overflow="fold")
    table.add_column(text(lang, "config.col_about"), overflow="fold")
    for key, value in values.items():
        setting = SETTINGS[key]
        shown = _shown(value)
        if key not in explicit:
            shown = text(lang, "config.default", value=shown)
        elif explicit[key] != value:
            shown = text(lang, "config.invalid_in_file", value=shown, stored=repr(explicit[key]))
        about = text(lang, setting.help)
        if setting.choices:
            sep = str(words(lang).get("config", {}).get("choice_sep", ", "))  # spaces kept
            choices = sep.join(text(lang, "config.choice", value=c) for c in setting.choices)
            about = text(lang, "config.one_of", about=about, choices=choices)
        table.add_row(key, markup_escape(shown), markup_escape(about))
    console().print(table)
    unknown = sorted(set(explicit) - set(SETTINGS))
    if unknown:
        console().print(markup_escape(text(lang, "config.not_used", keys=", ".join(unknown))))
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


def _shown(value: object) -> str:
    """A value as `hiki config set` takes it: true/false, '' for empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if value == "" else str(value)
