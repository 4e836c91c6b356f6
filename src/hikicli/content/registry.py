"""Which file holds which kind of content. Later features add their kinds here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Kind:
    name: str  # key in the catalog
    model: str  # "Class" in hikicli.content.models, or "package.module:Class"
    folder: bool = False  # a folder of files, each keyed by its `id`
    required: bool = True  # must exist in shipped content
    shared: bool = False  # one file in the content root, the same for every language (data)
    builder: str | None = None  # assembled by hikicli.content.risk_content (crisis: data + words)

    def model_class(self) -> type[BaseModel]:
        import importlib

        module, _, name = self.model.rpartition(":")
        cls: type[BaseModel] = getattr(
            importlib.import_module(module or "hikicli.content.models"), name
        )
        return cls


KINDS: tuple[Kind, ...] = (
    Kind("checkin", "CheckinContent"),
    Kind("suggestions", "SuggestionsContent"),
    Kind("ui", "UiContent"),
    # Words per language; the lines themselves are the shared crisis-lines.yaml (content root).
    Kind("crisis", "hikicli.content.risk_models:CrisisWords", builder="crisis"),
    Kind("crisis-lines", "hikicli.content.risk_models:CrisisData", shared=True),
    Kind("risk", "hikicli.content.risk_models:RiskContent"),
    Kind("guides", "GuideTopic", folder=True),
    Kind("progress", "hikicli.content.progress_models:ProgressContent"),
    Kind("report", "hikicli.content.progress_models:ReportContent"),
    Kind("safety", "hikicli.content.safety_models:SafetyContent"),
    Kind("instruments", "hikicli.content.instrument_models:Instrument", folder=True),
    Kind("family", "hikicli.content.family_models:FamilyContent"),
    # Short readings for families, one file each (`hiki family read ID`).
    Kind("family-readings", "hikicli.content.family_models:FamilyReading", folder=True),
    Kind("homework", "hikicli.content.pack_models:HomeworkContent"),
    Kind("packs", "hikicli.content.pack_models:HomeworkPack", folder=True),
    Kind("privacy", "hikicli.content.privacy_models:PrivacyContent"),
    Kind("ladder", "hikicli.content.ladder_models:LadderContent"),
    # Words per language; the services themselves are the shared support-services.yaml.
    Kind("support", "hikicli.content.support_models:SupportWords"),
    Kind("support-services", "hikicli.content.support_models:SupportData", shared=True),
    Kind("restart", "hikicli.content.restart_models:RestartContent"),
    Kind("activity", "hikicli.content.activity_models:ActivityContent"),
    Kind("now", "hikicli.content.now_models:NowContent"),  # `hiki now` loads it on its own
    # hiki's own words: errors, notes, Click's words (content/messages.py reads them by key)
    Kind("messages", "hikicli.content.message_models:MessagesContent"),
    Kind("help", "hikicli.content.message_models:HelpContent"),  # every --help
)


def kind_by_name(name: str) -> Kind | None:
    return next((k for k in KINDS if k.name == name), None)
