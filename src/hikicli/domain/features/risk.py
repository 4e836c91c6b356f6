"""Risk signals: every source of risk (a check-in answer, a questionnaire's risk item, a note, a
cancel after a risk answer) is recorded as one `risk.signal` the moment it is given
(domain/risk.py decides; services/risk.py records; cli/risk_view.py shows)."""

from __future__ import annotations

from typing import Literal, TypedDict

from hikicli.domain.declare import Data, EventKind, Feature, Projection, SummaryContext, ctx
from hikicli.errors import Msg

# Read before the days they show: every result and its risk moments (assess history), and the
# report's safety rows.
KEPT_BY = frozenset({"assess_history", "report"})


# Where a risk moment came from and how strong it is (domain/risk.py's SOURCES, STRENGTHS).
Source = Literal["checkin", "instrument", "note", "family"]
Strength = Literal["high", "possible"]


class RiskPayload(TypedDict, total=False):
    source: Source
    strength: Strength
    date: str
    answer: str
    instrument: str
    instrument_name: str
    item: int
    threshold: int
    mood: int
    context: str


def _risk_problem(data: Data) -> Msg | None:
    from hikicli.domain.risk import signal_problem

    return signal_problem(data)


def summarize_risk(data: Data, context: SummaryContext | None) -> str:
    """A `risk.signal`, e.g. "check-in: not safe / not sure, mood 1/10" (never a note's
    words): a check-in stopped at the safety question keeps its mood only here."""
    if context is None or not context.words:
        return ctx(context).say("history.risk_unknown")
    from hikicli.domain.progress import safety_words

    what, said, _rule = safety_words(data, context.words)
    mood = data.get("mood")
    if isinstance(mood, int) and not isinstance(mood, bool):  # kept with it ("mood and answer")
        return context.say("history.risk_mood", what=what, said=said, mood=mood)
    return context.say("history.risk", what=what, said=said)


def _projections() -> list[Projection]:
    from hikicli.domain.risk import RiskDays

    return [RiskDays()]


FEATURE = Feature(
    "risk",
    kinds=(
        EventKind(
            "risk.signal",
            "risk",
            RiskPayload,
            _risk_problem,
            summarize_risk,
            example={
                "source": "checkin",
                "strength": "high",
                "date": "2026-11-20",
                "answer": "no",
                "mood": 1,
                "context": "checkin",
            },
            kept_by=KEPT_BY,
        ),
    ),
    projections=_projections,
)
