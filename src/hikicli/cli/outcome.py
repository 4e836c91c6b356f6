"""The one place where errors become a message and an exit code (no traceback, no locals)."""

from __future__ import annotations

import sys

from hikicli.errors import Cancelled, HikiError

CANCELLED = "Cancelled — nothing was saved."


def report(err: HikiError | KeyboardInterrupt) -> int:
    """Print the user-facing message for `err` on stderr and return the exit code."""
    if isinstance(err, (Cancelled, KeyboardInterrupt)):
        message, code = CANCELLED, Cancelled.exit_code
    else:
        message, code = str(err), err.exit_code
    # Plain text, never wrapped: a located error must stay one line per problem.
    sys.stderr.write(message.rstrip("\n") + "\n")
    return code
