"""`hiki step`: one exposure — plan it, take it, note how it went, learn from it. The work is in
cli/step_run.py (also reached by entry.py's fast path, without typer)."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def step(
    ctx: typer.Context,
    step_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]"),
    ] = None,
    plan: Annotated[bool, typer.Option("--plan")] = False,
    finish: Annotated[bool, typer.Option("--finish")] = False,
    what: Annotated[str | None, typer.Option()] = None,
    where: Annotated[str | None, typer.Option()] = None,
    when: Annotated[str | None, typer.Option()] = None,
    plan_minutes: Annotated[int | None, typer.Option("--plan-minutes")] = None,
    expected: Annotated[int | None, typer.Option()] = None,
    fear: Annotated[str | None, typer.Option()] = None,
    likelihood: Annotated[int | None, typer.Option()] = None,
    safety: Annotated[str | None, typer.Option()] = None,
    result: Annotated[str | None, typer.Option()] = None,
    peak: Annotated[int | None, typer.Option()] = None,
    end: Annotated[int | None, typer.Option()] = None,
    happened: Annotated[str | None, typer.Option("--happened", "--feared")] = None,
    learned: Annotated[str | None, typer.Option()] = None,
    with_someone: Annotated[bool, typer.Option("--with-someone")] = False,
    minutes: Annotated[int | None, typer.Option()] = None,
    date: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Take one step of your ladder: plan it, do it (or not today), and note what you learned.

    With flags it saves at once, without questions.
    """
    from hikicli.cli.step_run import step_command

    step_command(
        ctx.obj,
        step_id=step_id,
        plan=plan,
        finish=finish,
        what=what,
        where=where,
        when=when,
        plan_minutes=plan_minutes,
        expected=expected,
        fear=fear,
        likelihood=likelihood,
        safety=safety,
        result=result,
        peak=peak,
        end=end,
        happened=happened,
        learned=learned,
        with_someone=with_someone,
        minutes=minutes,
        date=date,
        as_json=as_json,
    )
