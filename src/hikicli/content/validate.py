"""Validate parsed YAML against a model and report every problem with file, line and field path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hikicli.content.registry import KINDS, Kind, kind_by_name
from hikicli.content.yamlload import Located, parse_file
from hikicli.errors import ContentError, Msg


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or str(Msg("content.top_level"))


def _field(loc: tuple[Any, ...]) -> str | Msg:
    return format_loc(loc) if loc else Msg("content.top_level")


def validate_located(located: Located, kind: Kind, label: str) -> Any:
    """Return the validated model, or raise ContentError listing every problem."""
    from pydantic import ValidationError

    model = kind.model_class()
    if not isinstance(located.data, dict):
        raise ContentError(
            [Msg("content.at", where=f"{label}:1:1", problem=Msg("content.not_mapping"))]
        )
    try:
        return model.model_validate(located.data)
    except ValidationError as err:
        found: list[tuple[int, int, Msg]] = []
        names = field_names(model)
        for e in err.errors(include_url=False):
            # where() falls back to the longest known prefix (pydantic appends union branch names)
            line, col = located.where(tuple(e["loc"]))
            field = Msg("content.at", where=_field(tuple(e["loc"])), problem=_message(e, names))
            found.append(
                (line, col, Msg("content.at", where=f"{label}:{line}:{col}", problem=field))
            )
        # in the file's order, as an editor shows it (pydantic's is the model's field order)
        problems: list[str | Msg] = [m for _, _, m in sorted(found, key=lambda f: f[:2])]
        raise ContentError(problems) from None


# pydantic's fixed sentences that the catalog holds word for word (any other stays English).
_PYDANTIC = {
    "missing": "content.field_required",
    "extra_forbidden": "content.extra_key",
    "string_type": "content.not_text",
    "list_type": "content.not_list",
    "bool_type": "content.not_bool",
    "int_type": "content.not_int",
    "int_parsing": "content.not_int_text",
    # with the bound or the choices from pydantic's context (ctx)
    "less_than_equal": "content.at_most",
    "greater_than_equal": "content.at_least",
    "less_than": "content.below",
    "greater_than": "content.above",
    "string_too_long": "content.text_too_long",
    "string_too_short": "content.text_too_short",
    "too_long": "content.list_too_long",
    "too_short": "content.list_too_short",
    "literal_error": "content.one_of",
}


def _message(error: Any, names: set[str]) -> str | Msg:
    """pydantic's words (in English), or the model's own in the person's language (a validator
    raising `ValueError(Msg(...))`); an unknown key gets the closest known one ("did you
    mean")."""
    message: str | Msg = str(error["msg"])
    if error["type"] in _PYDANTIC:
        ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, (int, str))}
        try:
            ours = Msg(_PYDANTIC[error["type"]], **ctx)
            if str(ours) == message:  # the same English; other languages their own
                message = ours
        except (KeyError, IndexError):  # a context this catalog's words do not name
            pass
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Msg):
        message = Msg("content.value_error", problem=cause.args[0])
    if error["type"] == "extra_forbidden":
        import difflib

        key = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.6)
        if close:
            message = Msg("content.did_you_mean", message=message, key=close[0])
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
    return [str(p) for p in validate_path_items(path)]


def validate_path_items(path: Path) -> list[str | Msg]:
    """`validate_path`, each problem kept as a message to show in the person's language."""
    files = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    if not path.exists():
        return [Msg("content.at", where=str(path), problem=Msg("content.no_such_path"))]
    problems: list[str | Msg] = []
    for file in files:
        kind = detect_kind(file)
        if kind is None:
            known = ", ".join(f"{k.name}/" if k.folder else f"{k.name}.yaml" for k in KINDS)
            problems.append(
                Msg("content.at", where=str(file), problem=Msg("content.unknown_kind", known=known))
            )
            continue
        try:
            located = parse_file(file)
            validate_located(located, kind, str(file))
        except ContentError as err:
            problems.extend(err.items)
    return problems
