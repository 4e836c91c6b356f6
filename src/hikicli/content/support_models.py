"""Strict models of `hiki support`: the shared data (content/support-services.yaml) and the words
per language (content/<lang>/support.yaml). Every service carries its source and the date it
was checked; a SECONDARY one says so (tests/test_support.py checks the numbers against the
reference)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from hikicli.content.models import Slug, Strict, Text

Need = Literal["hikikomori", "family", "mental-health", "work", "school", "cost"]
ServiceType = Literal["consultation", "helpline", "office", "family-group", "school"]
Cost = Literal["free", "free-mostly", "reduced", "fee", "unknown"]
Channel = Literal["phone", "text", "chat", "web", "visit", "home-visit"]


class Service(Strict):
    id: Slug
    type: ServiceType
    needs: list[Need] = Field(min_length=1)
    channels: list[Channel] = Field(min_length=1)
    contact: dict[str, Text]
    phone_only_some: bool = False
    cost: Cost
    source: Text
    verified_on: dt.date
    status: Literal["confirmed", "secondary"]
    secondary: Literal["contact"] | None = None  # which part of a confirmed entry is SECONDARY


class SupportData(Strict):
    countries: dict[str, list[Service]]


class ServiceWords(Strict):
    name: Text
    offers: Text
    for_whom: Text
    first_contact: Text  # {placeholders} from the data's contact


class Script(Strict):
    title: Text
    say: Text
    ask: Text
    end: Text


class Labels(Strict):
    offers: Text
    for_whom: Text
    first_contact: Text
    cost: Text
    source: Text
    checked: Text
    sep: Text  # between a label and its text (": ", ja "：")
    source_line: Text  # {source} {date}
    secondary: Text
    secondary_contact: Text
    phone_only_some: Text


class SupportWords(Strict):
    title: Text
    country_line: Text
    none_here: Text
    none_for_need: Text
    crisis_note: Text
    details_hint: Text
    labels: Labels
    needs: dict[Need, Text]
    costs: dict[Cost, Text]
    scripts: dict[ServiceType, Script]
    services: dict[str, dict[Slug, ServiceWords]]
