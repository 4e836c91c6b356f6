"""`hiki history`: recent entries as a table or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

RISK_KIND = "risk.signal"  # domain.risk.KIND, without importing it before it is needed


def entry_json(event: dict[str, Any]) -> dict[str, Any]:
    """Stable JSON for one log entry: id, kind, recorded, then the entry's own values."""
    return {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}


def entry_date(event: dict[str, Any]) -> str:
    data = event["data"]
    return str(data["date"]) if isinstance(data.get("date"), str) else event["ts"][:10]


def older_risk(events: list[dict[str, Any]]) -> dict[tuple[str, str], list[Any]]:
    """Risk moments read from check-ins and results saved before `risk.signal` events existed
    (the one reading, `domain.risk.safety_rows`, minus the moments a signal already shows), by
    (recorded, source), so such a row shows its moment exactly once."""
    from hikicli.domain.risk import KIND, safety_rows

    signalled = set(safety_rows([e for e in events if e.get("kind") == KIND]))
    found: dict[tuple[str, str], list[Any]] = {}
    for row in safety_rows(events):
        if row not in signalled:
            found.setdefault((row.recorded, row.source), []).append(row)
    return found


@app.command()
def history(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[int, typer.Option(min=1)] = 14,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Your recent entries, newest last."""
    from hikicli.domain.checkin import parse_date

    actx: AppContext = ctx.obj
    start = parse_date(since, "--since").isoformat() if since else None
    read = actx.log.read()
    events = [e for e in read.events if start is None or entry_date(e) >= start]
    events.sort(key=lambda e: (entry_date(e), e["ts"]))
    events = events[-limit:]
    from hikicli.cli.render import err_console

    for problem in read.problems:  # on stderr, so --json output stays valid JSON
        err_console().print(f"Note: {problem.describe(actx.log.path)}", markup=False)
    if as_json:
        from hikicli.cli.render import print_json_list

        print_json_list(map(entry_json, events))
        return
    from rich.table import Table

    from hikicli.cli.render import console, markup_escape
    from hikicli.domain.progress import safety_words
    from hikicli.domain.registry import SummaryContext, summarize

    out = console()
    ui = actx.catalog["ui"]
    if not events:
        out.print(markup_escape(ui["no_entries_since"] if read.events else ui["no_entries_yet"]))
        return
    words = actx.catalog["progress"]["safety"]
    context = SummaryContext.over(read.events, words)
    older = older_risk(read.events)
    # Four columns read at 80 columns: values are written out in words, not a column each.
    table = Table(box=None, pad_edge=False)
    table.add_column("date", no_wrap=True)
    table.add_column("entry", no_wrap=True)
    table.add_column("details", overflow="fold", ratio=3)
    table.add_column("note", overflow="fold", ratio=2)
    for e in events:
        d = e["data"]
        if e["kind"] == "checkin":
            details = (
                f"mood {d['mood']} · anxiety {d['anxiety']} · energy {d['energy']} · "
                f"sleep {d['sleep']:g} h · outside {d['outside']} min · "
                f"{', '.join(d['contact'])}"
            )
            for row in older.get((e["ts"], "checkin"), []):
                details += f" · {safety_words(row, words)[1]}"
            table.add_row(entry_date(e), "check-in", details, markup_escape(d.get("note", "")))
        else:
            label = e["kind"].split(".")[0].replace("_", " ")
            if e["kind"] == RISK_KIND:
                label = words["history_label"]
            summary = summarize(e, context)
            for row in older.get((e["ts"], "instrument"), []):
                what, said, _rule = safety_words(row, words)
                summary += f" · {what}: {said}"
            table.add_row(entry_date(e), markup_escape(label), markup_escape(summary), "")
    out.print(table)
