"""Save a ladder try (or only its plan) and decide mastery: the try is appended, the rule in the
settings decides (`domain.ladder_rules`: `could_master`, then `is_mastered` on the step's tries)
whether this try masters its step, and if so a `ladder.mastered` event follows. `hiki step`
renders what `save_try` returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hikicli.services.ladder_state import load_ladder, mastery_rule
from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.domain.content_types import LadderContent, Template


@dataclass(frozen=True)
class SavedTry:
    event: dict[str, Any]  # the ladder.try event as saved
    newly_mastered: bool
    state: dict[str, Any]  # the ladder after the try
    upcoming: dict[str, Any] | None  # the next step to practise, if any


def save_try(
    ws: Workspace,
    chosen: dict[str, Any],
    plan_values: dict[str, Any],
    outcome: dict[str, Any],
    day: dt.date | None = None,
) -> SavedTry:
    """Append the try (for `day`, default today); if it completes the mastery rule, append that
    too."""
    from hikicli.domain import ladder as dl
    from hikicli.domain.ladder_rules import could_master, is_mastered, tries_of

    sid = chosen["id"]
    data = {
        "plan": "",
        **plan_values,
        **outcome,
        "step": sid,
        # the wording at the time: reports stay readable even after the step is edited
        "step_title": chosen["text"],
        "date": (day or ws.today()).isoformat(),
    }
    event = ws.log.append(dl.TRY, data, now=ws.now())
    newly_mastered = False
    if could_master(chosen["mastered"], outcome["result"]):
        rule = mastery_rule(ws.settings)
        if is_mastered(tries_of(ws.log.read().events, sid), rule):
            mastered = {"step": sid, "step_title": chosen["text"], "rule": rule.name}
            ws.log.append(dl.MASTERED, mastered, now=ws.now())
            newly_mastered = True
    state = load_ladder(ws)
    return SavedTry(event, newly_mastered, state, dl.next_step(state))


def save_plan(ws: Workspace, plan_values: dict[str, Any]) -> dict[str, Any]:
    """Save only the before-part of a try; `hiki step ID --finish` notes how it went."""
    from hikicli.domain.ladder import PLAN

    return ws.log.append(PLAN, plan_values, now=ws.now())


def latest_plan(ws: Workspace, step_id: str) -> dict[str, Any]:
    """The last plan saved for a step (the one `--finish` completes)."""
    from hikicli.domain.ladder import PLAN
    from hikicli.errors import UsageError

    plans = [
        e
        for e in ws.log.read().events
        if e["kind"] == PLAN and e["data"].get("step") == step_id
    ]
    if not plans:
        raise UsageError("ladder.no_plan_waiting", id=step_id)
    return plans[-1]


def smaller_idea(
    content: LadderContent, state: dict[str, Any], chosen: dict[str, Any]
) -> tuple[Template, int] | None:
    """After a not-today: an easier template not yet on the ladder, with its SUDS; or None."""
    from hikicli.domain import ladder as dl
    from hikicli.services.ladder_state import template_of

    template = template_of(content, chosen)
    taken = [s["template"] for s in dl.active_steps(state) if s["template"]]
    ideas = dl.smaller_templates(
        content["templates"], template["area"] if template else "", chosen["suds"], taken
    )
    if not ideas:
        return None
    return ideas[0], dl.template_suds(ideas[0])
