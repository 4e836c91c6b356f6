"""`hiki assess`: validated questionnaires (PHQ-9, GAD-7, WHO-5, …), their results and history.

`hiki assess list`, `hiki assess ID [--answers …]`, `hiki assess --file FILE`,
`hiki assess history [ID]`. A risk answer shows crisis resources and the safety plan before
anything else, interactive or not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import AssessRiskTexts, Instrument


@app.command()
def assess(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(),
    ] = None,
    instrument_id: Annotated[str | None, typer.Argument()] = None,
    answers: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f"),
    ] = None,
    date: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    everything: Annotated[bool, typer.Option("--all")] = False,
) -> None:
    """Short questionnaires about mood, worry, well-being and loneliness. Not a diagnosis."""
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    if everything and target != "history":
        raise UsageError("assess.all_needs_history")
    day = None
    if date is not None:
        from hikicli.domain.checkin import check_date, parse_date

        day = check_date(parse_date(date), actx.today())  # a past day, never the future
    if file is not None:
        if target is not None:
            raise UsageError("assess.id_or_file")
        from hikicli.content.instrument_files import load_instrument_file

        administer(actx, load_instrument_file(file), file, answers, as_json, day=day)
        return
    if target in (None, "list"):
        if answers is not None:
            raise UsageError("assess.answers_need_id")
        show_list(actx, as_json)
        return
    if target == "history":
        from hikicli.cli.assess_history import show_history

        show_history(actx, instrument_id, as_json, everything=everything)
        return
    if instrument_id is not None:
        raise UsageError("assess.extra_argument", value=instrument_id)
    from hikicli.cli.render import print_notes
    from hikicli.services.instrument_lookup import all_instruments, find_instrument

    lookup = all_instruments(actx)
    print_notes(lookup.notes, actx.language())
    instrument, origin = find_instrument(lookup, target)
    administer(actx, instrument, origin, answers, as_json, day=day)


def show_list(actx: AppContext, as_json: bool) -> None:
    from hikicli.cli.render import print_notes
    from hikicli.services.instrument_lookup import all_instruments

    lookup = all_instruments(actx)
    print_notes(lookup.notes, actx.language())
    found = lookup.instruments
    rows = [
        {
            "id": iid,
            "name": data["name"],
            "title": data["title"],
            "items": len(data["items"]),
            "licence_status": data["licence_status"],
            "source": data["source"],
            "own_file": str(path) if path else None,
        }
        for iid, (data, path) in found.items()
    ]
    if as_json:
        from hikicli.cli.render import print_json

        print_json(rows, kind="assess.list")
        return
    from hikicli.cli.render import console, markup_escape

    out = console()
    text = actx.catalog["safety"]["assess"]
    out.print(f"[bold]{markup_escape(text['list_title'])}[/]")
    for row in rows:
        line = text["list_row"].format(title=row["title"], count=row["items"])
        out.print(f"  [bold]{row['id']:<8}[/] {markup_escape(line)}")
    out.print()
    out.print(markup_escape(text["list_footer"]))


def administer(
    actx: AppContext,
    instrument: Instrument,
    origin: Path | None,
    raw_answers: str | None,
    as_json: bool,
    offer_more: bool = True,
    day: dt.date | None = None,
) -> None:
    from hikicli.cli.risk_view import show_signal
    from hikicli.domain.instruments import KIND, parse_answers, score
    from hikicli.domain.risk import from_instrument_item

    day = day or actx.today()
    shown: set[int] = set()  # risk items whose response was shown (and saved) already

    def on_answer(number: int, answer: int, prompter: Any = None) -> None:
        signal = from_instrument_item(instrument, number, answer, day)
        if signal is not None and number not in shown:
            shown.add(number)
            show_signal(actx, signal, prompter=prompter, stderr=as_json)

    if raw_answers is not None:
        # A risk answer is honoured before any validation error (e.g. item 9 given as 4).
        from hikicli.domain.risk import risk_answers_as_typed

        for number, value in risk_answers_as_typed(instrument, raw_answers):
            on_answer(number, value)
        answers = parse_answers(raw_answers, instrument)  # bad input: exit 2, nothing else written
    else:
        from hikicli.flows.assess import run_assessment

        count = len(instrument["items"])
        prompter = actx.get_prompter("--answers " + ",".join(["N"] * count))
        note = english_form_note(actx, instrument, origin)
        if note:
            prompter.say(note)
        actx.log.unlock()  # an encrypted log asks first, so a risk answer can be saved at once

        def near(number: int) -> None:
            actx.risk.near_risk = True

        answers = run_assessment(prompter, instrument, lambda n, a: on_answer(n, a, prompter), near)
    result = score(instrument, answers)
    for number in result.risk_items:  # before the score, always
        on_answer(number, answers[number - 1])
    data = {**result.to_data(), "own_file": origin is not None, "date": day.isoformat()}
    event = actx.log.append(KIND, data, now=actx.now())
    view = result_view(instrument, result, event, actx.risk_content.risk["assess"])
    if as_json:
        from hikicli.cli.render import print_json

        if actx.risk.active:
            view["crisis"] = actx.risk.block()
        print_json(view, kind="assess.result")
        return
    render_result(actx, instrument, origin, view)
    if raw_answers is None:  # answered interactively, so a prompter is there for follow-ups
        from hikicli.errors import Cancelled

        try:
            _follow_ups(actx, view, offer_more)
        except Cancelled:
            # The result above is already saved; only the follow-up was left. Exiting with
            # "nothing was saved" would be untrue, so end quietly.
            return


def english_form_note(
    actx: AppContext, instrument: Instrument, origin: Path | None
) -> str | None:
    """In Japanese (or any language without this questionnaire's official wording), say why the
    questions are in English: an unofficial translation of a validated questionnaire is not
    validated (shared/reference/instruments.md)."""
    from hikicli.content.catalog import DEFAULT_LANG, lang_dir

    lang = actx.language()
    if lang == DEFAULT_LANG or origin is not None:
        return None
    own = lang_dir(lang) / "instruments" / f"{instrument['id']}.yaml"
    if lang_dir(lang).name != lang or own.exists():
        return None
    text = actx.catalog["safety"]["assess"].get("english_form")
    return str(text) if text else None


def result_view(
    instrument: Instrument,
    result: Any,
    event: dict[str, Any],
    risk_words: AssessRiskTexts | None = None,
) -> dict[str, Any]:
    """The documented JSON of one result. After a risk answer the meaning never minimises: it
    says that answer matters more than the total."""
    band = result.band
    meaning = band["meaning"] if band else instrument.get("score_note")
    if result.risk and risk_words is not None:
        items = ", ".join(
            risk_words["item_text"].format(item=n, answer=_option_label(instrument, n, result))
            for n in result.risk_items
        )
        meaning = risk_words["meaning"].format(item_text=items)
    view: dict[str, Any] = {
        "id": event["id"],
        "recorded": event["ts"],
        "instrument": result.instrument,
        "name": result.name,
        "total": result.total,
        "lowest": result.lowest,
        "highest": result.highest,
        "band": band["id"] if band else None,
        "band_label": band["label"] if band else None,
        "meaning": meaning,
        "answers": list(result.answers),
        "risk": result.risk,
        "risk_items": list(result.risk_items),
        # a risk answer matters more than the total: talking with someone is always suggested
        "suggest_professional": bool(result.risk or band and band.get("suggest_professional")),
        "offer": band.get("offer") if band else None,
    }
    if result.percent is not None:
        view["percent"] = result.percent
    if result.subscales:
        view["subscales"] = dict(result.subscales)
    return view


def _option_label(instrument: Instrument, number: int, result: Any) -> str:
    from hikicli.domain.instruments import item_options

    answer = result.answers[number - 1]
    labels = {int(o["value"]): o["label"] for o in item_options(instrument, number)}
    return f"{labels.get(answer, answer)}"


def render_result(
    actx: AppContext, instrument: Instrument, origin: Path | None, view: dict[str, Any]
) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    text = actx.catalog["safety"]["assess"]
    out.print(f"[bold]{markup_escape(text['score'].format(**view))}[/]")
    if "percent" in view:
        out.print(markup_escape(text["percent"].format(percent=view["percent"])))
    if view["band_label"]:
        out.print(markup_escape(text["band"].format(label=view["band_label"])))
    for sub in instrument["scoring"].get("subscales", []):
        line = text["subscale"].format(name=sub["name"], total=view["subscales"][sub["id"]])
        out.print("  " + markup_escape(line))
    if view["meaning"]:
        out.print(markup_escape(view["meaning"]))
    out.print()
    out.print(markup_escape(text["not_diagnosis"]))
    if view["suggest_professional"]:
        out.print(markup_escape(text["suggest_professional"]))
    offer = view["offer"]
    if offer:
        offered = actx.catalog["instruments"].get(offer, {"name": offer})
        out.print(markup_escape(text["offer_full"].format(name=offered["name"], id=offer)))
    if instrument["licence_status"] != "confirmed":
        out.print(f"[dim]{markup_escape(text['licence_unconfirmed'])}[/]")
    if origin is not None:
        out.print(f"[dim]{markup_escape(text['own_file'].format(path=origin))}[/]")
    out.print(f"[dim]{markup_escape(text['saved'])}[/]")


def _follow_ups(actx: AppContext, view: dict[str, Any], offer_more: bool) -> None:
    """Interactive only: answer the fuller questionnaire now; make a safety plan after a risk."""
    prompter = actx.get_prompter("")
    text = actx.catalog["safety"]
    offer = view["offer"]
    if offer and offer_more and offer in actx.catalog["instruments"]:
        offered = actx.catalog["instruments"][offer]
        question = text["assess"]["offer_full_question"].format(name=offered["name"])
        if prompter.confirm(f"offer.{offer}", question, default=False):
            administer(actx, offered, None, None, False, offer_more=False)
            return
    if view["risk"]:
        from hikicli.cli.safety_plan_edit import offer_plan

        offer_plan(actx)
