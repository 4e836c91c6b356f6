"""`hiki checkin`: the two-minute daily check-in, interactive or with flags."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def checkin(
    ctx: typer.Context,
    mood: Annotated[int | None, typer.Option()] = None,
    anxiety: Annotated[int | None, typer.Option()] = None,
    energy: Annotated[int | None, typer.Option()] = None,
    sleep: Annotated[float | None, typer.Option()] = None,
    slept: Annotated[str | None, typer.Option()] = None,
    woke: Annotated[str | None, typer.Option()] = None,
    outside: Annotated[int | None, typer.Option()] = None,
    contact: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    note: Annotated[str, typer.Option()] = "",
    safe: Annotated[
        str | None,
        typer.Option(),
    ] = None,
    date: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Today's check-in: mood, anxiety, energy, sleep, time outside, contact. About two minutes.

    With every value given as a flag it saves at once, without questions.
    """
    from hikicli.cli.checkin_run import checkin_command

    checkin_command(
        ctx.obj,
        mood=mood,
        anxiety=anxiety,
        energy=energy,
        sleep=sleep,
        slept=slept,
        woke=woke,
        outside=outside,
        contact=contact,
        note=note,
        safe=safe,
        date=date,
        as_json=as_json,
    )
