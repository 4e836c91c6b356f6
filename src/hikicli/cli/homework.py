"""`hiki homework`: a counselor's homework pack, what is due and done, answers to its questions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import HomeworkPack, HomeworkTexts

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
    actx: AppContext = ctx.obj
    views = _views(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {"today": actx.today().isoformat(), "packs": [v.to_json() for v in views]},
            kind="homework.status",
        )
        return
    render_packs(actx, views)


def _views(actx: AppContext) -> list[Any]:
    from hikicli.domain.homework import homework_view, pack_window_start
    from hikicli.services.reads import load_since_widened

    # Every pack's days, from the first one's start (services/reads.py): not the whole log.
    today = actx.today()
    read = load_since_widened(
        actx.log, actx.paths.profile_cache_dir, "homework", today.isoformat(), pack_window_start
    )
    return homework_view(read.events, today)


def _texts(actx: AppContext) -> HomeworkTexts:
    return actx.catalog["homework"]["texts"]


def task_line(actx: AppContext, task: Any) -> str:
    """One task in words: its kind, its own text, and progress where it is counted."""
    texts = _texts(actx)
    kind = texts["task_kinds"][task.kind]
    if task.kind == "checkins":
        what = texts["checkin_plan"].format(days=task.label)
    elif task.kind == "reading":
        guide = actx.catalog["guides"].get(task.label)
        title = guide["title"] if guide else task.label
        from hikicli.domain.family import hiki_command

        audience = task.detail.get("audience") or "self"
        command = f"{hiki_command(actx.paths.profile)} guide {task.label}"
        if audience != "self":  # the version the counselor chose, not the person's own
            command += f" --audience {audience}"
        what = texts["task_line"].format(
            kind=kind, what=texts["with_command"].format(text=title, command=command)
        )
    elif task.kind == "questionnaire":
        from hikicli.domain.homework import find_instrument

        instruments = actx.catalog.get("instruments", {})
        found = find_instrument(task.label, instruments)
        name = (
            texts["with_command"].format(
                text=instruments[found]["name"], command=f"hiki assess {found}"
            )
            if found
            else task.label
        )
        what = texts["task_line"].format(kind=kind, what=name)
    elif task.kind == "lesson":
        from hikicli.domain.family import hiki_command

        modules = actx.catalog["family"]["modules"]
        n = int(task.label)
        title = modules[n - 1]["title"] if n <= len(modules) else task.label
        command = f"{hiki_command(actx.paths.profile)} family lesson {n}"
        what = texts["task_line"].format(
            kind=kind, what=texts["with_command"].format(text=title, command=command)
        )
    elif task.kind == "family_reading":
        from hikicli.domain.family import hiki_command

        reading = actx.catalog["family-readings"].get(task.label)
        title = reading["title"] if reading else task.label
        command = f"{hiki_command(actx.paths.profile)} family read {task.label}"
        what = texts["task_line"].format(
            kind=kind, what=texts["with_command"].format(text=title, command=command)
        )
    else:
        what = texts["task_line"].format(kind=kind, what=task.label)
    if task.progress and not task.done:
        fmt = texts["checkin_progress"] if task.kind == "checkins" else texts["weekly_progress"]
        what = texts["with_progress"].format(what=what, progress=fmt.format(**task.progress))
    if task.answer:
        what += "\n" + texts["quoted"].format(answer=task.answer)
    return str(what)


def render_packs(actx: AppContext, views: list[Any]) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    texts = _texts(actx)
    if not views:
        out.print(markup_escape(texts["none_yet"]))
        return
    from rich.table import Table

    open_reflection = False
    for view in views:
        render_pack_heading(actx, view.pack)
        out.print(f"[dim]{markup_escape(when_line(texts, view.days_left))}[/]")
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(justify="right", no_wrap=True)  # a number
        table.add_column(overflow="fold")  # words that can be Japanese fold, never cut
        table.add_column(overflow="fold")
        for task in view.tasks:
            mark = texts["status_done"] if task.done else texts["status_open"]
            style = "green" if task.done else "bold"
            table.add_row(
                f"[{style}]{markup_escape(mark)}[/]",
                markup_escape(task.id),
                markup_escape(task_line(actx, task)),
            )
            open_reflection |= task.kind == "reflection" and not task.done
        out.print(table)
        if view.tasks and view.done == len(view.tasks):
            out.print(markup_escape(texts["all_done"]))
        out.print()
    if open_reflection:
        out.print(f"[dim]{markup_escape(texts['answer_hint'])}[/]")
    out.print(f"[dim]{markup_escape(texts['done_hint'])}[/]")


def when_line(texts: HomeworkTexts, days_left: int) -> str:
    if days_left > 0:
        return str(texts["days_left"].format(days=days_left))
    if days_left == 0:
        return str(texts["due_today"])
    return str(texts["ended"])


def render_pack_heading(actx: AppContext, pack: Mapping[str, Any]) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    texts = _texts(actx)
    title = texts["pack_heading"].format(title=pack["title"])
    if pack.get("counselor"):
        title = texts["by_counselor"].format(title=title, counselor=pack["counselor"])
    window = texts["window"].format(start=pack["start"], due=pack["due"])
    out.print(f"[bold]{markup_escape(title)}[/]  [dim]{markup_escape(window)}[/]")
    if pack.get("message"):
        out.print(markup_escape(pack["message"]))


def render_summary(actx: AppContext, pack: HomeworkPack) -> None:
    from hikicli.cli.render import console, markup_escape
    from hikicli.domain.homework import TaskStatus, tasks_of

    out = console()
    render_pack_heading(actx, pack)
    out.print(markup_escape(_texts(actx)["summary_intro"]))
    from rich.table import Table

    table = Table(box=None, show_header=False)
    table.add_column(no_wrap=True)  # the task's id (ASCII)
    table.add_column(overflow="fold")
    for task in tasks_of(pack):
        status = TaskStatus(task.id, task.kind, task.label, done=False)
        table.add_row(markup_escape(task.id), markup_escape(task_line(actx, status)))
    out.print(table)


@homework_app.command("check")
def check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument()],
) -> None:
    """Check a pack file and show what it holds, without adding it. Writes nothing."""
    from hikicli.cli.render import say
    from hikicli.services.homework_import import pack_notes, read_pack

    actx: AppContext = ctx.obj
    pack = read_pack(file)
    render_summary(actx, pack)
    for note in pack_notes(actx, pack):
        say(note)


@homework_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument()],
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check a homework pack, show what it holds, and add it after you agree."""
    from hikicli.cli.render import console, markup_escape
    from hikicli.services.homework_import import import_pack, pack_notes, read_pack

    actx: AppContext = ctx.obj
    pack = read_pack(file)
    texts = _texts(actx)
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


def _find(actx: AppContext, task_id: str, pack_id: str | None) -> tuple[Any, Any]:
    from hikicli.domain.homework import find_task
    from hikicli.errors import UsageError

    views = _views(actx)
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
        raise UsageError("homework.not_a_question", task=task_id)
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

    print_saved(entry_json(event), "homework.answered", _texts(actx)["answer_saved"], as_json)


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
        raise UsageError("homework.answer_instead", task=task_id)
    event = actx.log.append(DONE_KIND, {"pack": view.id, "task": task.id}, now=actx.now())
    from hikicli.cli.render import entry_json, print_saved

    print_saved(entry_json(event), "homework.done", _texts(actx)["marked_done"], as_json)


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
