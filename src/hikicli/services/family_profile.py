"""Whether this profile belongs to a family member, and marking it so.

A family profile gets the family's own welcome, dashboard, suggestions and guide audience. The mark
is kept in the profile's state file (`role: family`); a named profile that already holds family
programme entries counts as one too, so losing the state file changes nothing a person sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hikicli.domain.family import FAMILY_ROLE, MAIN_PROFILE, counts_as_family
from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.storage.state import State


def _state(ws: Workspace) -> State:
    from hikicli.storage.state import State

    return State(ws.paths.state_file, ws.log)


def is_marked(ws: Workspace) -> bool:
    return bool(_state(ws).get("role") == FAMILY_ROLE)


def marked_family_hiki(ws: Workspace) -> str | None:
    """`hiki --profile NAME` when this is a profile marked as a family member's, else None: for
    hints on the hot paths (a check-in, an empty history), which never read the log to ask."""
    if ws.paths.profile == MAIN_PROFILE or not is_marked(ws):
        return None
    from hikicli.domain.family import hiki_command

    return hiki_command(ws.paths.profile)


def is_family_profile(ws: Workspace) -> bool:
    """True for a profile marked as a family member's, or a named one with family entries.
    Never raises: an unreadable log only means the person's own screens."""
    from hikicli.errors import HikiError

    if is_marked(ws):
        return True
    if ws.paths.profile == MAIN_PROFILE:
        return False  # the person's own unless marked: no need to read the whole log
    try:
        events = ws.log.read().events
    except HikiError:
        return False
    return counts_as_family(ws.paths.profile, marked=False, events=events)


def mark_family(ws: Workspace) -> bool:
    """Mark the profile as a family member's; True when it was not marked before."""
    if is_marked(ws):
        return False
    _state(ws).set("role", FAMILY_ROLE)
    return True


def family_profiles(ws: Workspace) -> list[str]:
    """The names of the profiles here marked as a family member's (by their state file alone:
    no other profile's log is read), for a hint that names them. An encrypted one is not seen."""
    from dataclasses import replace

    from hikicli.storage.state import State
    from hikicli.storage.wipe import remaining_profiles

    found = []
    for name in remaining_profiles(ws.paths):
        if name == MAIN_PROFILE:
            continue
        if State(replace(ws.paths, profile=name).state_file).get("role") == FAMILY_ROLE:
            found.append(name)
    return found
