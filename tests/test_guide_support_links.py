"""The person's guides link to the `hiki support --need` line of each service type they name,
in English and Japanese alike, and every such link names a topic `hiki support` knows."""

from __future__ import annotations

import re

import pytest

from hikicli.content.catalog import build_catalog, lang_dir

LINK = re.compile(r"hiki support --need ([a-z-]+)")
# What each person's guide names, and so links to (the same in every language).
EXPECTED = {
    "professional-help": {"hikikomori", "mental-health", "cost"},
    "social-reintegration": {"hikikomori"},
    "family": {"family", "hikikomori", "cost"},
    "academic-pressure": {"school", "work"},
    "ongoing-support": {"mental-health", "hikikomori"},
    "sleep-rhythm": {"mental-health"},
}


@pytest.fixture(scope="module")
def catalogs():
    return {lang: build_catalog(lang_dir(lang)) for lang in ("en", "ja")}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_persons_guide_links_the_services_it_names(catalogs, lang):
    guides = catalogs[lang]["guides"]
    found = {t: set(LINK.findall(g["audiences"]["self"]["body"])) for t, g in guides.items()}
    assert found == EXPECTED


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_link_in_guides_and_readings_is_a_topic_support_knows(catalogs, lang):
    needs = set(catalogs[lang]["support"]["needs"])
    folders = [lang_dir(lang) / "guides", lang_dir(lang) / "family-readings"]
    seen = set()
    for folder in folders:
        for path in folder.glob("*.yaml"):
            for need in LINK.findall(path.read_text(encoding="utf-8")):
                assert need in needs, f"{path.name}: --need {need} is not a topic ({needs})"
                seen.add(need)
    assert seen == needs  # and every topic is reachable from some reading


def test_a_linked_line_answers(hiki):
    for need in ("hikikomori", "mental-health", "cost", "school", "work", "family"):
        result = hiki(["support", "--country", "JP", "--need", need])
        assert result.exit_code == 0 and result.output.strip(), need
