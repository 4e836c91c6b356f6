"""Validate parsed YAML against a model and report every problem with file, line and field path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hikicli.content.registry import KINDS, Kind, kind_by_name
from hikicli.content.yamlload import Located, parse_file
from hikicli.errors import ContentError


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validate_located(located: Located, kind: Kind, label: str) -> Any:
    """Return the validated model, or raise ContentError listing every problem."""
    from pydantic import ValidationError

    model = kind.model_class()
    if not isinstance(located.data, dict):
        raise ContentError([f"{label}:1:1: expected a mapping of keys and values at the top level"])
    try:
        return model.model_validate(located.data)
    except ValidationError as err:
        problems = []
        names = field_names(model)
        for e in err.errors(include_url=False):
            # where() falls back to the longest known prefix (pydantic appends union branch names)
            line, col = located.where(tuple(e["loc"]))
            problems.append(
                f"{label}:{line}:{col}: {format_loc(tuple(e['loc']))}: {_message(e, names)}"
            )
        raise ContentError(problems) from None


def _message(error: Any, names: set[str]) -> str:
    """pydantic's words; an unknown key gets the closest known one ("did you mean")."""
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        import difflib

        key = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
    return message


def field_names(model: Any, seen: set[Any] | None = None) -> set[str]:
    """Every field name of a model and of the models inside it (for "did you mean")."""
    import typing

    seen = seen if seen is not None else set()
    if model in seen or not hasattr(model, "model_fields"):
        return set()
    seen.add(model)
    names: set[str] = set(model.model_fields)
    stack = [f.annotation for f in model.model_fields.values()]
    while stack:
        tp = stack.pop()
        if hasattr(tp, "model_fields"):
            names |= field_names(tp, seen)
        stack.extend(typing.get_args(tp))
    return names


def detect_kind(path: Path) -> Kind | None:
    """Guess the kind of a content file from its folder or its name."""
    by_folder = kind_by_name(path.parent.name)
    if by_folder and by_folder.folder:
        return by_folder
    by_name = kind_by_name(path.stem)
    if by_name and not by_name.folder:
        return by_name
    return None


def validate_path(path: Path) -> list[str]:
    """Validate one file, or every YAML file below a folder. Return all problems (empty if fine)."""
    files = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    if not path.exists():
        return [f"{path}: no such file or folder"]
    problems: list[str] = []
    for file in files:
        kind = detect_kind(file)
        if kind is None:
            known = ", ".join(f"{k.name}/" if k.folder else f"{k.name}.yaml" for k in KINDS)
            problems.append(f"{file}: unknown kind of content file (expected one of: {known})")
            continue
        try:
            located = parse_file(file)
            validate_located(located, kind, str(file))
        except ContentError as err:
            problems.extend(err.problems)
    return problems
