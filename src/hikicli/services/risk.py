"""The one risk use case: a signal is decided (`domain.risk.respond`), shown (by the caller, through
`cli/risk_view`), and saved as its own `risk.signal` event at once, before any further question.

A `RiskSession` lives for one command. It remembers what was given, so the one exit point can show
the short crisis block again as the last thing on the screen, whether the command ended well, was
cancelled, or failed. Saving never stands in front of help: a save that fails (an encrypted log
with no passphrase, a full disk) is kept as a note and said after the help.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hikicli.content.risk_content import RiskContent
from hikicli.domain.crisis import CountryChoice
from hikicli.domain.risk import KIND, PlanState, RiskResponse, RiskSignal, respond, short_block
from hikicli.domain.risk import signal_problem as _signal_problem


@dataclass
class RiskSession:
    content: RiskContent
    country: CountryChoice
    clock: Callable[[], dt.datetime]
    save: Callable[[str, Mapping[str, Any]], Any]
    plan_state: Callable[[], PlanState]
    signals: list[RiskSignal] = field(default_factory=list)
    saved: list[RiskSignal] = field(default_factory=list)
    save_problems: list[str] = field(default_factory=list)
    to_stderr: bool = False  # a --json command: words go to stderr, stdout stays JSON
    closed: bool = False
    near_risk: bool = False  # a safety question was on screen: a Ctrl-C there still gets help

    @property
    def active(self) -> bool:
        return bool(self.signals)

    def decide(self, signal: RiskSignal) -> RiskResponse:
        """Take a signal: the response to show now (for all signals given so far)."""
        self.signals.append(signal)
        response = respond(self.signals, self._plan_state())
        assert response is not None
        return response

    def response(self) -> RiskResponse | None:
        """The response to every signal given so far, with the plan as it is now (a plan made a
        moment ago counts)."""
        return respond(self.signals, self._plan_state())

    def record(self, signal: RiskSignal) -> bool:
        """Save the signal as its own event. Never raises: help has already been shown, and a
        failure is said at the end."""
        from hikicli.errors import HikiError

        data = signal.to_data()
        problem = _signal_problem(data)
        if problem is not None:  # a bug in a caller: still never hides the help
            self.save_problems.append(str(problem))
            return False
        try:
            self.save(KIND, data)
        except (HikiError, OSError, KeyboardInterrupt) as err:
            self.save_problems.append(str(err) or type(err).__name__)
            return False
        self.saved.append(signal)
        return True

    def block(self) -> dict[str, Any]:
        return short_block(self.content.crisis, self.country, self.clock())

    def _plan_state(self) -> PlanState:
        try:
            return self.plan_state()
        except Exception:  # the plan is a help, never an obstacle
            return "unknown"
