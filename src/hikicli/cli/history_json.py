"""`hiki history --json` when it shows every entry from its day on (`--limit` at least the
log's entries, as `--limit 100000`): written as the log is read, a part at a time, each entry
encoded as it is read (services/reads.in_day_order), so it takes about the same memory at
100,000 entries as at 100. The same document as sorting them all first: each entry's day, then
its recorded time, two alike in the order written. With fewer (the latest 14), history_run
reads the newest parts only."""

from __future__ import annotations

from hikicli.cli.context import AppContext
from hikicli.cli.history_rows import entry_date


def history_json(actx: AppContext, start: str | None, limit: int) -> bool:
    """Write the entries from `start` on and say True, or say False (nothing written) when the
    log holds more entries than `limit`."""
    from hikicli.cli.render import entry_json, err_console, json_item, note_text, print_json_list
    from hikicli.services.reads import in_day_order

    ordered = in_day_order(
        actx.log,
        actx.paths.profile_cache_dir,
        "history",
        entry_date,
        start,
        lambda event: json_item(entry_json(event)),
    )
    if ordered.count > limit:
        return False
    lang = actx.language()
    for problem in ordered.problems:  # on stderr, so the output stays valid JSON
        said = note_text(lang, problem.describe(actx.log.path, lang))
        err_console().print(said, markup=False)
    print_json_list(ordered.items, kind="history", encoded=True)
    return True
