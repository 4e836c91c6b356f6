"""Load the ladder: its folded state (from its own small cache), its words, the mastery rule in
the settings, its templates, and new steps added under the next free ids. Shared by
`hiki ladder`, `hiki step` and `hiki homework import`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.domain.content_types import LadderContent, Template
    from hikicli.domain.ladder_rules import Rule
    from hikicli.storage.settings import Settings

CACHE_FILE = "ladder.marshal"  # derived data: deleting it loses nothing


def _ladder_states(ws: Workspace) -> dict[str, Any]:
    """The ladder and the counselor's notes on pack steps, folded together into one cache."""
    from hikicli.domain.homework import PackStepNotes
    from hikicli.domain.ladder import LadderProjection
    from hikicli.storage.projection import project

    cache = ws.paths.profile_cache_dir / CACHE_FILE
    return project(ws.log, [LadderProjection(), PackStepNotes()], cache).states


def load_ladder(ws: Workspace) -> dict[str, Any]:
    """The folded ladder (steps, goal, next free id)."""
    state: dict[str, Any] = _ladder_states(ws)["ladder"]
    return state


def counselor_notes(ws: Workspace) -> dict[str, dict[str, str]]:
    """The counselor's notes on pack steps (domain.homework.step_note reads one)."""
    notes: dict[str, dict[str, str]] = _ladder_states(ws)["pack_step_notes"]
    return notes


def ladder_words(ws: Workspace) -> LadderContent:
    return ws.catalog["ladder"]


def mastery_rule(settings: Settings) -> Rule:
    """The rule chosen in the settings (ladder.rule and its numbers)."""
    from hikicli.domain.ladder_rules import Rule

    return Rule(
        name=str(settings.get("ladder.rule")),
        tries=int(settings.get("ladder.tries")),
        habituation_suds=int(settings.get("ladder.habituation_suds")),
        contexts=int(settings.get("ladder.contexts")),
    )


def find_template(content: LadderContent, template_id: str) -> Template:
    from hikicli.errors import UsageError

    for template in content["templates"]:
        if template["id"] == template_id.strip().lower():
            return template.copy()
    raise UsageError("ladder.no_template", id=template_id)


def template_of(content: LadderContent, step: dict[str, Any]) -> Template | None:
    """The template a step was made from, if it still exists."""
    if not step["template"]:
        return None
    from hikicli.errors import UsageError

    try:
        return find_template(content, step["template"])
    except UsageError:  # a template renamed in a newer content version: the step still works
        return None


def step_row(ws: Workspace, state: dict[str, Any], step_id: str) -> dict[str, Any] | None:
    """One step as `hiki ladder --json` lists it (status, tries, strength, ...)."""
    from hikicli.domain.ladder import step_rows

    return next((r for r in step_rows(state, ws.today()) if r["id"] == step_id), None)


def new_step_events(
    ws: Workspace, state: dict[str, Any], steps: Sequence[tuple[str, int, str]]
) -> list[dict[str, Any]]:
    """`ladder.add` events for (text, suds, template) steps, numbered from the next free id;
    nothing is saved (the caller appends them, with anything else, in one append)."""
    from hikicli.domain import ladder as dl
    from hikicli.storage.log import new_event

    now = ws.now()
    first = int(state["next"])  # dl.next_id: "s" and this number
    return [
        new_event(dl.ADD, {"step": f"s{first + i}", **dl.add_data(text, suds, template)}, now)
        for i, (text, suds, template) in enumerate(steps)
    ]


def add_step(ws: Workspace, text: str, suds: int, template: str = "") -> dict[str, Any]:
    """Add one step under the next free id; return the saved event."""
    [event] = new_step_events(ws, load_ladder(ws), [(text, suds, template)])
    ws.log.append_events([event])
    return event


def save_built_ladder(ws: Workspace, goal: str, steps: Sequence[dict[str, Any]]) -> None:
    """What `hiki ladder build` gathered (a goal and steps already numbered), in one append."""
    from hikicli.domain import ladder as dl
    from hikicli.storage.log import new_event

    now = ws.now()
    events = [new_event(dl.GOAL, {"goal": goal}, now)] if goal else []
    for step in steps:
        data = dl.add_data(step["text"], step["suds"], step["template"])
        events.append(new_event(dl.ADD, {"step": step["id"], **data}, now))
    ws.log.append_events(events)
