"""Checks on stored entries as they are read back: a hand-edited or damaged entry is skipped and
reported with its line number instead of crashing the screens that read it.

A view over the one declaration of each event kind (`domain/features/`, seen through
`domain/kinds.py`): the same validator runs at write, at read-back and at import. Kinds hiki
does not declare (a newer hiki's) are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hikicli.domain.kinds import KINDS, checkin_problem, payload_problem
from hikicli.errors import Msg

CHECKS: dict[str, Callable[[Mapping[str, Any]], Msg | None]] = {k.name: k.problem for k in KINDS}

__all__ = ["CHECKS", "checkin_problem", "payload_problem"]
