"""The shared use cases in services/, called as the commands call them: with the command's context
(anything that has the members of services.workspace.Workspace)."""

from __future__ import annotations

import pytest

from hikicli.domain import ladder as dl
from hikicli.domain.ladder_rules import could_master
from hikicli.errors import UsageError
from hikicli.services.homework_import import import_pack
from hikicli.services.ladder_state import add_step, load_ladder
from hikicli.services.ladder_try import save_try
from hikicli.storage.log import EventLog


def a_pack(steps):
    return {
        "id": "first-weeks",
        "title": "First weeks",
        "start": "2026-11-01",
        "due": "2026-11-14",
        "ladder_steps": steps,
    }


def test_a_pack_and_its_ladder_steps_are_saved_in_one_append(make_ctx, monkeypatch):
    ctx = make_ctx()
    add_step(ctx, "Open the curtains in the morning", 15)
    appends = []
    original = EventLog.append_events

    def counting(self, events):
        appends.append([e["kind"] for e in events])
        return original(self, events)

    monkeypatch.setattr(EventLog, "append_events", counting)
    steps = [
        {"step": "open the  curtains in the morning", "expected_suds": 15},  # on the ladder
        {"step": "Eat one meal outside my room", "expected_suds": 30},
        {"step": "Say hello to a neighbour"},  # no rating: not given a made-up number
        {"step": "Walk to the corner", "expected_suds": 40},
    ]
    imported = import_pack(ctx, a_pack(steps), "pack.yaml")
    assert appends == [["homework.pack", dl.ADD, dl.ADD]]
    assert [e["data"]["step"] for e in imported.ladder_added] == ["s2", "s3"]
    assert imported.unrated == ["Say hello to a neighbour"] and not imported.replaced
    kinds = [e["kind"] for e in ctx.log.read().events]
    assert kinds == [dl.ADD, "homework.pack", dl.ADD, dl.ADD]
    assert sorted(load_ladder(ctx)["steps"]) == ["s1", "s2", "s3"]


def test_a_pack_with_a_bad_step_saves_nothing(make_ctx):
    ctx = make_ctx()
    steps = [
        {"step": "Eat one meal outside my room", "expected_suds": 30},
        {"step": "x" * (dl.MAX_TEXT + 1), "expected_suds": 30},
    ]
    with pytest.raises(UsageError):
        import_pack(ctx, a_pack(steps), "pack.yaml")
    assert not ctx.log.exists() or ctx.log.read().events == []


def test_only_a_done_try_on_a_step_not_yet_mastered_may_master_it():
    assert could_master(False, "done")
    assert not could_master(True, "done")
    assert not could_master(False, "partly") and not could_master(False, "not-today")


def test_save_try_masters_a_step_once_the_rule_is_met(make_ctx):
    ctx = make_ctx()
    ctx.settings.set("ladder.rule", "habituation")
    add_step(ctx, "Open the curtains in the morning", 15)
    outcome = {"result": "done", "peak": 20, "end": 10, "happened": "no", "learned": "fine"}
    saved = []
    for _ in range(4):
        step = load_ladder(ctx)["steps"]["s1"]
        saved.append(save_try(ctx, step, {"step": "s1"}, outcome))
    needed = int(ctx.settings.get("ladder.tries"))
    assert [s.newly_mastered for s in saved] == [i == needed - 1 for i in range(4)]
    kinds = [e["kind"] for e in ctx.log.read().events]
    assert kinds.count(dl.MASTERED) == 1
    assert saved[-1].state["steps"]["s1"]["mastered"]
