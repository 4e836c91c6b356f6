"""The check-in command's work, without typer: `hiki checkin` alone starts here directly.

The interactive check-in is the path where every millisecond before the first question is felt,
so the entry point calls `checkin_command` without building the whole typer command tree.
"""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext

FLAGS = (
    "--mood N --anxiety N --energy N --sleep HOURS --outside MINUTES --contact LIST [--note TEXT]"
    " [--safe yes|no|skip] [--slept HH:MM --woke HH:MM]"
)


def checkin_command(
    actx: AppContext,
    *,
    mood: int | None = None,
    anxiety: int | None = None,
    energy: int | None = None,
    sleep: float | None = None,
    slept: str | None = None,
    woke: str | None = None,
    outside: int | None = None,
    contact: str | None = None,
    note: str = "",
    safe: str | None = None,
    date: str | None = None,
    as_json: bool = False,
) -> None:
    from hikicli.cli import checkin_safety
    from hikicli.domain.checkin import make_checkin, parse_date
    from hikicli.errors import HikiError, UsageError

    today = actx.today()
    given = {
        "mood": mood,
        "anxiety": anxiety,
        "energy": energy,
        "sleep": sleep,
        "outside": outside,
        "contact": contact,
    }
    times_given = slept is not None or woke is not None
    flags_form = (
        any(v is not None for v in given.values()) or bool(note) or safe is not None or times_given
    )
    if flags_form:
        # An answer that carries risk is honoured before any other flag is checked.
        safe_day = today
        if date is not None:
            try:
                safe_day = min(parse_date(date), today)
            except UsageError:
                pass
        safe = checkin_safety.honour_safe_flag(actx, safe, mood, safe_day, as_json)
    from hikicli.services.family_profile import marked_family_hiki

    if hiki := marked_family_hiki(actx):  # a parent's check-in is the family one; risk was heard
        raise UsageError("checkin.family_profile", hiki=hiki)
    day = parse_date(date) if date is not None else today
    content = actx.catalog["checkin"]
    record: Any
    if flags_form:
        if times_given:
            from hikicli.domain.sleep import check_times, hours

            slept, woke = check_times(slept, woke)  # a bad time is said before a missing flag
            if given["sleep"] is None and slept and woke:
                given["sleep"] = hours(slept, woke)  # the window is the hours when not given
        missing = [f"--{k}" for k, v in given.items() if v is None]
        if missing:
            raise UsageError("checkin.missing_flags", missing=", ".join(missing), flags=FLAGS)
        times = {"slept": slept, "woke": woke}
        record = make_checkin(date=day, today=today, note=note, safe=safe, **times, **given)  # type: ignore[arg-type]
        checkin_safety.low_mood_without_answer(actx, record.mood, safe, as_json)
    else:
        from hikicli.domain.checkin import check_date
        from hikicli.flows.checkin import run_checkin

        check_date(day, today)
        prompter = actx.get_prompter(FLAGS)
        actx.log.unlock()  # an encrypted log asks for its passphrase before the questions
        hooks = checkin_safety.safety_hooks(actx, prompter, day)
        try:
            sleep_times = bool(actx.settings.get("checkin.sleep_times"))
        except HikiError:  # an unreadable settings file must not stop the check-in (off)
            sleep_times = False
        record = run_checkin(prompter, content, day, today, hooks, sleep_times=sleep_times)
        if record is None:  # stopped after a risk answer: the signal (with the mood) is saved
            _offer_plan(actx)
            return
    try:
        event = actx.log.append("checkin", record.to_data(), now=actx.now())
    except HikiError:
        # Not saved (e.g. a locked encrypted log): a heavy note still gets help, then the error.
        signal = checkin_safety.note_signal(actx, record.note, day)
        if signal is not None and not actx.risk_active:
            from hikicli.cli.risk_view import show_signal

            show_signal(actx, signal, stderr=True, record=False)
        raise
    if as_json:
        checkin_safety.after_note(actx, record.note, day, as_json)
        from hikicli.cli.render import entry_json, print_json

        out = entry_json(event)  # keys match the flags
        if actx.risk_active:
            out["crisis"] = actx.risk.block()
        print_json(out, kind="checkin.saved")
        return
    if actx.risk_active or checkin_safety.note_signal(actx, record.note, day):
        from hikicli.cli.render import console, markup_escape

        printer = console()
        # After a risk moment: a closing line of its own; no praise, no mood tip.
        printer.print(markup_escape(checkin_safety.texts(actx)["saved"]))
        printer.print()
        checkin_safety.after_note(actx, record.note, day, as_json)
        if not flags_form:
            _offer_plan(actx)
        return
    from hikicli.cli.plain import Writer
    from hikicli.domain.checkin import choose_reflection

    # Plain words, wrapped as rich would: the one save most people make daily pays no rich import
    screen = Writer()
    screen.line(actx.catalog["ui"]["checkin_saved"])
    reflection = choose_reflection(content["reflections"], record.to_data())
    if reflection:
        screen.line()
        screen.line(reflection)
    screen.flush()


def _offer_plan(actx: AppContext) -> None:
    """After a risk answer with no plan yet, the offer to make one (cli/safety_plan_edit)."""
    from hikicli.cli.safety_plan_edit import offer_plan

    offer_plan(actx)
