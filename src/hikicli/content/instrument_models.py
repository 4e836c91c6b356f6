"""The questionnaire (instrument) format. Shipped instruments and a counselor's own files use it.

An instrument is content: its items, answer options and scoring rule are data, so a counselor can
add a licensed questionnaire hiki does not ship (e.g. HQ-25) as a YAML file and hiki administers
and scores it. The cross-checks below catch a rule that cannot be applied (an item number that does
not exist, bands with gaps or overlaps) when the file is validated, not in the middle of a session.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from hikicli.content.models import Strict, Text
from hikicli.errors import Msg

InstrumentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
# `hiki assess list` and `hiki assess history` are commands, so these cannot be instrument ids.
RESERVED_IDS = ("list", "history")


class AnswerOption(Strict):
    value: int = Field(ge=0, le=100)
    label: Text


class Item(Strict):
    number: int = Field(ge=1)
    text: Text
    options: list[AnswerOption] | None = Field(None, min_length=2)  # else the instrument's


class Band(Strict):
    """Totals from `min` to `max` inclusive. `meaning` says in plain words what the range means."""

    id: InstrumentId
    min: int
    max: int
    label: Text
    meaning: Text
    suggest_professional: bool = False
    offer: InstrumentId | None = None  # suggest a fuller questionnaire, e.g. PHQ-2 -> PHQ-9


class Subscale(Strict):
    id: InstrumentId
    name: Text
    items: list[int] = Field(min_length=1)


class RiskItem(Strict):
    """An answer of `at_least` or more to this item shows crisis resources at once."""

    item: int = Field(ge=1)
    at_least: int = Field(ge=0)


class ItemRule(Strict):
    """Any single raw answer at or below `at_most` gives this reading, whatever the total, unless
    the total's own band already suggests talking with someone (WHO-5: "a raw score below 13, or
    an answer of 0 or 1 to any of the five items")."""

    at_most: int = Field(ge=0)
    id: InstrumentId
    label: Text
    meaning: Text
    suggest_professional: bool = True
    offer: InstrumentId | None = None


class Scoring(Strict):
    method: Literal["sum"] = "sum"
    reverse_keyed: list[int] = []  # scored as (lowest + highest option) - answer
    percent_factor: int | None = Field(None, ge=1)  # WHO-5: raw x 4 = 0-100 %
    bands: list[Band] = []  # empty: the score is shown without a label
    subscales: list[Subscale] = []
    risk_items: list[RiskItem] = []
    any_item_at_most: ItemRule | None = None
    meaningful_change: int | None = Field(None, ge=1)
    meaningful_change_on: Literal["total", "percent"] = "total"


class Instrument(Strict):
    id: InstrumentId
    name: Text  # short, e.g. "PHQ-9"
    title: Text
    citation: Text
    licence: Text
    licence_status: Literal["confirmed", "unconfirmed"]
    source: Text
    about: Text  # one or two plain sentences shown before the questions
    score_note: Text | None = None  # how to read the score when there are no bands
    stem: Text | None = None  # UCLA-3: the reference gives no stem, so none is shown
    options: list[AnswerOption] = Field(min_length=2)
    items: list[Item] = Field(min_length=1, max_length=200)
    scoring: Scoring

    @model_validator(mode="after")
    def _rule_can_be_applied(self) -> Instrument:
        problems: list[Msg] = []
        if self.id in RESERVED_IDS:
            problems.append(Msg("content.instrument_reserved_id", id=self.id))
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(Msg("content.instrument_numbering"))
        for item in [None, *self.items]:
            options = self.options if item is None else item.options
            if options is None:
                continue
            values = [o.value for o in options]
            if len(set(values)) != len(values):
                if item is None:
                    problems.append(Msg("content.instrument_values_twice"))
                else:
                    problems.append(Msg("content.instrument_item_values_twice", item=item.number))
        known = set(numbers)
        s = self.scoring
        for label, refs in (
            ("reverse_keyed", s.reverse_keyed),
            ("risk_items", [r.item for r in s.risk_items]),
            *((f"subscale '{sub.id}'", sub.items) for sub in s.subscales),
        ):
            missing = sorted(set(refs) - known)
            if missing:
                absent = ", ".join(map(str, missing))
                problems.append(Msg("content.instrument_no_item", where=label, items=absent))
        for label, ids in (
            ("band", [b.id for b in s.bands]),
            ("subscale", [x.id for x in s.subscales]),
        ):
            if len(set(ids)) != len(ids):
                problems.append(Msg("content.instrument_id_twice", what=label))
        if s.meaningful_change_on == "percent" and s.percent_factor is None:
            problems.append(Msg("content.instrument_percent_factor"))
        if not problems:
            problems += self._range_problems()
        if problems:
            raise ValueError(Msg("content.problems", problems=problems))
        return self

    def _range_problems(self) -> list[Msg]:
        lo = hi = 0
        for item in self.items:
            values = [o.value for o in (item.options or self.options)]
            lo, hi = lo + min(values), hi + max(values)
        problems: list[Msg] = []
        by_number = {item.number: item for item in self.items}
        for risk in self.scoring.risk_items:
            values = [o.value for o in (by_number[risk.item].options or self.options)]
            if risk.at_least > max(values) or risk.at_least <= min(values):
                # a risk item that can never fire, or fires on every answer, protects no one
                problems.append(
                    Msg(
                        "content.instrument_risk_threshold", item=risk.item,
                        at_least=risk.at_least, lowest=min(values), highest=max(values),
                    )  # fmt: skip
                )
        factor = self.scoring.percent_factor
        if factor is not None and (lo != 0 or hi * factor != 100):
            problems.append(Msg("content.instrument_percent_range", factor=factor, lo=lo, hi=hi))
        if not self.scoring.bands:
            return problems
        bands = sorted(self.scoring.bands, key=lambda b: b.min)
        if bands[0].min != lo or bands[-1].max != hi:
            problems.append(Msg("content.instrument_bands_cover", lo=lo, hi=hi))
        for before, after in zip(bands, bands[1:], strict=False):
            if after.min != before.max + 1:
                problems.append(Msg("content.instrument_bands_gap", a=before.id, b=after.id))
        problems += [Msg("content.instrument_band_order", id=b.id) for b in bands if b.min > b.max]
        return problems
