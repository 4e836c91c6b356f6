"""`hiki progress`: charts of the last weeks in the terminal, and a short weekly summary."""

from __future__ import annotations

from typing import Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext


@app.command()
def progress(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(min=1, max=104)] = 8,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Mood, anxiety, energy, time outside and contact over the last weeks, with a short summary."""
    from hikicli.domain.progress import build_progress, period_for_weeks

    actx: AppContext = ctx.obj
    from hikicli.services.reads import load_since

    start, end = period_for_weeks(actx.today(), weeks)
    read = load_since(actx.log, actx.paths.profile_cache_dir, "progress", start.isoformat())
    result = build_progress(read.events, start, end)
    from hikicli.cli.render import note_text
    lang = actx.language()
    for problem in read.problems:
        typer.echo(note_text(lang, problem.describe(actx.log.path, lang)), err=True)
    if as_json:
        from hikicli.cli.progress_view import pattern_sentence
        from hikicli.cli.render import print_json

        data = result.to_json()
        words = actx.catalog["progress"]["patterns"]
        if result.pattern is not None and data["pattern"] is not None:
            data["pattern"]["text"] = pattern_sentence(result.pattern, words)
        from hikicli.domain.progress import safety_words

        for row in data["safety"]:
            what, said, _rule = safety_words(row, actx.catalog["progress"]["safety"])
            row["text"] = f"{what}: {said}"
        if data["safety"]:
            data["crisis"] = actx.risk.block()  # a risk in the output carries help as data
        print_json(data, kind="progress")
        return
    from hikicli.cli.progress_view import render_progress

    activity = actx.catalog["activity"]["progress"]
    from hikicli.domain.family import MAIN_PROFILE, hiki_command
    from hikicli.services.family_profile import is_family_profile

    # the person's own profile is never a family one: its read stays the cached one
    profile = actx.paths.profile
    family = profile != MAIN_PROFILE and is_family_profile(actx)
    hint = hiki_command(profile) if family else None
    lines = render_progress(result, actx.catalog["progress"], weeks, activity, hint)
    typer.echo("\n".join(lines))
