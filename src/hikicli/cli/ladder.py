"""`hiki ladder`: the exposure ladder. Look at it, get ideas, add, edit, remove, pause, resume,
build."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.cli.render import say
from hikicli.domain.words import word
from hikicli.services.ladder_state import (
    add_step,
    find_template,
    ladder_words,
    load_ladder,
    step_row,
)

ladder_app = typer.Typer(
    no_args_is_help=False,
)
app.add_typer(ladder_app, name="ladder")

SudsOption = Annotated[int | None, typer.Option("--suds")]
JsonOption = Annotated[bool, typer.Option("--json")]


# ---------------------------------------------------------------------------------------------
# hiki ladder


@ladder_app.callback(invoke_without_command=True)
def ladder(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your ladder, easiest step first: status, tries, strength, and the suggested next step."""
    if ctx.invoked_subcommand is not None:
        return
    from hikicli.domain.homework import step_note
    from hikicli.domain.ladder import next_step, step_rows
    from hikicli.services.ladder_state import counselor_notes

    actx: AppContext = ctx.obj
    state = load_ladder(actx)
    rows = step_rows(state, actx.today())
    notes = counselor_notes(actx)
    for row in rows:  # the counselor's own note on a pack's step, for the person to read
        row["counselor_note"] = step_note(notes, row["text"])
    if as_json:
        from hikicli.cli.render import print_json

        print_json(rows, kind="ladder")
        return
    content = ladder_words(actx)
    texts, labels = content["listing"], content["labels"]
    if not rows:
        say(texts["empty"])
        return
    from rich.table import Table

    from hikicli.cli.render import bar, console, markup_escape

    out = console()
    if state["goal"]:
        say(texts["goal"].format(goal=state["goal"]))
    table = Table(title=texts["title"], title_justify="left", box=None, pad_edge=False)
    for column in texts["columns"]:
        table.add_column(markup_escape(column), overflow="fold")
    for row in rows:
        table.add_row(
            row["id"],
            markup_escape(row["text"]),
            str(row["suds"]),
            markup_escape(word(labels, row["status"].replace("-", "_"))),
            str(row["tries"]),
            row["last_tried"] or "",
            f"{bar(row['strength'], hi=1, width=10)} {round(row['strength'] * 100)}%",
        )
    out.print(table)
    out.print()
    for row in rows:
        if row["counselor_note"]:
            say(texts["counselor_note"].format(id=row["id"], note=row["counselor_note"]))
    for row in rows:
        if row["plan_waiting"]:
            say(texts["plan_waiting"].format(id=row["id"], date=row["plan_waiting"]))
    upcoming = next_step(state)
    if upcoming is None:
        say(texts["all_mastered"])
    else:
        say(texts["next_step"].format(**upcoming))
    out.print(f"[dim]{markup_escape(texts['strength_note'])}[/]")


@ladder_app.command("suggest")
def suggest(
    ctx: typer.Context,
    area: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Ideas for steps, by area, each with a usual SUDS range, a tip and ways to vary it."""
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    content = ladder_words(actx)
    areas = content["areas"]
    if area is not None and area not in [a["id"] for a in areas]:
        known = ", ".join(a["id"] for a in areas)
        raise UsageError("ladder.choice", flag="--area", choices=known, value=area)
    templates = [t for t in content["templates"] if area is None or t["area"] == area]
    if as_json:
        from hikicli.cli.render import print_json

        print_json(templates, kind="ladder.suggestions")
        return
    from rich.padding import Padding
    from rich.text import Text

    from hikicli.cli.render import console

    out = console()
    texts = content["suggest"]
    say(texts["intro"])
    for a in areas:
        group = [t for t in templates if t["area"] == a["id"]]
        if not group:
            continue
        out.print()
        out.print(Text(a["title"], style="bold"))
        for t in group:
            # Padding keeps wrapped lines under their indent on a narrow terminal.
            head = Text.assemble(
                (t["id"], "bold"),
                "  ",
                t["text"],
                "  ",
                (texts["range"].format(lo=t["suds_min"], hi=t["suds_max"]), "dim"),
            )
            out.print(Padding(head, (0, 0, 0, 2), expand=False))
            out.print(Padding(Text(f"{texts['tip']}: {t['tip']}"), (0, 0, 0, 6), expand=False))
            variations = "; ".join(t["variations"])
            out.print(
                Padding(Text(f"{texts['variations']}: {variations}"), (0, 0, 0, 6), expand=False)
            )
    out.print()
    say(texts["how_to_add"])


@ladder_app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument()] = None,
    suds: SudsOption = None,
    from_: Annotated[
        str | None,
        typer.Option("--from"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a step: your own (`hiki ladder add "…" --suds 35`) or an idea (`--from ID`)."""
    from hikicli.domain import ladder as dl
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    content = ladder_words(actx)
    if text is not None and from_ is not None:
        raise UsageError("ladder.text_or_template")
    if from_ is not None:
        template = find_template(content, from_)
        event = add_step(
            actx,
            template["text"],
            dl.template_suds(template) if suds is None else suds,
            template["id"],
        )
    elif text is not None:
        if suds is None:
            raise UsageError("ladder.add_needs_suds")
        event = add_step(actx, text, suds)
    else:
        raise UsageError("ladder.add_needs_step")
    report_change(actx, event, "added", as_json)


def report_change(actx: AppContext, event: dict[str, Any], message: str, as_json: bool) -> None:
    """Print what changed (or its JSON), and any big gap next to the step."""
    from hikicli.domain.ladder import active_steps, gaps

    state = load_ladder(actx)
    step_id = event["data"]["step"]
    if as_json:
        from hikicli.cli.render import entry_json, print_json

        print_json(
            {"event": entry_json(event), "step": step_row(actx, state, step_id)},
            kind="ladder.changed",
        )
        return
    change = ladder_words(actx)["change"]
    step = state["steps"][step_id]
    say(word(change, message).format(**step))
    if message in ("added", "edited"):
        steps = {s["id"]: s for s in active_steps(state)}
        for a, b, gap in gaps(list(steps.values())):
            if step_id in (a, b):
                say(
                    change["gap"].format(
                        gap=gap,
                        a=f"{a} ({steps[a]['suds']})",
                        b=f"{b} ({steps[b]['suds']})",
                    )
                )


@ladder_app.command("edit")
def edit(
    ctx: typer.Context,
    step_id: Annotated[str, typer.Argument(metavar="ID")],
    text: Annotated[str | None, typer.Option("--text")] = None,
    suds: SudsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a step's wording or rating. The old version stays in your history."""
    from hikicli.domain import ladder as dl
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    step = dl.find_step(load_ladder(actx), step_id)
    if text is None and suds is None:
        raise UsageError("ladder.edit_nothing")
    data: dict[str, Any] = {"step": step["id"]}
    if text is not None:
        data["text"] = dl.check_step_text(text, "--text")
    if suds is not None:
        data["suds"] = dl.check_suds(suds)
    event = actx.log.append(dl.EDIT, data, now=actx.now())
    report_change(actx, event, "edited", as_json)


def _simple_change(
    ctx: typer.Context, step_id: str, kind: str, message: str, as_json: bool
) -> None:
    from hikicli.domain import ladder as dl

    actx: AppContext = ctx.obj
    step = dl.find_step(load_ladder(actx), step_id)
    change = ladder_words(actx)["change"]
    if kind == dl.PAUSE and step["paused"] or kind == dl.RESUME and not step["paused"]:
        if as_json:
            from hikicli.cli.render import print_json

            print_json(
                {"event": None, "step": step_row(actx, load_ladder(actx), step["id"])},
                kind="ladder.changed",
            )
            return
        say(change["already_paused" if kind == dl.PAUSE else "not_paused"].format(**step))
        return
    event = actx.log.append(kind, {"step": step["id"]}, now=actx.now())
    report_change(actx, event, message, as_json)


@ladder_app.command("remove")
def remove(
    ctx: typer.Context,
    step_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
) -> None:
    """Take a step off your ladder. Its history is kept."""
    _simple_change(ctx, step_id, "ladder.remove", "removed", as_json)


@ladder_app.command("pause")
def pause(
    ctx: typer.Context,
    step_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
) -> None:
    """Pause a step for a while. Its strength stays as it is until you resume."""
    _simple_change(ctx, step_id, "ladder.pause", "paused", as_json)


@ladder_app.command("resume")
def resume(
    ctx: typer.Context,
    step_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
) -> None:
    """Pick a paused step up again."""
    _simple_change(ctx, step_id, "ladder.resume", "resumed", as_json)


@ladder_app.command("build")
def build(ctx: typer.Context) -> None:
    """A guide to build a ladder: a goal, 5–10 steps, a rating for each, a first step.

    Without a terminal, add steps one by one instead: hiki ladder add "…" --suds N.
    """
    from hikicli.domain import ladder as dl
    from hikicli.flows.ladder import run_build
    from hikicli.services.ladder_state import save_built_ladder

    actx: AppContext = ctx.obj
    content = ladder_words(actx)
    prompter = actx.get_prompter('hiki ladder add "STEP" --suds N')
    state = load_ladder(actx)
    built = run_build(prompter, content, dl.active_steps(state), state["next"])
    if not built.save:
        say(content["build"]["not_saved"])
        return
    save_built_ladder(actx, built.goal, built.steps)
    say(content["build"]["saved"].format(count=len(built.steps)))
