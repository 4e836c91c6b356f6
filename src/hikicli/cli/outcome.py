"""The one place where errors become a message and an exit code (no traceback, no locals).

An error carries a message key; its words are rendered here, in the person's language
(content/<lang>/messages.yaml)."""

from __future__ import annotations

import contextlib
import errno
import sys

from hikicli.content.messages import text
from hikicli.errors import Cancelled, HikiError


def report(err: HikiError | KeyboardInterrupt, actx: object = None) -> int:
    """Print the user-facing message for `err` on stderr and return the exit code.

    After a risk moment in this command, the short crisis block follows as the last thing shown
    (a cancel then says what was kept). Any other cancel ends with one kind line and the pointer.
    """
    from hikicli.cli.risk_view import close

    cancelled = isinstance(err, (Cancelled, KeyboardInterrupt))
    code = Cancelled.exit_code if cancelled else err.exit_code  # type: ignore[union-attr]
    lang = _language(actx)
    said = err.message(lang) if isinstance(err, HikiError) else ""
    if cancelled:
        if close(actx, "cancelled", said or None):
            return code
        if said and isinstance(err, HikiError) and err.key is not None:
            # a flow's own words for what was and was not kept, then the crisis pointer
            message = _wrapped([said, _pointer(lang, actx)])
        else:
            message = _wrapped((said or _cancel_words(lang, actx)).split("\n"))
    else:
        message = for_stderr(said)
    sys.stderr.write(message.rstrip("\n") + "\n")
    if not cancelled:
        close(actx, "error")
    return code


def _cancel_words(lang: str, actx: object = None) -> str:
    """"Cancelled — nothing was saved." and the crisis pointer, in the person's language."""
    try:
        from hikicli.content.risk_content import load_risk_content
        from hikicli.domain.family import with_profile

        texts = load_risk_content(lang).risk
        profile = getattr(getattr(actx, "paths", None), "profile", "default")
        return f"{texts['cancelled']}\n{with_profile(texts['pointer'], profile)}"
    except Exception:  # the words of a cancel must never fail
        return text(lang, "outcome.cancelled")


def for_stderr(said: str) -> str:
    """An error's words as stderr shows them: at a terminal wrapped between words (its edge
    would cut `--contact` in two); piped or logged, a located error stays one line a problem."""
    return _wrapped(said.split("\n"), keep_blank=True) if sys.stderr.isatty() else said


def _wrapped(lines: list[str], keep_blank: bool = False) -> str:
    """Lines wrapped at word (or, in Japanese, character) boundaries to the terminal's cells,
    so a terminal never cuts a word in two; blank lines dropped unless `keep_blank`."""
    import shutil

    from hikicli.cli.plain import cell_width, wrap_cells

    columns = max(40, shutil.get_terminal_size((80, 24)).columns)

    def wrap(line: str) -> str:
        if cell_width(line) <= columns:
            return line  # as written (its spacing too)
        indent = line[: len(line) - len(line.lstrip())]
        return "\n".join(indent + part for part in wrap_cells(line, columns - len(indent)))

    return "\n".join(wrap(line) for line in lines if line.strip() or keep_blank)


def _pointer(lang: str, actx: object = None) -> str:
    """The crisis pointer that ends every cancel (the risk words always load), naming this
    profile: in a family member's, `hiki --profile mum crisis` shows their own plan, never the
    person's."""
    try:
        from hikicli.content.risk_content import one_line

        paths = getattr(actx, "paths", None)
        return one_line(lang, "pointer", getattr(paths, "profile", "default"))
    except Exception:  # the words of a cancel must never fail
        return ""


def _language(actx: object = None) -> str:
    """The person's language: the context's (HIKI_LANG, the setting, the locale), else HIKI_LANG
    or the locale. Never raises: an error must always be said."""
    try:
        language = getattr(actx, "language", None)
        if callable(language):
            return str(language())
    except Exception:  # unreadable settings: the environment still decides
        pass
    from hikicli.domain.language import choose_language

    return choose_language("").code


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
        sys.stderr.write(text(_language(), "outcome.output_failed", reason=err.strerror) + "\n")
        with _suppress_oserror():  # what is still buffered must not fail again at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    if os.environ.get(DEBUG_ENV) == "1":
        import traceback

        traceback.print_exception(type(err), err, err.__traceback__)
    words = text(_language(), "outcome.unexpected", error=type(err).__name__, env=DEBUG_ENV)
    sys.stderr.write(words + "\n")
    return 1


def after_command(actx: object) -> None:
    """Things the user must hear about after a command succeeded (on stderr, never in JSON);
    after a risk moment, the short crisis block again, last."""
    from hikicli.cli.risk_view import close

    log = getattr(actx, "_log", None)
    if log is not None and log.quarantined:
        path = log.paths.quarantine_file
        sys.stderr.write(text(_language(actx), "outcome.quarantined", path=path) + "\n")
    close(actx, "done")


def _suppress_oserror() -> contextlib.AbstractContextManager[None]:
    return contextlib.suppress(OSError, ValueError)
