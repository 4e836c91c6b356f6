"""Shared by `hiki crisis`, `hiki safety-plan`, `hiki assess` and the check-in: reading the safety
plan without ever letting a broken log hide crisis help, and showing the risk response."""

from __future__ import annotations

from typing import Any

from hikicli.cli.context import AppContext


def read_plan(actx: AppContext) -> dict[str, list[dict[str, str]]]:
    """The current plan (may raise StorageError when the log cannot be read)."""
    from hikicli.domain.safety_plan import fold_plan

    return fold_plan(actx.log.read().events)


def safety_plan_or_none(actx: AppContext) -> dict[str, list[dict[str, str]]] | None:
    """The plan if there is one and it can be read; None otherwise. Never raises."""
    return plan_state(actx)[1]


def plan_state(actx: AppContext) -> tuple[str, dict[str, list[dict[str, str]]] | None]:
    """("plan", plan), ("none", None) or ("locked", None) when the log cannot be read now.

    "locked" must not be told "you have no plan": the person may well have one. Never raises.
    """
    from hikicli.domain.safety_plan import has_plan

    try:
        if not actx.can_read_log_without_asking():
            return "locked", None  # encrypted: never ask for a passphrase before the crisis lines
        plan = read_plan(actx)
    except Exception:  # crisis help must still show when the log is unreadable
        return ("none", None) if not actx.log.exists() else ("locked", None)
    return ("plan", plan) if has_plan(plan) else ("none", None)


def safety_plan_markdown(actx: AppContext, plan: dict[str, list[dict[str, str]]]) -> str | None:
    from hikicli.domain.safety_plan import filled_plan_markdown

    try:
        return filled_plan_markdown(actx.catalog["safety"]["plan"], plan)
    except Exception:  # e.g. a broken safety.yaml: show the crisis lines without the plan
        return None


def crisis_view_for(actx: AppContext) -> dict[str, Any]:
    from hikicli.cli.crisis import country_code
    from hikicli.domain.crisis import crisis_view

    return crisis_view(actx.catalog["crisis"], actx.catalog["ui"], country_code(actx), actx.today())


def risk_text(actx: AppContext) -> str:
    """Markdown: a calm message, people to reach now, and the plan (or an offer to make one)."""
    from hikicli.domain.safety_plan import risk_markdown

    state, plan = plan_state(actx)
    return risk_markdown(actx.catalog["safety"], crisis_view_for(actx), plan, state == "locked")


def print_markdown(text: str, stderr: bool = False) -> None:
    from rich.markdown import Markdown

    from hikicli.cli.render import console, err_console

    (err_console(wrap=True) if stderr else console()).print(Markdown(text))


def show_risk_response(actx: AppContext, stderr: bool = False) -> None:
    """Print the risk response at once (before any score), to stderr when stdout carries JSON."""
    print_markdown(risk_text(actx), stderr=stderr)
    if not stderr:
        from hikicli.cli.render import console

        console().print()
