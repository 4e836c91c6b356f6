"""Typed errors. Raise them anywhere; only `hikicli.cli.app.run` turns them into a message and an
exit code, so wording and codes live in one place."""

from __future__ import annotations


class HikiError(Exception):
    """An error the user can act on. `str(err)` is the whole message (one or two lines)."""

    exit_code = 2


class UsageError(HikiError):
    """Bad input on the command line: a value out of range, a missing flag, an unknown id."""


class NeedsTerminal(UsageError):
    """An interactive flow was started without a terminal and without the flags that replace it."""


class ContentError(HikiError):
    """A content, homework or instrument file is invalid. Carries every located problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class StorageError(HikiError):
    """The data folder or a file in it cannot be read or written."""


class Cancelled(HikiError):
    """The user pressed Ctrl-C or Escape during a flow; nothing was saved."""

    exit_code = 130
