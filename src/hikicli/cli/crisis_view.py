"""The crisis screen: people to reach now, the person's own plan first once there is one. Shown by
`hiki crisis` (and its aliases) and `hiki guide crisis`.

The lines and their words come only from `actx.risk_content` (crisis.yaml and risk.yaml, loaded on
their own, with a shipped fallback), never from the catalog. The lines are printed before the log
is touched; the person's plan follows, read within bounds (services/safety_plan_state: no link,
no FIFO, no unbounded read) and only when that cannot stop at a passphrase prompt.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.domain.content_types import CrisisScreenTexts


def show_crisis(
    actx: AppContext, country: str | None, as_json: bool, show_all: bool = False
) -> None:
    """The crisis screen (or its JSON) for `country`, else the setting, else the locale's guess.

    On a terminal it starts with one screen (`first_screen`): the emergency number and the lines
    open now, then a calm step to the rest (Enter, when hiki can wait for it; else the words
    `hiki crisis --all`). Into a file or a pipe, and with `--all`, everything at once."""
    from hikicli.domain.crisis import crisis_view
    from hikicli.services.safety_plan_state import plan_state, safety_plan_markdown

    content = actx.risk_content
    texts = content.risk["crisis"]
    choice = actx.country_choice(country)
    view = crisis_view(content.crisis, texts, choice, actx.today())
    if as_json:
        from hikicli.cli.render import print_json

        state, plan = plan_state(actx)
        print_json({**view, "safety_plan": plan} if plan else view, kind="crisis")
    else:
        # The lines first, on the screen before the log is opened: a huge, slow or broken log
        # can only delay the plan. An unreadable (or locked) log hides only the plan, and never
        # makes hiki claim there is one or is not.
        whole = show_all or not _on_screen(actx)
        if not whole:
            can_wait = actx.is_interactive()
            first_screen(actx, choice, texts["more_enter"] if can_wait else texts["more_all"])
            sys.stdout.flush()
            whole = can_wait and _enter_pressed()
        if whole:
            render_crisis(view, texts, head=show_all or not _on_screen(actx))
            sys.stdout.flush()
            state, plan = plan_state(actx)
            plan_md = safety_plan_markdown(actx, plan) if plan else None
            if state == "locked":
                plan_md = str(content.risk["plan"]["hint"])
            if plan_md:
                render_plan(plan_md)
    # A crisis file that could not be read is said after the help, never instead of it.
    for problem in content.problems:
        sys.stderr.write(texts["fallback_used"].format(problem=problem) + "\n")


def _on_screen(actx: AppContext) -> bool:
    """A person reads this on a terminal (a test may say so with `interactive`)."""
    return actx.interactive if actx.interactive is not None else sys.stdout.isatty()


def _enter_pressed() -> bool:
    """Wait for Enter; Ctrl-C, Ctrl-D or a closed input end calmly (what is shown stays)."""
    try:
        return bool(sys.stdin.readline())
    except (KeyboardInterrupt, EOFError, OSError, ValueError):
        sys.stdout.write("\n")
        return False


def first_screen(actx: AppContext, choice: Any, more: str) -> None:
    """One 80x24 screen: a warm first line, the emergency number, how hiki knows the country,
    at most three lines open now (the risk response's short block: one view), and `more`."""
    from hikicli.cli.render import console, markdown, markup_escape
    from hikicli.cli.risk_view import short_block_markdown
    from hikicli.domain.risk import short_block

    content = actx.risk_content
    block = short_block(content.crisis, choice, actx.now())
    out = console()
    out.print(f"[bold]{markup_escape(content.risk['crisis']['lead'])}[/]")
    out.print()
    if block["country_name"] and block["country_from"] != "locale":  # a guess says so below
        out.print(markup_escape(block["country_name"]), style="bold underline")
    out.print(markdown(short_block_markdown(block, content.risk["block"], more)))


def render_crisis(
    view: dict[str, Any],
    texts: CrisisScreenTexts,
    plan_markdown: str | None = None,
    head: bool = True,
) -> None:
    """Every line. `head=False` after the first screen, which showed the emergency number."""
    from hikicli.cli.render import console, markup_escape

    out = console()
    if head:
        out.print(f"[bold]{markup_escape(view['intro'])}[/]")
        out.print()
        out.print(f"[bold]{markup_escape(view['emergency'])}[/]")
    out.print()
    if view["country_name"]:
        out.print(f"[bold underline]{markup_escape(view['country_name'])}[/]")
    if view.get("country_note"):
        out.print(markup_escape(view["country_note"]))
        out.print()
    for line in view["lines"]:
        names: Any = texts.get("channels") or {}
        channels = ", ".join(str(names.get(c, c)) for c in line["channels"])
        name, tag = named_with_channels(texts, str(line["name"]), channels)
        out.print(f"[bold]{markup_escape(name)}[/]{markup_escape(tag)}")
        out.print(f"  {markup_escape(line['contact'])}")
        if line.get("hours"):
            out.print(f"  {markup_escape(line['hours'])}")
        if line.get("note"):
            out.print(f"  {markup_escape(line['note'])}")
        for warning in line["warnings"]:
            out.print(f"  [yellow]{markup_escape(warning)}[/]")
        where = str(line["source"])
        if line.get("source_note"):
            template = str(texts.get("source_with_note") or "{source} ({note})")
            where = template.format(source=where, note=line["source_note"])
        source = texts["source"].format(source=where, date=line["verified_on"])
        out.print(f"  [dim]{markup_escape(source)}[/]")
    out.print()
    out.print(f"[dim]{markup_escape(view['check_official'])}[/]")
    if plan_markdown:
        render_plan(plan_markdown)


def named_with_channels(texts: Any, name: str, channels: str) -> tuple[str, str]:
    """A line's name and the tag of its channels after it: 「あなたのいばしょ（チャット）」, and
    inside the name's own brackets when it has some: 「いのちの電話（フリーダイヤル・電話）」."""
    inside = str(texts.get("channel_tag_inside") or "")
    if inside and name.endswith(inside[-1]):
        return name[:-1], inside.format(channels=channels)
    return name, str(texts.get("channel_tag") or "  ({channels})").format(channels=channels)


def render_plan(plan_markdown: str) -> None:
    """The person's plan (or the hint where it is), after the lines."""
    from hikicli.cli.render import console, markdown

    out = console()
    out.print()
    out.print(markdown(plan_markdown))
