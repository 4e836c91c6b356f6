"""Render the session report (a plain dict from domain.report) as Markdown or as one HTML file.

The HTML is self-contained: inline CSS and inline SVG only, a Content-Security-Policy that forbids
loading anything, no scripts, no fonts, no links. It prints on A4 or Letter (@page without a fixed
size, content narrower than both).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, Any

from hikicli.cli.progress_view import pattern_or_reason, safety_words
from hikicli.domain.words import word

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent, ReportContent

CONTACTS = (
    ("family", "family"),
    ("online", "online"),
    ("phone", "phone"),
    ("in-person", "in_person"),
    ("none", "none"),
)


def _num(value: Any, na: str) -> str:
    if value is None:
        return na
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Words:
    """The content the report needs, with short names."""

    def __init__(self, catalog: CatalogContent) -> None:
        self.catalog = catalog
        self.r = catalog["report"]
        self.p = catalog["progress"]
        self.labels = self.p["labels"]
        self.na = self.r["not_available"]

    def intro(self, report: dict[str, Any]) -> str:
        """The period, and where its dates come from (the active pack's, or the default)."""
        pack = (report.get("period") or {}).get("pack")
        if pack:
            return str(self.r["intro_pack"]).format(
                start=report["start"],
                end=report["end"],
                title=_one_line(pack["title"]),
                pack_start=pack["start"],
                due=pack["due"],
            )
        return str(self.r["intro"]).format(start=report["start"], end=report["end"])

    def included_line(self, report: dict[str, Any]) -> str:
        """Exactly which of the person's own words are in the report."""
        words = self.r["included"]
        chosen = list(report.get("included") or [])
        names = [words["kinds"][k] for k in ("notes", "reflections", "learned") if k in chosen]
        left = [words["kinds"][k] for k in ("notes", "reflections", "learned") if k not in chosen]
        if not names:
            return str(words["none"])
        sep = str(words["separator"])
        if not left:
            return str(words["all"]).format(included=sep.join(names))
        return str(words["some"]).format(included=sep.join(names), left_out=sep.join(left))

    def attempt_header(self) -> list[str]:
        lb = self.r["labels"]
        keys = ("date", "step", "result", "expected", "peak", "end", "feared")
        return [word(lb, k) for k in keys]

    def attempt_row(self, a: dict[str, Any]) -> list[str]:
        """One try: expected against actual distress, and whether the feared outcome happened."""
        result = self.r["results"].get(a.get("result") or "", a.get("result") or self.na)
        feared = word(self.r["answers"], a["feared"]) if a.get("feared") else self.r["not_asked"]
        return [
            a.get("date") or "",
            _one_line(a.get("step") or ""),
            str(result),
            *[_num(a.get(k), self.na) for k in ("expected", "peak", "end")],
            str(feared),
        ]

    def reflection_answer(self, item: dict[str, Any]) -> str:
        return _one_line(item["answer"]) if item.get("answer") else str(self.r["no_answer_yet"])

    def checkin_lines(self, c: dict[str, Any]) -> list[str]:
        if not c["days"]:
            return [self.r["no_checkins"]]
        return [
            self.r["checkin_summary"].format(days=c["days"], total=c["total_days"]),
            self.r["averages"].format(
                **{k: _num(c[k], self.na) for k in ("mood", "anxiety", "energy", "sleep")}
            ),
            self.r["outside_summary"].format(days=c["days_outside"], minutes=c["outside_minutes"]),
        ]

    def week_header(self) -> list[str]:
        lb = self.labels
        return [
            lb["week"],
            lb["days"],
            lb["mood"],
            lb["anxiety"],
            lb["energy"],
            lb["sleep"],
            lb["days_out"],
            lb["minutes"],
        ]

    def week_row(self, w: dict[str, Any]) -> list[str]:
        return [
            w["end"],
            f"{w['checkins']}/{w['days']}",
            *[_num(w[k], self.na) for k in ("mood", "anxiety", "energy", "sleep")],
            str(w["days_outside"]),
            str(w["outside_minutes"]),
        ]

    def contact_header(self) -> list[str]:
        return [self.labels["week"], *[word(self.labels["contact"], key) for _, key in CONTACTS]]

    def contact_row(self, w: dict[str, Any]) -> list[str]:
        return [w["end"], *[str(w["contact"].get(cid, 0)) for cid, _ in CONTACTS]]

    def safety_table(self, report: dict[str, Any]) -> list[list[str]]:
        """Date, what, answer of each risk moment; an instrument's own rule after its answer."""
        rows = []
        for row in report.get("safety") or []:
            what, said, rule = safety_words(
                row, self.p["safety"], include_notes=bool(report.get("notes_included"))
            )
            if rule:
                said = self.p["safety"]["with_rule"].format(said=said, rule=rule)
            rows.append([row["date"], what, said])
        return rows

    def safety_words(self, report: dict[str, Any], key: str) -> str:
        """The Safety section's intro or its "none", with the days it looked at."""
        start = report.get("safety_start") or report["start"]
        return word(self.r["safety"], key).format(start=start, end=report["end"])

    def safety_header(self) -> list[str]:
        lb = self.r["labels"]
        return [lb["date"], lb["source"], lb["answer"]]

    def pattern_lines(self, report: dict[str, Any]) -> list[str]:
        return pattern_or_reason(report["pattern"], report["pattern_status"], self.p["patterns"])

    def ladder_summary(self, ladder: dict[str, Any]) -> str:
        if not ladder["tries"] and not ladder["mastered"]:
            return str(self.r["no_ladder"])
        return str(self.r["ladder_summary"]).format(
            tries=ladder["tries"], mastered=len(ladder["mastered"])
        )

    def summary_lines(self, report: dict[str, Any]) -> list[str]:
        """Page 1 after Safety: check-in days, homework per pack and week, ladder, scores."""
        s = report.get("summary")
        if not s:
            return []
        t = self.r["summary"]
        lines = [str(t["checkins"]).format(days=s["checkin_days"], total=s["total_days"])]
        for pack in s["packs"]:
            line = str(t["pack"]).format(**pack)
            if pack["weeks"]:
                weeks = str(t["pack_weeks"]).format(
                    week=pack.get("week") or pack["weeks"],
                    met=pack["weeks_met"],
                    weeks=pack["weeks"],
                )
                line += t["part_sep"] + weeks
            lines.append(line + t["line_end"])
        lines.append(
            str(t["ladder"]).format(tries=s["ladder_tries"], mastered=s["ladder_mastered"])
        )
        suds, feared = s.get("ladder_suds") or {}, s.get("ladder_feared") or {}
        if suds.get("tries"):
            numbers = {k: _num(v, self.na) for k, v in suds.items()}
            lines.append(str(t["ladder_suds"]).format(**numbers))
        if feared.get("asked"):
            lines.append(str(t["ladder_feared"]).format(**feared))
        if not s["scores"]:
            lines.append(str(t["no_scores"]))
        for score in s["scores"]:
            values = {
                "instrument": score["instrument"],
                "score": f"{score['score']:g}",
                "max": f"{score['max']:g}" if score.get("max") is not None else "",
                "band": score.get("band_label") or band_words(score.get("band")),
                "date": score["date"],
            }
            line = str(t["score" if score.get("max") is not None else "score_no_max"]).format(
                **values
            )
            if score["change"] is None:
                line += t["part_sep"] + t["first"]
            else:
                line += t["part_sep"] + str(t["change"]).format(
                    change=f"{score['change']:+g}",
                    previous=f"{score['previous']:g}",
                    previous_date=score["previous_date"],
                )
            lines.append(line + t["line_end"])
            if score.get("risk"):
                lines[-1] += f" {self.r['risk_marker']}"
        return lines

    def item_progress(self, item: dict[str, Any]) -> str:
        """(1 of 2 weeks met): a task counted per week says how far it is, not only "not yet"."""
        progress = item.get("progress")
        if not progress or item.get("done"):
            return ""
        met = str(self.r["summary"]["weeks_met"]).format(
            met=progress.get("weeks_met", 0), weeks=progress.get("weeks", 0)
        )
        return f" ({met})"

    def task_title(self, item: dict[str, Any]) -> str:
        """A pack's task in the words `hiki homework` uses ("Our two weeks: Check in on 3 days
        a week", "...: Questionnaire: WHO-5"); other homework by its own title."""
        task = item.get("task")
        if not task or not item.get("pack"):
            return str(item["title"])
        texts = self.catalog["homework"]["texts"]
        kind, label = task["kind"], task["label"]
        if kind == "checkins":
            what = str(texts["checkin_plan"]).format(days=label)
        elif kind in ("ladder", "reflection"):
            what = label
        else:
            if kind == "reading":
                guide = self.catalog.get("guides", {}).get(label)
                label = guide["title"] if guide else label
            elif kind == "family_reading":
                reading = self.catalog.get("family-readings", {}).get(label)
                label = reading["title"] if reading else label
            elif kind == "questionnaire":
                from hikicli.domain.homework import find_instrument

                instruments = self.catalog.get("instruments", {})
                found = find_instrument(label, instruments)
                label = instruments[found]["name"] if found else label
            what = str(texts["task_line"]).format(kind=texts["task_kinds"][kind], what=label)
        return f"{_one_line(item['pack'])}: {_one_line(what)}"

    def homework_summary(self, homework: dict[str, Any]) -> str:
        if not homework["assigned"]:
            return str(self.r["no_homework"])
        return str(self.r["homework_summary"]).format(
            done=homework["done"], assigned=homework["assigned"]
        )


def step_name(entry: dict[str, Any]) -> str:
    parts = [p for p in (entry.get("ladder"), entry.get("step")) if p]
    return ": ".join(_one_line(p) for p in parts) or entry.get("kind", "")


# --- Markdown -----------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """User text inside Markdown: one line, no raw HTML, no table breaks."""
    return _one_line(str(text)).replace("<", "&lt;").replace("|", "\\|")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md(h) for h in header) + " |"]
    out.append("|" + "|".join("---" for _ in header) + "|")
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return out


def render_markdown(report: dict[str, Any], catalog: CatalogContent) -> str:
    w = Words(catalog)
    r = w.r
    sec = r["sections"]
    lb = r["labels"]
    out = [f"# {r['title']}", "", w.intro(report), "", f"_{r['privacy']}_", ""]
    out += [f"_{w.included_line(report)}_", ""]
    # Safety first: "is this person safe" is the first thing a counselor reads.
    out += [f"## {r['safety']['heading']}", ""]
    rows = w.safety_table(report)
    if rows:
        out += [w.safety_words(report, "intro"), "", *_md_table(w.safety_header(), rows), ""]
    else:
        out += [w.safety_words(report, "none"), ""]
    summary = w.summary_lines(report)
    if summary:  # then "is it moving": one screen, before any detail
        out += [f"## {r['summary']['heading']}", "", *[f"- {_md(x)}" for x in summary], ""]
    out += [f"## {sec['checkins']}", "", *w.checkin_lines(report["checkins"]), ""]
    if report["checkins"]["days"]:
        out += [f"### {sec['weeks']}", ""]
        out += _md_table(w.week_header(), [w.week_row(x) for x in report["weeks"]])
        out += ["", f"### {sec['contact']}", ""]
        out += _md_table(w.contact_header(), [w.contact_row(x) for x in report["weeks"]])
        out.append("")
    out += sleep_markdown(report, catalog)
    out += activity_markdown(report, catalog)
    out += [f"## {sec['pattern']}", "", *w.pattern_lines(report), ""]
    out += _ladder_md(report, w)
    out += [f"## {sec['assessments']}", ""]
    if report["assessments"]:
        out += [f"_{r['assessment_note']}_", ""]
        for name, entries in report["assessments"].items():
            out += [f"### {_md(name)}", ""]
            out += _md_table(
                [lb["date"], lb["score"], lb["band"]],
                [[e["date"], f"{e['score']:g}", _band(e, r)] for e in entries],
            )
            out.append("")
    else:
        out += [r["no_assessments"], ""]
    homework = report.get("homework")
    if homework is not None:
        out += [f"## {sec['homework']}", "", w.homework_summary(homework), ""]
        for item in homework["items"]:
            mark = "x" if item["done"] else " "
            out.append(f"- [{mark}] {_md(w.task_title(item))}{w.item_progress(item)}")
        out.append("")
    out += _reflections_md(report, w)
    if report.get("notes_included"):
        out += [f"## {sec['notes']}", "", f"_{r['notes_intro']}_", ""]
        notes = report.get("notes") or []
        out += [f"- {n['date']}: {_md(n['text'])}" for n in notes] or [r["no_notes"]]
        out.append("")
    out += ["---", "", r["footer"].format(date=report["generated"][:10]), ""]
    return "\n".join(out)


def _ladder_md(report: dict[str, Any], w: Words) -> list[str]:
    """Ladder practice: summary, each try, the counselor's step notes, masteries, and what was
    learned (only when included)."""
    ladder, sec = report.get("ladder"), w.r["sections"]
    notes = report.get("step_notes") or []
    if ladder is None and not notes:
        return []
    out = [f"## {sec['ladder']}", ""]
    if ladder is not None:
        out += [w.ladder_summary(ladder), ""]
        if ladder.get("attempts"):
            out += [f"### {sec['attempts']}", "", f"_{w.r['attempts_note']}_", ""]
            out += _md_table(w.attempt_header(), [w.attempt_row(a) for a in ladder["attempts"]])
            out.append("")
    if notes:
        out += [f"### {sec['step_notes']}", ""]
        out += [f"- {_md(n['step'])}: {_md(n['note'])}" for n in notes]
        out.append("")
    if ladder is not None and ladder["mastered"]:
        out += [f"### {sec['mastered']}", ""]
        out += [f"- {e.get('date', '')}: {_md(step_name(e))}" for e in ladder["mastered"]]
        out.append("")
    if ladder is not None and "learned" in ladder:
        out += [f"### {sec['learned']}", ""]
        if ladder["learned"]:
            out += [
                f"- {e.get('date', '')}, {_md(step_name(e))}: {_md(e['learned'])}"
                for e in ladder["learned"]
            ]
        else:
            out.append(w.r["no_learned"])
        out.append("")
    return out


def _reflections_md(report: dict[str, Any], w: Words) -> list[str]:
    """Each reflection question with its answer, only when the person included them."""
    if "reflections" not in report:
        return []
    out = [f"## {w.r['sections']['reflections']}", "", f"_{w.r['notes_intro']}_", ""]
    for item in report["reflections"]:
        out += [f"- **{_md(item['question'])}**  ", f"  {_md(w.reflection_answer(item))}"]
    if not report["reflections"]:
        out.append(w.r["no_notes"])
    out.append("")
    return out


# --- HTML ---------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
body { font-family: FONT_FAMILY;
  color: #111; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; padding-bottom: 0.15rem;
  margin-top: 1.6rem; }
h3 { font-size: 1rem; margin-bottom: 0.3rem; }
.muted { color: #444; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.4rem 0 0.8rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.35rem; text-align: right; }
th:first-child, td:first-child { text-align: left; white-space: nowrap; }
td.text, th.text { text-align: left; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 0.3rem 0 0.8rem;
  font-family: inherit; }
figure { margin: 0.2rem 0 0.6rem; }
figcaption { font-size: 0.85rem; font-weight: 600; }
section.safety { border: 2px solid #333; padding: 0.1rem 0.7rem 0.3rem; margin-top: 1rem; }
section.safety h2 { margin-top: 0.6rem; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #444; }
@page { margin: 15mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  /* A heading and the note under it stay with the table or chart they introduce. */
  h2, h3, figcaption, h3 + p.muted { break-after: avoid; page-break-after: avoid; }
  /* Only Safety is kept whole: a long section kept whole would leave page 1 blank after it. */
  section.safety, section.summary, figure, svg.chart, tr, table {
    break-inside: avoid; page-break-inside: avoid;
  }
  svg.chart { max-height: 75mm; }
  table { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
}
"""

LATIN_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial'
# Japanese first, so kana, kanji and full-width punctuation come from one Japanese face with its
# Japanese glyph forms: macOS, Linux/Android (Debian: fonts-noto-cjk), Windows 8.1+, older Windows.
CJK_FONTS = {
    "ja": '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", '
    '"Yu Gothic", YuGothic, Meiryo',
}


def report_css(lang: str) -> str:
    """The stylesheet, with a font-family fallback list that can draw the report's language."""
    cjk = CJK_FONTS.get(lang)
    family = f"{cjk}, {LATIN_FONTS}, sans-serif" if cjk else f"{LATIN_FONTS}, sans-serif"
    return CSS.replace("FONT_FAMILY", family)


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def html_head(lang: str, title: str) -> list[str]:
    """The page's head, the same for every report: no script, nothing fetched (CSP), no referrer."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_h(lang)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_h(title)}</title>",
        f"<style>{report_css(lang)}</style></head><body>",
    ]


def _h(text: Any) -> str:
    return escape(str(text), quote=True)


def _html_table(header: list[str], rows: list[list[str]], text_cols: int = 1) -> str:
    head = "".join(
        f'<th class="text">{_h(h)}</th>' if i < text_cols else f"<th>{_h(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="text">{_h(c)}</td>' if i < text_cols else f"<td>{_h(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _paras(lines: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{_h(line)}</p>" for line in lines)


def _with_code(line: str, cls: str) -> str:
    """One paragraph of catalog words whose `command` parts print as code, not as backticks."""
    parts = _h(line).split("`")
    body = "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
    return f'<p class="{cls}">{body}</p>'


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{_h(caption)}</figcaption>{svg}</figure>"


def _charts(report: dict[str, Any], w: Words) -> str:
    """One small chart per measure (easier to read than three tangled lines), then minutes out."""
    from hikicli.cli.svg_charts import bar_chart, line_chart, styled

    daily = report["daily"]
    start = dt.date.fromisoformat(daily["start"])
    count = len(daily["mood"])
    labels = [(start + dt.timedelta(days=i)).strftime("%m-%d") for i in range(count)]
    charts = [f'<p class="muted">{_h(w.r["charts"]["feelings"])}</p>']
    for i, name in enumerate(("mood", "anxiety", "energy")):
        label = word(w.labels, name)
        svg = line_chart(label, labels, [styled(label, daily[name], i)], 10, (0, 5, 10), 120)
        charts.append(_figure(label, svg))
    weeks = report["weeks"]
    svg = bar_chart(
        w.r["charts"]["outside"],
        [x["end"][5:] for x in weeks],
        [x["outside_minutes"] for x in weeks],
        w.r["charts"]["minutes_unit"],
        180,
    )
    charts.append(_figure(w.r["charts"]["outside"], svg))
    return "\n".join(charts)


def activity_markdown(report: dict[str, Any], catalog: CatalogContent) -> list[str]:
    """Which activities were rated highest for enjoyment and as an achievement; nothing when
    none was rated in the period."""
    summary = report.get("activities")
    if not summary:
        return []
    words = catalog["activity"]["progress"]
    out = [f"## {words['heading'].format(rated=summary['rated'])}", ""]
    for key, by in (("enjoyed", "pleasure"), ("achieved", "mastery")):
        rows = [[r["text"], str(r["times"]), f"{r[by]:.1f}"] for r in summary[key]]
        table = _md_table(["", words["times"], word(words, by)], rows)
        out += [f"### {word(words, key)}", "", *table, ""]
    return [*out, f"_{words['note']}_", ""]


def activity_html(report: dict[str, Any], catalog: CatalogContent) -> str:
    """The activities' own section of the HTML report; "" when none was rated."""
    summary = report.get("activities")
    if not summary:
        return ""
    words = catalog["activity"]["progress"]
    heading = _h(words["heading"].format(rated=summary["rated"]))
    parts = [f'<section class="activities"><h2>{heading}</h2>']
    for key, by in (("enjoyed", "pleasure"), ("achieved", "mastery")):
        rows = [[r["text"], str(r["times"]), f"{r[by]:.1f}"] for r in summary[key]]
        table = _html_table(["", words["times"], word(words, by)], rows)
        parts += [f"<h3>{_h(word(words, key))}</h3>", table]
    parts += [_paras([words["note"]], "muted"), "</section>"]
    return "".join(parts)


def sleep_markdown(report: dict[str, Any], catalog: CatalogContent) -> list[str]:
    """The sleep window as the terminal draws it, in a code block; nothing without times."""
    from hikicli.cli.sleep_view import sleep_lines, window_from_json

    window = report.get("sleep_window")
    if not window:
        return []
    words = catalog["progress"]["sleep_window"]
    lines = sleep_lines(window_from_json(window), words)[2:]
    return [f"## {words['heading']}", "", "```text", *lines, "```", ""]


def sleep_html(report: dict[str, Any], catalog: CatalogContent) -> str:
    """The sleep window's own section: one bar per night (cli/sleep_view.py); "" without times."""
    from hikicli.cli.sleep_view import sleep_svg

    window = report.get("sleep_window")
    if not window:
        return ""
    words = catalog["progress"]["sleep_window"]
    start, end = dt.date.fromisoformat(report["start"]), dt.date.fromisoformat(report["end"])
    days = [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
    svg = sleep_svg(window, words["chart"], days)
    return (
        f'<section class="sleep"><h2>{_h(words["heading"])}</h2>'
        f"{_figure(words['chart'], svg)}{_paras([words['note']], 'muted')}</section>"
    )


def _assessment_chart(name: str, entries: list[dict[str, Any]], w: Words) -> str:
    from hikicli.cli.svg_charts import line_chart, styled

    hi = max((e.get("max") or e["score"] for e in entries), default=1) or 1
    step = max(1, round(hi / 4))
    ticks = list(range(0, int(hi) + step, step))
    title = w.r["charts"]["assessment"].format(instrument=name)
    svg = line_chart(
        title,
        [e["date"][5:] for e in entries],
        [styled(w.r["labels"]["score"], [e["score"] for e in entries], 0)],
        max(ticks[-1], hi),
        ticks,
        160,
    )
    return _figure(title, svg)


def _safety_html(report: dict[str, Any], w: Words) -> str:
    """The Safety section, first after the header so it prints on page 1."""
    words = w.r["safety"]
    rows = w.safety_table(report)
    body = (
        _paras([w.safety_words(report, "intro")])
        + _html_table(w.safety_header(), rows, text_cols=3)
        if rows
        else _paras([w.safety_words(report, "none")])
    )
    return f'<section class="safety"><h2>{_h(words["heading"])}</h2>{body}</section>'


def _summary_html(report: dict[str, Any], w: Words) -> str:
    """The one-screen summary, right after Safety, kept on page 1 with it."""
    lines = w.summary_lines(report)
    if not lines:
        return ""
    items = "".join(f"<li>{_h(x)}</li>" for x in lines)
    heading = _h(w.r["summary"]["heading"])
    return f'<section class="summary"><h2>{heading}</h2><ul>{items}</ul></section>'


def _ladder_html(report: dict[str, Any], w: Words) -> str:
    """Ladder practice: summary, each try, the counselor's step notes, masteries, and what was
    learned (only when included)."""
    ladder, sec, lb = report.get("ladder"), w.r["sections"], w.r["labels"]
    notes = report.get("step_notes") or []
    if ladder is None and not notes:
        return ""
    parts = [f"<section><h2>{_h(sec['ladder'])}</h2>"]
    if ladder is not None:
        parts.append(_paras([w.ladder_summary(ladder)]))
        if ladder.get("attempts"):
            parts += [
                f"<h3>{_h(sec['attempts'])}</h3>",
                _paras([w.r["attempts_note"]], "muted"),
                _html_table(w.attempt_header(), [w.attempt_row(a) for a in ladder["attempts"]], 3),
            ]
    if notes:
        parts += [
            f"<h3>{_h(sec['step_notes'])}</h3>",
            _html_table(
                [lb["step"], lb["note"]], [[n["step"], _one_line(n["note"])] for n in notes], 2
            ),
        ]
    if ladder is not None and ladder["mastered"]:
        parts.append(f"<h3>{_h(sec['mastered'])}</h3>")
        parts.append(
            _html_table(
                [lb["date"], lb["step"]],
                [[e.get("date", ""), step_name(e)] for e in ladder["mastered"]],
                text_cols=2,
            )
        )
    if ladder is not None and "learned" in ladder:
        parts.append(f"<h3>{_h(sec['learned'])}</h3>")
        if ladder["learned"]:
            parts.append(
                _html_table(
                    [lb["date"], lb["step"], sec["learned"]],
                    [[e.get("date", ""), step_name(e), e["learned"]] for e in ladder["learned"]],
                    text_cols=3,
                )
            )
        else:
            parts.append(_paras([w.r["no_learned"]]))
    parts.append("</section>")
    return "".join(parts)


def _reflections_html(report: dict[str, Any], w: Words) -> str:
    """Each reflection question with its answer, only when the person included them."""
    if "reflections" not in report:
        return ""
    lb = w.r["labels"]
    rows = [[i["question"], w.reflection_answer(i)] for i in report["reflections"]]
    body = (
        _html_table([lb["question"], lb["answer"]], rows, 2) if rows else _paras([w.r["no_notes"]])
    )
    heading = _h(w.r["sections"]["reflections"])
    return f"<section><h2>{heading}</h2>{_paras([w.r['notes_intro']], 'muted')}{body}</section>"


def render_html(report: dict[str, Any], catalog: CatalogContent, lang: str = "en") -> str:
    w = Words(catalog)
    r = w.r
    sec = r["sections"]
    lb = r["labels"]
    parts = [
        *html_head(lang, f"{r['title']} {report['start']} – {report['end']}"),
        f"<header><h1>{_h(r['title'])}</h1>",
        _paras([w.intro(report)]),
        _paras([r["privacy"]], "muted"),
        _with_code(w.included_line(report), "muted"),
        "</header>",
        _safety_html(report, w),
        _summary_html(report, w),
        f"<section><h2>{_h(sec['checkins'])}</h2>",
        _paras(w.checkin_lines(report["checkins"])),
    ]
    if report["checkins"]["days"]:
        parts += [
            f"<h3>{_h(sec['charts'])}</h3>",
            _charts(report, w),
            f"<h3>{_h(sec['weeks'])}</h3>",
            _html_table(w.week_header(), [w.week_row(x) for x in report["weeks"]]),
            f"<h3>{_h(sec['contact'])}</h3>",
            _html_table(w.contact_header(), [w.contact_row(x) for x in report["weeks"]]),
        ]
    parts.append("</section>")
    parts.append(sleep_html(report, catalog))
    parts.append(activity_html(report, catalog))
    parts += [
        f"<section><h2>{_h(sec['pattern'])}</h2>",
        _paras(w.pattern_lines(report)),
        "</section>",
    ]
    parts.append(_ladder_html(report, w))
    parts.append(f"<section><h2>{_h(sec['assessments'])}</h2>")
    if report["assessments"]:
        parts.append(_paras([r["assessment_note"]], "muted"))
        for name, entries in report["assessments"].items():
            parts.append(f"<h3>{_h(name)}</h3>")
            if len(entries) > 1:
                parts.append(_assessment_chart(name, entries, w))
            parts.append(
                _html_table(
                    [lb["date"], lb["score"], lb["band"]],
                    [[e["date"], f"{e['score']:g}", _band(e, r)] for e in entries],
                )
            )
    else:
        parts.append(_paras([r["no_assessments"]]))
    parts.append("</section>")
    homework = report.get("homework")
    if homework is not None:
        parts += [
            f"<section><h2>{_h(sec['homework'])}</h2>",
            _paras([w.homework_summary(homework)]),
        ]
        if homework["items"]:
            parts.append(
                _html_table(
                    [lb["task"], lb["done"]],
                    [
                        [
                            w.task_title(i),
                            lb["done"] if i["done"] else f"{lb['open']}{w.item_progress(i)}",
                        ]
                        for i in homework["items"]
                    ],
                    text_cols=2,
                )
            )
        parts.append("</section>")
    parts.append(_reflections_html(report, w))
    if report.get("notes_included"):
        parts += [f"<section><h2>{_h(sec['notes'])}</h2>", _paras([r["notes_intro"]], "muted")]
        notes = report.get("notes") or []
        if notes:
            parts.append(
                _html_table(
                    [lb["date"], lb["note"]],
                    [[n["date"], _one_line(n["text"])] for n in notes],
                    text_cols=2,
                )
            )
        else:
            parts.append(_paras([r["no_notes"]]))
        parts.append("</section>")
    parts += [
        f"<footer>{_h(r['footer'].format(date=report['generated'][:10]))}</footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)


def band_words(band: Any) -> str:
    """A band id such as "moderately-severe" read as words (bands are ids in the results)."""
    return str(band or "").replace("-", " ")


def _band(entry: dict[str, Any], texts: ReportContent) -> str:
    band = entry.get("band_label") or band_words(entry.get("band", ""))
    return f"{band} {texts['risk_marker']}".strip() if entry.get("risk") else band
