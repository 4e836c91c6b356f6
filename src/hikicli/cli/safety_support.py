"""Shared by `hiki crisis`, `hiki safety-plan`, `hiki assess` and the check-in: reading the safety
plan without ever letting a broken log hide crisis help. The risk response is cli/risk_view."""

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
    """("plan", plan), ("none", None) or ("locked", None). Never raises, never asks.

    "none" only when hiki knows there is no plan: no log, an encrypted log that holds no records
    at all (only its header; the file's size shows that much without the passphrase), or a log
    read whole without a plan item. "locked" whenever it cannot know: encrypted and not unlocked
    in this command, unreadable, or with damaged lines (one might have been a plan item). Words
    for "locked" never say a plan exists: "if you have a plan, `hiki safety-plan` shows it".
    """
    from hikicli.domain.safety_plan import fold_plan, has_plan

    try:
        if not actx.log.exists():
            return "none", None
        if not actx.can_read_log_without_asking():
            # Encrypted: never ask for a passphrase before the crisis lines.
            from hikicli.storage.crypto import header_only

            return ("none", None) if header_only(actx.log.path) else ("locked", None)
        read = actx.log.read()
        plan = fold_plan(read.events)
    except Exception:  # crisis help must still show when the log is unreadable
        return "locked", None
    if has_plan(plan):
        return "plan", plan
    return ("locked", None) if read.problems else ("none", None)


def safety_plan_markdown(actx: AppContext, plan: dict[str, list[dict[str, str]]]) -> str | None:
    """The plan's filled steps as Markdown, for `hiki crisis` and the risk response. If the
    safety words cannot load (a broken safety.yaml), the person's own items still show, under
    the plan title from the risk words, which always load; None only when there is nothing."""
    from hikicli.domain.safety_plan import filled_plan_markdown, has_plan

    if not has_plan(plan):
        return None
    try:
        return filled_plan_markdown(actx.catalog["safety"]["plan"], plan)
    except Exception:  # e.g. a broken safety.yaml: the person's own words matter most
        from hikicli.domain.safety_plan import bare_plan_markdown

        try:
            title = str(actx.risk_content.risk["plan"]["title"])
        except Exception:
            title = ""
        return bare_plan_markdown(plan, title)


def crisis_view_for(actx: AppContext) -> dict[str, Any]:
    from hikicli.domain.crisis import crisis_view

    content = actx.risk_content
    code = actx.country_choice().code or ""
    return crisis_view(content.crisis, content.risk["crisis"], code, actx.today())


def print_markdown(text: str, stderr: bool = False) -> None:
    from rich.markdown import Markdown

    from hikicli.cli.render import console, err_console

    (err_console(wrap=True) if stderr else console()).print(Markdown(text))
