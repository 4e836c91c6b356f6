"""The record rules made from field checks (domain/declare.fields) answer a payload at once by
straight-line shortcuts (an import or a read of 100,000 events asks one for each): they must
answer exactly as the fields' own checks asked one by one, in order, would."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hikicli.domain.declare import FIELD_RULES
from hikicli.domain.kinds import KINDS
from hikicli.errors import Msg
from tests.support import examples

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=130),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["", "ok", "なるほど", "\ud800", "2026-02-30", "2026-11-20", "2026-1-2",
                     "20261120", "2026-11-20T09:00", "9999-12-31", " 2026-11-20"]),
    st.lists(st.integers(max_value=5), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


def by_hand(needed: Any, optional: Any, data: dict[str, Any]) -> str | None:
    """The field named by the first check that fails, asked one by one (None: all hold)."""
    for name, ok in needed:
        if not ok(data.get(name)):
            return name
    for name, ok in optional:
        value = data.get(name)
        if value is not None and not ok(value):
            return name
    return None


RULES = [(k.name, k.problem, FIELD_RULES[k.problem]) for k in KINDS if k.problem in FIELD_RULES]


def test_most_kinds_are_made_from_field_checks() -> None:
    assert len(RULES) >= 15  # this test is not about nothing


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_a_rule_answers_as_its_checks_one_by_one(data: st.DataObject) -> None:
    name, rule, (needed, optional) = data.draw(st.sampled_from(RULES))
    fields = [n for n, _ in needed] + [n for n, _ in optional]
    payload = data.draw(
        st.dictionaries(st.sampled_from([*fields, "other"]), VALUES, max_size=len(fields) + 1)
    )
    said = rule(payload)
    expected = by_hand(needed, optional, payload)
    if expected is None:
        assert said is None, (name, payload, said)
    else:
        assert isinstance(said, Msg) and said.params.get("field") == expected, (name, payload)


def test_the_usual_payloads_pass_and_a_bad_value_is_named() -> None:
    rule = next(r for n, r, _ in RULES if n == "activity.done")
    good = {"date": "2026-11-20", "text": "made tea", "activity": "", "pleasure": 3,
            "mastery": 0, "plan": ""}  # fmt: skip
    assert rule(good) is None
    assert rule({**good, "text": "お茶をいれた"}) is None  # not ASCII: the check itself says yes
    for field, bad in (("pleasure", 11), ("pleasure", True), ("date", "2026-02-30"),
                       ("text", "\ud800"), ("mastery", 2.0)):  # fmt: skip
        said = rule({**good, field: bad})
        assert isinstance(said, Msg) and said.params["field"] == field, (field, bad)
