"""`hiki history --json` when it shows every entry from its day on (`--limit` at least the
log's entries, as `--limit 100000`), or the latest STREAM_FROM or more of a longer log: written
as the log is read, a part at a time, each entry encoded as it is read
(services/reads.in_day_order), so it takes about the same memory at 100,000 entries as at 100.
The same document as sorting them all first: each entry's day, then its recorded time, two
alike in the order written. With fewer (the latest 14), history_run reads the newest parts."""

from __future__ import annotations

import itertools

from hikicli.cli.context import AppContext
from hikicli.cli.history_rows import entry_date

# From this many entries on, the latest `--limit` of a longer log are written as every entry is
# read (the newest parts, read whole, would hold them all at once); fewer are read newest first.
STREAM_FROM = 10_000


def history_json(actx: AppContext, start: str | None, limit: int) -> bool:
    """Write the entries from `start` on and say True, or say False (nothing written) when the
    log holds more entries than `limit` and they are better read newest first."""
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
    items = ordered.items
    if ordered.count > limit:
        if start is not None or limit < STREAM_FROM:
            return False
        # All of them, in order, but the first ones: the latest `limit` go out.
        items = itertools.islice(items, ordered.count - limit, None)
    lang = actx.language()
    for problem in ordered.problems:  # on stderr, so the output stays valid JSON
        said = note_text(lang, problem.describe(actx.log.path, lang))
        err_console().print(said, markup=False)
    print_json_list(items, kind="history", encoded=True)
    return True
