"""`hiki family`: the family member's own programme (CRAFT lessons) and their own check-in.

Meant to be used in the family member's profile: `hiki --profile mum family`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

family_app = typer.Typer(
    help="For family members: a programme of short lessons, and your own check-in.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(family_app, name="family")

LESSON_FLAGS = "--answer KEY=TEXT ... (one per question), --done, or --show"
CHECKIN_FLAGS = "--stress N [--positive TEXT] [--selfcare TEXT]"


def _content(actx: AppContext) -> dict[str, Any]:
    content: dict[str, Any] = actx.catalog["family"]
    return content


def _progress(actx: AppContext) -> list[Any]:
    from hikicli.domain.family import lesson_progress

    ids = [m["id"] for m in _content(actx)["modules"]]
    return lesson_progress(ids, actx.log.read().events)


@family_app.callback()
def family(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the lessons as JSON.")] = False,
) -> None:
    """The lessons, with your progress. Open one with: hiki family lesson N."""
    if ctx.invoked_subcommand is not None:
        return
    from hikicli.domain.family import next_module

    actx: AppContext = ctx.obj
    content = _content(actx)
    progress = _progress(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            [
                {**p.to_json(), "title": m["title"], "summary": m["summary"]}
                for p, m in zip(progress, content["modules"], strict=True)
            ]
        )
        return
    from rich.table import Table

    from hikicli.cli.render import console, markup_escape

    texts = content["texts"]
    out = console()
    out.print(markup_escape(texts["intro"].strip()))
    out.print()
    labels = {
        "new": texts["status_new"],
        "read": texts["status_read"],
        "exercise": texts["status_done"],
    }
    table = Table(title=texts["list_title"], title_justify="left", box=None, pad_edge=False)
    table.add_column("", justify="right")
    table.add_column("")
    table.add_column("")
    for p, module in zip(progress, content["modules"], strict=True):
        table.add_row(
            str(p.number),
            f"[bold]{markup_escape(module['title'])}[/]\n{markup_escape(module['summary'])}",
            markup_escape(labels[p.status]),
        )
    out.print(table)
    out.print()
    upcoming = next_module(progress)
    hint = texts["next_hint"].format(number=upcoming.number) if upcoming else texts["all_done"]
    out.print(markup_escape(hint))
    out.print(f"[dim]{markup_escape(texts['safety'])}[/]")


@family_app.command("lesson")
def lesson(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(help="The lesson number, 1 to 9.")],
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", help="An exercise answer as KEY=TEXT; repeat for each."),
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="Mark the exercise done (e.g. done on paper).")
    ] = False,
    show: Annotated[
        bool, typer.Option("--show", help="Only show the lesson; save nothing.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the lesson (or what was saved) as JSON.")
    ] = False,
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
        raise UsageError("Use only one of --answer, --done and --show.")
    if answer or done:
        record = lesson_record(module["id"], n, parse_answers(answer or [], keys) if answer else {})
        _save_lesson(actx, record, module, as_json)
        return
    if show or as_json:
        _show_lesson(actx, module, n, as_json)
        return
    from hikicli.flows.family import run_lesson

    prompter = actx.get_prompter(LESSON_FLAGS)
    _show_lesson(actx, module, n, as_json=False)
    answers = run_lesson(prompter, module, content["texts"])
    record = lesson_record(module["id"], n, answers or None)
    actx.log.append(LESSON_KIND, record, now=actx.now())
    from hikicli.cli.render import console, markup_escape

    texts = content["texts"]
    if answers:
        message = module["exercise"]["saved"]
    else:
        message = texts["read_saved"] if answers is None else texts["empty_answers"]
    console().print(markup_escape(message))


def _save_lesson(
    actx: AppContext, record: dict[str, Any], module: dict[str, Any], as_json: bool
) -> None:
    from hikicli.cli.render import console, markup_escape, print_json
    from hikicli.domain.family import LESSON_KIND

    event = actx.log.append(LESSON_KIND, record, now=actx.now())
    if as_json:
        print_json({"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **record})
        return
    console().print(markup_escape(module["exercise"]["saved"]))
    profile_hint(actx)


def _show_lesson(actx: AppContext, module: dict[str, Any], n: int, as_json: bool) -> None:
    from hikicli.cli.render import console, print_json

    progress = _progress(actx)[n - 1]
    exercise = module["exercise"]
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
            }
        )
        return
    from rich.markdown import Markdown

    questions = "\n".join(
        f"- `{f['key']}`: {f['prompt']}" + (f" ({f['help']})" if f.get("help") else "")
        for f in exercise["fields"]
    )
    console().print(
        Markdown(
            f"# {n}. {module['title']}\n\n{module['reading'].strip()}\n\n---\n\n"
            f"## {exercise['title']}\n\n{exercise['intro']}\n\n{questions}\n"
        )
    )


@family_app.command("checkin")
def checkin(
    ctx: typer.Context,
    stress: Annotated[int | None, typer.Option(help="Your stress today, 0–10.")] = None,
    positive: Annotated[
        str | None, typer.Option(help="One positive moment with your family member.")
    ] = None,
    selfcare: Annotated[
        str | None, typer.Option(help="One thing you did for yourself today.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Record a past day, YYYY-MM-DD (default: today).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the saved record as JSON.")
    ] = False,
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
            raise UsageError(
                f"Missing --stress. A family check-in with flags needs: {CHECKIN_FLAGS}"
            )
        record = make_family_checkin(
            date=day, today=today, stress=stress, positive=positive or "", selfcare=selfcare or ""
        )
    else:
        from hikicli.flows.family import run_family_checkin

        check_date(day, today)
        prompter = actx.get_prompter(CHECKIN_FLAGS)
        record = run_family_checkin(prompter, texts, day, today)
    event = actx.log.append(CHECKIN_KIND, record.to_data(), now=actx.now())
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}
        )
        return
    from hikicli.cli.render import console, markup_escape

    out = console()
    out.print(markup_escape(texts["saved"]))
    out.print(markup_escape(texts[checkin_reply_key(record)]))
    profile_hint(actx)


def profile_hint(actx: AppContext) -> None:
    """Saved in the default profile, the person's own: a family member may not have meant that."""
    from hikicli.storage.paths import DEFAULT_PROFILE

    if actx.paths.profile == DEFAULT_PROFILE:
        from hikicli.cli.render import console, markup_escape

        console().print(markup_escape(_content(actx)["texts"]["profile_hint"]))
