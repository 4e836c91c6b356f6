"""`hiki now`: help for this moment, by feeling. It works with no data at all: it reads only its
own words (now.yaml) and the crisis pointer, never the log, so it never asks for a passphrase and
saves nothing. Every way out ends with the crisis pointer."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext
from hikicli.domain.now import CYCLES, FEELINGS, MAX_CYCLES, RHYTHM, RHYTHM_FEELINGS
from hikicli.domain.words import word

if TYPE_CHECKING:
    from hikicli.domain.content_types import BreatheWords, Feeling, NowContent


@app.command("now")
def now(
    ctx: typer.Context,
    feeling: Annotated[str | None, typer.Argument(metavar="FEELING")] = None,
    list_: Annotated[bool, typer.Option("--list")] = False,
    cycles: Annotated[int | None, typer.Option("--cycles", min=0, max=MAX_CYCLES)] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Help for this moment: a short exercise for how it feels right now. Nothing is saved."""
    from hikicli.content.now_content import load_now
    from hikicli.content.risk_content import one_line
    from hikicli.errors import Cancelled, UsageError
    from hikicli.flows.now import feeling_by_id, run_now

    actx: AppContext = ctx.obj
    lang = actx.language()
    content = load_now(lang)
    pointer = one_line(lang, "pointer", actx.paths.profile)
    if list_:
        _list(content, pointer, as_json)
        return
    if feeling is not None:
        chosen = feeling_by_id(content, feeling.strip().lower())
        if chosen is None:
            raise UsageError("now.unknown", feeling=feeling, feelings=", ".join(FEELINGS))
        if as_json:
            _json(content, chosen, pointer)
            return
        _show(content, chosen, cycles or 0, pointer)
        _end(pointer)
        return
    if as_json:
        raise UsageError("now.json_needs_feeling", feelings=", ".join(FEELINGS))
    prompter = actx.get_prompter(f"hiki now FEELING ({', '.join(FEELINGS)})")
    try:
        run_now(prompter, content, _breather(content), CYCLES if cycles is None else cycles)
    except (Cancelled, KeyboardInterrupt):
        raise Cancelled("now.stopped", pointer=pointer) from None
    _end(pointer)


def _list(content: NowContent, pointer: str, as_json: bool) -> None:
    if as_json:
        from hikicli.cli.render import print_json

        feelings = [{"id": f["id"], "label": f["label"]} for f in content["feelings"]]
        print_json(
            {"feelings": feelings, "pointer": pointer, "more": "hiki crisis"}, kind="now.feelings"
        )
        return
    lines = [content["list_title"], ""]
    lines += [f"  {f['id']:<6}  {f['label']}" for f in content["feelings"]]
    typer.echo("\n".join(lines))
    _end(pointer)


def _json(content: NowContent, feeling: Feeling, pointer: str) -> None:
    from hikicli.cli.render import print_json

    rhythm = None
    if feeling["id"] in RHYTHM_FEELINGS:
        rhythm = {"phases": [{"phase": p, "seconds": s} for p, s in RHYTHM], "cycles": CYCLES}
    print_json(
        {
            "feeling": feeling["id"],
            "label": feeling["label"],
            "title": feeling["title"],
            "steps": feeling["steps"],
            "close": feeling["close"],
            "rhythm": rhythm,
            "pointer": pointer,
            "more": "hiki crisis",
        },
        kind="now.exercise",
    )


def _show(
    content: NowContent, feeling: Feeling, cycles: int, pointer: str
) -> None:
    from hikicli.cli.plain_layout import show_text
    from hikicli.domain.now import exercise_markdown

    show_text(exercise_markdown(feeling))
    if cycles and feeling["id"] in RHYTHM_FEELINGS:
        try:
            breathe(content["breathe"], cycles)
        except KeyboardInterrupt:
            from hikicli.errors import Cancelled

            raise Cancelled("now.stopped", pointer=pointer) from None
        show_text(content["breathe"]["done"])
    typer.echo("")
    show_text(feeling["close"])


def _breather(content: NowContent) -> Callable[[int], None]:
    return lambda cycles: breathe(content["breathe"], cycles)


def breathe(
    words: BreatheWords, cycles: int, sleep: Callable[[float], None] = time.sleep
) -> None:
    """The rhythm on screen: each phase's word, then one dot a second while it lasts."""
    out = sys.stdout
    for _ in range(cycles):
        for phase, seconds in RHYTHM:
            out.write(word(words, phase).ljust(14))
            out.flush()
            for _second in range(seconds):
                sleep(1)
                out.write(" ∙")  # one cell on every terminal (· is East-Asian ambiguous)
                out.flush()
            out.write("\n")
    out.flush()


def _end(pointer: str) -> None:
    """The crisis pointer, last, wrapped at word boundaries by terminal cells."""
    from hikicli.cli.render import console, markup_escape

    out = console()
    out.print()
    out.print(markup_escape(pointer))
