"""Import a counselor's homework pack: read and check the file, say what is worth knowing, and add
it with its ladder steps in one append (all of it is saved, or nothing). `hiki homework check`
and `hiki homework import` render what these return."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.domain.content_types import HomeworkPack


def read_pack(path: Path) -> HomeworkPack:
    """Parse and validate a pack file: every problem located as file:line:col: field: message."""
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located
    from hikicli.content.yamlload import parse_file
    from hikicli.errors import UsageError

    if not path.is_file():
        raise UsageError("data.no_such_file", path=path)
    kind = kind_by_name("packs")
    assert kind is not None
    model = validate_located(parse_file(path), kind, str(path))
    return cast("HomeworkPack", model.model_dump(mode="json"))


def pack_notes(ws: Workspace, pack: HomeworkPack) -> list[str]:
    """Things worth knowing that are not errors: dates already past, questionnaires hiki lacks."""
    from hikicli.domain.family import with_profile
    from hikicli.domain.homework import find_instrument

    texts = ws.catalog["homework"]["texts"]
    profile = ws.paths.profile
    notes = []
    if pack["due"] < ws.today().isoformat():
        notes.append(texts["past_due_note"])
    instruments = ws.catalog.get("instruments", {})
    for q in pack.get("questionnaires") or []:
        if find_instrument(q["id"], instruments) is None:
            known = ", ".join(sorted(instruments)) or "-"
            said = with_profile(texts["unknown_questionnaire"], profile)
            notes.append(said.format(id=q["id"], known=known))
    readings = ws.catalog.get("family-readings", {})
    for reading in pack.get("family_readings") or []:
        if reading["id"] not in readings:
            known = ", ".join(sorted(readings)) or "-"
            said = with_profile(texts["unknown_family_reading"], profile)
            notes.append(said.format(id=reading["id"], known=known))
    return notes


def check_audience(ws: Workspace, pack: HomeworkPack, file: Path) -> str | None:
    """Where a pack goes, by its `audience`, checked before anything is shown or asked. Refused
    (UsageError): a pack with ladder steps (the person's: a family pack never has them) in a
    family member's profile, where they would land on the parent's own ladder; a family pack in
    the main profile, the person's own (its lessons are refused there) unless it was marked a
    family member's. Returned: the line to say after adding any other pack not marked
    `audience: family` in a family member's profile (its check-ins count theirs): where it is
    now, and how the person adds it in their own if it was meant for them. Else None."""
    from hikicli.domain.family import MAIN_PROFILE
    from hikicli.errors import UsageError
    from hikicli.services.family_profile import is_family_profile, is_marked

    profile = ws.paths.profile
    if pack.get("audience") == "family":
        if profile == MAIN_PROFILE and not is_marked(ws):
            # either reader may be here: the person, handed it, or a family member; name the
            # family profiles there are, else how to make one
            from hikicli.services.family_profile import family_profiles

            names = family_profiles(ws)
            if not names:
                raise UsageError("homework.pack_for_family_first", file=str(file))
            raise UsageError(
                "homework.pack_for_family",
                file=str(file),
                profiles=", ".join(names),
                profile=names[0],
            )
        return None
    if not is_family_profile(ws):
        return None
    if pack.get("ladder_steps"):
        raise UsageError("homework.pack_for_person", file=str(file))
    return ws.catalog["homework"]["texts"]["imported_in_family"].format(profile=profile, file=file)


@dataclass(frozen=True)
class ImportedPack:
    event: dict[str, Any]  # the homework pack event as saved
    replaced: bool  # a pack with this id was there already
    ladder_added: list[dict[str, Any]] = field(default_factory=list)  # ladder.add events
    unrated: list[str] = field(default_factory=list)  # steps without a SUDS: not added


def import_pack(ws: Workspace, pack: HomeworkPack, file_name: str) -> ImportedPack:
    """Add the pack and put its ladder steps on the person's ladder, once each, in one append.

    A step with an expected SUDS is added as it is (the person can edit the rating); a step
    without one is not given a made-up number: the caller shows the command to add it with their
    own. Steps already on the ladder (same words) are left alone, so re-importing adds nothing
    twice.
    """
    from hikicli.domain.homework import PACK_KIND, current_packs
    from hikicli.services.ladder_state import load_ladder, new_step_events
    from hikicli.storage.log import new_event

    replaced = pack["id"] in current_packs(ws.log.read().events)
    state = load_ladder(ws)

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    on_ladder = {norm(s["text"]) for s in state["steps"].values() if not s.get("removed")}
    to_add: list[tuple[str, int, str]] = []
    unrated = []
    for task in pack.get("ladder_steps") or []:
        text = task["step"]
        if norm(text) in on_ladder:
            continue
        suds = task.get("expected_suds")
        if suds is None:
            unrated.append(text)
            continue
        to_add.append((text, suds, ""))
        on_ladder.add(norm(text))
    event = new_event(PACK_KIND, {"id": pack["id"], "file": file_name, "pack": pack}, ws.now())
    added = new_step_events(ws, state, to_add)
    ws.log.append_events([event, *added])
    if pack.get("audience") == "family":  # a family pack makes a named profile a family member's,
        from hikicli.services.family_profile import mark_family  # as its first family entry does

        mark_family(ws)
    return ImportedPack(event, replaced, added, unrated)
