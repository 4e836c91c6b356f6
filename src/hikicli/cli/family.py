"""`hiki family`: the family member's own programme (CRAFT lessons) and their own check-in.

It runs in the family member's own profile (`hiki family start mum`, or any
`hiki --profile mum family ...`, marks that profile as a family member's). Nothing is ever saved in
the main profile, the person's own: their history must never hold a parent's stress or notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.cli.family_view import family_content as _content
from hikicli.cli.family_view import family_overview
from hikicli.cli.family_view import family_say as _say
from hikicli.cli.family_view import is_main as _is_main
from hikicli.cli.family_view import lessons_progress as _progress

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hikicli.domain.content_types import FamilyModule, FamilyReading

family_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(family_app, name="family")

LESSON_FLAGS = "--answer KEY=TEXT ... | --done | --show"
CHECKIN_FLAGS = "--stress N [--positive TEXT] [--selfcare TEXT]"


def _refuse_main(actx: AppContext) -> None:
    """Before any question or save: never in the main profile (the person's own) unless it was
    marked as a family member's. Writes nothing."""
    from hikicli.services.family_profile import is_marked

    if _is_main(actx) and not is_marked(actx):
        from hikicli.errors import UsageError

        raise UsageError(_content(actx)["texts"]["main_profile_refused"])


def _append(actx: AppContext, kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Save a family entry; a named profile becomes a family member's with its first entry."""
    if not _is_main(actx):
        from hikicli.services.family_profile import mark_family

        mark_family(actx)
    event: dict[str, Any] = actx.log.append(kind, data, now=actx.now())
    return event


@family_app.callback()
def family(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The lessons, with your progress. Open one with: hiki family lesson N."""
    if ctx.invoked_subcommand is not None:
        return
    family_overview(ctx.obj, as_json)


@family_app.command("start")
def start(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(),
    ] = None,
) -> None:
    """Make a profile of your own, as a family member: its own overview, check-ins and guides."""
    from dataclasses import replace

    from hikicli.cli.context import check_profile
    from hikicli.cli.render import console, markup_escape
    from hikicli.errors import UsageError
    from hikicli.services.family_profile import mark_family
    from hikicli.storage.paths import DEFAULT_PROFILE

    actx: AppContext = ctx.obj
    texts = _content(actx)["texts"]
    profile = check_profile(name) if name is not None else actx.paths.profile
    if profile == DEFAULT_PROFILE:
        raise UsageError(texts["start_main_refused"])
    if profile != actx.paths.profile:
        actx = replace(actx, paths=replace(actx.paths, profile=profile), _settings=None)
        ctx.obj = actx
    new = mark_family(actx)
    said = texts["started"] if new else texts["already_started"]
    console().print(markup_escape(_say(actx, said, profile=profile)))


@family_app.command("lesson")
def lesson(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument()],
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a"),
    ] = None,
    done: Annotated[bool, typer.Option("--done")] = False,
    show: Annotated[bool, typer.Option("--show")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A short reading and one small exercise. Your answers stay in your profile."""
    from hikicli.domain.family import LESSON_KIND, lesson_record, module_number, parse_answers
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    content = _content(actx)
    modules = content["modules"]
    n = module_number(number, len(modules))
    module = modules[n - 1]
    keys = [f["key"] for f in module["exercise"]["fields"]]
    if sum((bool(answer), done, show)) > 1:
        raise UsageError("family.one_of")
    if answer or done:
        record = lesson_record(module["id"], n, parse_answers(answer or [], keys) if answer else {})
        _refuse_main(actx)
        _save_lesson(actx, record, module, as_json)
        return
    if show or as_json:
        _show_lesson(actx, module, n, as_json)
        return
    from hikicli.flows.family import run_lesson

    _refuse_main(actx)
    prompter = actx.get_prompter(LESSON_FLAGS)
    _show_lesson(actx, module, n, as_json=False)
    exercise = module["exercise"]
    note = exercise.get("privacy")
    if note:
        privacy = _say(actx, note)
        exercise = {**exercise, "intro": f"{exercise['intro']}\n\n{privacy}"}
    answers = run_lesson(prompter, {**module, "exercise": exercise}, content["texts"])
    record = lesson_record(module["id"], n, answers or None)
    _append(actx, LESSON_KIND, record)
    from hikicli.cli.render import console, markup_escape

    texts = content["texts"]
    if answers:
        _print_saved(actx, module)
        return
    message = texts["read_saved"] if answers is None else texts["empty_answers"]
    console().print(markup_escape(message))


def _print_saved(actx: AppContext, module: FamilyModule) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    out.print(markup_escape(_say(actx, module["exercise"]["saved"])))
    privacy = module["exercise"].get("privacy")
    if privacy:
        out.print(markup_escape(_say(actx, privacy)))


def _save_lesson(
    actx: AppContext, record: Mapping[str, Any], module: FamilyModule, as_json: bool
) -> None:
    from hikicli.cli.render import entry_json, print_json
    from hikicli.domain.family import LESSON_KIND

    event = _append(actx, LESSON_KIND, record)
    if as_json:
        print_json(entry_json(event), kind="family.exercise_saved")
        return
    _print_saved(actx, module)


def _show_lesson(actx: AppContext, module: FamilyModule, n: int, as_json: bool) -> None:
    from hikicli.cli.render import console, markup_escape, print_json

    everyone = _progress(actx)
    progress = everyone[n - 1]
    exercise = module["exercise"]
    recalled = _recalled(module, everyone)
    if as_json:
        print_json(
            {
                "number": n,
                "id": module["id"],
                "title": module["title"],
                "summary": module["summary"],
                "reading": module["reading"],
                "exercise": exercise,
                "progress": progress.to_json(),
                "recalled": recalled,
            },
            kind="family.lesson",
        )
        return
    from hikicli.cli.render import markdown
    from hikicli.domain.words import with_help

    frame = actx.catalog["family"]["texts"]["with_help"]
    questions = "\n".join(
        f"- `{f['key']}`: " + with_help(f, frame) for f in exercise["fields"]
    )
    note = exercise.get("privacy")
    privacy = f"\n\n*{_say(actx, note)}*" if note else ""
    recall = ""
    back = module.get("recall")
    if recalled is not None and back:  # the family member's own words, as words (no Markdown)
        from hikicli.domain.safety_plan import md_escape

        recall = "\n\n" + back["text"].format(answer=md_escape(recalled["answer"]))
    text = (
        f"# {n}. {module['title']}\n\n{_say(actx, module['reading']).strip()}{recall}\n\n---\n\n"
        f"## {exercise['title']}\n\n{exercise['intro']}{privacy}\n\n{questions}\n"
    )
    out = console()
    # Like a guide: a lesson longer than the screen opens in a pager, from its first line (so a
    # safety line at the top is read, not scrolled away).
    if out.is_terminal and text.count("\n") + 12 > out.size.height:
        from hikicli.cli.render import paged

        with paged(out):
            out.print(markdown(text))
        hint = _content(actx)["texts"]["pager_hint"]
        out.print(f"[dim]{markup_escape(_say(actx, hint, number=n))}[/]")
    else:
        out.print(markdown(text))


def _recalled(module: FamilyModule, progress: list[Any]) -> dict[str, str] | None:
    """The earlier answer this lesson comes back to (lesson 9: lesson 1's small goal), if the
    family member wrote one."""
    recall = module.get("recall")
    if not recall:
        return None
    earlier = next((p for p in progress if p.id == recall["module"]), None)
    answer = earlier.answers.get(recall["key"]) if earlier is not None else None
    if not answer:
        return None
    return {"module": recall["module"], "key": recall["key"], "answer": answer}


@family_app.command("read")
def read(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Argument()] = None,
    list_: Annotated[bool, typer.Option("--list", "-l")] = False,
    pager: Annotated[bool, typer.Option()] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Short readings for families on one topic each. Opening one notes it in this profile."""
    from hikicli.domain.family import reading_order
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    readings = actx.catalog["family-readings"]
    order = reading_order(readings)
    if list_ or topic is None:
        _list_readings(actx, readings, order, as_json)
        return
    if topic not in readings:
        raise UsageError("family.reading_unknown", topic=topic, topics=", ".join(order))
    item = readings[topic]
    _record_reading(actx, item)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {
                "id": item["id"],
                "title": item["title"],
                "summary": item["summary"],
                "body": _say(actx, item["body"]),
                "next_step": _say(actx, item["next_step"]),
            },
            kind="family.reading",
        )
        return
    _show_reading(actx, item, pager)


def _record_reading(actx: AppContext, item: FamilyReading) -> None:
    """Note that a reading was opened (`family.reading`), so a counselor's pack that asks for it
    ticks itself off, as a guide's reading does."""
    from hikicli.domain.family import READING_KIND
    from hikicli.errors import StorageError

    data = {"reading": item["id"], "title": item["title"]}
    try:
        actx.log.append(READING_KIND, data, now=actx.now())
    except StorageError:
        pass  # reading must never fail because the log cannot be written


def _list_readings(
    actx: AppContext, readings: dict[str, FamilyReading], order: list[str], as_json: bool
) -> None:
    if as_json:
        from hikicli.cli.render import print_json_list

        print_json_list(
            (
                {"id": i, "title": readings[i]["title"], "summary": readings[i]["summary"]}
                for i in order
            ),
            kind="family.readings",
        )
        return
    from hikicli.cli.family_readings import print_readings
    from hikicli.cli.render import console, markup_escape

    print_readings(actx)
    console().print(f"[dim]{markup_escape(_say(actx, _content(actx)['texts']['safety']))}[/]")


def _show_reading(actx: AppContext, item: FamilyReading, pager: bool) -> None:
    from hikicli.cli.render import console, markdown, markup_escape

    texts = _content(actx)["texts"]
    text = (
        f"# {item['title']}\n\n{_say(actx, item['body']).strip()}\n\n"
        f"## {texts['reading_next_title']}\n\n{_say(actx, item['next_step']).strip()}\n"
    )
    out = console()
    # Like a lesson: longer than the screen, it opens in a pager from its first line.
    if pager and out.is_terminal and _rows(text, out.size.width) + 4 > out.size.height:
        from hikicli.cli.render import paged

        with paged(out):
            out.print(markdown(text))
        hint = _say(actx, texts["reading_pager_hint"], id=item["id"])
        out.print(f"[dim]{markup_escape(hint)}[/]")
    else:
        out.print(markdown(text))


def _rows(text: str, width: int) -> int:
    """About how many screen rows the text takes, counting cells (Japanese is two a character)."""
    from rich.cells import cell_len

    return sum(max(1, -(-cell_len(line) // max(width, 1))) for line in text.splitlines())


@family_app.command("checkin")
def checkin(
    ctx: typer.Context,
    stress: Annotated[int | None, typer.Option()] = None,
    positive: Annotated[str | None, typer.Option()] = None,
    selfcare: Annotated[str | None, typer.Option()] = None,
    date: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Your own short check-in: your stress, one positive moment, one thing for yourself."""
    from hikicli.domain.checkin import check_date, parse_date
    from hikicli.domain.family import CHECKIN_KIND, checkin_reply_key, make_family_checkin
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    today = actx.today()
    day = parse_date(date) if date is not None else today
    texts = _content(actx)["checkin"]
    if stress is not None or positive is not None or selfcare is not None:
        if stress is None:
            raise UsageError("family.missing_stress", flags=CHECKIN_FLAGS)
        record = make_family_checkin(
            date=day, today=today, stress=stress, positive=positive or "", selfcare=selfcare or ""
        )
        _refuse_main(actx)
        _stress_signal(actx, record.stress, record.date, None, as_json)
    else:
        from hikicli.flows.family import run_family_checkin

        check_date(day, today)
        _refuse_main(actx)
        prompter = actx.get_prompter(CHECKIN_FLAGS)
        record = run_family_checkin(
            prompter,
            texts,
            day,
            today,
            on_stress=lambda n: _stress_signal(actx, n, day, prompter, False),
        )
    event = _append(actx, CHECKIN_KIND, record.to_data())
    if as_json:
        from hikicli.cli.render import entry_json, print_json

        out = entry_json(event)
        if actx.risk.active:
            out["crisis"] = actx.risk.block()
        print_json(out, kind="family.checkin_saved")
        return
    from hikicli.cli.render import console, markup_escape

    out_ = console()
    out_.print(markup_escape(texts["saved"]))
    if not actx.risk.active:  # after a heavy day the risk block said enough
        out_.print(markup_escape(texts[checkin_reply_key(record)]))


def _stress_signal(actx: AppContext, stress: int, day: Any, prompter: Any, as_json: bool) -> None:
    """A very heavy day goes through the one risk mechanism (domain.risk): the calm words, the
    short crisis block, and a `risk.signal` saved at once."""
    from hikicli.domain.risk import from_family_stress

    signal = from_family_stress(stress, day)
    if signal is not None:
        from hikicli.cli.risk_view import show_signal

        show_signal(actx, signal, prompter=prompter, stderr=as_json)
