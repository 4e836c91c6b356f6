"""Reading the safety plan without ever letting a broken log hide crisis help. Shared by
`hiki crisis`, `hiki safety-plan`, `hiki assess`, the check-in and the risk response
(`cli/risk_view`), which render what these return."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.domain.safety_plan import Plan

State = Literal["plan", "none", "locked"]


def read_plan(ws: Workspace) -> Plan:
    """The current plan (may raise StorageError when the log cannot be read)."""
    from hikicli.domain.safety_plan import fold_plan

    return fold_plan(ws.log.read().events)


def safety_plan_or_none(ws: Workspace) -> Plan | None:
    """The plan if there is one and it can be read; None otherwise. Never raises."""
    return plan_state(ws)[1]


# `hiki crisis` reads the plan within these bounds (its lines are shown before the log is
# touched; the plan follows). A log up to READ_WHOLE bytes is read whole (about 40,000 entries,
# well under a second); a larger plaintext log is searched for plan lines, up to SEARCH_LIMIT;
# anything larger, or a larger encrypted log, gives the neutral "`hiki safety-plan` shows it".
READ_WHOLE = 8 * 2**20
SEARCH_LIMIT = 512 * 2**20
# At most this many items per section are shown, each cut to the editor's own length limit.
MAX_SHOWN = 50


def plan_state(ws: Workspace) -> tuple[State, Plan | None]:
    """("plan", plan), ("none", None) or ("locked", None). Never raises, never asks, and never
    reads without bounds: not a link or a FIFO (refused), not a log larger than SEARCH_LIMIT,
    not an item longer than the editor allows (cut to it).

    "none" only when hiki knows there is no plan: no log, an encrypted log that holds no records
    at all (only its header; the file's size shows that much without the passphrase), or a log
    read whole without a plan item. "locked" whenever it cannot know: encrypted and not unlocked
    in this command, unreadable, too large, or with damaged lines (one might have been a plan
    item). Words for "locked" never say a plan exists: "if you have a plan, `hiki safety-plan`
    shows it".
    """
    from hikicli.domain.safety_plan import fold_plan, has_plan
    from hikicli.storage.log import LogTooLarge

    try:
        if not ws.log.exists():
            return "none", None
        if not ws.can_read_log_without_asking():
            # Encrypted: never ask for a passphrase before the crisis lines.
            from hikicli.storage.crypto import header_only

            return ("none", None) if header_only(ws.log.path) else ("locked", None)
        try:
            read = ws.log.read_from(0, 1, limit=READ_WHOLE)
            whole = True
        except LogTooLarge:
            read = ws.log.read_matching(b"safety_plan.", SEARCH_LIMIT)
            whole = False
        plan = _bounded(fold_plan(read.events))
    except Exception:  # crisis help must still show when the log is unreadable
        return "locked", None
    if has_plan(plan):
        return "plan", plan
    return ("locked", None) if read.problems or not whole else ("none", None)


def _bounded(plan: Plan) -> Plan:
    """What the crisis screen can show at once: an item written by another tool (an import,
    a hand edit) can be of any length; it is cut to the length the editor allows."""
    from hikicli.domain.safety_plan import MAX_ITEM

    def cut(text: str) -> str:
        return text if len(text) <= MAX_ITEM else text[:MAX_ITEM] + "…"

    return {
        section: [{**item, "text": cut(item["text"])} for item in items[:MAX_SHOWN]]
        for section, items in plan.items()
    }


def safety_plan_markdown(ws: Workspace, plan: Plan) -> str | None:
    """The plan's filled steps as Markdown, for `hiki crisis` and the risk response. If the
    safety words cannot load (a broken safety.yaml), the person's own items still show, under
    the plan title from the risk words, which always load; None only when there is nothing."""
    from hikicli.domain.safety_plan import filled_plan_markdown, has_plan

    if not has_plan(plan):
        return None
    try:
        return filled_plan_markdown(ws.catalog["safety"]["plan"], plan)
    except Exception:  # e.g. a broken safety.yaml: the person's own words matter most
        from hikicli.domain.safety_plan import bare_plan_markdown

        try:
            title = str(ws.risk_content.risk["plan"]["title"])
        except Exception:
            title = ""
        return bare_plan_markdown(plan, title)


def crisis_view_for(ws: Workspace) -> dict[str, Any]:
    """The crisis lines for this person's country, as the plan's editor and export show them."""
    from hikicli.domain.crisis import crisis_view

    content = ws.risk_content
    code = ws.country_choice().code or ""
    return crisis_view(content.crisis, content.risk["crisis"], code, ws.today())
