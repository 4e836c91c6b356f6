"""Every sentence a person sees comes from the language catalog (content/<lang>/messages.yaml and
help.yaml), in English and Japanese; no new English enters src/."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any

import pytest
import typer

from hikicli.cli.app import app
from hikicli.cli.localize import apply_help
from hikicli.content.message_models import HelpContent, MessagesContent
from hikicli.content.messages import words
from hikicli.errors import is_key
from tests import english_scan

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def test_no_new_english_in_src() -> None:
    found, baseline = english_scan.scan(), english_scan.read_baseline()
    new = sorted((found - baseline).elements())
    assert not new, (
        "English sentences reach the screen from src/; put them in content/en/messages.yaml "
        "(and content/ja/): \n" + "\n".join(new)
    )
    gone = sorted((baseline - found).elements())
    assert not gone, (
        "Moved out of code (well done): remove these from tests/english_baseline.txt "
        "(`python -m tests.english_scan --write`):\n" + "\n".join(gone)
    )


def _keys(data: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(_keys(value, f"{prefix}{key}."))
    elif isinstance(data, str):
        out[prefix.rstrip(".")] = data
    return out


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("name", ["messages", "help"])
def test_japanese_has_every_english_key_with_the_same_placeholders(name: str) -> None:
    english = _keys(words("en", name, merged=False))
    japanese = _keys(words("ja", name, merged=False))
    assert english, f"content/en/{name}.yaml did not load"
    missing = sorted(set(english) - set(japanese))
    assert not missing, f"content/ja/{name}.yaml lacks: {missing}"
    differ = [k for k in english if _fields(english[k]) != _fields(japanese[k])]
    assert not differ, f"placeholders differ between en and ja: {differ}"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_words_files_validate(lang: str) -> None:
    MessagesContent.model_validate(words(lang, "messages"))
    HelpContent.model_validate(words(lang, "help"))


def _keys_in_code() -> set[str]:
    """`text(lang, "group.name")`, `Msg("group.name")` and `SomeError("group.name", ...)`."""
    used: set[str] = set()
    for path in (ROOT / "src" / "hikicli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = english_scan._name(node.func)
            if name not in ("text", "Msg") and not english_scan._is_error(name):
                continue
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if is_key(arg.value):
                        used.add(arg.value)
    return used


def test_every_key_in_the_code_has_english_words() -> None:
    english = _keys(words("en", "messages", merged=False))
    groups = set(MessagesContent.model_fields)
    missing = sorted(k for k in _keys_in_code() if k.split(".")[0] in groups and k not in english)
    assert not missing, f"content/en/messages.yaml lacks: {missing}"


def _tree() -> Any:
    return typer.main.get_command(app)


def _walk(command: Any, path: str = "") -> list[tuple[str, Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _walk(sub, f"{path} {name}".strip())
    return found


def test_every_command_and_option_has_help_and_every_entry_names_one() -> None:
    root = _tree()
    apply_help(root, "en")
    tree = dict(_walk(root))
    for path, command in tree.items():
        assert command.help, f"hiki {path}: no help in content/en/help.yaml"
        for param in command.params:
            if hasattr(param, "help") and param.name != "ctx":
                assert param.help, f"hiki {path} {param.name}: no help in content/en/help.yaml"
    for lang in ("en", "ja"):
        for path, entry in (words(lang, "help", merged=False).get("commands") or {}).items():
            assert path in tree, f"content/{lang}/help.yaml: no command 'hiki {path}'"
            names = {p.name for p in tree[path].params}
            extra = set(entry.get("options") or {}) - names
            assert not extra, f"content/{lang}/help.yaml: 'hiki {path}' has no {extra}"


# ---- Japanese screens --------------------------------------------------------------------------


def _allowed_words() -> set[str]:
    """Command names, option names and the ids a person types (contact kinds, answers)."""
    allowed = {"hiki", "json", "csv", "md", "html", "yaml", "markdown", "schema", "suds", "id"}
    for _path, command in _walk(_tree()):
        allowed.update(re.findall(r"[a-z]+", command.name or ""))
        for param in command.params:
            for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                allowed.update(re.findall(r"[a-z]+", opt.lower()))
    allowed.update("none family online phone in person yes no skip partly done not today".split())
    allowed.update("self counselor room home outside people study work".split())
    allowed.update("int str float path name range x".split())  # Click's type names in errors
    allowed.add("n")  # the metavar of a count (`--limit N`)
    allowed.update("text chat email web".split())  # crisis channel ids, shown as "(web)"
    allowed.add("english")  # the English language's own name, beside `language en`
    from hikicli.storage.settings import SETTINGS

    for setting in SETTINGS.values():  # `hiki config set KEY VALUE`: keys and values are typed
        allowed.update(re.findall(r"[a-z]+", setting.key))
        allowed.update(re.findall(r"[a-z]+", " ".join(setting.choices or ())))
    allowed.update(["true", "false"])
    allowed.add("mum")  # the family profile these tests make (`hiki --profile mum`)
    from hikicli.content.catalog import load_catalog

    catalog = load_catalog("ja")
    ids = [*catalog["guides"], *(f["id"] for f in catalog["now"]["feelings"])]
    ids += [pack.stem for pack in (CONTENT / "ja" / "packs").glob("*.yaml")]  # a pack's id
    # a homework task's id (`hiki homework done TASK`): its kind, then the topic or item's id
    ids += ["checkins", "reading", "reflection", "questionnaire", "step", "lesson"]
    ids += list(catalog["family-readings"])  # `hiki family read TOPIC`
    from typing import get_args

    from hikicli.content.support_models import Need

    ids += [*get_args(Need), "hikikomori-centre"]  # `hiki support --need TOPIC`, a service id
    for form in catalog["instruments"].values():  # the English forms shipped, by their names
        ids += [form["id"], form["name"], form["title"]]
        ids += [b["label"] for b in form["scoring"].get("bands", [])]  # the form's own bands
    for name in ids:  # ids the person types (`hiki guide TOPIC`, `hiki now FEELING`)
        allowed.update(w.lower() for w in re.findall(r"[A-Za-z]+", name))
    from hikicli.content.risk_content import load_risk_content

    crisis = load_risk_content("ja").crisis  # a line's own name (Find A Helpline) is a name
    lines = [crisis["directory"], *(x for c in crisis["countries"].values() for x in c["lines"])]
    for line in lines:
        allowed.update(w.lower() for w in re.findall(r"[A-Za-z]+", line["name"]))
    return allowed


def english_runs(screen: str, allowed: set[str]) -> list[str]:
    """Runs of English words that are not commands, flags, ids, URLs, paths, env vars or
    numbers."""
    screen = re.sub(r"https?://\S+|\S*/\S+|`[^`]*`|'[^']*'", " ", screen)
    screen = re.sub(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:jp|com|org|net|uk|au|ca)\b", " ", screen)
    screen = re.sub(r"--?[A-Za-z][\w-]*", " ", screen)
    screen = re.sub(r"(?<![A-Za-z])[a-z]\d+\b", " ", screen)  # step ids: s1, s12
    # HIKI_LANG, FILE, [OPTIONS], JP; names in capitals beside kana (ひきこもりVOICE STATION, KHJ)
    screen = re.sub(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+(?![A-Za-z0-9_])", " ", screen)
    out = []
    for run in re.findall(r"[A-Za-z][A-Za-z']*(?:[ ,.:;·]+[A-Za-z][A-Za-z']*)*", screen):
        wordz = re.findall(r"[A-Za-z']+", run)
        if any(w.lower().strip("'") not in allowed for w in wordz):
            out.append(run)
    return out


SCREENS = [
    ["--help"],
    ["checkin", "--help"],
    ["history", "--help"],
    ["crisis"],
    ["checkin", "--mod", "3"],
    ["checkin", "--mood", "abc"],
    ["nosuchcommand"],
    ["homework", "done", "nosuch"],
    ["family", "lesson", "99"],
    ["family", "lesson", "1", "--done", "--show"],
    ["content", "validate", "no/such.yaml"],
    ["data", "passphrase"],
    ["data", "backup", "restore", "nosuch"],
    ["data", "restore-header"],
    [],  # the dashboard: its week table (contacts, minutes) and the first-run welcome
    ["history"],
    ["config", "show"],
    ["guide", "--list"],
    ["assess", "list"],
    ["safety-plan"],
    ["ladder"],
    ["--profile", "mum", "family"],  # a family profile (made first, below)
    ["--profile", "mum"],
    ["--profile", "mum", "family", "read"],  # the short readings for families, and one of them
    ["--profile", "mum", "family", "read", "support-stages"],
    ["--profile", "mum", "guide", "--list"],
    ["now", "--list"],
    ["report", "--format", "md"],
    ["progress"],  # its charts: days out of days checked in, bars, headings (cell-aligned)
    ["support", "--country", "JP"],  # its labels and sources
]


@pytest.mark.parametrize("args", SCREENS, ids=lambda a: " ".join(a) or "hiki")
def test_a_japanese_screen_has_no_english_sentence(
    args: list[str], hiki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIKI_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "80")
    hiki(["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
            "--outside", "10", "--contact", "family", "--safe", "yes"])  # fmt: skip
    if args[:2] == ["--profile", "mum"]:
        assert hiki(["family", "start", "mum"]).exit_code == 0
    result = hiki(args)
    screen = result.output + (result.stderr if result.stderr_bytes else "")
    assert screen.strip()
    runs = english_runs(screen, _allowed_words())
    assert not runs, f"hiki {' '.join(args)} shows English: {runs}\n{screen}"


WITH_DATA = [
    ["ladder"],
    ["history"],
    ["assess", "history"],
    ["progress"],
    ["report", "--format", "md"],
    ["homework"],
    ["safety-plan"],
    [],
]


@pytest.mark.parametrize("args", WITH_DATA, ids=lambda a: " ".join(a) or "hiki")
def test_japanese_screens_with_data_have_no_english_sentence(
    args: list[str], hiki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ladder with a try, a safety plan, a questionnaire, a counselor's pack: each screen that
    shows them reads in Japanese (table headings, bands in the form's words, ids as words)."""
    monkeypatch.setenv("HIKI_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "80")
    setup = [
        ["checkin", "--mood", "5", "--anxiety", "4", "--energy", "5", "--sleep", "7",
         "--outside", "10", "--contact", "family", "--safe", "yes", "--note", "散歩した"],
        ["ladder", "add", "コンビニに行く", "--suds", "40"],
        ["step", "s1", "--result", "done", "--peak", "30", "--end", "10"],
        ["safety-plan", "add", "coping", "お茶をいれる"],
        ["safety-plan", "add", "people", "姉（LINEでメッセージ）"],
        ["assess", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"],
        ["homework", "import", str(CONTENT / "ja" / "packs" / "first-two-weeks.yaml"), "--yes"],
    ]  # fmt: skip
    for command in setup:
        done = hiki(command)
        assert done.exit_code == 0, (command, done.output)
    result = hiki(args)
    assert result.exit_code == 0, result.output
    screen = result.output + (result.stderr if result.stderr_bytes else "")
    runs = english_runs(screen, _allowed_words())
    assert not runs, f"hiki {' '.join(args)} shows English: {runs}\n{screen}"
