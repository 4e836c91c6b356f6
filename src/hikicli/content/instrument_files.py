"""A counselor's own questionnaire files: one given with `--file`, or every file in the profile's
`instruments/` folder. They are validated by the same strict model as the shipped ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from hikicli.content.registry import kind_by_name
from hikicli.errors import ContentError

if TYPE_CHECKING:
    from hikicli.domain.content_types import Instrument


def load_instrument_file(path: Path) -> Instrument:
    """The validated instrument as plain data, or ContentError naming file, line and field."""
    from hikicli.content.validate import validate_located
    from hikicli.content.yamlload import parse_file

    if not path.is_file():
        raise ContentError([f"{path}: no such file"])
    kind = kind_by_name("instruments")
    assert kind is not None
    model = validate_located(parse_file(path), kind, str(path))
    return cast("Instrument", model.model_dump(mode="json"))


def user_instruments(folder: Path) -> tuple[dict[str, tuple[Instrument, Path]], list[str]]:
    """Every valid file in `folder` by id, with its path; and the problems of the others."""
    found: dict[str, tuple[Instrument, Path]] = {}
    problems: list[str] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            data = load_instrument_file(path)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        if data["id"] in found:
            problems.append(f"{path}: id '{data['id']}' is already used by {found[data['id']][1]}")
            continue
        found[data["id"]] = (data, path)
    return found, problems
