"""Crisis lines and the risk response's words, loaded on their own.

Nothing here depends on another content file or on the content cache: a broken guide, a bad
ladder file or a damaged cache must never stand between a person and crisis help. If even
crisis.yaml or risk.yaml cannot be read, the copy frozen in `risk_fallback` is used (generated from
the shipped files by tools/gen_risk_fallback.py; a test keeps it in step), and the problem is
reported on stderr after the help, never instead of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FILES = ("crisis", "risk")


@dataclass(frozen=True)
class RiskContent:
    crisis: dict[str, Any]
    risk: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def _load_one(name: str, lang: str) -> dict[str, Any]:
    from hikicli.content.catalog import lang_dir
    from hikicli.content.registry import kind_by_name
    from hikicli.content.validate import validate_located
    from hikicli.content.yamlload import parse_file

    kind = kind_by_name(name)
    assert kind is not None
    path = lang_dir(lang) / f"{name}.yaml"
    data: dict[str, Any] = validate_located(parse_file(path), kind, str(path)).model_dump(
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
    return RiskContent(loaded["crisis"], loaded["risk"], problems)


def one_line(lang: str, key: str) -> str:
    """One top-level sentence of risk.yaml (e.g. `pointer`), read with the strict YAML loader but
    without the models: for `hiki --help` and unknown commands, where loading pydantic would cost
    ~150 ms. Anything odd gives the frozen copy. Never raises."""
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
