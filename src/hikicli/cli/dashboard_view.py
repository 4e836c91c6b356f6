"""Rendering the dashboard. Kept free of typer so `hiki` alone can start without it."""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext


def show_dashboard(actx: AppContext) -> None:
    from hikicli.cli.render import console
    from hikicli.domain.dashboard import build_dashboard
    from hikicli.storage.projection import project
    from hikicli.storage.state import State

    state = State(actx.paths.state_file, actx.log)
    first_run = not state.get("welcomed", False)
    projected = project(
        actx.log, _projections(), actx.paths.profile_cache_dir / "dashboard.marshal"
    )
    view = build_dashboard(projected.states, actx.catalog, actx.now())
    out = console()
    ui = actx.catalog["ui"]
    if first_run:
        from rich.panel import Panel

        text = ui["welcome"].format(data_dir=actx.paths.data_dir)
        out.print(Panel(text.strip(), title=ui["welcome_title"], expand=False, padding=(1, 2)))
        state.set("welcomed", True)
    for problem in projected.problems:
        out.print(f"[yellow]Note:[/] {problem.describe(actx.log.path)}", markup=True)
    render_dashboard(view)


def _projections() -> list[Any]:
    from hikicli.domain.registry import dashboard_projections

    return dashboard_projections()


def render_dashboard(view: dict[str, Any]) -> None:
    from rich.table import Table

    from hikicli.cli.render import bar, console, markup_escape

    out = console()
    out.print(f"[bold]{markup_escape(view['greeting'])}[/]")
    if view.get("welcome_back"):
        out.print(markup_escape(view["welcome_back"]))
    out.print(markup_escape(view["today_status"]))
    for line in view.get("extra_lines", []):
        out.print(markup_escape(line))
    out.print()
    table = Table(title=view["week_title"], title_justify="left", box=None, pad_edge=False)
    for column in view["week_columns"]:
        table.add_column(column)
    for day in view["week"]:
        if day["checkin"] is None:
            table.add_row(day["label"], "", "", "", "", "")
            continue
        c = day["checkin"]
        table.add_row(
            day["label"],
            f"{bar(c['mood'], width=5)} {c['mood']}",
            f"{bar(c['anxiety'], width=5)} {c['anxiety']}",
            f"{bar(c['energy'], width=5)} {c['energy']}",
            f"{c['outside']} min",
            markup_escape(", ".join(c["contact"])),
        )
    out.print(table)
    if view.get("suggestion"):
        out.print()
        out.print(f"[bold]{markup_escape(view['suggestion_title'])}[/]")
        out.print(markup_escape(view["suggestion"]))
    out.print()
    out.print(f"[dim]{markup_escape(view['footer'])}[/]")
