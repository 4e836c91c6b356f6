"""The short readings for families as a table: in `hiki family read` and, in a family member's
profile, under `hiki guide --list`. Declares no command (commands do not import each other)."""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext


def reading_table(actx: AppContext) -> Any:
    """The readings in their order, one line each (the list fits a 24-row screen): the id to
    type, then the title."""
    from rich.table import Table

    from hikicli.cli.render import markup_escape
    from hikicli.domain.family import reading_order

    readings = actx.catalog["family-readings"]
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", overflow="fold")  # ids are ASCII; fold like every column
    table.add_column(overflow="fold")  # Japanese folds, never cut
    for i in reading_order(readings):
        table.add_row(i, markup_escape(readings[i]["title"]))
    return table


def print_readings(actx: AppContext) -> None:
    """The list's title, the table and how to open one (naming this profile)."""
    from hikicli.cli.render import console, markup_escape
    from hikicli.domain.family import with_profile

    texts = actx.catalog["family"]["texts"]
    out = console()
    out.print(f"[bold]{markup_escape(texts['readings_title'])}[/]")
    out.print(reading_table(actx))
    out.print()
    out.print(markup_escape(with_profile(texts["readings_footer"], actx.paths.profile)))
