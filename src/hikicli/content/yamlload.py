"""Strict YAML: PyYAML's C loader, with duplicate keys as errors, `yes`/`no`/`on`/`off` kept as
strings, no anchors or aliases (so an alias bomb cannot expand), and a line/column for each path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hikicli.errors import ContentError, Msg

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


class StrictLoader(_Base):  # type: ignore[misc]  # libyaml's loader is untyped in the stubs
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

    def fail(self, node: yaml.Node, problem: str | Msg) -> ContentError:
        line, col = _mark(node)
        return located(f"{self.label}:{line}:{col}", problem)

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, Msg("content.too_many_values", most=MAX_NODES))
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, Msg("content.too_deep", most=MAX_DEPTH))
        if node.tag not in _TAGS:  # e.g. !!python/object or !!binary
            raise self.fail(node, Msg("content.tag", tag=node.tag))
        if id(node) in self.seen:
            raise self.fail(node, Msg("content.alias"))
        self.seen.add(id(node))
        self.marks.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, Msg("content.merge_key"))
                key = self.build_scalar(key_node)
                if not isinstance(key, (str, int)):
                    raise self.fail(key_node, Msg("content.plain_key"))
                if key in result:
                    raise self.fail(key_node, Msg("content.duplicate_key", key=key))
                self.marks[loc + (key,)] = _mark(key_node)
                result[key] = self.build(value_node, loc + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.build_scalar(node, loc)

    def build_scalar(self, node: yaml.Node, loc: Loc = ()) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, Msg("content.plain_key"))
        if node.tag == "tag:yaml.org,2002:int" and _YAML11_INT.match(str(node.value)):
            # YAML 1.1 reads 035 as 29 (octal) and 1:30 as 90 (base 60): never a number meant.
            problem = Msg("content.yaml11_number", value=node.value)
            raise self.fail(node, _in_field(loc, problem))
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise self.fail(node, str(getattr(err, "problem", None) or err)) from None
        except ValueError as err:  # e.g. an impossible date such as 2026-02-30
            problem = Msg("content.invalid_value", detail=str(err))
            raise self.fail(node, _in_field(loc, problem)) from None


def located(where: str, problem: str | Msg) -> ContentError:
    """One problem at `where` (file, or file:line:col), in the person's language when shown."""
    return ContentError([Msg("content.at", where=where, problem=problem)])


def _in_field(loc: Loc, problem: Msg) -> str | Msg:
    field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
    field = field.replace(".[", "[")
    return Msg("content.at", where=field, problem=problem) if field else problem


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
                where = f"{label}:{mark.line + 1}:{mark.column + 1}"
                raise located(where, Msg("content.too_many_values", most=MAX_NODES))
    finally:
        scanner.dispose()


def parse_text(text: str, label: str) -> Located:
    """Parse one YAML document strictly. Errors name the file, line and column."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise located(label, Msg("content.too_large", kib=MAX_BYTES // 1024))
    loader = StrictLoader(text)
    try:
        _count_events(StrictLoader(text), label)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        problem = err.problem or err.context or Msg("content.invalid_yaml")
        raise located(f"{label}:{where}", problem) from None
    except yaml.YAMLError as err:
        raise located(label, Msg("content.invalid_yaml_detail", detail=str(err))) from None
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
            raise located(name, Msg("content.too_large", kib=MAX_BYTES // 1024))
        raw = path.read_bytes()
    except OSError as err:
        raise located(name, Msg("content.cannot_read", reason=err.strerror or err)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise located(name, Msg("content.not_utf8", byte=err.start)) from None
    return parse_text(text, name)
