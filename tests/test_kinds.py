"""Every event kind is declared once, by its feature (domain/features/), and complete; every kind
src writes is declared; one record rule per kind holds at write, read-back and import; history
has words; what the registries show is a view over the features' declarations."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from hikicli.domain import kinds
from hikicli.domain.kinds import BY_NAME, KINDS, SummaryContext, summarize
from hikicli.errors import StorageError
from hikicli.storage.log import EventLog, new_event
from hikicli.storage.paths import Paths
from tests.support import FIXED_NOW, log_lines

SRC = Path(kinds.__file__).resolve().parents[1]  # src/hikicli


def safety_words() -> dict[str, Any]:
    from hikicli.content.catalog import load_catalog

    return dict(load_catalog()["progress"]["safety"])


def history_texts(lang: str = "en") -> dict[str, Any]:
    from hikicli.cli.history_rows import history_texts as texts

    return texts(lang)


def sample_events() -> list[dict[str, Any]]:
    """One entry of every declared kind as hiki writes it today, and the older shapes."""
    out = []
    for minute, (kind, data) in enumerate(
        (k.name, payload) for k in KINDS for payload in (k.example, *k.older)
    ):
        event = new_event(kind, json.loads(json.dumps(data)), FIXED_NOW)
        event["ts"] = FIXED_NOW.replace(minute=minute % 60).isoformat()
        out.append(event)
    return out


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_declared_kind_is_complete(kind):
    assert kind.name and kind.feature and kind.version >= 1
    hints = get_type_hints(kind.payload)
    assert hints, f"{kind.name}: a typed payload"
    for payload in (kind.example, *kind.older):
        undeclared = set(payload) - set(hints)
        assert not undeclared, f"{kind.name}: undeclared fields {undeclared}"
        assert kind.problem(payload) is None, (kind.name, kind.problem(payload))
        context = SummaryContext.over(
            [{"kind": "safety_plan.item_added", "data": BY_NAME["safety_plan.item_added"].example}],
            safety_words(),
            history_texts(),
        )
        for ctx in (context, None):
            line = kind.summary(payload, ctx)
            assert isinstance(line, str) and line.strip(), f"{kind.name}: a summary in words"
    first = next(iter(kind.example))
    wrong = 5 if isinstance(kind.example[first], str) else "x"
    assert kind.problem({**kind.example, first: wrong}), f"{kind.name}: refuses a wrong type"


def test_feature_constants_name_declared_kinds():
    from hikicli.domain import (
        activity,
        checkin,
        family,
        homework,
        instruments,
        ladder,
        restart_plan,
        risk,
        safety_plan,
    )

    written = {
        checkin.KIND, risk.KIND, instruments.KIND, safety_plan.ADDED, safety_plan.REMOVED,
        family.LESSON_KIND, family.CHECKIN_KIND, family.READING_KIND, homework.PACK_KIND,
        homework.ANSWER_KIND, homework.DONE_KIND, homework.GUIDE_KIND, *ladder.KINDS,
        *activity.KINDS, *restart_plan.KINDS,
    }  # fmt: skip
    assert written == set(BY_NAME)


def test_each_feature_declares_its_own_kinds_once():
    from hikicli.domain.features import FEATURES

    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names))
    for feature in FEATURES:
        assert feature.kinds, feature.name
        for kind in feature.kinds:
            assert kind.feature == feature.name, (kind.name, feature.name)
    assert [k.name for k in KINDS] == [k.name for f in FEATURES for k in f.kinds]
    assert len(BY_NAME) == len(KINDS)  # no kind declared twice


def test_what_each_read_command_keeps_from_before_its_days():
    """The kinds each read command keeps (services/reads.py), written out here by hand: a kind
    whose `kept_by` is lost or widened changes what a command shows, or how much it reads."""
    from hikicli.domain.registry import READ_KEEPS

    kept = {
        command: {k.name for k in KINDS if keeps(k.name)} for command, keeps in READ_KEEPS.items()
    }
    assert kept["history"] == {"safety_plan.item_added"}
    assert kept["progress"] == {
        "ladder.goal", "ladder.add", "ladder.edit", "ladder.remove", "ladder.pause",
        "ladder.resume", "ladder.plan", "ladder.try", "ladder.mastered",
    }  # fmt: skip
    assert kept["assess_history"] == {"assessment", "risk.signal"}
    # rated activities are read for the report's period only (domain.activity.activity_summary)
    assert kept["report"] == set(BY_NAME) - {
        "checkin", "guide.read", "activity.plan", "activity.done",
    }  # fmt: skip
    assert kept["homework"] == {
        "homework.pack", "homework.answer", "homework.done", *kept["progress"],
    }  # fmt: skip
    assert kept["family"] == {"family.lesson"}
    assert READ_KEEPS["report"]("newer.kind") and not READ_KEEPS["history"]("newer.kind")
    # Of a plan or a try, only the first with the same step and words (domain.homework.step_done_on)
    assert {k.name for k in KINDS if k.once} == {"ladder.plan", "ladder.try"}


# Calls that pass a kind through (checked by the callers' own kinds): file, expression.
# Helpers that pass a caller's kind through; their callers name declared constants.
PASSED_THROUGH = {
    ("storage/log.py", "kind"),
    ("cli/context.py", "kind"),
    ("cli/ladder.py", "kind"),
    ("cli/family.py", "kind"),  # _append(actx, LESSON_KIND | CHECKIN_KIND, ...)
    ("cli/activity.py", "kind"),  # _save(actx, PLAN_KIND | DONE_KIND, ...)
}


def _writes(tree: ast.AST) -> list[tuple[ast.expr, list[ast.AST]]]:
    """(kind expression, enclosing functions) of every log.append / new_event / self.save call."""
    found: list[tuple[ast.expr, list[ast.AST]]] = []

    def visit(node: ast.AST, scopes: list[ast.AST]) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scopes
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = [*scopes, child]
            if isinstance(child, ast.Call) and child.args:
                func = child.func
                writes = isinstance(func, ast.Name) and func.id == "new_event"
                if isinstance(func, ast.Attribute):
                    owner = ast.unparse(func.value)
                    writes |= func.attr == "append" and owner.endswith("log")
                    writes |= func.attr == "save" and owner == "self"
                if writes:
                    found.append((child.args[0], inner))
            visit(child, inner)

    visit(tree, [])
    return found


def test_every_kind_written_anywhere_in_src_is_declared():
    seen: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if path.name == "__main__.py":
            continue  # runs hiki when imported; it writes nothing itself
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = importlib.import_module("hikicli." + rel[:-3].replace("/", "."))
        for expr, scopes in _writes(tree):
            namespace = dict(vars(module))
            for scope in scopes:  # imports inside the enclosing functions
                for node in ast.walk(scope):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        exec(compile(ast.Module([node], []), rel, "exec"), namespace)
            try:
                kind = eval(compile(ast.Expression(expr), rel, "eval"), namespace)
            except (NameError, AttributeError):
                assert (rel, ast.unparse(expr)) in PASSED_THROUGH, (rel, expr.lineno)
                continue
            assert kind in BY_NAME, f"{rel}:{expr.lineno}: kind {kind!r} is not declared"
            seen.add(kind)
    assert len(seen) >= 10, seen  # the scan finds the writers (it is not vacuous)


def test_export_wipe_import_round_trips_every_kind_and_a_long_note(hiki, home, tmp_path):
    events = sample_events()
    assert any(len(e["data"].get("note", "")) == 4001 for e in events)
    EventLog(Paths.resolve(home)).append_events(events)
    read = EventLog(Paths.resolve(home)).read()
    assert read.problems == [] and len(read.events) == len(events)
    out = tmp_path / "export.json"
    assert hiki(["data", "export", "-o", str(out), "--force"]).exit_code == 0
    assert hiki(["data", "wipe", "--yes"]).exit_code == 0
    result = hiki(["data", "import", str(out)])
    assert result.exit_code == 0, result.output
    assert log_lines(home) == events
    assert {e["kind"] for e in log_lines(home)} == set(BY_NAME)


@pytest.mark.parametrize(
    "kind, data",
    [
        ("checkin", {**BY_NAME["checkin"].example, "mood": 11}),
        ("checkin", {**BY_NAME["checkin"].example, "contact": ["Family"]}),
        ("checkin", {**BY_NAME["checkin"].example, "note": 5}),
        ("risk.signal", {**BY_NAME["risk.signal"].example, "source": "guess"}),
        ("ladder.try", {**BY_NAME["ladder.try"].example, "peak": "high"}),
        ("homework.answer", {**BY_NAME["homework.answer"].example, "text": ["x"]}),
    ],
)
def test_one_rule_at_write_read_back_and_import(hiki, home, tmp_path, kind, data):
    problem = BY_NAME[kind].problem(data)
    assert problem
    log = EventLog(Paths.resolve(home))
    with pytest.raises(StorageError, match="nothing was saved"):
        log.append(kind, data, FIXED_NOW)
    assert not log.path.exists() or log_lines(home) == []
    event = new_event(kind, data, FIXED_NOW)
    log.path.parent.mkdir(parents=True, exist_ok=True)
    log.path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    read = log.read()
    assert read.events == [] and [p.line for p in read.problems] == [1]
    assert str(problem) in read.problems[0].reason
    doc = {"format": "hiki-export", "version": 1, "events": [event]}
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    result = hiki(["data", "import", str(tmp_path / "bad.json")])
    assert result.exit_code == 2 and str(problem) in " ".join(result.output.split())


def test_history_says_every_kind_in_words(hiki, home):
    events = [*sample_events(), new_event("zz.future", {"x": 1}, FIXED_NOW)]
    EventLog(Paths.resolve(home)).append_events(events)
    result = hiki(["history", "--limit", "200"], now=FIXED_NOW)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    context = SummaryContext.over(events, safety_words(), history_texts())
    for event in events:
        words = summarize(event, context)
        assert words.strip(), event["kind"]
        if event["kind"] == "assessment":  # the band as the form names it, not its id
            assert "PHQ-9 9: Mild (5–9)" in flat
        elif event["kind"] != "checkin":  # history words a check-in itself, the same way
            assert " ".join(words.split())[:30] in flat, event["kind"]
    assert "mood 6 · anxiety 4 · energy 3" in flat
    assert "does not know (zz.future)" in flat


@pytest.mark.parametrize(
    ("kind", "field", "value", "ok"),
    [
        ("activity.done", "pleasure", 10, True),
        ("activity.done", "pleasure", 11, False),
        ("activity.done", "pleasure", -1, False),
        ("activity.done", "pleasure", True, False),  # a JSON true is not a rating
        ("activity.done", "pleasure", 5.0, False),
        ("activity.done", "pleasure", None, True),  # absent
        ("activity.done", "text", "お茶を飲みました", True),
        ("activity.done", "text", "tea \ud800", False),  # a lone surrogate cannot be written
        ("activity.done", "text", 5, False),
        ("activity.done", "date", "2026-13-01", False),
        ("ladder.try", "peak", 100, True),
        ("ladder.try", "peak", 101, False),
        ("ladder.try", "peak", False, False),
        ("ladder.try", "minutes", 2**70, True),  # any whole number
        ("ladder.try", "minutes", True, False),
        ("ladder.try", "likelihood", -3, True),
        ("ladder.try", "likelihood", "3", False),
        ("ladder.add", "suds", 1.5, False),
    ],
)
def test_a_record_rule_checks_each_value_as_declared(kind, field, value, ok):
    # The rules take a shortcut for ASCII text and whole numbers within bounds (an import of
    # 100,000 entries runs them for each): the answers are the fields' own checks.
    data = {**BY_NAME[kind].example, field: value}
    problem = kinds.payload_problem(kind, data)
    assert (problem is None) == ok
    if not ok:
        assert problem is not None and problem.params["field"] == field


def test_every_declared_name_passes_the_imports_rule_for_a_kind():
    # storage/importing.check_event takes a declared kind's name as short and printable
    from hikicli.storage.importing import MAX_KIND

    assert all(0 < len(k.name) <= MAX_KIND and k.name.isprintable() for k in KINDS)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2026-11-20", True), ("2026-02-30", False), ("", False), (20261120, False), ("x", False)],
)  # fmt: skip
def test_a_record_rule_reads_a_date_as_is_date_does(value, ok):
    from hikicli.domain.declare import is_date

    data = {**BY_NAME["activity.done"].example, "date": value}
    assert (kinds.payload_problem("activity.done", data) is None) == ok == is_date(value)
