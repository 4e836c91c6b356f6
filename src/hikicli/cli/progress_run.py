"""What `hiki progress` does, without typer: the typer command (cli/progress.py) and entry.py's
fast path both call `progress_command`."""

from __future__ import annotations

import sys

from hikicli.cli.context import AppContext


def progress_command(actx: AppContext, weeks: int = 8, as_json: bool = False) -> None:
    from hikicli.domain.progress import build_progress, period_for_weeks
    from hikicli.services.reads import load_since

    start, end = period_for_weeks(actx.today(), weeks)
    read = load_since(actx.log, actx.paths.profile_cache_dir, "progress", start.isoformat())
    result = build_progress(read.events, start, end)
    from hikicli.cli.render import note_text

    lang = actx.language()
    for problem in read.problems:
        sys.stderr.write(note_text(lang, problem.describe(actx.log.path, lang)) + "\n")
        sys.stderr.flush()
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
    if any(e.get("band") for entries in result.assessments.values() for e in entries):
        # A band by its name in the screen's language, as `assess` and `report` name it (the
        # JSON keeps the id: data)
        from hikicli.domain.report import band_labels, label_bands
        from hikicli.services.instrument_lookup import all_instruments

        labels = band_labels(all_instruments(actx).definitions())
        for entries in result.assessments.values():
            label_bands(entries, labels)
    lines = render_progress(result, actx.catalog["progress"], weeks, activity, hint)
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
