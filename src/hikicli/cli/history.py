"""`hiki history`: recent entries as a table or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext


def entry_json(event: dict[str, Any]) -> dict[str, Any]:
    """Stable JSON for one log entry: id, kind, recorded, then the entry's own values."""
    return {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}


def entry_date(event: dict[str, Any]) -> str:
    data = event["data"]
    return str(data["date"]) if isinstance(data.get("date"), str) else event["ts"][:10]


@app.command()
def history(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only entries on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries (newest).")] = 14,
    as_json: Annotated[bool, typer.Option("--json", help="Print entries as JSON.")] = False,
) -> None:
    """Your recent entries, newest last."""
    from hikicli.domain.checkin import parse_date

    actx: AppContext = ctx.obj
    start = parse_date(since, "--since").isoformat() if since else None
    read = actx.log.read()
    events = [e for e in read.events if start is None or entry_date(e) >= start]
    events.sort(key=lambda e: (entry_date(e), e["ts"]))
    events = events[-limit:]
    if as_json:
        from hikicli.cli.render import print_json

        print_json([entry_json(e) for e in events])
        return
    from rich.table import Table

    from hikicli.cli.render import bar, console, err_console, markup_escape

    for problem in read.problems:
        err_console().print(f"Note: {problem.describe(actx.log.path)}", markup=False)
    out = console()
    if not events:
        out.print(markup_escape(actx.catalog["ui"]["no_entries_yet"]))
        return
    table = Table(box=None, pad_edge=False)
    for column in (
        "date",
        "entry",
        "mood",
        "anxiety",
        "energy",
        "sleep",
        "outside",
        "contact",
        "note",
    ):
        table.add_column(column, overflow="fold", no_wrap=column not in ("contact", "note"))
    for e in events:
        d = e["data"]
        if e["kind"] == "checkin":
            table.add_row(
                entry_date(e),
                "check-in",
                f"{bar(d['mood'], width=5)} {d['mood']}",
                f"{bar(d['anxiety'], width=5)} {d['anxiety']}",
                f"{bar(d['energy'], width=5)} {d['energy']}",
                f"{d['sleep']:g} h",
                f"{d['outside']} min",
                markup_escape(", ".join(d["contact"])),
                markup_escape(d.get("note", "")),
            )
        else:
            from hikicli.domain.registry import summarize

            table.add_row(
                entry_date(e), markup_escape(e["kind"]), *([""] * 6), markup_escape(summarize(e))
            )
    out.print(table)
