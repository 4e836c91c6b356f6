"""Strict model of content/<lang>/now.yaml: one short exercise per feeling, for `hiki now`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Strict, Text
from hikicli.domain.now import FEELINGS

FeelingId = Literal["panic", "sleep", "shame", "anger", "empty", "door"]


class Feeling(Strict):
    id: FeelingId
    label: Text  # the menu's choice: "I'm panicking"
    title: Text
    steps: list[Text] = Field(min_length=1, max_length=7)  # one screen at 80x24
    close: Text


class BreatheWords(Strict):
    offer: Text
    in_: Text = Field(alias="in")
    hold: Text
    out: Text
    done: Text


class NowContent(Strict):
    intro: Text
    question: Text
    feelings: list[Feeling]
    breathe: BreatheWords
    list_title: Text

    @model_validator(mode="after")
    def _every_feeling_once(self) -> NowContent:
        if tuple(f.id for f in self.feelings) != FEELINGS:
            # the six ids, each once, in this order (an author's message, located by the loader)
            raise ValueError(f"feelings: {', '.join(FEELINGS)}")
        return self
