"""`hiki report`: Markdown, JSON and one self-contained HTML file; notes only when asked."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.progress_data import LEARNED, SECRET_NOTE, seed
from tests.support import json_data, tree_snapshot


def test_markdown_has_every_section_and_no_private_notes(hiki, home, make_ctx):
    seed(home)
    ctx = make_ctx()
    result = hiki(["report"], ctx=ctx)
    assert result.exit_code == 0, result.output
    out = result.output
    sections = ctx.catalog["report"]["sections"]
    for key in ("checkins", "pattern", "ladder", "assessments", "homework"):
        assert f"\n## {sections[key]}\n" in out
    for key in ("weeks", "mastered"):
        assert f"\n### {sections[key]}\n" in out
    assert "Covers 2026-10-29 to 2026-11-25" in out  # default: the last 4 weeks
    # What was learned is the person's own words: only when included, and the header says so.
    assert LEARNED not in out and "\n### What was learned\n" not in out
    assert "Your own words are left out: private notes, answers to reflection questions" in out
    assert "Homework tasks done: 1 of 1." in out
    assert "| 2026-11-25 | 8 | Mild (5–9) |" in out
    assert "secret-note" not in out
    assert f"## {sections['notes']}" not in out


def test_include_notes_adds_them(hiki, home):
    seed(home)
    out = hiki(["report", "--include-notes"]).output
    assert "secret-note &lt;script>" in out  # no raw HTML inside Markdown


def test_json_report_keys_and_notes_only_when_asked(hiki, home):
    seed(home)
    data = json_data(hiki(["report", "--format", "json", "--since", "2026-11-01"]).output)
    assert set(data) == {
        "format",
        "version",
        "generated",
        "start",
        "end",
        "safety",
        "safety_start",
        "summary",
        "checkins",
        "weeks",
        "daily",
        "pattern",
        "pattern_status",
        "sleep_window",
        "activities",
        "ladder",
        "assessments",
        "homework",
        "step_notes",
        "period",
        "included",
        "notes_included",
    }
    assert (data["format"], data["version"], data["start"]) == ("hiki-report", 1, "2026-11-01")
    assert data["safety"] == [] and "crisis" not in data  # no risk moment: no crisis block
    assert data["ladder"]["tries"] == 1 and "learned" not in data["ladder"]
    assert data["included"] == [] and data["period"] == {"source": "since"}
    assert data["homework"] == {
        "assigned": 1,
        "done": 1,
        "items": [
            {
                "title": "Open the curtains each morning",
                "done": True,
                "assigned_on": "2026-11-15",
                "done_on": "2026-11-23",
            }
        ],
    }
    assert data["pattern"]["factor"] == "outside" and "text" in data["pattern"]
    assert "secret-note" not in json.dumps(data)
    with_notes = json_data(hiki(["report", "--format", "json", "--include-notes"]).output)
    assert with_notes["ladder"]["learned"][0]["learned"] == LEARNED
    assert with_notes["included"] == ["notes", "reflections", "learned"]
    assert with_notes["notes"] == [
        {"date": "2026-11-25", "kind": "checkin", "text": f"{SECRET_NOTE} 2026-11-25"}
    ]


def test_report_without_ladder_or_homework_leaves_those_sections_out(hiki, home, make_ctx):
    seed(home, extras=False)
    ctx = make_ctx()
    out = hiki(["report"], ctx=ctx).output
    sections = ctx.catalog["report"]["sections"]
    assert sections["ladder"] not in out and sections["homework"] not in out
    assert ctx.catalog["report"]["no_assessments"] in out


def self_contained_problems(html: str) -> list[str]:
    problems = []
    if re.search(
        r"""(?:src|href|xlink:href|action|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I
    ):
        problems.append("loads something from a URL")
    if re.search(r"<(?:script|link|iframe|object|embed|img|base)\b", html, re.I):
        problems.append("has an element that can load or run something")
    if re.search(r"@import|url\(|@font-face", html, re.I):
        problems.append("CSS loads something")
    if re.search(r"https?://", html):
        problems.append("mentions a URL")
    return problems


def test_html_is_self_contained_with_svg_and_print_styles(hiki, home, tmp_path):
    seed(home)
    target = tmp_path / "report.html"
    result = hiki(["report", "--format", "html", "-o", str(target), "--include-notes"])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert self_contained_problems(html) == []
    assert html.count("<svg") >= 5  # mood, anxiety, energy, minutes outside, phq9
    assert "@media print" in html and "@page" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_checker_itself_catches_loads():
    for bad in (
        '<img src="https://x/y.png">',
        '<a href="//x">',
        "<style>@import 'x';</style>",
        "<script>1</script>",
        "<link rel=stylesheet href=x.css>",
    ):
        assert self_contained_problems(bad), bad


def test_output_file_is_never_overwritten_without_force(hiki, home, tmp_path):
    seed(home, extras=False)
    target = tmp_path / "r.md"
    target.write_text("keep me", encoding="utf-8")
    result = hiki(["report", "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert hiki(["report", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--format", "pdf"], "--format must be md, html or json"),
        (["--since", "2026-13-01"], "--since must be a real date"),
        (["--since", "2027-01-01"], "is in the future"),
        (["-o", "/nonexistent-folder/r.md"], "does not exist"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(hiki, home, args, fragment):
    seed(home, extras=False)
    before = tree_snapshot(home)
    result = hiki(["report", *args])
    assert result.exit_code == 2
    assert fragment in result.output
    assert tree_snapshot(home) == before


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# Three headless Chromium runs (the page, a screenshot, a PDF): with the printed layout in CI's full
# run; the quick run still prints through Chromium (test_report_pdf: safety on the first page).
@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_renders_in_headless_chromium(hiki, home, tmp_path):
    seed(home)
    target = tmp_path / "report.html"
    hiki(["report", "--format", "html", "-o", str(target)])
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", target.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "<svg" in dom and "hiki progress report" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1000,1400", target.as_uri()],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [CHROMIUM, *flags, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", target.as_uri()],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_report_is_printed_when_no_file_is_given(hiki, home):
    seed(home, extras=False)
    result = hiki(["report", "--format", "html"])
    assert result.output.startswith("<!DOCTYPE html>")
    assert not list(Path(home).rglob("*.html"))


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_empty_log_gives_a_calm_report_in_every_format(hiki, make_ctx, fmt):
    ctx = make_ctx()
    result = hiki(["report", "--format", fmt], ctx=ctx)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json_data(result.output)
        assert data["checkins"]["days"] == 0 and data["ladder"] is None
    else:
        assert ctx.catalog["report"]["no_checkins"] in result.output
    if fmt == "html":
        assert self_contained_problems(result.output) == []


def test_reflection_answers_reach_the_report_only_when_included(hiki, home, tmp_path):
    from hikicli.content.catalog import lang_dir

    pack = lang_dir("en") / "packs" / "first-two-weeks.yaml"
    assert hiki(["homework", "import", str(pack), "--yes"]).exit_code == 0
    tasks = json_data(hiki(["homework", "--json"]).output)["packs"][0]["tasks"]
    reflection = next(t for t in tasks if t["kind"] == "reflection")
    answer = "the mornings were easier than I thought"
    result = hiki(["homework", "answer", reflection["id"], "--text", answer])
    assert result.exit_code == 0, result.output
    assert answer not in hiki(["report", "--format", "md"]).output
    with_notes = hiki(["report", "--format", "md", "--include-notes"]).output
    assert answer in " ".join(with_notes.split())
    # --include reflections: each answer under its own question, and nothing else of theirs
    out = " ".join(hiki(["report", "--include", "reflections"]).output.split())
    assert f"{reflection['label']}** {answer}" in out
    assert (
        "Included because you chose to: answers to reflection questions. "
        "Left out: private notes, what was learned after ladder steps."
    ) in out
