"""Scoring of every shipped questionnaire, against hand-computed totals at every band boundary,
plus property tests over all answer vectors and a counselor's instrument with reverse-keyed items
and subscales. Definitions come from the real shipped YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hikicli.content.catalog import build_catalog, lang_dir
from hikicli.domain.instruments import (
    check_answers,
    history_points,
    item_options,
    parse_answers,
    score,
    total_range,
)
from hikicli.errors import UsageError
from tests.support import examples as budget

CATALOG = build_catalog(lang_dir("en"))
INSTRUMENTS: dict[str, Any] = CATALOG["instruments"]
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "instruments.md"

# (instrument, answers in item order, hand-computed total, band id or None)
BOUNDARIES = [
    ("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ("phq9", [1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
    ("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
    ("phq9", [2, 2, 2, 1, 1, 1, 0, 0, 0], 9, "mild"),
    ("phq9", [2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate"),
    ("phq9", [2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate"),
    ("phq9", [3, 3, 3, 2, 2, 2, 0, 0, 0], 15, "moderately-severe"),
    ("phq9", [3, 3, 3, 3, 3, 2, 2, 0, 0], 19, "moderately-severe"),
    ("phq9", [3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe"),
    ("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe"),
    ("gad7", [0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ("gad7", [1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
    ("gad7", [1, 1, 1, 1, 1, 0, 0], 5, "mild"),
    ("gad7", [2, 2, 2, 1, 1, 1, 0], 9, "mild"),
    ("gad7", [2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
    ("gad7", [2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
    ("gad7", [3, 3, 3, 2, 2, 2, 0], 15, "severe"),
    ("gad7", [3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    ("phq2", [0, 0], 0, "below-cut-off"),
    ("phq2", [1, 1], 2, "below-cut-off"),
    ("phq2", [2, 1], 3, "at-or-above-cut-off"),
    ("phq2", [3, 3], 6, "at-or-above-cut-off"),
    ("gad2", [0, 0], 0, "below-cut-off"),
    ("gad2", [2, 0], 2, "below-cut-off"),
    ("gad2", [1, 2], 3, "at-or-above-cut-off"),
    ("gad2", [3, 3], 6, "at-or-above-cut-off"),
    ("who5", [0, 0, 0, 0, 0], 0, "low"),
    ("who5", [3, 3, 3, 2, 1], 12, "low"),
    ("who5", [3, 3, 3, 2, 2], 13, "not-low"),
    ("who5", [5, 5, 5, 5, 5], 25, "not-low"),
    ("ucla3", [1, 1, 1], 3, None),
    ("ucla3", [2, 2, 2], 6, None),
    ("ucla3", [3, 3, 3], 9, None),
]


@pytest.mark.parametrize("iid, answers, total, band", BOUNDARIES)
def test_band_boundaries_match_hand_computed_scores(iid, answers, total, band):
    result = score(INSTRUMENTS[iid], answers)
    assert result.total == total
    assert (result.band["id"] if result.band else None) == band


def test_every_band_boundary_of_every_instrument_is_covered():
    covered = {(iid, total) for iid, _, total, _ in BOUNDARIES}
    for iid, instrument in INSTRUMENTS.items():
        for band in instrument["scoring"]["bands"]:
            assert (iid, band["min"]) in covered and (iid, band["max"]) in covered, (iid, band)
        lo, hi = total_range(instrument)
        assert (iid, lo) in covered and (iid, hi) in covered


@pytest.mark.parametrize(
    "answers, percent", [([0] * 5, 0), ([3, 3, 3, 2, 1], 48), ([3, 3, 3, 2, 2], 52), ([5] * 5, 100)]
)
def test_who5_percentage_is_raw_times_four(answers, percent):
    assert score(INSTRUMENTS["who5"], answers).percent == percent


def test_only_who5_has_a_percentage():
    assert [i for i, ins in INSTRUMENTS.items() if ins["scoring"].get("percent_factor")] == ["who5"]


@pytest.mark.parametrize("item9, risk", [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item9_above_zero_is_a_risk_whatever_the_total(item9, risk):
    result = score(INSTRUMENTS["phq9"], [0, 0, 0, 0, 0, 0, 0, 0, item9])
    assert result.risk is risk and result.total == item9
    assert result.risk_items == ((9,) if risk else ())


def test_only_phq9_has_a_risk_item():
    risky = {i for i, ins in INSTRUMENTS.items() if ins["scoring"]["risk_items"]}
    assert risky == {"phq9"}


@pytest.mark.parametrize("iid, offer", [("phq2", "phq9"), ("gad2", "gad7"), ("who5", "phq9")])
def test_short_screeners_offer_the_full_questionnaire(iid, offer):
    offering = [b for b in INSTRUMENTS[iid]["scoring"]["bands"] if b.get("offer")]
    assert [b["offer"] for b in offering] == [offer]
    assert offer in INSTRUMENTS
    if iid in ("phq2", "gad2"):
        assert offering[0]["min"] == 3  # "≥3 → offer the full questionnaire"


def test_professional_help_is_suggested_from_moderate_up():
    for iid in ("phq9", "gad7"):
        suggested = [
            b["id"] for b in INSTRUMENTS[iid]["scoring"]["bands"] if b["suggest_professional"]
        ]
        assert suggested[0] == "moderate" and INSTRUMENTS[iid]["scoring"]["bands"][2]["min"] == 10


def _answer_vectors(instrument: dict[str, Any]) -> st.SearchStrategy[list[int]]:
    return st.tuples(
        *(
            st.sampled_from([o["value"] for o in item_options(instrument, n)])
            for n in range(1, len(instrument["items"]) + 1)
        )
    ).map(list)


@pytest.mark.parametrize("iid", sorted(INSTRUMENTS))
@settings(max_examples=budget(150), deadline=None)
@given(data=st.data())
def test_any_valid_answers_score_within_range(iid, data):
    instrument = INSTRUMENTS[iid]
    answers = data.draw(_answer_vectors(instrument))
    result = score(instrument, answers)
    lo, hi = total_range(instrument)
    assert lo <= result.total <= hi
    assert result.total == sum(answers)  # no shipped instrument has reverse-keyed items
    if instrument["scoring"]["bands"]:
        assert result.band is not None
        if result.band["id"] == "low-item":  # WHO-5: one answer of 0 or 1, whatever the total
            assert iid == "who5" and result.total >= 13 and min(answers) <= 1
        else:
            assert result.band["min"] <= result.total <= result.band["max"]
    if result.percent is not None:
        assert 0 <= result.percent <= 100
    assert result.risk == (iid == "phq9" and answers[8] > 0)


@pytest.mark.parametrize("iid", sorted(INSTRUMENTS))
@settings(max_examples=budget(60), deadline=None)
@given(values=st.lists(st.integers(-5, 10), min_size=0, max_size=12))
def test_any_invalid_answer_vector_is_refused_by_name(iid, values):
    instrument = INSTRUMENTS[iid]
    count = len(instrument["items"])
    allowed = {o["value"] for o in instrument["options"]}
    valid = len(values) == count and all(v in allowed for v in values)
    if valid:
        assert check_answers(instrument, values) == values
        return
    with pytest.raises(UsageError) as err:
        check_answers(instrument, values)
    message = str(err.value)
    assert instrument["name"] in message and f"needs {count} answers" in message


def test_parse_answers_message_names_instrument_count_and_range():
    with pytest.raises(UsageError) as err:
        parse_answers("1,2,x", INSTRUMENTS["gad7"])
    assert (
        "GAD-7" in str(err.value) and "7 answers" in str(err.value) and "0 to 3" in str(err.value)
    )
    with pytest.raises(UsageError) as err:
        parse_answers("1,2,4", INSTRUMENTS["ucla3"])
    assert "UCLA-3" in str(err.value) and "1 to 3" in str(err.value) and "item 3" in str(err.value)
    assert parse_answers(" 5, 4,3 ,2,1", INSTRUMENTS["who5"]) == [5, 4, 3, 2, 1]


# A made-up counselor instrument (not a real questionnaire) exercising every rule of the format.
COUNSELOR = {
    "id": "example",
    "name": "EX-4",
    "title": "Example",
    "items": [{"number": n, "text": f"item {n}"} for n in range(1, 5)],
    "options": [{"value": v, "label": str(v)} for v in range(5)],
    "scoring": {
        "reverse_keyed": [2, 4],
        "subscales": [
            {"id": "a", "name": "A", "items": [1, 2]},
            {"id": "b", "name": "B", "items": [3, 4]},
        ],
        "bands": [
            {"id": "low", "min": 0, "max": 7},
            {"id": "high", "min": 8, "max": 16},
        ],
        "risk_items": [{"item": 3, "at_least": 3}],
    },
}


def test_reverse_keyed_items_subscales_and_risk_item_follow_the_rule():
    # answers 4,1,2,0 -> items 2 and 4 reversed on 0..4: 4-1=3, 4-0=4 -> 4+3+2+4 = 13
    result = score(COUNSELOR, [4, 1, 2, 0])
    assert result.total == 13 and result.subscales == {"a": 7, "b": 6}
    assert result.band["id"] == "high" and not result.risk
    # the risk rule looks at the raw answer to item 3: 3 >= 3
    result = score(COUNSELOR, [0, 4, 3, 4])
    assert result.total == 3 and result.band["id"] == "low" and result.risk_items == (3,)


def test_history_points_meaningful_changes():
    phq9 = INSTRUMENTS["phq9"]
    results = [
        {"recorded": "2026-01-01", "total": 12},
        {"recorded": "2026-02-01", "total": 8},
        {"recorded": "2026-03-01", "total": 3},
        {"recorded": "2026-04-01", "total": 8},
    ]
    points = history_points(results, phq9)
    assert [p.change for p in points] == [None, -4, -5, 5]
    assert [p.meaningful for p in points] == [False, False, True, True]
    who5 = INSTRUMENTS["who5"]
    results = [
        {"recorded": "a", "total": 10, "percent": 40},
        {"recorded": "b", "total": 12, "percent": 48},
        {"recorded": "c", "total": 15, "percent": 60},
    ]
    points = history_points(results, who5)
    assert [p.change for p in points] == [None, 8, 12]
    assert [p.meaningful for p in points] == [False, False, True]


# ---- the shipped files themselves -------------------------------------------------------------


def test_shipped_instruments_are_exactly_the_allowed_ones():
    assert sorted(INSTRUMENTS) == ["gad2", "gad7", "phq2", "phq9", "ucla3", "who5"]
    names = " ".join(f"{i['id']} {i['name']} {i['title']}".lower() for i in INSTRUMENTS.values())
    for forbidden in ("bdi", "beck", "hads", "hospital anxiety", "hq-25", "hq25", "hikikomori q"):
        assert forbidden not in names


def test_every_instrument_names_citation_licence_and_source():
    for instrument in INSTRUMENTS.values():
        assert instrument["citation"] and instrument["licence"] and instrument["source"]
    for iid in ("who5", "ucla3"):
        assert INSTRUMENTS[iid]["licence_status"] == "unconfirmed"
        assert "UNCONFIRMED" in INSTRUMENTS[iid]["licence"]
    raw = (lang_dir("en") / "instruments" / "who5.yaml").read_text(encoding="utf-8")
    assert "LICENCE WORDING UNCONFIRMED" in raw


def test_ucla3_carries_no_lonely_label():
    ucla = INSTRUMENTS["ucla3"]
    assert ucla["scoring"]["bands"] == []
    assert "lonely" not in str(ucla["scoring"]).lower()


def test_phq9_item9_wording_is_exact():
    assert INSTRUMENTS["phq9"]["items"][8]["text"] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference is not beside the checkout")
def test_item_wording_and_answer_labels_are_copied_exactly_from_the_reference():
    reference = REFERENCE.read_text(encoding="utf-8")
    sections = {
        "phq9": ("PHQ-9. Stem", "GAD-7. Same"),
        "gad7": ("GAD-7. Same", "WHO-5 (1998"),
        "who5": ("WHO-5 (1998", "UCLA 3-item Loneliness Scale (Hughes et al. 2004). Answers"),
        "ucla3": (
            "UCLA 3-item Loneliness Scale (Hughes et al. 2004). Answers",
            "(Licence UNCONFIRMED",
        ),
    }
    sections["phq2"], sections["gad2"] = sections["phq9"], sections["gad7"]
    for iid, (start, end) in sections.items():
        block = reference[reference.index(start) : reference.index(end)]
        instrument = INSTRUMENTS[iid]
        for item in instrument["items"]:
            assert re.search(rf"^{item['number']}\. {re.escape(item['text'])}$", block, re.M), (
                iid,
                item,
            )
        if iid in ("gad7", "gad2"):  # "Same stem and answers." as the PHQ-9
            assert instrument["options"] == INSTRUMENTS["phq9"]["options"]
            assert instrument["stem"] == INSTRUMENTS["phq9"]["stem"]
            continue
        for option in instrument["options"]:
            assert f"{option['value']} {option['label']}" in block, (iid, option)
        if instrument.get("stem"):
            assert f'"{instrument["stem"]}"' in block or f"Stem: {instrument['stem']}" in block


def test_who5_single_item_rule_follows_the_1998_scoring_note():
    """ "A raw score below 13, or an answer of 0 or 1 to any of the five items" suggests
    screening. Of all 7,776 answer sets only those with every answer 2 or more and a total of 13
    or more are "not in the low range"."""
    import itertools

    who5 = INSTRUMENTS["who5"]
    not_low = [a for a in itertools.product(range(6), repeat=5)
               if score(who5, list(a)).band["id"] == "not-low"]  # fmt: skip
    assert len(not_low) == sum(
        1 for a in itertools.product(range(6), repeat=5) if min(a) >= 2 and sum(a) >= 13
    )
    assert len(not_low) == 1003
    high_but_one_at_zero = score(who5, [5, 5, 5, 5, 0])
    assert high_but_one_at_zero.band["id"] == "low-item"
    assert high_but_one_at_zero.band["suggest_professional"] is True
    assert score(who5, [2, 2, 2, 2, 2]).band["id"] == "low"  # below 13: the total's own band
