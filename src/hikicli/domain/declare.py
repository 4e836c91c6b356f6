"""What a feature declares about its events: the `EventKind` (name, typed payload, the one record
rule, the history summary, the version, an example), the small record rules kinds are made of, and
`Feature`, one feature's kinds with the projections and dashboard lines that hang off them.

Each feature declares itself once, in its own module of `domain/features/`; `domain/kinds.py`
and `domain/registry.py` are views over those declarations. Adding an event kind to a feature is
a change to that feature's module (and the words of its history line in content/<lang>/).

Pure and cheap to import: read on every start (the dashboard, the first check-in question), so
the features' heavier domain modules are imported inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from hikicli.errors import Msg

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent, SafetyText
    from hikicli.domain.features.plans import PlanItemAdded

Data = Mapping[str, Any]
Problem = Callable[[Data], "Msg | None"]  # why a stored payload cannot be read, in words


class SummaryContext:
    """What summaries are written with: `texts`, the summaries' own words in the person's
    language (the `history` group of content/<lang>/messages.yaml, passed in by the view: this
    module holds no words), the words of a safety row (content `progress.safety`; None or empty
    without a catalog: summaries then use `texts` alone) and the safety plan's items by id (an
    item_removed names only its id)."""

    # Plain classes, not dataclasses: this module is imported by every command that reads or
    # writes the log, and making a frozen dataclass costs about 1 ms at start-up.
    __slots__ = ("words", "plan_items", "texts")

    def __init__(
        self,
        words: SafetyText | None,
        plan_items: Mapping[str, PlanItemAdded] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self.words = words
        self.plan_items: Mapping[str, PlanItemAdded] = plan_items or {}
        self.texts: Mapping[str, str] = texts or {}

    @classmethod
    def over(
        cls,
        events: Iterable[Mapping[str, Any]],
        words: SafetyText | None,
        texts: Mapping[str, str] | None = None,
    ) -> SummaryContext:
        items: dict[str, PlanItemAdded] = {}
        for event in events:
            data = event.get("data")
            if event.get("kind") == "safety_plan.item_added" and isinstance(data, dict):
                added = cast("PlanItemAdded", data)  # its kind's payload, as declare.payload
                items[str(added.get("item"))] = added
        return cls(words, items, texts or {})

    def say(self, key: str, /, **params: Any) -> str:
        """The words `history.name` with `{placeholders}` filled; without words (no catalog at
        hand), the key and the values themselves, never a failure."""
        template = self.texts.get(key.partition(".")[2] or key)
        if not isinstance(template, str):
            values = [str(v) for v in params.values() if v not in ("", None)]
            return " ".join([key, *values])
        return fill(template, params)

    def label(self, group: str, value: Any) -> str:
        """An id in words (`contact` family -> 家族), or the id itself when it has none."""
        found = self.texts.get(f"{group}_{str(value).replace('-', '_')}")
        return found if isinstance(found, str) else str(value)

    def join(self, values: Iterable[Any], group: str | None = None) -> str:
        """A list in a sentence: `, ` in English, `、` in Japanese (the words' `list_sep`)."""
        sep = self.texts.get("list_sep", ", ")
        return str(sep).join(self.label(group, v) if group else str(v) for v in values)

    def parts(self, parts: Iterable[str]) -> str:
        """Pieces of one entry: ` · ` in English, `・` in Japanese (the words' `sep`)."""
        return str(self.texts.get("sep", " · ")).join(parts)


PLAIN = SummaryContext(None)


def ctx(context: SummaryContext | None) -> SummaryContext:
    return context if context is not None else PLAIN


def fill(template: str, params: Mapping[str, Any]) -> str:
    """`{name}` and `{name:spec}` placeholders only (no attribute or index lookups: words from a
    file cannot reach code); a missing or unformattable value is left as written."""
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        if not name.isidentifier() or name not in params:
            out.append("{" + name + "}")
            continue
        try:
            out.append(format(params[name], spec or ""))
        except (TypeError, ValueError):
            out.append(str(params[name]))
    return "".join(out)


Summary = Callable[[Data, "SummaryContext | None"], str]


class EventKind:
    """One event kind. `example` is a payload as today's hiki writes it; `older` holds shapes
    older hikis wrote that must stay readable (both are walked by tests). `kept_by` names the
    read commands (services/reads.py: history, progress, report, assess_history, homework,
    family) that keep this kind's events from before the days they show
    (domain/registry.READ_KEEPS); with `once`, they keep only the first event of each
    `once(event)` value: the later ones say nothing more to them (a ladder try's step and words,
    for the steps a pack's task names). Never changed once made."""

    __slots__ = (
        "name", "feature", "payload", "problem", "summary", "version", "example", "older",
        "kept_by", "once",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        feature: str,
        payload: type,
        problem: Problem,
        summary: Summary,
        version: int = 1,
        example: Mapping[str, Any] | None = None,
        older: tuple[Mapping[str, Any], ...] = (),
        kept_by: frozenset[str] = frozenset(),
        once: Callable[[Mapping[str, Any]], Any] | None = None,
    ) -> None:
        self.name = name
        self.feature = feature
        self.payload = payload
        self.problem = problem
        self.summary = summary
        self.version = version
        self.example: Mapping[str, Any] = example or {}
        self.older = older
        self.kept_by = kept_by
        self.once = once

    def __repr__(self) -> str:
        return f"EventKind({self.name!r})"


# --- small record rules ----------------------------------------------------------------------


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def int_in(value: Any, lo: int, hi: int) -> bool:
    return is_int(value) and lo <= value <= hi


def is_text(value: Any) -> bool:
    """A string that can be written back as UTF-8 (a JSON escape can hold a lone surrogate)."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def fields(
    what: str,
    required: Mapping[str, Callable[[Any], bool]],
    optional: Mapping[str, Callable[[Any], bool]] | None = None,
) -> Problem:
    """A record rule from field checks: required fields must hold, optional ones when present
    (None counts as absent: hiki writes None for a value that was not given)."""
    needed = tuple(required.items())
    # Each optional field with the test that shows at once that its check holds (a read or an
    # import of 100,000 events runs this for each): an ASCII string is text, a JSON whole number
    # within its bounds is such a number, a string date.fromisoformat reads is a date. Only a
    # True is taken from the shortcut; anything else is asked of the field's own check, so the
    # rule is exactly the fields' checks.
    maybe = tuple((name, ok, *_shortcut(ok)) for name, ok in (optional or {}).items())
    shown: list[Callable[[Data], bool]] = []  # _holds(needed, maybe), made at the first call

    def problem(data: Data) -> Msg | None:
        if not shown:
            shown.append(_holds(needed, maybe))
        if shown[0](data):
            return None
        # Not shown to hold at once: each field is asked in order, the first that fails named.
        get = data.get
        for name, ok in needed:
            if not ok(get(name)):
                return Msg("storage.field_unreadable", what=Msg(f"storage.what_{what}"), field=name)
        for name, ok, shortcut, lo, hi in maybe:
            value = get(name)
            if value is None:
                continue
            if shortcut == _TEXT:
                if type(value) is str and value.isascii():
                    continue
            elif shortcut == _WHOLE:
                if type(value) is int and lo <= value <= hi:
                    continue
            elif shortcut == _DATE and type(value) is str:
                try:
                    _day(value)
                except ValueError:
                    pass  # the field's own check says no, below
                else:
                    continue
            if not ok(value):
                return Msg("storage.field_unreadable", what=Msg(f"storage.what_{what}"), field=name)
        return None

    FIELD_RULES[problem] = (needed, tuple((m[0], m[1]) for m in maybe))
    return problem


# Each rule `fields` made, with its fields' checks in order (tests ask them one by one and
# compare: the straight-line shortcuts of `_holds` never say yes where a check says no).
FIELD_RULES: dict[Problem, tuple[tuple[tuple[str, Callable[[Any], bool]], ...], ...]] = {}


def _holds(
    needed: tuple[tuple[str, Callable[[Any], bool]], ...],
    maybe: tuple[tuple[str, Callable[[Any], bool], int, float, float], ...],
) -> Callable[[Data], bool]:
    """A function that says True when a payload passes the rule `fields` makes from these
    fields, by the same shortcuts (False: ask each field, as `fields` does), written out in
    straight lines for these fields: a read or an import of 100,000 events runs a rule for each
    one, and the loop over the fields' tuples took 40 % of a rule's time."""
    env: dict[str, Any] = {"_day": _day}
    lines = ["def holds(data):", "    get = data.get"]
    for at, (name, ok) in enumerate(needed):
        env[f"need{at}"] = ok
        lines.append(f"    if not need{at}(get({name!r})): return False")
    for at, (name, ok, shortcut, lo, hi) in enumerate(maybe):
        lines.append(f"    v = get({name!r})")
        if shortcut == _TEXT:
            lines.append(
                "    if v is not None and not (type(v) is str and v.isascii()): return False"
            )
        elif shortcut == _WHOLE:
            tests = ["type(v) is int"]
            tests += [f"{int(lo)} <= v"] if math.isfinite(lo) else []
            tests += [f"v <= {int(hi)}"] if math.isfinite(hi) else []
            lines.append(f"    if v is not None and not ({' and '.join(tests)}): return False")
        elif shortcut == _DATE:
            lines += [
                "    if v is not None:",
                "        if type(v) is not str: return False",
                "        try: _day(v)",
                "        except ValueError: return False",
            ]
        else:
            env[f"ok{at}"] = ok
            lines.append(f"    if v is not None and not ok{at}(v): return False")
    lines.append("    return True")
    exec(compile("\n".join(lines), "<hikicli record rule>", "exec"), env)  # noqa: S102
    return cast("Callable[[Data], bool]", env["holds"])


_TEXT, _WHOLE, _DATE, _CALL = 1, 2, 3, 0
_day = dt.date.fromisoformat
_WHOLE_BOUNDS: dict[Callable[[Any], bool], tuple[float, float]] = {}


def _shortcut(ok: Callable[[Any], bool]) -> tuple[int, float, float]:
    if ok is is_text:
        return _TEXT, 0, 0
    if ok is is_date:
        return _DATE, 0, 0
    bounds = _WHOLE_BOUNDS.get(ok)
    if bounds is not None:
        return _WHOLE, *bounds
    return _CALL, 0, 0


def whole_in(lo: int, hi: int) -> Callable[[Any], bool]:
    """The check "a whole number from `lo` to `hi`" (int_in), known to `fields` as such."""

    def check(value: Any) -> bool:
        return int_in(value, lo, hi)

    _WHOLE_BOUNDS[check] = (lo, hi)
    return check


def texts_map(value: Any) -> bool:
    return isinstance(value, dict) and all(is_text(k) and is_text(v) for k, v in value.items())


def number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


suds = whole_in(0, 100)


def whole(value: Any) -> bool:
    return is_int(value)


_WHOLE_BOUNDS[whole] = _WHOLE_BOUNDS[is_int] = (-math.inf, math.inf)


def simple(key: str, names: tuple[str, ...] = (), **labels: str) -> Summary:
    """A summary from the words `key` over the payload; `names` are the payload fields its words
    may name (absent ones read as empty); a value named in `labels` is an id shown in words
    (`status` read -> 読みました)."""

    def summary(data: Data, context: SummaryContext | None) -> str:
        words = ctx(context)
        params = {k: "" if v is None else v for k, v in data.items()}
        for name, group in labels.items():
            if name in params:
                params[name] = words.label(group, params[name])
        for name in names:
            params.setdefault(name, "")
        return words.say(key, **params)

    return summary


P = TypeVar("P")


def payload(event: Mapping[str, Any], shape: type[P]) -> P:
    """An event's payload as its kind's declared type (`shape`, the kind's TypedDict). Read-back
    checked it with the kind's record rule, so each value that is present has the declared type
    (fields may be missing: payload types are read with `.get`). A payload that is not a mapping
    (damaged, and skipped by read-back) reads as an empty one."""
    data = event.get("data")
    return cast(P, data if isinstance(data, Mapping) else {})


# A dashboard projection (storage/projection.py folds it over the log); typed loosely here because
# the domain's projections are plain classes with `name`, `version`, `initial` and `apply`.
Projection = Any
DashboardLines = Callable[[Mapping[str, Any], "CatalogContent", dt.date], list[str]]


class Feature:
    """One feature, declared once: its event kinds, the projections the dashboard folds for it
    (made on demand: their modules are imported only when the dashboard runs) and the lines it
    adds under today's status, from its folded states and the catalog."""

    __slots__ = ("name", "kinds", "projections", "dashboard_lines")

    def __init__(
        self,
        name: str,
        kinds: tuple[EventKind, ...] = (),
        projections: Callable[[], list[Projection]] | None = None,
        dashboard_lines: DashboardLines | None = None,
    ) -> None:
        self.name = name
        self.kinds = kinds
        self.projections = projections
        self.dashboard_lines = dashboard_lines

    def __repr__(self) -> str:
        return f"Feature({self.name!r})"
