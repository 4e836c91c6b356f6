"""One table walks every risk entry point through every state that could hide help.

Entry points × form (interactive, flags, --json) × country (set, guessed from the locale,
unknown) × log (plain, encrypted and locked, damaged) × content (intact, one unrelated file
broken). In every case the short crisis block comes first (before any score or "saved") and
again last, and the risk answer is kept whenever the log can be written.

Expected words are written out here; they are not read from the catalog the code prints from.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.durable import fast_kdf
from tests.support import ScriptedPrompter, json_data

__all__ = ["fast_kdf"]  # the key's strength is not what these paths test: a fast scrypt
pytestmark = pytest.mark.usefixtures("fast_kdf")


def log_lines(home: Path) -> list[dict[str, Any]]:
    """Readable lines of the default log (a damaged line is skipped, as hiki does)."""
    path = home / "profiles" / "default" / "log.jsonl"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            rows.append(json_data(line))
        except ValueError:
            continue
    return rows

PASS = "a long test passphrase"
CHECKIN = ["--anxiety", "5", "--energy", "2", "--sleep", "6", "--outside", "0", "--contact", "none"]
COUNSELOR_FILE = """\
id: ex-risk
name: "EX-RISK"
title: "A counselor's own questionnaire"
citation: "Written for a test."
licence: "Test only."
licence_status: confirmed
source: "tests"
about: "Three questions."
options:
  - {value: 0, label: "No"}
  - {value: 1, label: "A little"}
  - {value: 2, label: "A lot"}
items:
  - {number: 1, text: "First"}
  - {number: 2, text: "Second, the risk item"}
  - {number: 3, text: "Third"}
scoring:
  risk_items:
    - {item: 2, at_least: 2}
"""

# Each entry point: argv for the flags form, and the scripted answers for the interactive form.
ENTRIES: dict[str, dict[str, Any]] = {
    "checkin-not-safe": {
        "flags": ["checkin", "--mood", "1", *CHECKIN, "--safe", "no"],
        "answers": {"mood": 1, "safe": "no", "go_on": "go", "anxiety": 5, "energy": 2,
                    "sleep": 6, "outside": 0, "contact": ["none"], "note": ""},  # fmt: skip
        "argv": ["checkin"],
        "recorded": "risk.signal",
    },
    "checkin-rather-not-say": {
        "flags": ["checkin", "--mood", "2", *CHECKIN, "--safe", "skip"],
        "answers": {"mood": 2, "safe": "skip", "anxiety": 5, "energy": 2, "sleep": 6,
                    "outside": 0, "contact": ["none"], "note": ""},  # fmt: skip
        "argv": ["checkin"],
        "recorded": "risk.signal",
    },
    "checkin-note": {
        "flags": ["checkin", "--mood", "4", *CHECKIN, "--note", "I want to die"],
        "answers": {"mood": 4, "anxiety": 5, "energy": 2, "sleep": 6, "outside": 0,
                    "contact": ["none"], "note": "honestly I want to DIE"},  # fmt: skip
        "argv": ["checkin"],
        "recorded": "risk.signal",
        "after_save": True,  # a note's words are looked at once the note is safely saved
    },
    "phq9-item9": {
        "flags": ["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3"],
        "answers": {**{f"phq9.item{n}": "0" for n in range(1, 9)}, "phq9.item9": "3"},
        "argv": ["assess", "phq9"],
        "recorded": "risk.signal",
    },
    "counselor-file": {
        "flags": ["assess", "--file", "{file}", "--answers", "0,2,0"],
        "answers": {"ex-risk.item1": "0", "ex-risk.item2": "2", "ex-risk.item3": "0"},
        "argv": ["assess", "--file", "{file}"],
        "recorded": "risk.signal",
    },
}
FORMS = ("interactive", "flags", "json")
COUNTRIES = ("set", "guessed", "unknown")
LOGS = ("plain", "encrypted-locked", "damaged")
CONTENT = ("intact", "unrelated-broken")

EMERGENCY = {"set": "110 (police)", "guessed": "911", "unknown": "call your local emergency"}
LAST = "All lines, and your safety plan: hiki crisis"


def _cases() -> list[tuple[str, str, str, str, str]]:
    every = list(itertools.product(ENTRIES, FORMS, COUNTRIES, LOGS, CONTENT))
    # The encrypted-and-locked log has no terminal to ask in: interactive runs unlock it first,
    # so that state is tested through flags and --json only.
    return [c for c in every if not (c[1] == "interactive" and c[3] == "encrypted-locked")]


@pytest.fixture(scope="session")
def broken_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content with one unrelated guide broken, copied once per worker (no test
    changes it; its catalog is then built once, see conftest)."""
    from hikicli.content.catalog import content_root

    broken = tmp_path_factory.mktemp("risk-paths") / "content"
    shutil.copytree(content_root(), broken)
    guide = broken / "en" / "guides" / "family.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nunknown_key: 1\n", "utf-8")
    return broken


@pytest.fixture
def setup(hiki, make_ctx, home, tmp_path, monkeypatch, broken_content):
    def arrange(country: str, log: str, content: str) -> Path:
        file = tmp_path / "ex-risk.yaml"
        file.write_text(COUNSELOR_FILE, encoding="utf-8")
        if country == "set":
            assert hiki(["config", "set", "country", "JP"]).exit_code == 0
        elif country == "guessed":
            monkeypatch.setenv("LANG", "en_US.UTF-8")
        if log == "damaged":
            assert hiki(["checkin", "--mood", "6", *CHECKIN, "--date", "2026-11-20"]).exit_code == 0
            path = home / "profiles" / "default" / "log.jsonl"
            path.write_bytes(path.read_bytes() + b'{"v":1,"kind": broken\n')
        elif log == "encrypted-locked":
            monkeypatch.setenv("HIKI_PASSPHRASE", PASS)
            assert hiki(["checkin", "--mood", "6", *CHECKIN, "--date", "2026-11-20"]).exit_code == 0
            assert hiki(["data", "encrypt"]).exit_code == 0
            monkeypatch.delenv("HIKI_PASSPHRASE")
        if content == "unrelated-broken":
            monkeypatch.setattr("hikicli.content.catalog.content_root", lambda: broken_content)
        return file

    return arrange


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("entry, form, country, log, content", _cases())
def test_every_risk_path_shows_the_block_first_and_last(
    hiki, make_ctx, home, setup, entry, form, country, log, content
):
    file = setup(country, log, content)
    spec = ENTRIES[entry]
    events_before = len(log_lines(home)) if log != "encrypted-locked" else None
    if form == "interactive":
        answers = dict(spec["answers"])
        answers.setdefault("safety_plan.offer", False)
        prompter = ScriptedPrompter(answers)
        argv = [a.replace("{file}", str(file)) for a in spec["argv"]]
        result = hiki(argv, ctx=make_ctx(prompter=prompter, interactive=True))
        said = _flat("\n".join(prompter.said))
        out = _flat(said + " " + result.output)
    else:
        argv = [a.replace("{file}", str(file)) for a in spec["flags"]]
        if form == "json":
            argv.append("--json")
        result = hiki(argv)
        # with --json, stdout is JSON only and the words go to stderr
        out = _flat(result.stderr if form == "json" else result.output)
    # first: the emergency number comes before any score or "saved"
    first = out.find(EMERGENCY[country])
    assert first != -1, out
    for later in ("possible range", "check-in is saved"):
        if later in out and not spec.get("after_save"):
            assert first < out.index(later), out
    # last: the block again, as the final words
    assert out.endswith(LAST), out[-300:]
    if country == "guessed":
        assert "guessed from this computer's language setting" in out
    if country == "unknown":
        assert "hiki crisis --country JP" in out
    if form == "json" and result.exit_code == 0:
        data = json_data(result.stdout)
        assert data["crisis"]["more"] == "hiki crisis"
        assert data["crisis"]["emergency"]
    if log == "encrypted-locked":
        # no terminal to ask the passphrase in: the command says so, after the help
        assert result.exit_code == 2
        assert "HIKI_PASSPHRASE" in out
    else:
        assert result.exit_code == 0, out
        added = [e["kind"] for e in log_lines(home)[events_before:] if "kind" in e]
        assert spec["recorded"] in added
