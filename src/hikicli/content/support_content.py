"""`hiki support`'s services: the shared data (support-services.yaml) with one language's words
(support.yaml, key by key over English), {placeholders} filled from the data. Raises
ContentError, located, when a service has no words or a placeholder no value."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict, cast

if TYPE_CHECKING:
    from hikicli.domain.content_types import Service, ServiceWords, SupportData, SupportWords

    class ShownService(Service, ServiceWords):
        """A service as `hiki support` shows it: the shared data with this language's words,
        its first contact filled from the data."""


class Support(TypedDict):
    """`countries`: each country's services in the person's language; `words`: the screen's
    own words (support.yaml; its `services` are in the services now)."""

    countries: dict[str, list[ShownService]]
    words: SupportWords


def build_support(lang: str) -> Support:
    from hikicli.content.catalog import _files, _located, content_root, lang_dir
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located
    from hikicli.content.yamlload import parse_file
    from hikicli.errors import ContentError

    data_kind, words_kind = kind_by_name("support-services"), kind_by_name("support")
    assert data_kind is not None and words_kind is not None
    data_path = content_root() / "support-services.yaml"
    data = cast(
        "SupportData",
        validate_located(parse_file(data_path), data_kind, str(data_path)).model_dump(mode="json"),
    )
    folder = lang_dir(lang)
    [path] = _files(folder, words_kind)
    words = cast(
        "SupportWords",
        validate_located(_located(folder, path), words_kind, str(path)).model_dump(mode="json"),
    )
    problems: list[str] = []
    countries: dict[str, list[ShownService]] = {}
    for code, services in data["countries"].items():
        own = words["services"].get(code, {})
        countries[code] = []
        for service in services:
            said = own.get(service["id"])
            if said is None:
                problems.append(f"{path}: services.{code}.{service['id']}: no words")
                continue
            try:
                contact = said["first_contact"].format(**service["contact"])
            except (KeyError, IndexError, ValueError) as err:
                problems.append(f"{path}: services.{code}.{service['id']}: placeholder {err}")
                continue
            shown: ShownService = {**service, **said, "first_contact": contact}
            countries[code].append(shown)
    if problems:
        raise ContentError(problems)
    words["services"] = {}  # each service's words are in its entry now
    return {"countries": countries, "words": words}
