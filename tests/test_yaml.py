from __future__ import annotations

import pytest

from hikicli.content.yamlload import parse_text
from hikicli.errors import ContentError


def test_yes_no_on_off_stay_strings_true_false_are_bools():
    data = parse_text("a: no\nb: yes\nc: on\nd: off\ne: true\nf: false\n", "t.yaml").data
    assert data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": True, "f": False}


def test_duplicate_keys_are_located_errors():
    with pytest.raises(ContentError) as err:
        parse_text("title: a\nbody: b\ntitle: c\n", "pack.yaml")
    assert err.value.problems == ["pack.yaml:3:1: duplicate key 'title'"]


def test_aliases_are_refused_so_an_alias_bomb_cannot_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    with pytest.raises(ContentError, match="aliases"):
        parse_text(bomb, "bomb.yaml")


def test_syntax_error_names_line_and_column():
    with pytest.raises(ContentError) as err:
        parse_text("a: [1, 2\nb: 3\n", "bad.yaml")
    assert err.value.problems[0].startswith("bad.yaml:")


def test_marks_give_line_of_each_path():
    located = parse_text("top:\n  items:\n    - id: a\n    - id: b\n", "x.yaml")
    assert located.where(("top", "items", 1, "id")) == (4, 7)
    assert located.where(("top", "items", 1, "missing")) == (4, 7)


def test_impossible_date_is_a_located_error():
    with pytest.raises(ContentError, match="x.yaml:1:"):
        parse_text("when: 2026-02-30\n", "x.yaml")
