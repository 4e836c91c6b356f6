"""The safety plan's interactive walk-through: `hiki safety-plan edit`, and the offer of it after a
risk answer when there is no plan yet (the check-in and `hiki assess`). Each confirmed item is
appended the moment it is given; a stop says exactly what was kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import PlanStopped


class _LogSaver:
    """Appends each confirmed change at once (locked, fsynced) and counts what is kept."""

    def __init__(self, actx: AppContext) -> None:
        self.actx = actx
        self.added = 0
        self.removed = 0

    def add(self, section: str, text: str) -> None:
        from hikicli.domain.safety_plan import ADDED, added_data

        self.actx.log.append(ADDED, added_data(section, text), now=self.actx.now())
        self.added += 1

    def remove(self, items: Sequence[str]) -> None:
        from hikicli.domain.safety_plan import REMOVED
        from hikicli.storage.log import new_event

        now = self.actx.now()
        self.actx.log.append_events([new_event(REMOVED, {"item": i}, now) for i in items])
        self.removed += len(items)


def stopped_message(texts: PlanStopped, added: int, removed: int) -> str:
    """Exactly what a stop kept: never "nothing was saved" when something was."""
    if added and removed:
        return texts["both"].format(added=added, removed=removed)
    if added:
        return texts["added_one"] if added == 1 else texts["added_many"].format(count=added)
    if removed:
        return texts["removed_one"] if removed == 1 else texts["removed_many"].format(count=removed)
    return texts["nothing"]


def run_edit(actx: AppContext) -> None:
    """The interactive walk-through; also offered after a risk answer when there is no plan.
    Each confirmed item is appended the moment it is given; a Ctrl-C says exactly what was kept."""
    from hikicli.cli.render import console, markup_escape
    from hikicli.errors import Cancelled
    from hikicli.flows.safety_plan import run_safety_plan_edit
    from hikicli.services.safety_plan_state import crisis_view_for, read_plan

    prompter = actx.get_prompter("hiki safety-plan add SECTION TEXT")
    plan = read_plan(actx)  # an encrypted log asks for its passphrase here, before any step
    content = actx.catalog["safety"]["plan"]
    lines = [line for line in crisis_view_for(actx)["lines"] if line["status"] == "confirmed"]
    saver = _LogSaver(actx)
    try:
        run_safety_plan_edit(prompter, content, plan, lines, save=saver)
    except (Cancelled, KeyboardInterrupt):
        message = stopped_message(content["stopped"], saver.added, saver.removed)
        session = getattr(actx, "_risk", None)
        if session is not None and session.active:
            # Offered after a risk answer: the command's own answers are saved already, and its
            # closing block (with the crisis lines) follows. Stopping the plan is not a cancel of
            # the command; say what the plan kept, and let the command end as it would.
            import sys

            sys.stderr.write(_wrapped([message]) + "\n")
            return
        raise Cancelled(_wrapped([message, _pointer(actx)])) from None
    if not (saver.added or saver.removed):
        console().print(markup_escape(content["unchanged"]))
        return
    console().print(markup_escape(content["saved"]))


def _wrapped(lines: list[str]) -> str:
    """Plain lines wrapped at word boundaries to the terminal's width (the exit point prints a
    cancel's message as it is; a terminal would cut words in two)."""
    import textwrap

    from hikicli.cli.render import console

    width = max(40, console().width)
    return "\n".join(textwrap.fill(line, width) for line in lines if line)


def _pointer(actx: AppContext) -> str:
    """The crisis pointer that ends every cancel (from the risk words, which always load)."""
    try:
        return str(actx.risk_content.risk["pointer"])
    except Exception:  # a stop must always be able to say what was kept
        return ""


def offer_plan(actx: AppContext) -> None:
    """Interactive, after a risk answer and with no plan yet: offer to start one now."""
    response = actx.risk.response()
    if response is None or not response.offer_plan_now:
        return
    prompter = actx.get_prompter("")
    question = actx.risk_content.risk["plan"]["offer_now"]
    if prompter.confirm("safety_plan.offer", question, default=False):
        run_edit(actx)
