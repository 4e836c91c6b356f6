"""The one place where errors become a message and an exit code (no traceback, no locals)."""

from __future__ import annotations

import contextlib
import errno
import sys

from hikicli.errors import Cancelled, HikiError

CANCELLED = "Cancelled — nothing was saved."


def report(err: HikiError | KeyboardInterrupt, actx: object = None) -> int:
    """Print the user-facing message for `err` on stderr and return the exit code.

    After a risk moment in this command, the short crisis block follows as the last thing shown
    (a cancel then says what was kept). Any other cancel ends with one kind line and the pointer.
    """
    from hikicli.cli.risk_view import close

    cancelled = isinstance(err, (Cancelled, KeyboardInterrupt))
    code = Cancelled.exit_code if cancelled else err.exit_code  # type: ignore[union-attr]
    if cancelled:
        if close(actx, "cancelled", str(err) or None):
            return code
        message = str(err) if str(err) else _cancel_words()
    else:
        message = str(err)
    # Plain text, never wrapped: a located error must stay one line per problem.
    sys.stderr.write(message.rstrip("\n") + "\n")
    if not cancelled:
        close(actx, "error")
    return code


def _cancel_words() -> str:
    """"Cancelled — nothing was saved." and the crisis pointer, in the person's language."""
    try:
        from hikicli.content.risk_content import load_risk_content

        texts = load_risk_content(_language()).risk
        return f"{texts['cancelled']}\n{texts['pointer']}"
    except Exception:  # the words of a cancel must never fail
        return CANCELLED


def _language() -> str:
    import os

    return os.environ.get("HIKI_LANG", "en") or "en"


DEBUG_ENV = "HIKI_DEBUG"


def unexpected(err: Exception) -> int:
    """A bug in hiki: a short, calm message. The traceback (never with local variables, which
    could hold private answers) only with HIKI_DEBUG=1, for a bug report."""
    import os

    if isinstance(err, BrokenPipeError):
        # `hiki history | head`: the reader left early. Not a problem; say nothing more.
        with _suppress_oserror():
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG):
        # e.g. `hiki data export > /dev/full`: the output could not be written, nothing else broke
        sys.stderr.write(f"Could not write the output: {err.strerror}. Nothing was changed.\n")
        with _suppress_oserror():  # what is still buffered must not fail again at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    if os.environ.get(DEBUG_ENV) == "1":
        import traceback

        traceback.print_exception(type(err), err, err.__traceback__)
    sys.stderr.write(
        f"hiki ran into an unexpected problem ({type(err).__name__}). Everything saved before "
        f"is still there.\nTo see details for a bug report, run the command again with "
        f"{DEBUG_ENV}=1.\n"
    )
    return 1


def after_command(actx: object) -> None:
    """Things the user must hear about after a command succeeded (on stderr, never in JSON);
    after a risk moment, the short crisis block again, last."""
    from hikicli.cli.risk_view import close

    log = getattr(actx, "_log", None)
    if log is not None and log.quarantined:
        sys.stderr.write(
            f"Note: the last line of your log was incomplete (an interrupted save); it was moved "
            f"to {log.paths.quarantine_file} and nothing was deleted.\n"
        )
    close(actx, "done")


def _suppress_oserror() -> contextlib.AbstractContextManager[None]:
    return contextlib.suppress(OSError, ValueError)
