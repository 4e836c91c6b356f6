"""What `hiki family` shows, without typer: the lessons with this profile's progress. The typer
commands (cli/family.py) and entry.py's fast path of `hiki family` both call `family_overview`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import FamilyContent


def family_content(actx: AppContext) -> FamilyContent:
    return actx.catalog["family"]


def family_say(actx: AppContext, text: str, **values: Any) -> str:
    """A family text with `{hiki}` naming this profile, then its own placeholders."""
    from hikicli.domain.family import with_profile

    said = with_profile(text, actx.paths.profile)
    return said.format(**values) if values else said


def is_main(actx: AppContext) -> bool:
    from hikicli.storage.paths import DEFAULT_PROFILE

    return actx.paths.profile == DEFAULT_PROFILE


def lessons_progress(actx: AppContext) -> list[Any]:
    from hikicli.domain.family import lesson_progress
    from hikicli.services.reads import load_since

    ids = [m["id"] for m in family_content(actx)["modules"]]
    # Every lesson entry is kept in the command's cache (services/reads.py): the log's end only.
    read = load_since(actx.log, actx.paths.profile_cache_dir, "family", "9999-12-31")
    return lesson_progress(ids, read.events)


def family_overview(actx: AppContext, as_json: bool = False) -> None:
    """The lessons, with your progress."""
    from hikicli.domain.family import next_module

    if not is_main(actx):
        from hikicli.services.family_profile import mark_family

        mark_family(actx)  # the first `hiki --profile mum family` makes it a family profile
    content = family_content(actx)
    progress = lessons_progress(actx)
    if as_json:
        from hikicli.cli.render import print_json

        print_json(
            [
                {**p.to_json(), "title": m["title"], "summary": m["summary"]}
                for p, m in zip(progress, content["modules"], strict=True)
            ],
            kind="family.lessons",
        )
        return
    from hikicli.cli.plain_layout import Column, screen

    texts = content["texts"]
    main = is_main(actx)
    if main:
        from hikicli.services.family_profile import is_marked

        main = not is_marked(actx)
    labels = {
        "new": texts["status_new"],
        "read": texts["status_read"],
        "exercise": texts["status_done"],
    }
    upcoming = next_module(progress)
    if not main:
        hint = (
            family_say(actx, texts["next_hint"], number=upcoming.number)
            if upcoming
            else texts["all_done"]
        )
    pointer = family_say(actx, texts["readings_pointer"])
    safety = family_say(actx, texts["safety"])
    rows = [
        [
            [(str(p.number), "")],
            [(module["title"], "bold"), ("\n" + module["summary"], "")],
            [(labels[p.status], "")],
        ]
        for p, module in zip(progress, content["modules"], strict=True)
    ]
    shown = [texts["main_profile_note"], texts["intro"], pointer, safety]
    shown += [text for row in rows for cell in row for text, _ in cell]
    out = screen([*shown, *([] if main else [hint])], markup=[texts["list_title"]])
    if main:  # say where the programme runs before anything else
        out.print((texts["main_profile_note"], "bold"))
        out.print()
    out.print((texts["intro"].strip(), ""))
    out.print()
    columns = [Column(justify="right"), Column(), Column()]  # Japanese folds, never cut
    out.table(columns, rows, title=texts["list_title"])
    out.print()
    if not main:
        out.print((hint, ""))
    out.print((pointer, ""))
    out.print((safety, "dim"))
    out.flush()
