"""JSON Schema of the content files, for editors and for checking files outside hiki.

`kind_schema(name)` is one kind's schema. `content_schema()` is one schema for any content file:
it dispatches on the file's kind, told by the keys at its top (a file with `due` at the top is a
homework pack and must be a valid one), and a file must be valid as at least one kind. Rules that
JSON Schema cannot say are checked by hiki only; each kind's description names them.
"""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def kind_schema(name: str) -> dict[str, Any] | None:
    from hikicli.content.registry import kind_by_name

    kind = kind_by_name(name)
    if kind is None:
        return None
    doc = kind.model_class().model_json_schema()
    doc["$schema"] = SCHEMA_DIALECT
    return doc


def content_schema() -> dict[str, Any]:
    """One schema for every kind of content file, each kind's schema under `$defs/<kind>`."""
    from hikicli.content.registry import KINDS

    defs: dict[str, Any] = {}
    roots: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        doc = kind.model_class().model_json_schema(ref_template=f"#/$defs/{kind.name}.{{model}}")
        for name, sub in doc.pop("$defs", {}).items():
            defs[f"{kind.name}.{name}"] = sub
        defs[kind.name] = roots[kind.name] = doc
    dispatch = []
    for name, doc in roots.items():
        others = {
            key for other, od in roots.items() if other != name for key in od.get("properties", {})
        }
        own = [key for key in doc.get("required", []) if key not in others]
        if own:  # a key only this kind has: the file is of this kind
            dispatch.append({"if": {"required": [own[0]]}, "then": {"$ref": f"#/$defs/{name}"}})
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "hiki content",
        "description": (
            "Any hiki content file (hiki content validate FILE checks it the same way). The kind "
            "is told by the keys at the top of the file; `hiki content schema KIND` prints one "
            "kind's schema."
        ),
        "type": "object",
        "allOf": dispatch,
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": defs,
    }
