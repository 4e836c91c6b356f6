"""`hiki assess history`: results over time, a small chart, and meaningful changes pointed out."""

from __future__ import annotations

import dataclasses
from typing import Any

from hikicli.cli.context import AppContext


def show_history(
    actx: AppContext, only: str | None = None, as_json: bool = False, everything: bool = False
) -> None:
    """Results over time: of the last HISTORY_MONTHS months (said on screen when older ones are
    left out), every result with `everything` (`--all`). A change is to the result before, even
    an older one."""
    from hikicli.domain.instruments import HISTORY_MONTHS, KIND, history_points, history_since
    from hikicli.errors import UsageError
    from hikicli.services.instrument_lookup import all_instruments

    lookup = all_instruments(actx)
    if not as_json:
        from hikicli.cli.render import print_notes

        print_notes(lookup.notes, actx.language())
    found = lookup.instruments
    from hikicli.services.reads import load_since

    # Results and risk moments are not check-ins: all of them are among the cached events.
    read = load_since(actx.log, actx.paths.profile_cache_dir, "assess_history", "9999-12-31")
    from hikicli.domain.progress import event_date

    # The day a result is about is its `date` (`--date`), else the day it was recorded: rows,
    # order, changes and the window all go by it, as `hiki history` and the report do.
    def about(event: dict[str, Any]) -> str:
        day = event_date(event)
        return day.isoformat() if day else str(event["ts"])[:10]

    by_instrument: dict[str, list[dict[str, Any]]] = {}
    results_read = [(about(e), e) for e in read.events if e["kind"] == KIND]
    for day, event in sorted(results_read, key=lambda de: (de[0], de[1]["ts"])):
        data = event["data"]
        if isinstance(data.get("instrument"), str) and isinstance(data.get("total"), int):
            by_instrument.setdefault(data["instrument"], []).append(
                {**data, "recorded": event["ts"], "date": day}
            )
    if only is not None:
        if only not in found and only not in by_instrument:
            raise UsageError("assess.unknown_history", id=only, known=", ".join(sorted(found)))
        by_instrument = {only: by_instrument.get(only, [])}
    # The risk mark comes from the one reading of risk (domain.risk.safety_rows), not from each
    # result's own flag: a result is marked when it carries a risk moment (domain.progress).
    from hikicli.domain.progress import fill_thresholds, risk_marks
    from hikicli.domain.risk import safety_rows

    all_moments = fill_thresholds(safety_rows(read.events), lookup.definitions())
    marks = risk_marks(all_moments, read.events)
    moments: dict[tuple[str, str], list[Any]] = {}
    for moment in all_moments:
        if moment.source == "instrument" and moment.instrument:
            moments.setdefault((moment.date, moment.instrument), []).append(moment)
    rows: list[dict[str, Any]] = []
    charts = []
    since = "" if everything else history_since(actx.today()).isoformat()
    older = False  # results left out before `since`
    for iid, results in by_instrument.items():
        definition = found.get(iid, (None, None))[0]
        points = [
            dataclasses.replace(p, risk=(p.recorded, iid, p.date) in marks)
            for p in history_points(results, definition)
        ]
        shown = [p for p in points if p.date >= since]
        older |= len(shown) < len(points)
        points = shown
        name = results[-1].get("name", iid) if results else iid
        if not results and definition:
            name = definition.get("name", iid)
        for point in points:
            rows.append(
                {
                    "instrument": iid,
                    "name": name,
                    "recorded": point.recorded,
                    "date": point.date,
                    "total": point.total,
                    "percent": point.percent,
                    "band": point.band,
                    "change": point.change,
                    "meaningful_change": point.meaningful,
                    "risk": point.risk,
                }
            )
        charts.append((iid, name, definition, points))
    if as_json:
        from hikicli.cli.render import print_json

        print_json(rows, kind="assess.history")
        return
    window = {"since": since, "months": HISTORY_MONTHS} if older else None
    _render_history(actx, charts, moments, window)


def _render_history(
    actx: AppContext,
    charts: list[Any],
    moments: dict[tuple[str, str], list[Any]],
    window: dict[str, Any] | None = None,
) -> None:
    from hikicli.cli.plain import wrap_cells
    from hikicli.cli.plain_layout import Run, screen
    from hikicli.cli.render import bar
    from hikicli.domain.instruments import band_for, total_range
    from hikicli.domain.progress import safety_words

    text = actx.catalog["safety"]["assess"]
    if not any(points for _, _, _, points in charts):
        empty = text["history_window_empty"].format(**window) if window else text["history_empty"]
        out = screen([empty])
        out.print((empty, ""))
        out.flush()
        return
    lines_out: list[list[Run]] = []
    if window:  # older results are left out: say so first, with how to see them
        lines_out += [[(text["history_window"].format(**window), "dim")], []]
    for _iid, name, definition, points in charts:
        if not points:
            continue
        lines_out.append([(text["history_title"].format(name=name), "bold")])
        on_percent = bool(
            definition and definition["scoring"].get("meaningful_change_on") == "percent"
        )
        highest = total_range(definition)[1] if definition else max(p.total for p in points)
        for point in points:
            band = band_for(definition, point.total) if definition else None
            label = band["label"] if band else ""
            value = f"{point.total:>3}" + (
                f"  {point.percent:>3} %" if point.percent is not None else ""
            )
            chart = f"  {point.date}  {bar(point.total, hi=highest or 1, width=20)} {value}  "
            lines_out.append([(chart + label, "")])
            if point.risk:
                progress_words = actx.catalog["progress"]
                lines: list[str] = []
                for moment in moments.get((point.date, _iid), []):
                    what, said, _rule = safety_words(moment, progress_words["safety"])
                    said = what + progress_words["safety"]["sep"] + said
                    if said not in lines:
                        lines.append(said)
                lines.append(progress_words["risk_marker"].lstrip("·・ "))
                for line in lines:
                    for part in wrap_cells(line, 73):  # 6 spaces + 73 cells fit 80 columns
                        lines_out.append([("      ", ""), (part, "yellow")])
            if point.meaningful and point.change is not None:
                unit = text["unit_percent"] if on_percent else text["unit_points"]
                up = point.change > 0
                said = text["history_change_up"] if up else text["history_change_down"]
                note = said.format(change=abs(point.change), unit=unit)
                lines_out.append([("      ", ""), (note, "yellow")])
        lines_out.append([])
    out = screen([t for line in lines_out for t, _ in line])
    # One print: rich costs ~0.2 ms a call (its size and environment lookups), 12,000 lines here.
    out.print(*[run for n, line in enumerate(lines_out) for run in [("\n", "")][:n] + line])
    out.flush()
