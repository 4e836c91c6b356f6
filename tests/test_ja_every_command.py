"""Every command of docs/cli.md in Japanese, against a home with data (issue 13): check-ins, a
ladder with a try, a safety plan, a restart plan, a questionnaire, a counselor's pack, an
activity, a family profile and a damaged line. No screen shows a run of English words that are
not commands, flags, ids, URLs or numbers, and none draws an ambiguous-width symbol (East Asian
Width "A": • ─ │ … → and the like, two cells wide in terminals set for CJK, one elsewhere).

The non-interactive twin of each command runs in-process; commands that need a terminal say so
(their words are checked too)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.test_text_in_catalog import _allowed_words, english_runs

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "content" / "ja" / "packs" / "first-two-weeks.yaml"
CHECKIN = ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
           "--outside", "10", "--contact", "family", "--safe", "yes", "--note", "散歩"]  # fmt: skip

SETUP = [
    ["config", "set", "country", "JP"],
    CHECKIN,
    [*CHECKIN[:-2], "--date", "2026-11-22"],
    ["ladder", "add", "コンビニに行く", "--suds", "40"],
    ["ladder", "add", "ゴミ出しをする", "--suds", "20"],
    ["step", "s1", "--result", "done", "--peak", "30", "--end", "10"],
    ["safety-plan", "add", "coping", "お茶をいれる"],
    ["safety-plan", "add", "people", "姉（LINEでメッセージ）"],
    ["restart-plan", "add", "first-step", "カーテンを開ける"],
    ["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"],
    ["homework", "import", str(PACK), "--yes"],
    ["activity", "--log", "散歩", "--pleasure", "6", "--mastery", "5"],
    ["family", "start", "mum"],
    ["--profile", "mum", "family", "checkin", "--stress", "4"],
    ["--profile", "mum", "family", "lesson", "1", "--done"],
]

# Each command of docs/cli.md, as a person runs it without a terminal (its flags), in Japanese.
SCREENS: list[list[str]] = [
    [],
    ["--help"],
    ["activity", "--list"],
    ["activity", "--plan", "本を読む", "--when", "evening"],
    ["assess", "list"],
    ["assess", "history"],
    ["assess", "phq9"],  # needs a terminal or --answers: says so
    ["checkin", "--mood", "3"],  # the rest of the flags are missing: says which
    ["config"],
    ["config", "set", "language", "xx"],
    ["config", "show"],
    ["content"],
    ["content", "schema"],
    ["content", "validate", str(ROOT / "content" / "ja")],
    ["crisis"],
    ["data"],
    ["data", "backup"],
    ["data", "backup", "list"],
    ["data", "backup", "restore", "nosuch"],
    ["data", "decrypt"],
    ["data", "encrypt"],
    ["data", "export", "--format", "csv"],
    ["data", "import", "no/such/file.json"],
    ["data", "passphrase"],
    ["data", "path"],
    ["data", "restore-header"],
    ["data", "status"],
    ["data", "wipe"],
    ["family"],
    ["family", "checkin"],
    ["family", "lesson", "2"],
    ["family", "read"],
    ["family", "read", "siblings"],
    ["family", "start"],
    ["--profile", "mum"],
    ["--profile", "mum", "family"],
    ["--profile", "mum", "hello"],
    ["--profile", "mum", "progress"],
    ["guide", "--list"],
    ["guide", "sleep-rhythm"],
    ["hello"],
    ["history"],
    ["homework"],
    ["homework", "answer", "nosuch", "こたえ"],
    ["homework", "check", str(PACK)],
    ["homework", "done", "nosuch"],
    ["homework", "example"],
    ["homework", "guide"],
    ["homework", "import", "no/such.yaml"],
    ["ladder"],
    ["ladder", "add"],
    ["ladder", "build"],
    ["ladder", "edit", "s2", "--suds", "25"],
    ["ladder", "pause", "s2"],
    ["ladder", "resume", "s2"],
    ["ladder", "remove", "s9"],
    ["ladder", "suggest"],
    ["now", "--list"],
    ["now", "panic", "--cycles", "0"],
    ["progress"],
    ["report", "--format", "md"],
    ["restart-plan"],
    ["restart-plan", "add", "first-step", "水を飲む"],
    ["restart-plan", "edit"],
    ["restart-plan", "export"],
    ["restart-plan", "remove", "first-step", "9"],
    ["restart-plan", "show"],
    ["safety-plan"],
    ["safety-plan", "add", "reasons", "猫がいる"],
    ["safety-plan", "edit"],
    ["safety-plan", "export"],
    ["safety-plan", "remove", "coping", "9"],
    ["safety-plan", "show"],
    ["sos"],
    ["step"],
    ["step", "s2", "--result", "partly"],
    ["support"],
    ["support", "hikikomori-centre"],
]


def _commands_in_docs() -> set[str]:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    return {m.group(1).strip() for m in re.finditer(r"^## hiki ?(.*)$", text, re.M)}


def _name(args: list[str]) -> str:
    words = [a for a in args if not a.startswith("-") and a != "mum"]
    commands = _commands_in_docs()
    for n in range(min(3, len(words)), 0, -1):
        if " ".join(words[:n]) in commands:
            return " ".join(words[:n])
    return ""


def test_every_command_in_the_docs_has_a_japanese_screen_here() -> None:
    covered = {_name(args) for args in SCREENS}
    missing = sorted(_commands_in_docs() - covered)
    assert not missing, f"commands of docs/cli.md not run in Japanese here: {missing}"


@pytest.fixture
def japanese_home(hiki: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HIKI_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "80")
    for command in SETUP:
        done = hiki(command)
        assert done.exit_code == 0, (command, done.output)
    with (home / "profiles" / "default" / "log.jsonl").open("a", encoding="utf-8") as log:
        log.write('{"v": 1, "damaged\n')  # a damaged line: its note reads in Japanese too
    return hiki


# Output that is data, not words: a JSON Schema for editors, a CSV export.
DATA = {("content", "schema"), ("data", "export")}
FILE_NAME = re.compile(r"[\w./-]+\.(?:toml|jsonl|json|yaml|md|csv|html|marshal)\b")


def _no_files(screen: str) -> str:
    return FILE_NAME.sub(" ", re.sub(r"https?://\S+", " ", screen))


def _ids() -> set[str]:
    """Words a Japanese screen may show as they are typed: template, section and pack ids, a
    pack file's YAML keys and values, the titles of the (English) sources a guide cites."""
    import yaml

    from hikicli.content.catalog import load_catalog
    from hikicli.domain import restart_plan, safety_plan

    catalog = load_catalog("ja")
    names = [t["id"] for t in catalog["ladder"]["templates"]]
    names += [*safety_plan.SECTIONS, *restart_plan.SECTIONS, "packs", "notes", "learned"]
    for guide in catalog["guides"].values():
        names += [source["title"] for source in guide["sources"]]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.extend(str(k) for k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and re.fullmatch(r"[a-z][a-z0-9-]*", node):
            names.append(node)

    for path in (ROOT / "content" / "ja" / "packs").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return {w.lower() for name in names for w in re.findall(r"[A-Za-z]+", name)}


def _no_bands(screen: str) -> str:
    """The English forms' own band labels ("Mild (5–9)") are the form's words, shown as written
    beside the form (docs/ja-style.md §7)."""
    from hikicli.content.catalog import load_catalog

    for form in load_catalog("ja")["instruments"].values():
        for band in form["scoring"].get("bands", []):
            screen = screen.replace(band["label"], " ")
    return screen


def _ambiguous(screen: str) -> list[str]:
    return sorted({c for c in screen if unicodedata.east_asian_width(c) == "A"})


def test_every_japanese_screen_reads_in_japanese_with_chrome_of_one_width(
    japanese_home: Any,
) -> None:
    allowed = _allowed_words() | _ids() | {"mum", "s1", "s2", "s9", "nosuch", "default"}
    allowed |= {"on", "off"}  # a setting's values (`config set checkin.sleep_times on`)
    allowed.add("gg")  # what gamers type at a game's end, quoted in a ladder step's tip
    english, chrome = [], []
    for args in SCREENS:
        result = japanese_home(args)
        screen = result.output + (result.stderr if result.stderr_bytes else "")
        assert screen.strip(), f"hiki {' '.join(args)} printed nothing"
        assert "Traceback" not in screen, screen
        runs = [] if tuple(args[:2]) in DATA else english_runs(_no_files(screen), allowed)
        if runs:
            english.append(f"hiki {' '.join(args)}: {runs}")
        found = [] if tuple(args[:2]) in DATA else _ambiguous(_no_bands(screen))
        if found:
            chrome.append(f"hiki {' '.join(args)}: {found}")
    assert not english, "English on Japanese screens:\n" + "\n".join(english)
    assert not chrome, "ambiguous-width symbols on Japanese screens:\n" + "\n".join(chrome)


def test_the_damaged_line_note_reads_in_japanese(japanese_home: Any) -> None:
    result = japanese_home(["history"])
    screen = " ".join((result.output + result.stderr).split())
    assert "お知らせ：" in screen, screen
    assert "この行はこわれているため、読まずに飛ばしました（ファイルには残してあります）" in screen
    assert "skipped" not in screen and "kept in the file" not in screen, screen


def test_rich_markdown_is_drawn_through_the_one_helper() -> None:
    """render.markdown chooses the bullets and the quote bar for the language; a command that
    made its own rich Markdown would draw • in Japanese."""
    cli = ROOT / "src" / "hikicli" / "cli"
    direct = [p.name for p in cli.glob("*.py") if p.name != "render.py"
              and "rich.markdown" in p.read_text(encoding="utf-8")]  # fmt: skip
    assert not direct, f"use hikicli.cli.render.markdown in {direct}"
