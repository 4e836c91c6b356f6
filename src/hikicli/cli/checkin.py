"""`hiki checkin`: the two-minute daily check-in, interactive or with flags."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app


@app.command()
def checkin(
    ctx: typer.Context,
    mood: Annotated[int | None, typer.Option(help="Mood today, 0–10.")] = None,
    anxiety: Annotated[int | None, typer.Option(help="Anxiety today, 0–10.")] = None,
    energy: Annotated[int | None, typer.Option(help="Energy today, 0–10.")] = None,
    sleep: Annotated[float | None, typer.Option(help="Hours slept, e.g. 7.5.")] = None,
    outside: Annotated[
        int | None, typer.Option(help="Minutes outside the home (0 = stayed in).")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            help="Contact with people, comma-separated: none, family, online, phone, in-person."
        ),
    ] = None,
    note: Annotated[str, typer.Option(help="An optional note, kept private.")] = "",
    safe: Annotated[
        str | None,
        typer.Option(
            help="Are you safe right now? yes, no or skip. With a mood of 2 or lower and no "
            "answer, crisis lines are shown."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Record a past day, YYYY-MM-DD (default: today).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the saved record as JSON.")
    ] = False,
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
        outside=outside,
        contact=contact,
        note=note,
        safe=safe,
        date=date,
        as_json=as_json,
    )
