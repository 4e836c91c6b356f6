"""Crisis lines and the risk response's words, loaded on their own.

Nothing here depends on another content file or on the content cache: a broken guide, a bad
ladder file or a damaged cache must never stand between a person and crisis help. If even
crisis.yaml or risk.yaml cannot be read, the copy frozen in `risk_fallback` is used (generated from
the shipped files by tools/gen_risk_fallback.py; a test keeps it in step), and the problem is
reported on stderr after the help, never instead of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from hikicli.domain.content_types import CrisisContent
    from hikicli.domain.content_types import RiskContent as RiskWords

FILES = ("crisis", "risk")


@dataclass(frozen=True)
class RiskContent:
    crisis: CrisisContent
    risk: RiskWords
    problems: list[str] = field(default_factory=list)


def _load_one(name: str, lang: str) -> dict[str, Any]:
    if name == "crisis":
        return build_crisis(lang)
    from hikicli.content.catalog import _files, _located, lang_dir
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located

    kind = kind_by_name(name)
    assert kind is not None
    folder = lang_dir(lang)
    [path] = _files(folder, kind)
    data: dict[str, Any] = validate_located(_located(folder, path), kind, str(path)).model_dump(
        mode="json", by_alias=True
    )
    return data


def fallback(lang: str, name: str) -> dict[str, Any]:
    from hikicli.content.risk_fallback import FALLBACK

    chosen: dict[str, Any] = (FALLBACK.get(lang) or FALLBACK["en"])[name]
    return chosen


def load_risk_content(lang: str) -> RiskContent:
    """Never raises: a file that cannot be read is replaced by the shipped fallback."""
    loaded: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for name in FILES:
        try:
            loaded[name] = _load_one(name, lang)
        except Exception as err:  # any failure at all: the fallback still shows help
            problems.append(str(err) or type(err).__name__)
            loaded[name] = fallback(lang, name)
    crisis = cast("CrisisContent", loaded["crisis"])
    return RiskContent(crisis, cast("RiskWords", loaded["risk"]), problems)


def one_line(lang: str, key: str, profile: str = "default") -> str:
    """One top-level sentence of risk.yaml (e.g. `pointer`), read with the strict YAML loader but
    without the models: for `hiki --help` and unknown commands, where loading pydantic would cost
    ~150 ms. `{hiki}` names the profile (`hiki --profile mum crisis` shows mum's own plan, never
    the person's). Anything odd gives the frozen copy. Never raises."""
    from hikicli.domain.family import with_profile

    return with_profile(_one_line(lang, key), profile)


def _one_line(lang: str, key: str) -> str:
    try:
        from hikicli.content.catalog import lang_dir
        from hikicli.content.yamlload import parse_file

        data = parse_file(lang_dir(lang) / "risk.yaml").data
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    except Exception:  # the pointer must never fail
        pass
    return str(fallback(lang, "risk")[key])


def merge_words(base: Any, over: Any) -> Any:
    """Per-key fallback: `over` (a language's file) wins key by key over `base` (English); lists
    and texts are taken whole."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = merge_words(base.get(key), value) if key in base else value
        return merged
    return over


def build_crisis(lang: str) -> dict[str, Any]:
    """The crisis lines for `lang`: the shared data (crisis-lines.yaml) with this language's words
    (crisis.yaml, key by key over English), {placeholders} filled. Raises ContentError, located."""
    from hikicli.content.catalog import DEFAULT_LANG, content_root, lang_dir
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located
    from hikicli.content.yamlload import Located, parse_file
    from hikicli.errors import ContentError

    data_kind, words_kind = kind_by_name("crisis-lines"), kind_by_name("crisis")
    assert data_kind is not None and words_kind is not None
    data_path = content_root() / "crisis-lines.yaml"
    # python mode: dates stay dates, so the assembled lines validate strictly below
    data = validate_located(parse_file(data_path), data_kind, str(data_path)).model_dump(
        by_alias=True
    )
    english = parse_file(lang_dir(DEFAULT_LANG) / "crisis.yaml")
    path = lang_dir(lang) / "crisis.yaml"
    located = english
    if lang != DEFAULT_LANG and path.exists() and path.parent.name == lang:
        own = parse_file(path)
        located = Located(merge_words(english.data, own.data), own.marks)
    words = validate_located(located, words_kind, str(path)).model_dump(mode="json")

    problems: list[str] = []

    def fill(text: str, values: dict[str, str], where: str) -> str:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as err:
            problems.append(f"{path}: {where}: placeholder {err} has no value in {data_path.name}")
            return text

    def line(d: dict[str, Any], w: dict[str, Any] | None, where: str) -> dict[str, Any]:
        if w is None:
            problems.append(f"{path}: {where}: no words for line '{d['id']}'")
            w = {"name": d["id"], "contact": " · ".join(d["contact"].values())}
        out = {k: v for k, v in d.items() if k not in ("id", "contact")}
        out.update(w)
        out["contact"] = fill(w["contact"], d["contact"], f"{where}.contact")
        return out

    countries = {}
    for code, country in data["countries"].items():
        cw = words["countries"].get(code)
        if cw is None:
            problems.append(f"{path}: countries.{code}: no words for this country")
            continue
        countries[code] = {
            "name": cw["name"],
            "emergency": fill(cw["emergency"], country["emergency"], f"countries.{code}.emergency"),
            "utc_offset": country.get("utc_offset"),
            "lines": [
                line(d, cw["lines"].get(d["id"]), f"countries.{code}.lines.{d['id']}")
                for d in country["lines"]
            ],
        }
    built = {
        "default_emergency": fill(words["default_emergency"], data["default_emergency"],
                                  "default_emergency"),
        "directory": line(data["directory"], words["directory"], "directory"),
        "countries": countries,
    }  # fmt: skip
    if problems:
        raise ContentError(problems)
    from hikicli.content.risk_models import CrisisContent

    checked: dict[str, Any] = CrisisContent.model_validate(built).model_dump(
        mode="json", by_alias=True
    )
    return checked


def note_phrases(lang: str, cache_dir: Any = None) -> list[str]:
    """risk.yaml's note phrases, read with the strict YAML loader but without the models (a note
    is read on every check-in with one; loading pydantic would cost ~150 ms). English phrases are
    kept too: a note may be written in either. Anything odd gives the frozen copy. Never raises.
    With `cache_dir`, the list is kept there (`note-phrases-LANG.marshal`) under the files' sizes
    and times and hiki's version: a check-in then imports no YAML at all (~20 ms)."""
    import marshal

    from hikicli.content.catalog import DEFAULT_LANG, lang_dir

    files = [lang_dir(code) / "risk.yaml" for code in dict.fromkeys((lang, DEFAULT_LANG))]
    key: Any = None
    if cache_dir is not None:
        from hikicli.versions import cache_key

        try:
            key = [cache_key(files)]  # hiki's version and the files' sizes and times
            cached = marshal.loads((cache_dir / f"note-phrases-{lang}.marshal").read_bytes())
            if isinstance(cached, dict) and cached.get("key") == key:
                return list(cached["phrases"])
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            pass
    found = _read_note_phrases(lang)
    if key is not None:
        from hikicli.errors import StorageError
        from hikicli.storage.files import atomic_write

        try:
            blob = marshal.dumps({"key": key, "phrases": found})
            atomic_write(cache_dir / f"note-phrases-{lang}.marshal", blob)
        except (StorageError, OSError, ValueError):
            pass  # a cache we cannot write only costs time
    return found


def _read_note_phrases(lang: str) -> list[str]:
    from hikicli.content.catalog import DEFAULT_LANG, lang_dir
    from hikicli.content.yamlload import parse_file

    found: list[str] = []
    for code in dict.fromkeys((lang, DEFAULT_LANG)):
        phrases: Any = None
        try:
            data = parse_file(lang_dir(code) / "risk.yaml").data
            phrases = data.get("note_phrases") if isinstance(data, dict) else None
        except Exception:  # the phrases must never fail a check-in
            phrases = None
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            phrases = fallback(code, "risk")["note_phrases"]
        found += [p for p in phrases if p not in found]
    return found
