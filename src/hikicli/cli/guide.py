"""`hiki guide`: guidance on each strategy, for the person, their family or counselors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hikicli.cli.app import CRISIS_ALIASES, app
from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import AudienceText, GuideTopic

AUDIENCES = ("self", "family", "counselor")
# `hiki guide crisis` (or sos, emergency, ...) is crisis help, not a guide.
CRISIS_TOPICS = ("crisis", "sos", *CRISIS_ALIASES)


@app.command()
def guide(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Argument()] = None,
    list_: Annotated[bool, typer.Option("--list", "-l")] = False,
    audience: Annotated[str | None, typer.Option("--audience", "-a", show_default=False)] = None,
    pager: Annotated[bool, typer.Option()] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Guidance to read, on five strategies that help recovery."""
    from hikicli.cli.render import console, markup_escape, print_json
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    if topic is not None and topic.casefold() in CRISIS_TOPICS:
        # `hiki guide crisis`: crisis help itself, before any guide file is read (one could be
        # broken).
        from hikicli.cli.crisis_view import show_crisis

        show_crisis(actx, None, as_json)
        return
    from hikicli.services.family_profile import is_family_profile

    family_profile = is_family_profile(actx)
    if audience is None:
        audience = "family" if family_profile else "self"
    if audience not in AUDIENCES:
        raise UsageError("guide.audience", choices=", ".join(AUDIENCES), value=audience)
    guides = actx.catalog["guides"]
    order: list[str] = [
        t
        for t in (
            "professional-help",
            "social-reintegration",
            "family",
            "academic-pressure",
            "ongoing-support",
        )
        if t in guides
    ]
    order += sorted(set(guides) - set(order))
    if list_ or topic is None:
        if as_json:
            print_json(
                [
                    {"id": t, "title": guides[t]["title"], "summary": guides[t]["summary"]}
                    for t in order
                ],
                kind="guide.list",
            )
            return
        from rich.table import Table

        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", overflow="fold")
        table.add_column(overflow="fold")  # Japanese folds, never cut
        sep = actx.catalog["ui"]["guide_list_sep"]
        for t in order:
            table.add_row(t, markup_escape(f"{guides[t]['title']}{sep}{guides[t]['summary']}"))
        console().print(table)
        console().print()
        console().print(markup_escape(actx.catalog["ui"]["guide_list_footer"]))
        if family_profile:  # a family member's list also holds the short readings for families
            _list_family_readings(actx)
        return
    if topic not in guides:
        from hikicli.cli.app import crisis_pointer

        unknown = actx.catalog["ui"]["guide_unknown_topic"].format(
            topic=topic, topics=", ".join(order)
        )
        raise UsageError(f"{unknown}\n{crisis_pointer(ctx, 'unknown_command')}")
    item = guides[topic]
    written = _audience(item, audience)
    if not written:  # a reading written for the person only
        raise UsageError("guide.audience_missing", topic=topic)
    text = _with_profile(actx, written)
    record_reading(actx, topic, audience)
    if as_json:
        print_json(
            {
                "id": topic,
                "audience": audience,
                "title": text["title"],
                "body": text["body"],
                "sources": item["sources"],
                "disclaimer": actx.catalog["ui"]["guide_disclaimer"],
            },
            kind="guide",
        )
        return
    render_guide(actx, item, audience, pager)


def _audience(item: GuideTopic, audience: str) -> AudienceText | None:
    """The guide's text for one audience (None: not written for it)."""
    audiences = item["audiences"]
    by_name = {
        "self": audiences["self"],
        "family": audiences["family"],
        "counselor": audiences["counselor"],
    }
    return by_name.get(audience)


def _with_profile(actx: AppContext, text: AudienceText) -> AudienceText:
    """A guide's text with `{hiki}` naming this profile, as every family hint does."""
    from hikicli.domain.family import with_profile

    profile = actx.paths.profile
    return {
        "title": with_profile(text["title"], profile),
        "body": with_profile(text["body"], profile),
    }


def _list_family_readings(actx: AppContext) -> None:
    from hikicli.cli.family_readings import print_readings
    from hikicli.cli.render import console

    console().print()
    print_readings(actx)


def record_reading(actx: AppContext, topic: str, audience: str) -> None:
    """Note that a topic was opened, so homework readings tick themselves off (`guide.read`)."""
    from hikicli.errors import StorageError

    try:
        actx.log.append("guide.read", {"topic": topic, "audience": audience}, now=actx.now())
    except StorageError:
        pass  # reading a guide must never fail because the log cannot be written


def render_guide(actx: AppContext, item: GuideTopic, audience: str, pager: bool) -> None:
    from hikicli.cli.render import console, markdown

    written = _audience(item, audience)
    assert written is not None  # checked by the command before
    text = _with_profile(actx, written)
    ui = actx.catalog["ui"]
    sources = "\n".join(
        "- " + (ui["guide_source_url"].format(**s) if s.get("url") else s["title"])
        for s in item["sources"]
    )
    md = markdown(
        f"# {text['title']}\n\n{text['body'].strip()}\n\n---\n\n"
        f"*{ui['guide_disclaimer']}*\n\n**{ui['guide_sources_title']}**\n\n{sources}\n"
    )
    out = console()
    long = out.is_terminal and text["body"].count("\n") + 12 > out.size.height
    if pager and long:
        from hikicli.cli.render import paged

        with paged(out):
            out.print(md)
    else:
        out.print(md)
