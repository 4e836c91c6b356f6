"""What `hiki history` does, without typer: the typer command (cli/history.py) and entry.py's
fast path both call `history_command`."""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext
from hikicli.cli.history_rows import entry_date


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


def load_history(actx: AppContext, start: str | None, limit: int) -> Any:
    """The log read newest first until the `limit` latest entries from `start` on are known:
    nothing before the parts read can be dated on their days (services/reads.py), so what they
    show (and the risk moments of their days) is as the whole log's."""
    import heapq

    from hikicli.services.reads import load_newest

    top: list[str] = []  # the `limit` latest days seen, the earliest of them first

    def enough(part: list[dict[str, Any]], bound: str) -> bool:
        for day in map(entry_date, part):
            if start is None or day >= start:
                if len(top) < limit:
                    heapq.heappush(top, day)
                elif day > top[0]:
                    heapq.heapreplace(top, day)
        if len(top) >= limit:
            return bound < top[0]
        return start is not None and bound < start

    return load_newest(actx.log, actx.paths.profile_cache_dir, "history", enough)


def history_command(
    actx: AppContext, since: str | None = None, limit: int = 14, as_json: bool = False
) -> None:
    from hikicli.domain.checkin import parse_date

    start = parse_date(since, "--since").isoformat() if since else None
    if as_json:
        from hikicli.cli.history_json import history_json

        if history_json(actx, start, limit):
            return
    read = load_history(actx, start, limit)
    events = [e for e in read.events if start is None or entry_date(e) >= start]
    events.sort(key=lambda e: (entry_date(e), e["ts"]))
    events = events[-limit:]
    from hikicli.cli.render import err_console, note_text

    lang = actx.language()
    for problem in read.problems:  # on stderr, so --json output stays valid JSON
        said = note_text(lang, problem.describe(actx.log.path, lang))
        err_console().print(said, markup=False)
    if as_json:
        from hikicli.cli.render import entry_json, print_json_list

        print_json_list(map(entry_json, events), kind="history")
        return
    from hikicli.cli.plain_layout import screen

    ui = actx.catalog["ui"]
    if not events:
        said = ui["no_entries_since"] if read.count else ui["no_entries_yet"]
        if not read.count:
            from hikicli.services.family_profile import marked_family_hiki

            if marked_family_hiki(actx):  # a parent's profile: their own check-in and lessons
                from hikicli.domain.family import with_profile

                said = with_profile(ui["no_entries_yet_family"], actx.paths.profile)
        out = screen([said])
        out.print((said, ""))
        out.flush()
        return
    from hikicli.cli.history_rows import history_table

    columns, rows = history_table(actx, read.kept, events, older_risk(read.events))
    headers = [text for c in columns for text, _ in c.header]
    out = screen([*headers, *(cell for row in rows for cell in row)])
    out.table(columns, [[[(cell, "")] for cell in row] for row in rows])
    out.flush()
