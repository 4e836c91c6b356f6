"""`hiki homework`: a counselor's homework pack, what is due and done, answers to its questions.
What the packs look like is in cli/homework_view.py (also reached by entry.py's fast path)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.cli.homework_view import (
    homework_status,
    homework_texts,
    pack_views,
    render_summary,
)

homework_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(homework_app, name="homework")

MAX_ANSWER = 4000


@homework_app.callback()
def homework(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show each homework pack: what is due, and what is done. Tasks tick themselves off."""
    if ctx.invoked_subcommand is not None:
        return
    homework_status(ctx.obj, as_json)


@homework_app.command("check")
def check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument()],
) -> None:
    """Check a pack file and show what it holds, without adding it. Writes nothing."""
    from hikicli.cli.render import say
    from hikicli.services.homework_import import check_audience, pack_notes, read_pack

    actx: AppContext = ctx.obj
    pack = read_pack(file)
    render_summary(actx, pack)
    for note in pack_notes(actx, pack):
        say(note)
    # What `import` would say of it in this profile, by the same check, in its words, last. The
    # exit stays 0: the file is right, and where it goes is for whoever imports it (a counselor
    # checks a family member's pack on their own computer, in their own profile).
    from hikicli.errors import UsageError

    try:
        check_audience(actx, pack, file)
    except UsageError as refused:
        from hikicli.content.messages import text

        lang = actx.language()
        say(text(lang, "homework.check_refused_here", said=refused.message(lang)))


@homework_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument()],
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check a homework pack, show what it holds, and add it after you agree."""
    from hikicli.cli.render import console, markup_escape
    from hikicli.services.homework_import import check_audience, import_pack, pack_notes, read_pack

    actx: AppContext = ctx.obj
    pack = read_pack(file)
    in_family = check_audience(actx, pack, file)  # a line to say after adding, or None
    texts = homework_texts(actx)
    prompter = None if yes else actx.get_prompter("--yes")
    out = console()
    if not as_json:
        render_summary(actx, pack)
        for note in pack_notes(actx, pack):
            out.print(markup_escape(note))
    if prompter is not None and not prompter.confirm("import", texts["confirm_import"], True):
        out.print(markup_escape(texts["not_imported"]))
        return
    imported = import_pack(actx, pack, file.name)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {
                "id": imported.event["id"],
                "recorded": imported.event["ts"],
                "replaced": imported.replaced,
                "ladder_added": [e["data"]["step"] for e in imported.ladder_added],
                **pack,
            },
            kind="homework.imported",
        )
        return
    if imported.replaced:
        out.print(markup_escape(texts["replaced"]))
    out.print(markup_escape(texts["imported"]))
    for e in imported.ladder_added:
        out.print(
            markup_escape(
                texts["ladder_added"].format(step=e["data"]["text"], suds=e["data"]["suds"])
            )
        )
    for step in imported.unrated:
        out.print(markup_escape(texts["ladder_rate_first"].format(step=step)))
    if in_family:
        out.print(markup_escape(in_family))


def _hiki(actx: AppContext) -> str:
    from hikicli.domain.family import hiki_command

    return hiki_command(actx.paths.profile)


def _find(actx: AppContext, task_id: str, pack_id: str | None) -> tuple[Any, Any]:
    from hikicli.domain.homework import find_task
    from hikicli.errors import UsageError

    views = pack_views(actx)
    found = find_task(views, task_id, pack_id)
    if found is None:
        known = sorted({t.id for v in views for t in v.tasks if pack_id in (None, v.id)})
        key = "homework.no_task" + ("_in_pack" if pack_id else "") + ("" if known else "_none")
        raise UsageError(key, task=task_id, pack=pack_id, known=", ".join(known))
    return found


@homework_app.command("answer")
def answer(
    ctx: typer.Context,
    task_id: Annotated[str, typer.Argument()],
    text: Annotated[str | None, typer.Option()] = None,
    pack: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Answer one of your pack's questions. A new answer replaces the earlier one."""
    from hikicli.domain.checkin import check_note
    from hikicli.domain.homework import ANSWER_KIND
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    view, task = _find(actx, task_id, pack)
    if task.kind != "reflection":
        raise UsageError("homework.not_a_question", task=task_id, hiki=_hiki(actx))
    if text is None:
        prompter = actx.get_prompter("--text TEXT")
        text = prompter.text("answer", task.label, default=task.answer or "", max_len=MAX_ANSWER)
    clean = check_note(text, "--text")
    if not clean:
        raise UsageError("homework.answer_empty")
    event = actx.log.append(
        ANSWER_KIND, {"pack": view.id, "task": task.id, "text": clean}, now=actx.now()
    )
    from hikicli.cli.render import entry_json, print_saved

    said = homework_texts(actx)["answer_saved"]
    print_saved(entry_json(event), "homework.answered", said, as_json)


@homework_app.command("done")
def done(
    ctx: typer.Context,
    task_id: Annotated[str, typer.Argument()],
    pack: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Mark a task done that you did away from hiki (on paper, in a session, ...)."""
    from hikicli.domain.homework import DONE_KIND
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    view, task = _find(actx, task_id, pack)
    if task.kind == "reflection":
        raise UsageError("homework.answer_instead", task=task_id, hiki=_hiki(actx))
    event = actx.log.append(DONE_KIND, {"pack": view.id, "task": task.id}, now=actx.now())
    from hikicli.cli.render import entry_json, print_saved

    print_saved(entry_json(event), "homework.done", homework_texts(actx)["marked_done"], as_json)


@homework_app.command("example")
def example(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()] = "first-two-weeks",
    list_: Annotated[bool, typer.Option("--list", "-l")] = False,
) -> None:
    """Print an example pack, with a comment on every field and dates starting today."""
    from hikicli.content.catalog import lang_dir
    from hikicli.domain.homework import shift_dates
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    packs = actx.catalog["packs"]
    if list_:
        for pack_id in sorted(packs):
            typer.echo(f"{pack_id}\t{packs[pack_id]['title']}")
        return
    if name not in packs:
        raise UsageError("homework.unknown_example", name=name, known=", ".join(sorted(packs)))
    text = (lang_dir(actx.language()) / "packs" / f"{name}.yaml").read_text(encoding="utf-8")
    typer.echo(shift_dates(text, actx.today()), nl=False)


@homework_app.command("guide")
def guide(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """For counselors: how to write a homework pack."""
    actx: AppContext = ctx.obj
    text = actx.catalog["homework"]["guide"]
    if as_json:
        from hikicli.cli.render import print_json

        print_json(text, kind="homework.guide")
        return
    from hikicli.cli.render import console, markdown

    console().print(markdown(f"# {text['title']}\n\n{text['body'].strip()}\n"))
