"""The content's types (hikicli.domain.content_types) are made from the models and match the
shipped catalog: a model that gains or renames a field without the module being regenerated fails
here, and so does a type that no longer describes what the catalog really holds."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import typing_extensions
from pydantic import TypeAdapter, create_model

from hikicli.content.catalog import build_partial, content_root, load_catalog
from hikicli.domain import content_types

ROOT = Path(__file__).resolve().parents[1]


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "gen_content_types", ROOT / "tools" / "gen_content_types.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_content_types", module)
    spec.loader.exec_module(module)
    return module


def test_the_module_is_current_with_the_models():
    tool = _tool()
    assert tool.main(["--check"]) == 0, "run: python tools/gen_content_types.py"


def test_a_model_that_gains_or_renames_a_field_needs_a_new_module():
    from hikicli.content.privacy_models import PrivacyContent

    tool = _tool()
    shipped = Path(content_types.__file__).read_text(encoding="utf-8")
    kinds = tool.roots()
    assert tool.render(kinds) == shipped
    fields: dict[str, Any] = {
        name: (f.annotation, f) for name, f in PrivacyContent.model_fields.items()
    }
    gained = create_model("PrivacyContent", __base__=PrivacyContent, later_field=(str, ...))
    gained.__module__ = PrivacyContent.__module__
    first = next(iter(fields))
    fields["renamed_" + first] = fields.pop(first)
    renamed = create_model("PrivacyContent", **fields)
    renamed.__module__ = PrivacyContent.__module__
    for changed, key in ((gained, "later_field: str"), (renamed, f"renamed_{first}: str")):
        text = tool.render([(k, changed if m is PrivacyContent else m, f) for k, m, f in kinds])
        assert text != shipped
        assert key in text


def test_a_date_is_text_and_an_alias_is_the_key():
    slot = typing.get_type_hints(content_types.OpenSlot)
    assert "from" in slot and "from_" not in slot
    pack = typing.get_type_hints(content_types.HomeworkPack)
    assert pack["start"] is str  # model_dump(mode="json") writes dates as ISO text


@pytest.fixture(scope="module")
def strict_types() -> Any:
    """The generated module's own text, run with typing_extensions' TypedDict (pydantic reads
    typing's only on Python 3.12+), each TypedDict refusing a key it does not name (pydantic
    ignores them by default)."""
    source = Path(content_types.__file__).read_text(encoding="utf-8")
    source = source.replace("from typing import", "from typing_extensions import", 1)
    module = types.ModuleType("content_types_checked")
    sys.modules[module.__name__] = module  # pydantic finds the nested types through it
    exec(compile(source, content_types.__file__, "exec"), module.__dict__)
    for value in vars(module).values():
        if isinstance(value, type) and typing_extensions.is_typeddict(value):
            value.__pydantic_config__ = {"extra": "forbid"}
    return module


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_shipped_catalog_is_an_instance_of_its_types(lang, strict_types, tmp_path):
    hints = typing.get_type_hints(strict_types.CatalogContent)
    built = build_partial(content_root() / lang)
    assert not built.broken
    assert set(built) == set(hints)
    for kind, tp in hints.items():
        TypeAdapter(tp).validate_python(built[kind], strict=True)
    # and what the marshal cache gives back is the same plain data
    load_catalog(lang, tmp_path)
    cached = load_catalog(lang, tmp_path)
    TypeAdapter(strict_types.CatalogContent).validate_python(dict(cached), strict=True)


def test_a_key_the_types_do_not_name_is_refused(strict_types):
    ui = dict(build_partial(content_root() / "en")["ui"])
    TypeAdapter(strict_types.UiContent).validate_python(ui, strict=True)
    ui["greeting_mornin"] = ui.pop("greeting_morning")
    with pytest.raises(ValueError, match="greeting_morning"):
        TypeAdapter(strict_types.UiContent).validate_python(ui, strict=True)


def _imported(home: Path, *args: str) -> set[str]:
    env = {**os.environ, "HIKI_HOME": str(home), "HIKI_LANG": "en", "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hikicli", *args],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}


def test_the_types_cost_nothing_at_run_time(tmp_path):
    """Read through types, the hot paths still import neither the types nor pydantic: the
    dashboard from its cache, the crisis screen, the step list."""
    home = tmp_path / "h"
    _imported(home)  # the first run builds the content cache
    for args in ((), ("crisis", "--country", "JP"), ("ladder",)):
        modules = _imported(home, *args)
        assert "hikicli.domain.content_types" not in modules, args
    assert "pydantic" not in _imported(home), "the dashboard reads the cached catalog"
