"""`hiki report` in a family member's own profile (domain/family_report.py) as Markdown or one
HTML file: the same page as blocks (headings, paragraphs, lists, tables), written out either way,
with the person's report's own HTML head, style and helpers (cli/report_render.py).

Page 1 is what a counselor who works with the family reads first: Safety (heavy days, and where
help is: `hiki --profile mum crisis`), then at a glance (lessons, own check-ins, readings,
homework). Then each lesson, stress week by week, the readings, the homework's tasks and, only
when chosen, the family member's own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from hikicli.cli.report_render import (
    Words,
    _h,
    _html_table,
    _md,
    _md_table,
    _num,
    _one_line,
    _paras,
    _with_code,
    html_head,
)
from hikicli.domain.family import with_profile
from hikicli.domain.words import word

if TYPE_CHECKING:
    from hikicli.domain.content_types import CatalogContent, FamilyReportText
    from hikicli.domain.family_report import FamilyReport, LessonRow, ReadingRow

# One block of the page: a heading (h1-h3), a paragraph (p, or muted: small print), a list, a
# table (header, rows, how many columns are text), homework tasks (done, words), questions with
# their answers (question, answer), the footer.
Block = tuple[
    Literal["h1", "h2", "h3", "p", "muted", "list", "table", "tasks", "answers", "footer"], Any
]


class FamilyPage:
    """The family layout's words, with the profile's command (`hiki --profile mum`) filled in."""

    def __init__(self, report: FamilyReport, catalog: CatalogContent, profile: str) -> None:
        self.report = report
        self.catalog = catalog
        self.w = Words(catalog)
        self.f: FamilyReportText = catalog["report"]["family"]
        self.profile = profile
        modules = catalog["family"]["modules"]
        self.modules = {m["id"]: m for m in modules}

    def hiki(self, text: str) -> str:
        return with_profile(text, self.profile)

    def intro(self) -> str:
        r, pack = self.report, (self.report.get("period") or {}).get("pack")
        if pack:
            return self.hiki(self.f["intro_pack"]).format(
                start=r["start"], end=r["end"], title=_one_line(pack["title"]),
                pack_start=pack["start"], due=pack["due"],
            )  # fmt: skip
        return self.hiki(self.f["intro"]).format(start=r["start"], end=r["end"])

    def included_line(self) -> str:
        chosen = list(self.report.get("included") or [])
        kinds = self.f["included"]["kinds"]
        names = [word(kinds, k) for k in ("reflections", "notes") if k in chosen]
        left = [word(kinds, k) for k in ("reflections", "notes") if k not in chosen]
        if not names:
            return self.hiki(self.f["included"]["none"])
        words = self.w.r["included"]
        sep = words["separator"]
        if not left:
            return words["all"].format(included=sep.join(names))
        return words["some"].format(included=sep.join(names), left_out=sep.join(left))

    def lesson_title(self, lesson: LessonRow) -> str:
        module = self.modules.get(lesson["id"])
        return module["title"] if module else lesson["id"]

    def status(self, status: str) -> str:
        texts = self.catalog["family"]["texts"]
        if status == "exercise":
            return texts["status_done"]
        return texts["status_read"] if status == "read" else texts["status_new"]

    def reading_title(self, row: ReadingRow) -> str:
        reading = self.catalog.get("family-readings", {}).get(row["reading"])
        return reading["title"] if reading else row["title"]

    def safety(self) -> list[Block]:
        r, w = self.report, self.w
        start = r.get("safety_start") or r["start"]
        rows = w.safety_table({"safety": r["safety"]})  # never a note's words
        out: list[Block] = [("h2", w.r["safety"]["heading"])]
        if rows:
            intro = self.f["safety_intro"].format(start=start, end=r["end"])
            out += [("p", intro), ("table", (w.safety_header(), rows, 3))]
        else:
            none = self.f["safety_none"].format(
                start=start, end=r["end"], threshold=r["heavy_stress"]
            )
            out.append(("p", none))
        # where help is, always: the crisis screen of this profile (its own plan, its country)
        out.append(("p", self.hiki(self.catalog["family"]["texts"]["safety"])))
        return out

    def glance(self) -> list[Block]:
        r, s = self.report, self.f["summary"]
        lessons = r["lessons"]
        lines = [s["lessons"].format(done=r["lessons_done"], total=len(lessons))]
        upcoming = next((x for x in lessons if x["number"] == r["next_lesson"]), None)
        if upcoming is None:
            lines.append(s["all_done"])
        else:
            lines.append(s["next"].format(number=upcoming["number"],
                                          title=self.lesson_title(upcoming)))  # fmt: skip
        c = r["checkins"]
        if c["days"]:
            lines.append(s["checkins"].format(days=c["days"], total=c["total_days"],
                                              stress=_num(c["stress"], self.w.na),
                                              highest=_num(c["highest"], self.w.na)))  # fmt: skip
        else:
            lines.append(s["no_checkins"])
        count = len(r["readings"])
        lines.append(s["readings"].format(count=count) if count else s["no_readings"])
        t = self.w.r["summary"]
        for pack in r.get("packs") or []:
            line = t["pack"].format(**pack)
            if pack["weeks"]:
                line += t["part_sep"] + t["pack_weeks"].format(
                    week=pack.get("week") or pack["weeks"], met=pack["weeks_met"],
                    weeks=pack["weeks"],
                )  # fmt: skip
            lines.append(line + t["line_end"])
        return [("h2", t["heading"]), ("list", lines)]

    def lessons(self) -> list[Block]:
        r, lb = self.report, self.f["labels"]
        rows = [
            [f"{x['number']}. {self.lesson_title(x)}", self.status(x["status"]),
             str(x["exercises"]), x["last"] or self.w.r["not_asked"]]
            for x in r["lessons"]
        ]  # fmt: skip
        return [
            ("h2", self.f["sections"]["lessons"]),
            ("muted", self.f["lessons_note"].format(end=r["end"])),
            ("table", ([lb["lesson"], lb["status"], lb["exercises"], lb["last"]], rows, 2)),
        ]

    def checkins(self) -> list[Block]:
        r, lb, na = self.report, self.f["labels"], self.w.na
        c = r["checkins"]
        out: list[Block] = [("h2", self.f["sections"]["checkins"])]
        if not c["days"]:
            return [*out, ("p", self.f["no_checkins"])]
        out += [
            ("p", self.w.r["checkin_summary"].format(days=c["days"], total=c["total_days"])),
            ("muted", self.f["checkins_note"]),
            ("h3", self.f["sections"]["weeks"]),
        ]
        rows = [
            [x["end"], f"{x['checkins']}/{x['days']}", _num(x["stress"], na),
             _num(x["highest"], na)]
            for x in r["weeks"]
        ]  # fmt: skip
        out.append(("table", ([lb["week"], lb["days"], lb["stress"], lb["highest"]], rows, 1)))
        return out

    def readings(self) -> list[Block]:
        rows = self.report["readings"]
        out: list[Block] = [("h2", self.f["sections"]["readings"])]
        if not rows:
            return [*out, ("p", self.f["no_readings"])]
        return [*out, ("list", [f"{x['date']}: {self.reading_title(x)}" for x in rows])]

    def homework(self) -> list[Block]:
        homework, w = self.report.get("homework"), self.w
        if homework is None:
            return []
        out: list[Block] = [("h2", w.r["sections"]["homework"])]
        out.append(("p", w.homework_summary(homework)))
        tasks = [(bool(i["done"]), w.task_title(i) + w.item_progress(i)) for i in homework["items"]]
        return [*out, ("tasks", tasks)] if tasks else out

    def own_words(self) -> list[Block]:
        r, w, f = self.report, self.w, self.f
        out: list[Block] = []
        if "reflections" in r["included"]:
            out += [("h2", f["sections"]["answers"]), ("muted", w.r["notes_intro"])]
            written = [x for x in r["lessons"] if x.get("answers")]
            for lesson in written:
                module = self.modules.get(lesson["id"])
                prompts = {fl["key"]: fl["prompt"] for fl in module["exercise"]["fields"]} \
                    if module else {}  # fmt: skip
                out.append(("h3", f"{lesson['number']}. {self.lesson_title(lesson)}"))
                answers = lesson.get("answers", {}).items()
                out.append(("answers", [(prompts.get(k, k), v) for k, v in answers]))
            if not written:
                out.append(("p", f["no_answers"]))
            reflections = r.get("reflections") or []
            if reflections:
                out.append(("h2", w.r["sections"]["reflections"]))
                out.append(("answers", [(x["question"], w.reflection_answer(x))
                                        for x in reflections]))  # fmt: skip
        if r.get("notes_included"):
            lb = f["labels"]
            out += [("h2", f["sections"]["notes"]), ("muted", w.r["notes_intro"])]
            rows = [[n["date"], n["positive"], n["selfcare"]] for n in r.get("notes", [])]
            if rows:
                out.append(("table", ([w.r["labels"]["date"], lb["positive"], lb["selfcare"]],
                                      rows, 3)))  # fmt: skip
            else:
                out.append(("p", f["no_notes"]))
        return out

    def blocks(self) -> list[Block]:
        r = self.report
        return [
            ("h1", self.f["title"]),
            ("p", self.intro()),
            ("muted", self.w.r["privacy"]),
            ("muted", self.included_line()),
            *self.safety(),
            *self.glance(),
            *self.lessons(),
            *self.checkins(),
            *self.readings(),
            *self.homework(),
            *self.own_words(),
            ("footer", self.w.r["footer"].format(date=r["generated"][:10])),
        ]


def family_markdown(report: FamilyReport, catalog: CatalogContent, profile: str) -> str:
    out: list[str] = []
    for kind, value in FamilyPage(report, catalog, profile).blocks():
        if kind in ("h1", "h2", "h3"):
            out += [f"{'#' * int(kind[1])} {value}", ""]
        elif kind == "p":
            out += [value, ""]
        elif kind == "muted":
            out += [f"_{value}_", ""]
        elif kind == "list":
            out += [*(f"- {_md(x)}" for x in value), ""]
        elif kind == "tasks":
            out += [*(f"- [{'x' if done else ' '}] {_md(x)}" for done, x in value), ""]
        elif kind == "answers":
            for question, answer in value:
                out += [f"- **{_md(question)}**  ", f"  {_md(answer)}"]
            out.append("")
        elif kind == "table":
            header, rows, _text = value
            out += [*_md_table(header, rows), ""]
        else:  # the footer
            out += ["---", "", value, ""]
    return "\n".join(out)


def family_html(
    report: FamilyReport, catalog: CatalogContent, profile: str, lang: str = "en"
) -> str:
    page = FamilyPage(report, catalog, profile)
    title = f"{page.f['title']} {report['start']} – {report['end']}"
    parts = [
        *html_head(lang, title),
    ]
    lb = catalog["report"]["labels"]
    for kind, value in page.blocks():
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{_h(value)}</{kind}>")
        elif kind == "p":
            parts.append(_with_code(value, "") if "`" in value else _paras([value]))
        elif kind == "muted":
            parts.append(_with_code(value, "muted"))
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{_h(x)}</li>" for x in value) + "</ul>")
        elif kind == "tasks":
            rows = [[x, lb["done"] if done else lb["open"]] for done, x in value]
            parts.append(_html_table([lb["task"], lb["done"]], rows, text_cols=2))
        elif kind == "answers":
            rows = [[question, _one_line(answer)] for question, answer in value]
            parts.append(_html_table([lb["question"], lb["answer"]], rows, text_cols=2))
        elif kind == "table":
            header, rows, text = value
            parts.append(_html_table(header, rows, text_cols=text))
        else:
            parts.append(f"<footer>{_h(value)}</footer>")
    parts += ["</body></html>", ""]
    return "\n".join(parts)
