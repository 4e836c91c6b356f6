"""`hiki support`: non-crisis services for your country, by topic, each with what it offers, who
it is for, how to make first contact, cost, source and the date it was checked; `hiki support ID`
adds what to say on a first call. Data and words are apart (content/support-services.yaml,
content/<lang>/support.yaml). It reads no private data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hikicli.cli.app import app
from hikicli.cli.context import AppContext

if TYPE_CHECKING:
    from hikicli.content.support_content import ShownService
    from hikicli.domain.content_types import SupportWords


@app.command("support")
def support(
    ctx: typer.Context,
    service: Annotated[str | None, typer.Argument(metavar="ID")] = None,
    country: Annotated[str | None, typer.Option("--country", "-c", metavar="CODE")] = None,
    need: Annotated[str | None, typer.Option("--need", metavar="TOPIC")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Services that can help over time, for your country: `--need` picks a topic."""
    from hikicli.content.support_content import build_support
    from hikicli.errors import UsageError

    actx: AppContext = ctx.obj
    built = build_support(actx.language())
    words, countries = built["words"], built["countries"]
    code = (country or "").strip().upper() or actx.country_choice().code or ""
    if code and code not in countries and country:
        raise UsageError("support.country", country=code, countries=", ".join(countries))
    services: list[ShownService] = countries.get(code, [])
    if need is not None:
        if need not in words["needs"]:
            raise UsageError("support.need", need=need, needs=", ".join(words["needs"]))
        services = [s for s in services if need in s["needs"]]
    if service is not None:
        every = {s["id"]: s for c in countries.values() for s in c}
        if service not in every:
            raise UsageError("support.unknown", service=service, ids=", ".join(every))
        services = [every[service]]
    if as_json:
        from hikicli.cli.render import print_json

        keys = ("id", "name", "type", "needs", "offers", "for_whom", "first_contact", "channels",
                "cost", "source", "verified_on", "status")  # fmt: skip
        rows: list[dict[str, object]] = [{k: s.get(k) for k in keys} for s in services]
        for row, s in zip(rows, services, strict=True):
            row["phone_only_some"] = s["phone_only_some"]
            row["secondary"] = s["secondary"]
            if service is not None:
                row["script"] = words["scripts"][s["type"]]
        data = {"country": code or None, "need": need, "services": rows,
                "countries": sorted(countries), "crisis": "hiki crisis"}  # fmt: skip
        print_json(data, kind="support")
        return
    _show(words, code, sorted(countries), services, need, detailed=service is not None)


def _show(
    words: SupportWords,
    code: str,
    countries: list[str],
    services: list[ShownService],
    need: str | None,
    detailed: bool,
) -> None:
    from hikicli.cli.render import console, markup_escape

    out = console()
    labels = words["labels"]

    def say(text: str, style: str | None = None) -> None:
        out.print(markup_escape(text), style=style)

    say(words["title"], "bold")
    if not detailed:
        say(words["country_line"].format(country=code or "?", countries=", ".join(countries)))
    if not services:
        out.print()
        if need is not None and code in countries:
            say(words["none_for_need"].format(need=need, needs=", ".join(words["needs"])))
        else:
            say(words["none_here"].format(country=code or "?"))
    for s in services:
        out.print()
        say(s["name"], "bold")
        if s["status"] == "secondary":
            say(labels["secondary"], "italic")
        say(labels["offers"] + labels["sep"] + s["offers"])
        say(labels["for_whom"] + labels["sep"] + s["for_whom"])
        say(labels["first_contact"] + labels["sep"] + s["first_contact"])
        if s["secondary"] == "contact":
            say(labels["secondary_contact"], "italic")
        if s["phone_only_some"]:
            say(labels["phone_only_some"])
        say(labels["cost"] + labels["sep"] + words["costs"][s["cost"]])
        say(labels["source_line"].format(source=s["source"], date=s["verified_on"]), "dim")
        if detailed:
            script = words["scripts"][s["type"]]
            out.print()
            say(script["title"], "bold")
            for part in ("say", "ask", "end"):
                say(f"- {script[part]}")
    out.print()
    if services and not detailed:
        say(words["details_hint"])
    say(words["crisis_note"])
