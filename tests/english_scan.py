"""Find English sentences in `src/` that reach a person: string literals (and the literal parts of
f-strings) passed to output calls, exception constructors, typer `help=`, prompts and table headers.

Used by tests/test_text_in_catalog.py and, to rewrite the baseline after moving text out of code,
`python -m tests.english_scan --write`.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "hikicli"
BASELINE = Path(__file__).resolve().parent / "english_baseline.txt"

# Calls whose text arguments are shown: print/echo/write, rich, the Prompter, typer's prompts.
OUTPUT_CALLS = {
    "print", "echo", "secho", "write", "say", "show", "show_text", "fail", "prompt", "confirm",
    "ask", "select", "checkbox", "text", "number", "password", "add_column", "add_row", "Table",
    "Panel", "Rule", "Text", "write_text", "write_paragraph", "format", "warn", "note",
}  # fmt: skip
# Keyword arguments that are shown whatever the call is.
SHOWN_KEYWORDS = {"help", "short_help", "epilog", "title", "message", "prompt", "metavar_help"}
# Generated data, not words (tools/gen_risk_fallback.py copies risk.yaml and crisis.yaml).
SKIP = {"content/risk_fallback.py"}

_WORD = re.compile(r"[A-Za-z][a-z]+(?:['’][a-z]+)?")


def is_english(text: str) -> bool:
    """Two or more words of letters, or one capitalized word (a header, 'Mood'): a sentence a
    person reads. Ids, flags, paths, commands (`hiki crisis`) and format codes are not."""
    if re.fullmatch(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*", text):
        return False  # a message key (hikicli.errors.KEY): its words are in the catalog
    if re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", text):
        return False  # a question's key for the Prompter (`smaller_add`), never shown
    text = re.sub(r"\[/?[a-z ]*\]", " ", text)  # rich markup around words from the catalog
    text = re.sub(r"https?://\S+|`[^`]*`|--?[a-z][a-z0-9-]*|\{[^}]*\}", " ", text)
    text = re.sub(r"\bhiki( [a-z][a-z-]*){0,2}\b", " ", text)
    words = _WORD.findall(text)
    if len(words) >= 2:
        return True
    return len(words) == 1 and words[0][0].isupper() and len(words[0]) >= 3


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    """The text of a literal, an f-string (placeholders as {}) or `"a" + "b"`; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None or right is not None:
            return (left or "{}") + (right or "{}")
    if isinstance(node, ast.IfExp):
        parts = [p for p in (_literal(node.body), _literal(node.orelse)) if p]
        return " | ".join(parts) or None
    return None


def _is_error(name: str) -> bool:
    return name.endswith(("Error", "Exception", "Passphrase", "Header", "Regular", "Large")) or (
        name in {"Cancelled", "NeedsTerminal", "Exit", "Abort", "BadParameter"}
    )


def literals_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        args: list[ast.expr] = []
        if name in OUTPUT_CALLS or _is_error(name):
            args += node.args
        args += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in args:
            text = _literal(arg)
            if text is not None and is_english(text):
                found.append(" ".join(text.split()))
    return found


def scan() -> Counter[str]:
    """`relative/path.py: literal` -> how many times it occurs."""
    out: Counter[str] = Counter()
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in SKIP:
            continue
        for text in literals_in(path):
            out[f"{rel}: {text}"] += 1
    return out


def read_baseline() -> Counter[str]:
    counts: Counter[str] = Counter()
    if BASELINE.exists():
        for line in BASELINE.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                counts[line] += 1
    return counts


def write_baseline(found: Counter[str]) -> None:
    head = (
        "# English sentences still in src/ (tests/test_text_in_catalog.py): this list may only\n"
        "# shrink. Move a sentence to content/<lang>/messages.yaml (or help.yaml), then run\n"
        "# `python -m tests.english_scan --write`. One line per occurrence: `path: literal`.\n"
    )
    lines = sorted(found.elements())
    BASELINE.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    current = scan()
    if "--write" in sys.argv:
        write_baseline(current)
    by_file = Counter(k.split(":", 1)[0] for k in current.elements())
    for file, n in by_file.most_common():
        print(f"{n:4} {file}")
    print(f"{sum(current.values()):4} total")
