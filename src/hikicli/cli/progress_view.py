"""Plain-text charts for `hiki progress`: every line fits 80 columns and every bar has its number
beside it, so the charts read the same with NO_COLOR, in a pipe, or through a screen reader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hikicli.cli.plain import cell_width, pad, wrap_cells
from hikicli.cli.render import BAR_EMPTY, BAR_FULL
from hikicli.domain.progress import (
    SLEEP_ENOUGH_HOURS,
    Pattern,
    Progress,
    Week,
    safety_words,
)
from hikicli.domain.risk import SafetyRow
from hikicli.domain.words import word

if TYPE_CHECKING:
    from hikicli.domain.content_types import ActivityProgress, PatternText, ProgressContent

__all__ = ["safety_words"]  # the report and history render safety rows through this module too

WIDTH = 80
# Eight heights in braille, one cell on every terminal (the block elements ▁▂▃▄▅▆▇█ and the
# middle dot · are East-Asian ambiguous: two cells on terminals set for CJK).
SPARKS = "⡀⣀⣄⣤⣦⣶⣷⣿"
NO_VALUE = BAR_EMPTY
CONTACT_KEYS = (
    ("family", "family"),
    ("online", "online"),
    ("phone", "phone"),
    ("in-person", "in_person"),
    ("none", "none"),
)


def text_bar(value: float | None, hi: float, width: int) -> str:
    if value is None:
        return " " * width
    filled = 0 if hi <= 0 else max(0, min(width, round(value / hi * width)))
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def sparkline(values: Sequence[float | None], hi: float = 10, lo: float = 0) -> str:
    out = []
    span = hi - lo
    top = len(SPARKS) - 1
    for v in values:
        if v is None:
            out.append(NO_VALUE)
        elif span <= 0:
            out.append(SPARKS[top // 2])
        else:
            out.append(SPARKS[max(0, min(top, round((v - lo) / span * top)))])
    return "".join(out)


def fmt_num(value: float | None, width: int = 4) -> str:
    if value is None:
        return "-".rjust(width)
    return f"{value:.1f}".rjust(width)


def week_label(week: Week) -> str:
    return week.end.strftime("%m-%d")


def wrap(text: str, indent: str = "", later: str | None = None) -> list[str]:
    """Wrapped by terminal cells (Japanese takes two a character and breaks between them)."""
    later = indent if later is None else later
    first, *rest = wrap_cells(text, WIDTH - 1 - len(indent))
    rest = wrap_cells(" ".join(rest), WIDTH - 1 - len(later)) if rest else []
    return [indent + first, *(later + line for line in rest)]


def rpad(text: str, columns: int) -> str:
    """Right-aligned in `columns` cells."""
    return " " * max(0, columns - cell_width(text)) + text


def pattern_sentence(pattern: Pattern | dict[str, Any], words: PatternText) -> str:
    """The pattern in the content's words; takes the Pattern or its JSON form."""
    p = pattern.to_json() if isinstance(pattern, Pattern) else pattern
    return word(words["factors"], p["factor"]).format(
        measure=word(words["measures"], p["measure"]),
        difference=f"{p['difference']:.1f}",
        direction=word(words["directions"], p["direction"]),
        days_with=p["days_with"],
        days_without=p["days_without"],
        hours=f"{SLEEP_ENOUGH_HOURS:g}",
    )


def pattern_or_reason(
    pattern: Pattern | dict[str, Any] | None, status: str, words: PatternText
) -> list[str]:
    """The pattern and its caveat, or why there is none."""
    from hikicli.domain.progress import MIN_DAYS_PER_GROUP

    if pattern is not None:
        return [pattern_sentence(pattern, words), words["caveat"]]
    if status == "not_enough":
        return [words["not_enough"].format(min_days=MIN_DAYS_PER_GROUP)]
    return [words["none_found"]]


def safety_lines(rows: Sequence[SafetyRow], c: ProgressContent) -> list[str]:
    """`hiki progress`: the period's risk moments, one per line, then a gentle pointer. Nothing
    when there were none (the person's own screen does not repeat "none")."""
    if not rows:
        return []
    words = c["safety"]
    out = ["", words["heading"]]
    for row in rows:
        what, said, _rule = safety_words(row, words)
        # the date stands in its own column: wrap_cells folds runs of spaces, so it is the indent
        out += wrap(f"{what}{words.get('sep', ': ')}{said}", f"  {row.date}  ", " " * 14)
    out += wrap(words["closing"], "  ")
    return out


def summary_lines(week: Week, content: ProgressContent) -> list[str]:
    s = content["summary"]
    if week.checkins == 0:
        return [s["no_checkins"]]
    lines = [s["checkins"].format(days=week.checkins, total=week.days)]
    if week.days_outside:
        lines.append(s["outside"].format(days=week.days_outside, minutes=week.outside_minutes))
    else:
        lines.append(s["stayed_in"])
    touched = week.checkins - week.contact.get("none", 0)
    lines.append(s["contact"].format(days=touched) if touched > 0 else s["no_contact"])
    if week.ladder_tries:
        lines.append(s["ladder"].format(tries=week.ladder_tries))
    if week.steps_mastered:
        lines.append(s["mastered"].format(steps=week.steps_mastered))
    lines.append(s["next_step"])
    return lines


def render_progress(
    progress: Progress,
    content: ProgressContent,
    weeks: int,
    activity_words: ActivityProgress | None = None,
    family: str | None = None,
) -> list[str]:
    """The screen of `hiki progress`; `activity_words` (content activity.yaml `progress`) add
    the rated activities. `family`: the command that names a family member's profile (`hiki
    --profile mum`), whose empty page points to what a family member does."""
    c = content
    none_yet = c["no_checkins"] if family is None else c["no_checkins_family"].format(hiki=family)
    sec = c["sections"]
    out: list[str] = [
        c["title"],
        *wrap(
            c["period"].format(
                weeks=weeks, start=progress.start.isoformat(), end=progress.end.isoformat()
            )
        ),
    ]
    shown = progress.has_ladder or progress.assessments or progress.activities
    if progress.checkin_count == 0 and not shown:
        out += ["", *wrap(none_yet)]
        # A safety answer given in a check-in that was then stopped is still shown.
        return out + safety_lines(progress.safety, c)
    out += [*wrap(c["week_note"]), ""]
    if progress.checkin_count:
        out += checkin_sections(progress, c)
        from hikicli.cli.sleep_view import sleep_lines

        out += sleep_lines(progress.sleep, c["sleep_window"])
    else:
        out += [*wrap(none_yet)]
    if progress.activities and activity_words:
        from hikicli.cli.activity_view import activity_lines

        out += activity_lines(progress.activities, activity_words)
    out += ladder_and_assessments(progress, c)
    # Near the end, so it is on the screen that stays after the command has printed.
    out += safety_lines(progress.safety, c)

    out += ["", sec["summary"]]
    for line in summary_lines(progress.weeks[-1], c):
        out += wrap(line, "  ")
    out += ["", c["patterns"]["heading"]]
    for line in pattern_or_reason(progress.pattern, progress.pattern_status, c["patterns"]):
        out += wrap(line, "  ")
    return out


def checkin_sections(progress: Progress, c: ProgressContent) -> list[str]:
    labels = c["labels"]
    sec = c["sections"]
    out: list[str] = []
    wk = max(8, cell_width(labels["week"]))  # the week column, as wide as its heading

    # Feelings: one row a week, three 10-wide bars with their averages.
    out.append(sec["feelings"])
    out.append(
        f"{pad(labels['week'], wk)} {rpad(labels['days'], 4)}  "
        + "  ".join(pad(word(labels, n), 15) for n in ("mood", "anxiety", "energy")).rstrip()
    )
    for w in progress.weeks:
        cells = "  ".join(
            f"{text_bar(w.averages[n], 10, 10)} {fmt_num(w.averages[n])}"
            for n in ("mood", "anxiety", "energy")
        )
        out.append(f"{pad(week_label(w), wk)} {w.checkins:>2}/{w.days}  {cells}".rstrip())

    # Day by day: sparklines of the last (at most) 56 days, so they fit beside their labels.
    days_shown = min(56, len(progress.daily["mood"]))
    aside = labels["no_checkin"].format(mark=NO_VALUE)
    out += ["", labels["aside"].format(text=sec["daily"], aside=aside)]
    for n in ("mood", "anxiety", "energy"):
        series = progress.daily[n][-days_shown:]
        known = [v for v in series if v is not None]
        average = fmt_num(sum(known) / len(known) if known else None).strip()
        out.append(f"{pad(word(labels, n), 8)} {sparkline(series)} {labels['average']} {average}")

    # Time outside: days out of days checked in, and minutes as a bar scaled to the busiest week.
    out += ["", sec["outside"]]
    dw = max(7, cell_width(labels["days_out"]))
    out.append(f"{pad(labels['week'], wk)} {rpad(labels['days_out'], dw)}  {labels['minutes']}")
    top = max((w.outside_minutes for w in progress.weeks), default=0)
    for w in progress.weeks:
        out.append(
            f"{pad(week_label(w), wk)} {rpad(f'{w.days_outside}/{w.checkins}', dw)}  "
            f"{text_bar(w.outside_minutes, top, 30)} {w.outside_minutes}"
        )

    # Contact: days with each kind of contact per week.
    out += ["", sec["contact"]]
    heads = [word(labels["contact"], key) for _, key in CONTACT_KEYS]
    widths = [max(6, cell_width(h)) for h in heads]
    out.append(
        f"{pad(labels['week'], wk)} "
        + "  ".join(rpad(h, wd) for h, wd in zip(heads, widths, strict=True))
    )
    for w in progress.weeks:
        out.append(
            f"{pad(week_label(w), wk)} "
            + "  ".join(
                f"{w.contact.get(cid, 0):>{wd}}"
                for (cid, _), wd in zip(CONTACT_KEYS, widths, strict=True)
            )
        )

    return out


def ladder_and_assessments(progress: Progress, c: ProgressContent) -> list[str]:
    labels = c["labels"]
    sec = c["sections"]
    out: list[str] = []
    wk = max(8, cell_width(labels["week"]))  # the week column, as wide as its heading
    if progress.has_ladder:
        out += ["", sec["ladder"]]
        out.append(f"{pad(labels['week'], wk)} {pad(labels['tries'], 24)}  {labels['mastered']}")
        top_tries = max((w.ladder_tries for w in progress.weeks), default=0)
        for w in progress.weeks:
            out.append(
                f"{pad(week_label(w), wk)} {text_bar(w.ladder_tries, top_tries, 20)} "
                f"{w.ladder_tries:>3}  {w.steps_mastered:>3}"
            )

    if progress.assessments:
        out += ["", sec["assessments"]]
        for name, entries in progress.assessments.items():
            # Scaled from the lowest to the highest score shown: the shape of the trend, with
            # the scores themselves listed underneath.
            scores = [e["score"] for e in entries[-40:]]
            spark = sparkline(scores, hi=max(scores), lo=min(scores))
            out.append(f"{pad(name[:20], 20)} {spark} {scores[0]:g} ➔ {scores[-1]:g}")
            for e in entries[-4:]:
                band = e.get("band_label") or e.get("band")
                band = f"  {band}" if band else ""
                score = f"{e['score']:g}".rjust(5)
                out.append(f"  {e['date']}  {score}{band}"[:WIDTH])
                if e.get("risk"):
                    out += wrap(c["risk_marker"], "  ")
        out += wrap(c["assessment_note"])
    return out
