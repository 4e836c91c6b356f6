"""The one view of the risk response: the calm line, the plan (or the offer of one), and the short
crisis block last, so it is the last thing above any further question; and the closing block that
ends every command in which risk was shown, whatever happened.

Every risk path in hiki shows risk through `show_signal` and nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from hikicli.domain.risk import RiskResponse, RiskSignal
from hikicli.domain.safety_plan import md_escape as _md  # one escaping for a person's words

if TYPE_CHECKING:
    from hikicli.cli.context import AppContext
    from hikicli.domain.content_types import BlockTexts
    from hikicli.prompting import Prompter
    from hikicli.services.risk import RiskSession


def block_markdown(session: RiskSession) -> str:
    """Emergency number, then at most three lines open now, then "`hiki crisis` for all"."""
    return short_block_markdown(session.block(), session.content.risk["block"])


def short_block_markdown(
    block: dict[str, Any], texts: BlockTexts, more: str | None = None
) -> str:
    """The short block (domain.risk.short_block) as Markdown; `more` is its last line (the risk
    response's "`hiki crisis`", or the crisis screen's own step to every line)."""
    countries = ", ".join(block["countries"])
    rows = [f"**{_md(block['emergency'])}**", ""]
    if block["country_from"] == "locale":
        rows += [texts["country_guessed"].format(country_name=block["country_name"],
                                                 countries=countries), ""]  # fmt: skip
    elif block["country"] is None:
        rows += [texts["country_unknown"].format(countries=countries), ""]
    title = f"**{_md(texts['title'])}**"
    if block["lines"] and set(block["lines"][0]["channels"]) & {"text", "chat"}:
        title += f"  \n{_md(texts['text_first'])}"  # only when it is true for what follows
    rows += [title]
    name_sep, sep = texts.get("name_sep", ": "), texts.get("sep", " · ")
    # "- " is a Markdown list (rich draws • , ambiguous in width); any other bullet (・ in
    # Japanese) starts each line of one paragraph, the lines held apart by hard breaks.
    bullet = texts.get("bullet", "- ")
    lines = []
    for line in block["lines"]:
        row = f"{bullet}**{_md(line['name'])}**{name_sep}{_md(line['contact'])}"
        if line.get("hours"):
            row += f"{sep}{_md(line['hours'])}"
        if line.get("note"):
            row += f"{texts.get('note_sep', ' ')}{_md(line['note'])}"
        lines.append(row)
    if bullet == "- ":
        rows += lines
    elif lines:
        rows += ["", "  \n".join(lines)]
    rows += ["", texts["more"] if more is None else more]
    return "\n".join(rows)


def plan_markdown(actx: AppContext, response: RiskResponse) -> str:
    texts = actx.risk.content.risk["plan"]
    if response.plan == "show":
        from hikicli.services.safety_plan_state import safety_plan_markdown, safety_plan_or_none

        plan = safety_plan_or_none(actx)
        shown = safety_plan_markdown(actx, plan) if plan else None
        return shown or str(texts["hint"])
    return str(texts["offer"] if response.plan == "offer" else texts["hint"])


def response_markdown(actx: AppContext, response: RiskResponse) -> str:
    session = actx.risk
    message = session.content.risk["messages"][response.message]
    return "\n\n".join([_md(message), plan_markdown(actx, response), block_markdown(session)])


def _print(text: str, stderr: bool, leading_blank: bool = False) -> None:
    from hikicli.cli.render import console, err_console, markdown

    out = err_console(wrap=True) if stderr else console()
    if leading_blank:
        out.print()
    out.print(markdown(text))
    if not stderr:
        out.print()


def show_signal(
    actx: AppContext,
    signal: RiskSignal,
    prompter: Prompter | None = None,
    stderr: bool = False,
    record: bool = True,
) -> RiskResponse:
    """Decide, show at once (through the prompter inside a flow), then save the signal."""
    session = actx.risk
    session.to_stderr = session.to_stderr or stderr
    response = session.decide(signal)
    try:
        text = response_markdown(actx, response)
        if prompter is not None:
            prompter.say(text)
        else:
            _print(text, stderr)
    finally:
        # Saved however the showing ends: a closed pipe (`| head`), a Ctrl-C while it prints or
        # a bug in the words must not lose what the person said (record never raises).
        if record:
            session.record(signal)
    return response


def show_block_only(actx: AppContext, lead: str, stderr: bool = False) -> None:
    """A low mood with no answer to the safety question (a script): a lead line and the block,
    without recording anything (nothing was said)."""
    _print(f"{_md(lead)}\n\n{block_markdown(actx.risk)}", stderr)


Ending = Literal["done", "cancelled", "error"]


def closing_markdown(session: RiskSession, ending: Ending, message: str | None = None) -> str:
    texts = session.content.risk["closing"]
    parts = [f"**{_md(texts['title'])}**"]
    if message:  # a flow's own words for what it kept (e.g. the safety plan's items)
        parts.append(_md(message))
    elif ending == "cancelled":
        # Only say something was kept when it was.
        said = texts["cancelled"] if session.saved else session.content.risk["cancelled"]
        parts.append(_md(said))
    elif ending == "error" and session.saved:
        parts.append(_md(texts["error"]))
    for problem in session.save_problems[:1]:
        parts.append(_md(problem))
    parts.append(block_markdown(session))
    return "\n\n".join(parts)


def close(actx: Any, ending: Ending, message: str | None = None) -> bool:
    """At the one exit point: after a risk moment, the block again as the last thing shown.
    Returns True when it printed (the caller then leaves out its own cancel line)."""
    session = getattr(actx, "_risk", None)
    if session is None or session.closed:
        return False
    if not session.active and not (session.near_risk and ending != "done"):
        return False
    session.closed = True
    try:
        stderr = session.to_stderr or ending != "done"
        _print(closing_markdown(session, ending, message), stderr, True)
    except Exception:  # the closing must never turn an ending into a crash
        return False
    return True
