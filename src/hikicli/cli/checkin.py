"""`hiki checkin`: the two-minute daily check-in, interactive or with flags."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

FLAGS = (
    "--mood N --anxiety N --energy N --sleep HOURS --outside MINUTES --contact LIST [--note TEXT]"
    " [--safe yes|no|skip]"
)
REQUIRED = ("mood", "anxiety", "energy", "sleep", "outside", "contact")


def checkin_json(event: dict[str, Any]) -> dict[str, Any]:
    """The documented JSON shape of one check-in (keys match the flags)."""
    return {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}


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
    from hikicli.domain.checkin import make_checkin, parse_date
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    today = actx.today()
    day = parse_date(date) if date is not None else today
    given = {
        "mood": mood,
        "anxiety": anxiety,
        "energy": energy,
        "sleep": sleep,
        "outside": outside,
        "contact": contact,
    }
    content = actx.catalog["checkin"]
    if any(v is not None for v in given.values()) or note or safe is not None:
        missing = [f"--{k}" for k, v in given.items() if v is None]
        if missing:
            raise UsageError(f"Missing {', '.join(missing)}. A check-in with flags needs: {FLAGS}")
        record = make_checkin(date=day, today=today, note=note, safe=safe, **given)  # type: ignore[arg-type]
        from hikicli.cli.checkin_safety import respond_to_flags

        respond_to_flags(actx, record, as_json)
    else:
        from hikicli.cli.checkin_safety import safety_follow_up
        from hikicli.domain.checkin import check_date
        from hikicli.flows.checkin import run_checkin

        check_date(day, today)
        prompter = actx.get_prompter(FLAGS)
        actx.log.unlock()  # an encrypted log asks for its passphrase before the questions
        record = run_checkin(prompter, content, day, today, *safety_follow_up(actx, prompter))
    event = actx.log.append("checkin", record.to_data(), now=actx.now())
    if as_json:
        from hikicli.cli.render import print_json

        print_json(checkin_json(event))
        return
    from hikicli.cli.render import console, markup_escape
    from hikicli.domain.checkin import choose_reflection

    out = console()
    out.print(markup_escape(actx.catalog["ui"]["checkin_saved"]))
    reflection = choose_reflection(content["reflections"], record.to_data())
    if reflection:
        out.print()
        out.print(markup_escape(reflection))
