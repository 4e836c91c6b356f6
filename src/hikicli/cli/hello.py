"""`hiki hello --install SHELL | --mute | --unmute | --json`: the daily hello's settings and its
one line for a shell's start file (`hiki hello` alone is the entry point's fast path,
cli/hello_line.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

# The one line each shell's start file gets: only in an interactive shell (a non-interactive one,
# e.g. scp, must print nothing), only when hiki is installed. Code, not words.
HOOKS = {
    "bash": "[[ $- == *i* ]] && command -v hiki >/dev/null 2>&1 && hiki hello",
    "zsh": "[[ -o interactive ]] && (( $+commands[hiki] )) && hiki hello",
    "fish": "status is-interactive; and type -q hiki; and hiki hello",
}
START_FILES = {"bash": "~/.bashrc", "zsh": "~/.zshrc", "fish": "~/.config/fish/config.fish"}


@app.command()
def hello(
    ctx: typer.Context,
    install: Annotated[str | None, typer.Option("--install", metavar="SHELL")] = None,
    mute: Annotated[bool, typer.Option("--mute")] = False,
    unmute: Annotated[bool, typer.Option("--unmute")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """At most one short line a day when a terminal opens: today's check-in, when you want it."""
    import time

    from hikicli.cli.hello_line import decide
    from hikicli.cli.hello_line import hello as say
    from hikicli.cli.hello_line import words as hello_words
    from hikicli.cli.render import print_json
    from hikicli.content.messages import text
    from hikicli.errors import UsageError
    from hikicli.storage.hello import HelloPlace

    actx: AppContext = ctx.obj
    lang = actx.language()
    if install is not None:
        shell = install.strip().lower()
        if shell not in HOOKS:
            raise UsageError("hello.unknown_shell", shell=install, shells=", ".join(HOOKS))
        typer.echo(HOOKS[shell])  # stdout holds only the line: `>> ~/.bashrc` appends it
        typer.echo(text(lang, "hello.install_hint", shell=shell, file=START_FILES[shell]), err=True)
        return
    if mute and unmute:
        raise UsageError("hello.mute_both")
    if mute or unmute:
        actx.settings.set("hello.muted", "on" if mute else "off")
        typer.echo(text(lang, "hello.muted") if mute else text(lang, "hello.unmuted"))
        return
    place = HelloPlace(str(actx.paths.data_dir), str(actx.paths.config_file))
    if as_json:
        state = decide(place, time.strftime("%Y-%m-%d"))
        words = hello_words(place, lang) if state == "show" else None
        print_json({"state": state, "line": words}, kind="hello")  # tells; marks nothing
        return
    say(place, lang)
