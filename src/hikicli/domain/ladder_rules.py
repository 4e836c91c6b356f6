"""When a ladder step counts as mastered: two legitimate rules, chosen by the setting ladder.rule.

- habituation: distress settles (peak or end SUDS at or under a threshold, or a drop of at least
  half within the try) on N consecutive done tries;
- expectancy (inhibitory learning, Craske et al. 2014): the feared outcome did not happen on N done
  tries, each with a learning written, across varied contexts.

Pure functions; kept apart from the dashboard's fold so `hiki` alone never imports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hikicli.domain.ladder import TRY


@dataclass(frozen=True)
class TryFacts:
    """What the mastery rules look at in one try."""

    result: str
    peak: int | None = None
    end: int | None = None
    happened: str = ""
    learned: bool = False
    context: str = ""


@dataclass(frozen=True)
class Rule:
    name: str = "expectancy"
    tries: int = 3
    habituation_suds: int = 30
    contexts: int = 2


def context_of(with_someone: bool, place: str) -> str:
    """Alone or with someone, and where: different contexts help learning generalise."""
    return f"{'with-someone' if with_someone else 'alone'}|{' '.join(place.lower().split())}"


def facts_of(data: Mapping[str, Any]) -> TryFacts:
    return TryFacts(
        result=str(data.get("result", "")),
        peak=data.get("peak") if isinstance(data.get("peak"), int) else None,
        end=data.get("end") if isinstance(data.get("end"), int) else None,
        happened=str(data.get("happened") or ""),
        learned=bool(str(data.get("learned") or "").strip()),
        context=context_of(bool(data.get("with_someone")), str(data.get("where") or "")),
    )


def tries_of(events: Iterable[Mapping[str, Any]], step_id: str) -> list[TryFacts]:
    return [
        facts_of(e["data"])
        for e in events
        if e.get("kind") == TRY and e["data"].get("step") == step_id
    ]


def settles(t: TryFacts, threshold: int) -> bool:
    """Habituation on one try: peak or end at or under the threshold, or a drop of at least half."""
    if t.peak is None and t.end is None:
        return False
    if t.peak is not None and t.peak <= threshold or t.end is not None and t.end <= threshold:
        return True
    return t.peak is not None and t.end is not None and t.end * 2 <= t.peak


def habituation_mastered(tries: Sequence[TryFacts], threshold: int, needed: int) -> bool:
    """`needed` consecutive done tries that settle. Partial and not-today tries neither count nor
    break the run: a hard day is not a step back."""
    run = 0
    for t in tries:
        if t.result != "done":
            continue
        run = run + 1 if settles(t, threshold) else 0
        if run >= needed:
            return True
    return False


def expectancy_mastered(tries: Sequence[TryFacts], needed: int, contexts: int) -> bool:
    """The feared outcome did not happen on `needed` done tries, each with a learning written,
    across at least `contexts` different contexts (alone / with someone, and place)."""
    counted = [t for t in tries if t.result == "done" and t.happened == "no" and t.learned]
    return len(counted) >= needed and len({t.context for t in counted}) >= contexts


def is_mastered(tries: Sequence[TryFacts], rule: Rule) -> bool:
    if rule.name == "habituation":
        return habituation_mastered(tries, rule.habituation_suds, rule.tries)
    return expectancy_mastered(tries, rule.tries, rule.contexts)


def could_master(already_mastered: bool, result: str) -> bool:
    """Whether a try just saved may master its step (then `is_mastered` on all its tries says):
    only a done try can, and a step is mastered once."""
    return not already_mastered and result == "done"
