"""Scoring questionnaires from their definition, given as plain data (the validated YAML as dicts).

Pure: no I/O, no prompts. The rule lives in the instrument's file (sum, reverse-keyed items,
subscales, bands, risk items); this module only applies it, so a counselor's own instrument is
scored by exactly the same code as the shipped ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from hikicli.errors import Msg, UsageError

if TYPE_CHECKING:
    from hikicli.domain.content_types import AnswerOption, Band, Instrument, ItemRule

KIND = "assessment"
HISTORY_MONTHS = 12  # `hiki assess history` shows this many months unless `--all`


def item_options(instrument: Instrument, number: int) -> list[AnswerOption]:
    item = instrument["items"][number - 1]
    return list(item.get("options") or instrument["options"])


def item_range(instrument: Instrument, number: int) -> tuple[int, int]:
    values = [int(o["value"]) for o in item_options(instrument, number)]
    return min(values), max(values)


def total_range(instrument: Instrument) -> tuple[int, int]:
    ranges = [item_range(instrument, n) for n in range(1, len(instrument["items"]) + 1)]
    return sum(lo for lo, _ in ranges), sum(hi for _, hi in ranges)


def _describe_values(instrument: Instrument) -> Msg:
    """'each 0–3', or the allowed values when they are not a simple run (e.g. 0, 2, 4)."""
    sets = {
        tuple(sorted(int(o["value"]) for o in item_options(instrument, n)))
        for n in range(1, len(instrument["items"]) + 1)
    }
    if len(sets) == 1:
        values = next(iter(sets))
        if values == tuple(range(values[0], values[-1] + 1)):
            return Msg("assess.values_run", lo=values[0], hi=values[-1])
        return Msg("assess.values_list", values=", ".join(map(str, values)))
    return Msg("assess.values_per_item")


def parse_answers(raw: str, instrument: Instrument) -> list[int]:
    """'1,0,2' -> [1, 0, 2]; anything else is a UsageError naming the instrument and the rule."""
    # Commas separate answers (spaces around them are fine). An empty field is an error, never
    # skipped: skipping would shift every later answer onto the wrong item (item 9 included).
    parts = [p.strip() for p in raw.split(",")]
    if not raw.strip():
        raise _answers_rule(instrument, Msg("assess.got_nothing"))
    if any(not p for p in parts):
        raise _answers_rule(instrument, Msg("assess.got_empty", number=parts.index("") + 1))
    try:
        answers = [int(p) for p in parts]
    except ValueError:
        raise _answers_rule(instrument, Msg("assess.got_text", value=raw)) from None
    return check_answers(instrument, answers)


def _answers_rule(instrument: Instrument, got: Msg) -> UsageError:
    return UsageError(
        "assess.answers_rule",
        name=instrument["name"],
        id=instrument["id"],
        count=len(instrument["items"]),
        values=_describe_values(instrument),
        got=got,
    )


def check_answers(instrument: Instrument, answers: Sequence[int]) -> list[int]:
    count = len(instrument["items"])
    if len(answers) != count:
        raise _answers_rule(instrument, Msg("assess.got_count", count=len(answers)))
    for number, value in enumerate(answers, start=1):
        allowed = {int(o["value"]) for o in item_options(instrument, number)}
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise _answers_rule(instrument, Msg("assess.got_item", number=number, value=value))
    return list(answers)


def item_score(instrument: Instrument, number: int, answer: int) -> int:
    if number in instrument["scoring"].get("reverse_keyed", []):
        lo, hi = item_range(instrument, number)
        return lo + hi - answer
    return answer


def risk_items(instrument: Instrument, answers: Sequence[int]) -> list[int]:
    """Item numbers whose answer reached their risk threshold (raw answers, never reversed)."""
    return [
        rule["item"]
        for rule in instrument["scoring"].get("risk_items", [])
        if answers[rule["item"] - 1] >= rule["at_least"]
    ]


def is_risk_answer(instrument: Instrument, number: int, answer: int) -> bool:
    return any(
        rule["item"] == number and answer >= rule["at_least"]
        for rule in instrument["scoring"].get("risk_items", [])
    )


def band_for(
    instrument: Instrument, total: int, answers: Sequence[int] = ()
) -> Band | ItemRule | None:
    """The band of the total; or the instrument's single-item reading (`any_item_at_most`) when an
    answer is that low and the total's band does not already suggest talking with someone."""
    found = None
    for band in instrument["scoring"].get("bands", []):
        if band["min"] <= total <= band["max"]:
            found = band
            break
    rule = instrument["scoring"].get("any_item_at_most")
    if rule and any(a <= rule["at_most"] for a in answers):
        if not (found and found.get("suggest_professional")):
            return rule
    return found


def named_bands(
    instrument: Instrument,
    names: Mapping[str, str],
    with_range: str,
    meanings: Mapping[str, str] | None = None,
) -> Instrument:
    """The instrument with its bands named in a language's own words: `names` maps a band id to
    words, and `with_range` ("{name}（{min}〜{max}）") adds the band's own min and max, so the
    cut-offs are only ever the form's. `meanings` maps a band id to hiki's own sentence on what
    the band means, in that language. A band without words keeps the form's label (or meaning)."""
    meanings = meanings or {}
    scoring = instrument["scoring"]
    bands: list[Band] = []
    for band in scoring.get("bands", []):
        words = names.get(band["id"])
        if words:
            label = with_range.format(name=words, min=band["min"], max=band["max"])
            band = cast("Band", {**band, "label": label})
        if meanings.get(band["id"]):
            band = cast("Band", {**band, "meaning": meanings[band["id"]]})
        bands.append(band)
    named: dict[str, Any] = {**scoring, "bands": bands}
    rule = scoring.get("any_item_at_most")
    if rule:
        rule = {**rule}
        if names.get(rule["id"]):
            rule["label"] = names[rule["id"]]
        if meanings.get(rule["id"]):
            rule["meaning"] = meanings[rule["id"]]
        named["any_item_at_most"] = rule
    return cast("Instrument", {**instrument, "scoring": named})


@dataclass(frozen=True)
class Score:
    instrument: str
    name: str
    answers: tuple[int, ...]
    total: int
    lowest: int
    highest: int
    percent: int | None
    band: Band | ItemRule | None
    subscales: dict[str, int] = field(default_factory=dict)
    risk_items: tuple[int, ...] = ()

    @property
    def risk(self) -> bool:
        return bool(self.risk_items)

    def to_data(self) -> dict[str, Any]:
        """What is stored in the log (the band by id; its wording stays in the content)."""
        data: dict[str, Any] = {
            "instrument": self.instrument,
            "name": self.name,
            "answers": list(self.answers),
            "total": self.total,
            "max": self.highest,  # lets `hiki progress` and `hiki report` scale their charts
            "band": self.band["id"] if self.band else None,
            "risk_items": list(self.risk_items),
        }
        if self.percent is not None:
            data["percent"] = self.percent
        if self.subscales:
            data["subscales"] = dict(self.subscales)
        return data


def score(instrument: Instrument, answers: Sequence[int]) -> Score:
    answers = check_answers(instrument, answers)
    scored = [item_score(instrument, n, a) for n, a in enumerate(answers, start=1)]
    total = sum(scored)
    lowest, highest = total_range(instrument)
    rule = instrument["scoring"]
    factor = rule.get("percent_factor")
    subscales = {
        sub["id"]: sum(scored[n - 1] for n in sub["items"]) for sub in rule.get("subscales", [])
    }
    return Score(
        instrument=instrument["id"],
        name=instrument["name"],
        answers=tuple(answers),
        total=total,
        lowest=lowest,
        highest=highest,
        percent=total * factor if factor else None,
        band=band_for(instrument, total, answers),
        subscales=subscales,
        risk_items=tuple(risk_items(instrument, answers)),
    )


@dataclass(frozen=True)
class HistoryPoint:
    recorded: str
    total: int
    percent: int | None
    band: str | None
    change: int | None  # against the previous result of the same instrument
    meaningful: bool
    risk: bool = False  # a risk item was answered at or above its threshold
    date: str = ""  # the day the result is about: its `date`, else the day it was recorded


def history_points(
    results: Iterable[Mapping[str, Any]], instrument: Instrument | None
) -> list[HistoryPoint]:
    """Results of one instrument in time order, each with its change and whether it is meaningful.

    `instrument` gives the rule for a meaningful change (PHQ-9 and GAD-7: 5 points; WHO-5: 10
    percentage points); without it, changes are shown but none is called meaningful.
    """
    threshold = instrument["scoring"].get("meaningful_change") if instrument else None
    on_percent = bool(
        instrument and instrument["scoring"].get("meaningful_change_on") == "percent"
    )
    points: list[HistoryPoint] = []
    previous: float | None = None
    for result in results:
        value = result.get("percent") if on_percent else result.get("total")
        change = None
        if previous is not None and value is not None:
            change = int(value - previous)
        points.append(
            HistoryPoint(
                recorded=str(result["recorded"]),
                total=int(result["total"]),
                percent=result.get("percent"),
                band=result.get("band"),
                change=change,
                meaningful=bool(threshold and change is not None and abs(change) >= threshold),
                risk=bool(result.get("risk") or result.get("risk_items")),
                date=str(result.get("date") or result["recorded"])[:10],
            )
        )
        previous = value if value is not None else previous
    return points


def history_since(today: dt.date, months: int = HISTORY_MONTHS) -> dt.date:
    """The first day `hiki assess history` shows: the same day `months` months back (the
    month's last day when it has no such day)."""
    import calendar

    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(today.day, last))
