"""Strict models of the progress and report wording (content/en/progress.yaml, report.yaml)."""

from __future__ import annotations

from hikicli.content.models import Strict, Text


class Measures(Strict):
    mood: Text
    anxiety: Text
    energy: Text


class Directions(Strict):
    higher: Text
    lower: Text


class PatternFactors(Strict):
    """One sentence per factor. Placeholders: {measure} {difference} {direction} {days_with}
    {days_without}; for sleep also {hours}."""

    outside: Text
    contact: Text
    sleep: Text


class PatternText(Strict):
    heading: Text
    factors: PatternFactors
    measures: Measures
    directions: Directions
    caveat: Text
    not_enough: Text  # placeholder {min_days}
    none_found: Text


class ContactLabels(Strict):
    none: Text
    family: Text
    online: Text
    phone: Text
    in_person: Text  # contact id "in-person"


class ProgressLabels(Strict):
    week: Text
    days: Text
    mood: Text
    anxiety: Text
    energy: Text
    sleep: Text
    days_out: Text
    minutes: Text
    tries: Text
    mastered: Text
    no_checkin: Text  # {mark}: the sparkline's mark for a day without a check-in
    average: Text
    aside: Text = "{text} ({aside})"  # a heading with a note beside it (ja full-width brackets)
    contact: ContactLabels


class ProgressSections(Strict):
    feelings: Text
    daily: Text
    outside: Text
    contact: Text
    ladder: Text
    assessments: Text
    summary: Text


class WeekSummary(Strict):
    checkins: Text  # {days} {total}
    no_checkins: Text
    outside: Text  # {days} {minutes}
    stayed_in: Text
    contact: Text  # {days}
    no_contact: Text
    ladder: Text  # {tries}
    mastered: Text  # {steps}
    next_step: Text


class SafetySources(Strict):
    checkin: Text
    instrument: Text  # {instrument} {item}
    note: Text
    family: Text  # a family member's own check-in


class SafetyAnswers(Strict):
    checkin_no: Text
    checkin_skip: Text
    instrument: Text  # {answer}
    note: Text  # a note's words are never copied: say only that a phrase matched
    note_included: Text  # the same, in a report made with --include-notes
    family_stress: Text  # {stress}: a family member's own stress, 0-10


class SafetyText(Strict):
    """A risk moment in words, shared by progress, history, assess history and the report."""

    heading: Text
    history_label: Text
    sources: SafetySources
    answers: SafetyAnswers
    threshold: Text  # {item} {threshold}: the instrument's own risk item and threshold
    threshold_unknown: Text  # {item}
    plan_removed: Text  # `hiki history`, safety_plan.item_removed: {section} {text}
    plan_removed_unknown: Text  # the same when the item's text is not in the log
    closing: Text
    sep: Text = ": "  # between what was asked and the answer (ja "：")
    with_rule: Text = "{said} ({rule})"  # an answer with its instrument's rule (ja full-width)


class SleepWindowText(Strict):
    """The sleep window (cli/sleep_view.py): `hiki progress` and the report's chart."""

    heading: Text
    week: Text  # the label column's head
    nights: Text  # {nights}: how many nights of the week noted times
    no_nights: Text  # a week without times
    legend: Text  # what # + and the times beside mean
    note: Text  # no blame, and where the reading on rhythm is
    chart: Text  # the report's chart title


class ProgressContent(Strict):
    title: Text
    period: Text  # {weeks} {start} {end}
    week_note: Text
    no_checkins: Text
    no_checkins_family: Text  # {hiki}: a family member's profile (their check-in, the lessons)
    sections: ProgressSections
    labels: ProgressLabels
    summary: WeekSummary
    patterns: PatternText
    assessment_note: Text
    risk_marker: Text  # after a result with an answer at or above its risk item's threshold
    safety: SafetyText
    sleep_window: SleepWindowText


class ReportSections(Strict):
    checkins: Text
    charts: Text
    weeks: Text
    contact: Text
    pattern: Text
    ladder: Text
    learned: Text
    mastered: Text
    assessments: Text
    homework: Text
    notes: Text
    attempts: Text  # each try: expected against actual distress, and the feared outcome
    step_notes: Text  # the counselor's own notes on a pack's ladder steps
    reflections: Text  # each reflection question with its answer


class ReportIncludeKinds(Strict):
    notes: Text
    reflections: Text
    learned: Text


class ReportAnswers(Strict):
    """Whether the feared outcome of a try happened, in words."""

    yes: Text
    partly: Text
    no: Text


class ReportResults(Strict):
    """How a try went, in words ("not today" is not a try)."""

    done: Text
    partly: Text


class ReportIncluded(Strict):
    """The header's line on the person's own words: exactly which kinds are in the report."""

    none: Text  # nothing included
    some: Text  # {included} {left_out}
    all: Text  # {included}
    kinds: ReportIncludeKinds
    separator: Text  # between kinds in a list


class ReportCharts(Strict):
    feelings: Text
    outside: Text
    assessment: Text  # {instrument}
    minutes_unit: Text


class ReportLabels(Strict):
    date: Text
    score: Text
    band: Text
    step: Text
    task: Text
    done: Text
    open: Text
    kind: Text
    note: Text
    source: Text
    answer: Text
    result: Text
    expected: Text
    peak: Text
    end: Text
    feared: Text
    question: Text


class ReportSafety(Strict):
    heading: Text
    intro: Text
    none: Text  # one line when the period has no risk moment


class ReportSummary(Strict):
    """The one-screen summary after Safety, on page 1 of the report."""

    heading: Text
    checkins: Text  # {days} {total}
    pack: Text  # {title} {start} {due} {done} {total}
    pack_weeks: Text  # {week} {weeks} {met}: the check-in plan (the week it is, weeks met so far)
    ladder: Text  # {tries} {mastered}
    ladder_suds: Text  # {tries} {expected} {peak}: averages over tries with both
    ladder_feared: Text  # {asked} {yes} {partly} {no}
    score: Text  # {instrument} {score} {max} {band} {date}
    score_no_max: Text  # {instrument} {score} {band} {date}
    change: Text  # {change} {previous} {previous_date}
    first: Text  # no earlier result to compare with
    no_scores: Text
    weeks_met: Text  # {met} {weeks}: after a homework item counted per week
    part_sep: Text  # between the parts of one line ("; ", "、")
    line_end: Text  # after a line (".", "。")


class FamilyReportKinds(Strict):
    notes: Text  # what they wrote in their own check-ins
    reflections: Text  # their lesson exercise answers and reflection answers


class FamilyReportIncluded(Strict):
    """The header's line on the family member's own words (`{hiki}`: the profile's command)."""

    none: Text
    kinds: FamilyReportKinds


class FamilyReportSections(Strict):
    lessons: Text
    checkins: Text
    weeks: Text
    readings: Text
    answers: Text  # the lesson exercises' answers, when included
    notes: Text  # what they wrote in check-ins, when included


class FamilyReportSummary(Strict):
    """At a glance, after Safety, on page 1."""

    lessons: Text  # {done} {total}
    next: Text  # {number} {title}
    all_done: Text
    checkins: Text  # {days} {total} {stress} {highest}
    no_checkins: Text
    readings: Text  # {count}
    no_readings: Text


class FamilyReportLabels(Strict):
    lesson: Text
    status: Text
    exercises: Text
    last: Text
    week: Text
    days: Text
    stress: Text
    highest: Text
    reading: Text
    positive: Text
    selfcare: Text


class FamilyReportText(Strict):
    """`hiki report` in a family member's own profile (domain/family_report.py). `{hiki}` is the
    command that names the profile (hiki --profile mum)."""

    title: Text
    intro: Text  # {start} {end} {hiki}
    intro_pack: Text  # {start} {end} {title} {pack_start} {due} {hiki}
    included: FamilyReportIncluded
    safety_intro: Text  # {start} {end}
    safety_none: Text  # {start} {end} {threshold}
    sections: FamilyReportSections
    summary: FamilyReportSummary
    lessons_note: Text  # where the lessons come from (CRAFT), and as of when: {end}
    checkins_note: Text  # how stress is asked
    no_checkins: Text
    no_readings: Text
    no_answers: Text
    no_notes: Text
    labels: FamilyReportLabels


class ReportContent(Strict):
    title: Text
    intro: Text  # {start} {end}
    intro_pack: Text  # {start} {end} {title} {pack_start} {due}: the period is the pack's
    privacy: Text
    included: ReportIncluded
    sections: ReportSections
    checkin_summary: Text  # {days} {total}
    averages: Text  # {mood} {anxiety} {energy} {sleep}
    outside_summary: Text  # {days} {minutes}
    no_checkins: Text
    ladder_summary: Text  # {tries} {mastered}
    no_ladder: Text
    no_learned: Text
    attempts_note: Text  # how to read the tries table
    no_attempts: Text
    answers: ReportAnswers
    results: ReportResults
    not_asked: Text  # the feared-outcome question was not asked or skipped
    no_answer_yet: Text  # a reflection question not answered yet
    assessment_note: Text
    risk_marker: Text  # after the band of a result with a risk answer
    safety: ReportSafety
    no_assessments: Text
    homework_summary: Text  # {done} {assigned}
    summary: ReportSummary
    no_homework: Text
    notes_intro: Text
    no_notes: Text
    not_available: Text
    footer: Text  # {date}
    charts: ReportCharts
    labels: ReportLabels
    family: FamilyReportText  # the layout of a family member's own profile
