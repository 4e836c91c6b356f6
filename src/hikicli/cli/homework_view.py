"""What `hiki homework` shows, without typer: each pack, what is due and done. The typer commands
(cli/homework.py) and entry.py's fast path of `hiki homework` both call `homework_status`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import HomeworkPack, HomeworkTexts


def homework_status(actx: AppContext, as_json: bool = False) -> None:
    """Show each homework pack: what is due, and what is done."""
    views = pack_views(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            {"today": actx.today().isoformat(), "packs": [v.to_json() for v in views]},
            kind="homework.status",
        )
        return
    render_packs(actx, views)


def pack_views(actx: AppContext) -> list[Any]:
    from hikicli.domain.homework import homework_view, pack_window_start
    from hikicli.services.reads import load_since_widened

    # Every pack's days, from the first one's start (services/reads.py): not the whole log.
    today = actx.today()
    read = load_since_widened(
        actx.log, actx.paths.profile_cache_dir, "homework", today.isoformat(), pack_window_start
    )
    return homework_view(read.events, today, family=_is_family(actx, read.events))


def _is_family(actx: AppContext, events: list[Any]) -> bool:
    """A family member's own profile (marked, or a named one holding family entries): there their
    own `hiki family checkin` counts for a pack's check-in plan."""
    from hikicli.domain.family import counts_as_family
    from hikicli.services.family_profile import is_marked

    return counts_as_family(actx.paths.profile, is_marked(actx), events)


def homework_texts(actx: AppContext) -> HomeworkTexts:
    """The texts with `{hiki}` naming this profile: a family member copying a hint must write
    into their own profile, never the person's."""
    from typing import cast

    from hikicli.domain.family import fill_hiki

    texts, profile = actx.catalog["homework"]["texts"], actx.paths.profile
    held = _FILLED[0]
    if held is None or held[0] is not texts or held[1] != profile:  # once a screen, not a line
        held = _FILLED[0] = (texts, profile, cast("HomeworkTexts", fill_hiki(texts, profile)))
    return held[2]


# The texts last filled in, with what they were filled from (the catalog's own, the profile).
_FILLED: list[tuple[Any, str, HomeworkTexts] | None] = [None]


def task_line(actx: AppContext, task: Any) -> str:
    """One task in words: its kind, its own text, and progress where it is counted."""
    texts = homework_texts(actx)
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
        from hikicli.domain.family import hiki_command

        name = (
            texts["with_command"].format(
                text=instruments[found]["name"],
                command=f"{hiki_command(actx.paths.profile)} assess {found}",
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
    from hikicli.cli.plain_layout import Column, Run, screen

    texts = homework_texts(actx)
    items: list[tuple[str, Any]] = []  # ("line", its runs) or ("table", its rows of cells)
    shown: list[str] = []
    if not views:
        items.append(("line", [(texts["none_yet"], "")]))
    open_reflection = False
    for view in views:
        items += [("line", line) for line in pack_heading(actx, view.pack)]
        items.append(("line", [(when_line(texts, view.days_left), "dim")]))
        rows: list[list[list[Run]]] = []
        for task in view.tasks:
            mark = texts["status_done"] if task.done else texts["status_open"]
            style = "green" if task.done else "bold"
            rows.append([[(mark, style)], [(task.id, "")], [(task_line(actx, task), "")]])
            shown += [mark, task.id, rows[-1][2][0][0]]
            open_reflection |= task.kind == "reflection" and not task.done
        items.append(("table", rows))
        if view.tasks and view.done == len(view.tasks):
            items.append(("line", [(texts["all_done"], "")]))
        items.append(("line", []))
    if views:
        if open_reflection:
            items.append(("line", [(texts["answer_hint"], "dim")]))
        items.append(("line", [(texts["done_hint"], "dim")]))
    shown += [text for what, runs in items if what == "line" for text, _ in runs]
    out = screen(shown)
    # a number; then words that can be Japanese: they fold, never cut
    columns = [Column(justify="right", no_wrap=True), Column(), Column()]
    for what, content in items:
        if what == "table":
            out.table(columns, content, show_header=False)
        else:
            out.print(*content)
    out.flush()


def when_line(texts: HomeworkTexts, days_left: int) -> str:
    if days_left > 0:
        return str(texts["days_left"].format(days=days_left))
    if days_left == 0:
        return str(texts["due_today"])
    return str(texts["ended"])


def pack_heading(actx: AppContext, pack: Mapping[str, Any]) -> list[list[tuple[str, str]]]:
    """A pack's first lines: its title (and counselor) with its dates, and its message."""
    texts = homework_texts(actx)
    title = texts["pack_heading"].format(title=pack["title"])
    if pack.get("counselor"):
        title = texts["by_counselor"].format(title=title, counselor=pack["counselor"])
    window = texts["window"].format(start=pack["start"], due=pack["due"])
    lines = [[(title, "bold"), ("  ", ""), (window, "dim")]]
    if pack.get("message"):
        lines.append([(pack["message"], "")])
    return lines


def render_summary(actx: AppContext, pack: HomeworkPack) -> None:
    from hikicli.cli.plain_layout import RichOut
    from hikicli.cli.render import console, markup_escape
    from hikicli.domain.homework import TaskStatus, tasks_of

    out = console()
    for line in pack_heading(actx, pack):
        out.print(RichOut.markup(line))
    out.print(markup_escape(homework_texts(actx)["summary_intro"]))
    from rich.table import Table

    table = Table(box=None, show_header=False)
    table.add_column(no_wrap=True)  # the task's id (ASCII)
    table.add_column(overflow="fold")
    for task in tasks_of(pack):
        status = TaskStatus(task.id, task.kind, task.label, done=False)
        table.add_row(markup_escape(task.id), markup_escape(task_line(actx, status)))
    out.print(table)
