"""Strict models of hiki's own words: messages.yaml (errors, notes, Click's words) and help.yaml
(`hiki --help` and every `hiki COMMAND --help`). Each file holds only words; numbers, ids, flags
and command names reach them as `{placeholders}`."""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from hikicli.content.models import Strict
from hikicli.errors import Msg

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def _placeholders(text: str) -> str:
    for _literal, field, _spec, conv in string.Formatter().parse(text):
        if field is not None and (not field.isidentifier() or conv is not None):
            raise ValueError(Msg("content.placeholder_plain", field="{" + field + "}"))
    return text


Words = Annotated[str, StringConstraints(min_length=1), AfterValidator(_placeholders)]
Group = dict[Key, Words]


class MessagesContent(Strict):
    """One group per feature; a key is `group.name` in the code (`text(lang, "history.empty")`)."""

    app: Group = {}  # the top-level command: unknown commands, the crisis aliases
    click: Group = {}  # Click's own words: "Usage:", "Options:", its errors
    outcome: Group = {}  # the exit point: unexpected problems, notes after a command
    context: Group = {}  # profiles, terminals, passphrases
    checkin: Group = {}
    crisis: Group = {}
    risk: Group = {}
    dashboard: Group = {}
    prompting: Group = {}
    history: Group = {}
    progress: Group = {}
    report: Group = {}
    assess: Group = {}
    safety_plan: Group = {}
    ladder: Group = {}
    config: Group = {}
    data: Group = {}
    storage: Group = {}
    content: Group = {}
    guide: Group = {}
    homework: Group = {}
    family: Group = {}
    privacy: Group = {}
    now: Group = {}
    activity: Group = {}
    restart_plan: Group = {}
    support: Group = {}
    hello: Group = {}


class CommandHelp(Strict):
    help: Words | None = None  # the command's description (its first sentence is the short help)
    short: Words | None = None  # the line in the parent's command list, when not the first sentence
    options: dict[Key, Words] = {}  # by parameter name (`as_json` for `--json`)
    example: Words | None = None  # one command line a person could type, shown under "Example:"


class HelpContent(Strict):
    """By command path: "" is `hiki`, "ladder add" is `hiki ladder add`."""

    commands: dict[str, CommandHelp]
