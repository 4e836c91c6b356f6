"""Strict YAML: PyYAML's C loader, with duplicate keys as errors, `yes`/`no`/`on`/`off` kept as
strings, no anchors or aliases (so an alias bomb cannot expand), and a line/column for each path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hikicli.errors import ContentError

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000  # shipped files hold a few hundred; more is a mistake or an attack
MAX_DEPTH = 64  # content is a few levels deep; a deeper file is a mistake or an attack
_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Integer forms that YAML 1.1 reads differently from how they look: leading zero (octal), 0o/0b/0x,
# base 60 (1:30) and underscores (1_0).
_YAML11_INT = re.compile(r"^[-+]?(?:0[0-9_]+|0[obx].*|.*:.*|.*_.*)$")


class StrictLoader(_Base):
    """YAML 1.2-like booleans: only true/false. What else YAML 1.1 calls a bool stays text."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed data plus where each path starts in the file (1-based line and column)."""

    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[int, int]:
        for end in range(len(loc), -1, -1):
            mark = self.marks.get(tuple(loc[:end]))
            if mark:
                return mark
        return (1, 1)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, label: str, loader: Any) -> None:
        self.label = label
        self.loader = loader
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.count = 0

    def fail(self, node: yaml.Node, message: str) -> ContentError:
        line, col = _mark(node)
        return ContentError([f"{self.label}:{line}:{col}: {message}"])

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"the file is too large (more than {MAX_NODES} values)")
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"values are nested too deeply (more than {MAX_DEPTH} levels)")
        if node.tag not in _TAGS:  # e.g. !!python/object or !!binary
            raise self.fail(node, f"tags such as '{node.tag}' are not supported; write plain text")
        if id(node) in self.seen:
            raise self.fail(
                node, "anchors and aliases (& and *) are not supported; write the value out"
            )
        self.seen.add(id(node))
        self.marks.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "merge keys (<<) are not supported")
                key = self.build_scalar(key_node)
                if not isinstance(key, (str, int)):
                    raise self.fail(key_node, "keys must be plain text")
                if key in result:
                    raise self.fail(key_node, f"duplicate key '{key}'")
                self.marks[loc + (key,)] = _mark(key_node)
                result[key] = self.build(value_node, loc + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.build_scalar(node, loc)

    def build_scalar(self, node: yaml.Node, loc: Loc = ()) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, "keys must be plain text")
        if node.tag == "tag:yaml.org,2002:int" and _YAML11_INT.match(str(node.value)):
            # YAML 1.1 reads 035 as 29 (octal) and 1:30 as 90 (base 60): never a number meant.
            field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
            field = field.replace(".[", "[")
            raise self.fail(
                node,
                f"{field + ': ' if field else ''}'{node.value}' is not read as a plain number "
                "(YAML 1.1 reads a leading zero as octal, ':' as base 60 and drops '_'): "
                "write it without them, or in quotes if it is text",
            )
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise self.fail(node, str(getattr(err, "problem", None) or err)) from None
        except ValueError as err:  # e.g. an impossible date such as 2026-02-30
            field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
            field = field.replace(".[", "[")
            raise self.fail(node, f"{field + ': ' if field else ''}invalid value: {err}") from None


def _count_events(scanner: Any, label: str) -> None:
    """Stop a file of many tiny values before composing it: building nodes costs ~10x more than
    scanning events, so a 2 MiB file of `[1,1,1,...]` would otherwise take seconds."""
    try:
        events = 0
        while scanner.check_event():
            event = scanner.get_event()
            events += 1
            if events > 2 * MAX_NODES:
                mark = event.start_mark
                raise ContentError(
                    [
                        f"{label}:{mark.line + 1}:{mark.column + 1}: the file is too large "
                        f"(more than {MAX_NODES} values)"
                    ]
                )
    finally:
        scanner.dispose()


def parse_text(text: str, label: str) -> Located:
    """Parse one YAML document strictly. Errors name the file, line and column."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ContentError([f"{label}: the file is larger than {MAX_BYTES // 1024} KiB"])
    loader = StrictLoader(text)
    try:
        _count_events(StrictLoader(text), label)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        problem = err.problem or err.context or "invalid YAML"
        raise ContentError([f"{label}:{where}: {problem}"]) from None
    except yaml.YAMLError as err:
        raise ContentError([f"{label}: invalid YAML: {err}"]) from None
    finally:
        loader.dispose()
    if node is None:
        return Located(None)
    builder = _Builder(label, loader)
    data = builder.build(node, ())
    return Located(data, builder.marks)


def parse_file(path: Path, label: str | None = None) -> Located:
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError([f"{name}: the file is larger than {MAX_BYTES // 1024} KiB"])
        raw = path.read_bytes()
    except OSError as err:
        raise ContentError([f"{name}: cannot read the file: {err.strerror or err}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ContentError([f"{name}: not UTF-8 text (byte {err.start})"]) from None
    return parse_text(text, name)
