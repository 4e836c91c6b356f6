"""The check-in command's work, without typer: `hiki checkin` alone starts here directly.

The interactive check-in is the path where every millisecond before the first question is felt,
so the entry point calls `checkin_command` without building the whole typer command tree.
"""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext

FLAGS = (
    "--mood N --anxiety N --energy N --sleep HOURS --outside MINUTES --contact LIST [--note TEXT]"
    " [--safe yes|no|skip]"
)


def checkin_json(event: dict[str, Any]) -> dict[str, Any]:
    """The documented JSON shape of one check-in (keys match the flags)."""
    return {"id": event["id"], "kind": event["kind"], "recorded": event["ts"], **event["data"]}


def checkin_command(
    actx: AppContext,
    *,
    mood: int | None = None,
    anxiety: int | None = None,
    energy: int | None = None,
    sleep: float | None = None,
    outside: int | None = None,
    contact: str | None = None,
    note: str = "",
    safe: str | None = None,
    date: str | None = None,
    as_json: bool = False,
) -> None:
    from hikicli.domain.checkin import make_checkin, parse_date
    from hikicli.errors import UsageError

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
