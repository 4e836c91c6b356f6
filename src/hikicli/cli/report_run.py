"""What `hiki report` does, without typer: the typer command (cli/report.py) and entry.py's
fast path of `hiki report` both call `report_command`, so the file a counselor gets and what the
screen shows are the same by either path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext
from hikicli.cli.plain import echo

if TYPE_CHECKING:
    from hikicli.domain.content_types import Instrument
    from hikicli.domain.family_report import FamilyReport

FORMATS = ("md", "html", "json")


def report_command(
    actx: AppContext,
    since: str | None = None,
    fmt: str = "md",
    output: Path | None = None,
    include: str | None = None,
    include_notes: bool = False,
    force: bool = False,
) -> None:
    """A report to bring to a session (cli/report.py's options)."""
    import datetime as dt

    from hikicli.domain.checkin import parse_date
    from hikicli.domain.report import (
        DEFAULT_DAYS,
        INCLUDE_KINDS,
        active_pack,
        build_report,
        parse_include,
    )
    from hikicli.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError("report.format", value=fmt)
    try:
        chosen = parse_include(include, all_notes=include_notes)
    except ValueError as bad:
        raise UsageError(
            "report.unknown_include", kind=str(bad), known=", ".join(INCLUDE_KINDS)
        ) from None
    today = actx.today()
    start = parse_date(since, "--since") if since else today - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > today:
        raise UsageError("report.since_future", since=start.isoformat(), today=today)
    from hikicli.storage.files import output_target

    target = output_target(output, force)
    from hikicli.domain.homework import report_window_start
    from hikicli.services.reads import load_since_widened

    # Every pack still running on `start` is among the days read (report_window_start): the
    # one running today, whose dates become the period, too.
    # Safety looks back at least DEFAULT_DAYS whatever the period (domain.report): read that far.
    first = min(start, today - dt.timedelta(days=DEFAULT_DAYS - 1))
    read = load_since_widened(
        actx.log, actx.paths.profile_cache_dir, "report", first.isoformat(), report_window_start
    )
    period: dict[str, object] = {"source": "since" if since else "default"}
    pack = None if since else active_pack(read.events, today)
    if pack is not None:  # a pack running today: its dates are the period (up to today)
        start = dt.date.fromisoformat(pack["start"])
        period = {"source": "pack", "pack": pack}
    catalog = actx.catalog
    from hikicli.domain.family import MAIN_PROFILE
    from hikicli.services.family_profile import is_family_profile

    profile = actx.paths.profile
    family: FamilyReport | None = None
    if profile != MAIN_PROFILE and is_family_profile(actx):
        # a family member's own track (their profile holds no log of the person's)
        from hikicli.domain.family_report import OWN_WORDS, build_family_report

        named = [k for k in parse_include(include) if k not in OWN_WORDS]
        if named:  # asked for by name (the ladder's `learned`): say it does not apply here
            raise UsageError("report.include_not_family", kind=named[0], known=", ".join(OWN_WORDS))

        modules = [m["id"] for m in catalog["family"]["modules"]]
        family = build_family_report(
            read.events, start, today, actx.now(), modules, include=chosen, period=period
        )
        data: dict[str, Any] = dict(family)  # its JSON: the same rows, with their words
    else:
        data = build_report(
            read.events,
            start,
            today,
            actx.now(),
            instruments=instrument_definitions(actx),
            include=chosen,
            period=period,
        )
    if fmt == "json":
        import json

        from hikicli.cli.progress_view import pattern_sentence, safety_words

        if data.get("pattern") is not None:
            data["pattern"]["text"] = pattern_sentence(
                data["pattern"], catalog["progress"]["patterns"]
            )
        for row in data["safety"]:
            what, said, rule = safety_words(row, catalog["progress"]["safety"], "notes" in chosen)
            words = catalog["progress"]["safety"]
            said = words["with_rule"].format(said=said, rule=rule) if rule else said
            row["text"] = what + words["sep"] + said
        if data["safety"]:
            # A program reading only stdout can show the person help, not just a flag.
            data["crisis"] = actx.risk.block()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif family is not None:
        from hikicli.cli.report_family import family_html, family_markdown

        if fmt == "html":
            text = family_html(family, catalog, profile, lang=actx.language())
        else:
            text = family_markdown(family, catalog, profile)
    elif fmt == "html":
        from hikicli.cli.report_render import render_html

        text = render_html(data, catalog, lang=actx.language())
    else:
        from hikicli.cli.report_render import render_markdown

        text = render_markdown(data, catalog)
    from hikicli.cli.render import note_text

    lang = actx.language()
    for problem in read.problems:
        echo(note_text(lang, problem.describe(actx.log.path, lang)), err=True)
    if target is None:
        echo(text, nl=False)
        return
    from hikicli.storage.files import atomic_write

    atomic_write(target, text.encode("utf-8"))
    from hikicli.content.messages import text as message

    echo(message(actx.language(), "report.written", path=target), err=True)


def instrument_definitions(actx: AppContext) -> dict[str, Instrument]:
    """Shipped and counselor instruments by id, for the risk item thresholds of older results."""
    from hikicli.services.instrument_lookup import all_instruments

    return all_instruments(actx).definitions()
