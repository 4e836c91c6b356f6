"""The `hiki history` table in the person's language: its headers, each entry's label and its
summary (declared with its feature, domain/features/), written with the `history` words of
content/<lang>/messages.yaml."""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext

RISK_KIND = "risk.signal"  # domain.risk.KIND, without importing it before it is needed


def entry_date(event: dict[str, Any]) -> str:
    data = event["data"]
    return str(data["date"]) if isinstance(data.get("date"), str) else event["ts"][:10]


def history_texts(lang: str) -> dict[str, Any]:
    """The words summaries are written with (domain.declare.SummaryContext.texts)."""
    from hikicli.content.messages import words

    found = words(lang).get("history")
    return found if isinstance(found, dict) else {}


def history_table(
    actx: AppContext,
    all_events: list[dict[str, Any]],
    events: list[dict[str, Any]],
    older: dict[tuple[str, str], list[Any]],
) -> tuple[list[Any], list[list[str]]]:
    """`events` as rows (their columns and their cells, plain text); `all_events` name the safety
    plan items a removal refers to; `older` holds risk moments read from entries saved before
    risk signals existed (cli/history_run)."""
    from rich.cells import cell_len

    from hikicli.cli.plain_layout import Column
    from hikicli.domain.registry import SummaryContext

    words = actx.catalog["progress"]["safety"]
    context = SummaryContext.over(all_events, words, history_texts(actx.language()))
    say = context.say
    # Four columns read at 80 columns: values are written out in words, not a column each. The
    # label and summary can be Japanese: they fold, never cut. (The details and note columns
    # had ratios 3 and 2: rich uses them only in a table that expands, which this is not.)
    rows = [_row(e, context, older) for e in _bands_in_words(actx, events)]
    # a label is one or two words: whole when it can be, folded (never cut) when it cannot
    widest = max(cell_len(say("history.col_entry")), *(cell_len(r[1]) for r in rows))
    columns = [
        Column([(say("history.col_date"), "")], no_wrap=True),
        Column([(say("history.col_entry"), "")], min_width=min(widest, 16)),
        Column([(say("history.col_details"), "")]),
        Column([(say("history.col_note"), "")]),
    ]
    return columns, rows


def _bands_in_words(actx: AppContext, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An assessment's band as its form names it ("Mild (5–9)"), not its id ("mild")."""
    if not any(e["kind"] == "assessment" and e["data"].get("band") for e in events):
        return events
    from hikicli.services.instrument_lookup import all_instruments

    definitions = all_instruments(actx).definitions()
    out = []
    for e in events:
        data = e["data"]
        definition = definitions.get(str(data.get("instrument")))
        if e["kind"] == "assessment" and data.get("band") and definition:
            bands = definition["scoring"].get("bands", [])
            label = next((b["label"] for b in bands if b["id"] == data["band"]), None)
            if label:
                e = {**e, "data": {**data, "band": label}}
        out.append(e)
    return out


def _row(e: dict[str, Any], context: Any, older: dict[tuple[str, str], list[Any]]) -> list[str]:
    """date, label, summary, note: plain text (the table escapes it)."""
    from hikicli.domain.progress import safety_words
    from hikicli.domain.registry import summarize

    say, words = context.say, context.words
    pieces = [summarize(e, context)]
    if e["kind"] == "checkin":
        for row in older.get((e["ts"], "checkin"), []):
            pieces.append(safety_words(row, words)[1])
        note = e["data"].get("note", "")
        return [entry_date(e), say("history.label_checkin"), context.parts(pieces), note]
    label = context.label("label", e["kind"].split(".")[0]).replace("_", " ")
    if e["kind"] == RISK_KIND:
        label = words["history_label"]
    for row in older.get((e["ts"], "instrument"), []):
        what, said, _rule = safety_words(row, words)
        pieces.append(say("history.risk", what=what, said=said))
    return [entry_date(e), label, context.parts(pieces), ""]
