"""Find a questionnaire: the shipped instruments, then the counselor's own files in the profile's
`instruments/` folder (a shipped id is never shadowed). Shared by `hiki assess`, its history and
`hiki report`; the notes (an unreadable or shadowed file) are for the caller to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from hikicli.services.workspace import Workspace

if TYPE_CHECKING:
    from hikicli.domain.content_types import Instrument

Instruments = dict[str, tuple["Instrument", Path | None]]  # id -> (definition, own file)


@dataclass(frozen=True)
class Found:
    instruments: Instruments
    notes: list[str] = field(default_factory=list)

    def definitions(self) -> dict[str, Instrument]:
        return {iid: data for iid, (data, _path) in self.instruments.items()}


def all_instruments(ws: Workspace) -> Found:
    """Shipped instruments, then the counselor's files in the profile's `instruments/` folder."""
    from hikicli.content.instrument_files import user_instruments
    from hikicli.domain.instruments import named_bands

    # The shipped forms' bands in this language's words, where it has them (the forms stay
    # English until an official translation's wording is in the reference; their band names
    # need not): results, history and reports then name a band as the screen's language does.
    # hiki's own sentences on what a band means (and a form's score note) likewise.
    words = ws.catalog["safety"]["assess"]
    names, with_range = words.get("band_names") or {}, words["band_range"]
    meanings, notes_by_id = words.get("band_meanings") or {}, words.get("score_notes") or {}
    found: Instruments = {}
    for i, data in ws.catalog["instruments"].items():
        if names or meanings.get(i):
            data = named_bands(data, names, with_range, meanings.get(i))
        if notes_by_id.get(i):
            data = cast("Instrument", {**data, "score_note": notes_by_id[i]})
        found[i] = (data, None)
    own, problems = user_instruments(ws.paths.data_dir / "instruments")
    notes = list(problems)
    for iid, (data, path) in own.items():
        if iid in found:
            notes.append(ws.catalog["safety"]["assess"]["file_shadowed"].format(id=iid, path=path))
            continue
        found[iid] = (data, path)
    return Found(found, notes)


def find_instrument(found: Found, iid: str) -> tuple[Instrument, Path | None]:
    from hikicli.errors import UsageError

    if iid not in found.instruments:
        raise UsageError("assess.unknown", id=iid, known=", ".join(sorted(found.instruments)))
    return found.instruments[iid]
