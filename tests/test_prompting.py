"""The questionary adapter driven through prompt_toolkit's pipe input (no terminal needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from hikicli.content.catalog import build_catalog, lang_dir
from hikicli.errors import Cancelled
from hikicli.flows.checkin import run_checkin
from hikicli.prompting import QuestionaryPrompter

pytestmark = pytest.mark.timeout(20)

DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"


@pytest.fixture
def pipe() -> Iterator:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


@pytest.fixture(scope="module")
def content():
    return build_catalog(lang_dir("en"))["checkin"]


def prompter(pipe) -> QuestionaryPrompter:
    return QuestionaryPrompter(input=pipe, output=DummyOutput())


def test_a_whole_checkin_through_the_real_prompts(pipe, content, capsys):
    # mood, anxiety, energy, sleep, outside; contact: move to "family", tick it; note.
    pipe.send_text("7\r3\r5\r6.5\r30\r")
    pipe.send_text(DOWN + SPACE + ENTER)
    pipe.send_text("went to the shop\r")
    record = run_checkin(prompter(pipe), content, dt.date(2026, 11, 25), dt.date(2026, 11, 25))
    assert (record.mood, record.anxiety, record.energy) == (7, 3, 5)
    assert record.sleep == 6.5 and record.outside == 30
    assert record.contact == ("family",) and record.note == "went to the shop"


def test_out_of_range_is_asked_again_not_accepted(pipe, content):
    pipe.send_text("12\r\x7f\x7f8\r")  # rejected, then erased and retyped
    value = prompter(pipe).scale("mood", "Mood", 0, 10)
    assert value == 8


def test_ctrl_c_raises_cancelled(pipe, content):
    pipe.send_text("5\r" + CTRL_C)
    with pytest.raises(Cancelled):
        run_checkin(prompter(pipe), content, dt.date(2026, 11, 25), dt.date(2026, 11, 25))


def test_confirm_and_select(pipe):
    pipe.send_text("y")
    assert prompter(pipe).confirm("ok", "Sure?") is True
    pipe.send_text(DOWN + ENTER)
    assert prompter(pipe).select("pick", "Pick", [("a", "A"), ("b", "B")]) == "b"
