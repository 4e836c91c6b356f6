"""Interactive ladder flows: building a ladder and taking one step. They ask through a Prompter and
return plain values; saving is the command's job, so a cancelled flow leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hikicli.domain import ladder as dl
from hikicli.errors import Msg
from hikicli.prompting import Prompter

if TYPE_CHECKING:
    from hikicli.domain.content_types import LadderContent, Template


@dataclass
class BuiltLadder:
    goal: str
    steps: list[dict[str, Any]] = field(default_factory=list)  # {"text", "suds", "template"}
    save: bool = False


def run_build(
    prompter: Prompter,
    content: LadderContent,
    existing: Sequence[Mapping[str, Any]] = (),
    next_number: int = 1,
) -> BuiltLadder:
    """Goal → ideas by area → own steps → a rating for each → the order, gaps, a first step → save?

    `existing` steps (already on the ladder) take part in the review of gaps and order."""
    texts = content["build"]
    prompter.say(texts["intro"])
    goal_text = prompter.text("goal", texts["goal"], max_len=dl.MAX_TEXT)
    goal = dl.check_text(goal_text, Msg("ladder.name_goal"))
    area_choices = [(a["id"], a["title"]) for a in content["areas"]]
    areas = prompter.checkbox("areas", texts["areas"], area_choices)
    chosen: list[dict[str, Any]] = []
    if areas:
        pool = [t for t in content["templates"] if t["area"] in areas]
        prompter.say(texts["ranges_help"])  # the ranges in brackets, before they appear
        attempt, question = 1, texts["templates"]
        picked: list[str] = []
        while True:
            key = "templates" if attempt == 1 else f"templates_{attempt}"
            picked = prompter.checkbox(
                key,
                question,
                [(t["id"], t["text"] + " " + _range(texts, t)) for t in pool],
                checked=picked,  # asked again, the picks stay ticked
            )
            if len(picked) <= dl.BUILD_MAX:
                break
            # the reason is part of the question, right above the list, never on the bottom row
            reason = texts["too_many"].format(have=len(picked), max=dl.BUILD_MAX)
            question = f"{reason}\n{texts['templates']}"
            attempt += 1
        by_id = {t["id"]: t for t in pool}
        chosen = [
            {"text": by_id[i]["text"], "template": i, "default": dl.template_suds(by_id[i])}
            for i in picked
        ]
    own = short = 0
    while len(chosen) < dl.BUILD_MAX:
        own += 1
        have = len(chosen)
        ask = texts["own"] if have >= dl.BUILD_MIN else texts["own_short"]
        text = prompter.text(
            f"own_{own}", ask.format(have=have, min=dl.BUILD_MIN), max_len=dl.MAX_TEXT
        ).strip()
        if text:
            chosen.append({"text": dl.check_step_text(text), "template": "", "default": None})
            continue
        if have >= dl.BUILD_MIN:
            break
        # Empty with fewer than the minimum: say plainly what is needed, and let the person
        # go on with what they have (or stop, when there is nothing yet); nothing is dropped.
        short += 1
        last = ("go_on", texts["short_go_on"].format(have=have)) if have else None
        choice = prompter.select(
            f"short_{short}",
            texts["need_more"].format(min=dl.BUILD_MIN, have=have),
            [("write", texts["short_write"]), last or ("stop", texts["short_stop"])],
            default="write",
        )
        if choice == "stop":
            return BuiltLadder(goal=goal)
        if choice == "go_on":
            break
    prompter.say(texts["suds_help"])
    built = BuiltLadder(goal=goal)
    for number, item in enumerate(chosen, start=1):
        suds = prompter.scale(
            f"suds_{number}", texts["rate"].format(text=item["text"]), 0, 100, item["default"]
        )
        built.steps.append(
            {
                "id": f"s{next_number + number - 1}",
                "n": 10_000 + number,  # after every existing step when SUDS are equal
                "text": item["text"],
                "suds": dl.check_suds(suds),
                "template": item["template"],
            }
        )
    for paragraph in review_lines(content, [*existing, *built.steps]):
        prompter.say(paragraph)
    built.save = prompter.confirm("save", texts["save"], default=True)
    return built


def review_lines(content: LadderContent, steps: Sequence[Mapping[str, Any]]) -> list[str]:
    """What to say about a ladder, one paragraph each: its order (a markdown list), the big gaps,
    and a first step at or under 40."""
    change = content["change"]
    ranked = dl.ordered(steps)
    lines = [
        content["build"]["order_intro"],
        "\n".join(
            "- " + content["build"]["order_line"].format(suds=s["suds"], id=s["id"], text=s["text"])
            for s in ranked
        ),
    ]
    by_id = {s["id"]: s for s in ranked}
    for a, b, gap in dl.gaps(ranked):
        lines.append(
            change["gap"].format(
                gap=gap,
                a=f"{a} ({by_id[a]['suds']})",
                b=f"{b} ({by_id[b]['suds']})",
            )
        )
    first = dl.first_step(ranked)
    if first is None:
        lines.append(change["first_step_high"])
    else:
        lines.append(change["first_step"].format(**first))
    return lines


# ---------------------------------------------------------------------------------------------
# One step


def run_plan(
    prompter: Prompter,
    content: LadderContent,
    step: Mapping[str, Any],
    template: Template | None,
    day: dt.date,
) -> dict[str, Any]:
    """The before-part: what, where, when, how long, expected SUDS, the fear, what to drop."""
    texts = content["step"]
    prompter.say(texts["intro"].format(**step))
    if step.get("counselor_note"):  # a homework pack's note on this step, in the counselor's words
        prompter.say(texts["counselor_note"].format(note=step["counselor_note"]))
    if template is not None:
        prompter.say(texts["tip"].format(tip=template["tip"]))
    prompter.say(texts["suds_help"])
    what = prompter.text("what", texts["what"], default=step["text"], max_len=dl.MAX_TEXT)
    where = prompter.text("where", texts["where"], max_len=dl.MAX_TEXT)
    when = prompter.text("when", texts["when"], max_len=dl.MAX_TEXT)
    minutes = int(prompter.number("minutes_planned", texts["minutes_planned"], 0, dl.MAX_MINUTES))
    expected = prompter.scale("expected", texts["expected"], 0, 100, step["suds"])
    fear = prompter.text("fear", texts["fear"], max_len=dl.MAX_NOTE)
    likelihood = None
    if fear.strip():
        likelihood = prompter.scale("likelihood", texts["likelihood"], 0, 100)
    safety = prompter.text("safety", texts["safety"], max_len=dl.MAX_NOTE)
    return dl.plan_data(
        step=step["id"],
        day=day,
        what=what,
        where=where,
        when=when,
        minutes_planned=minutes,
        expected=expected,
        fear=fear,
        likelihood=likelihood,
        safety=safety,
    )


def ask_ready_now(prompter: Prompter, content: LadderContent) -> bool:
    texts = content["step"]
    prompter.say(texts["go_gently"])
    choice = prompter.select(
        "ready",
        texts["ready"],
        [("now", texts["ready_now"]), ("later", texts["ready_later"])],
        default="now",
    )
    return choice == "now"


def run_result(
    prompter: Prompter, content: LadderContent, plan: Mapping[str, Any]
) -> dict[str, Any]:
    """The after-part. Not today is a whole answer: nothing more is asked."""
    texts, labels = content["step"], content["labels"]
    result = prompter.select(
        "result",
        texts["result"],
        [
            ("done", labels["done"]),
            ("partly", labels["partly"]),
            ("not-today", labels["not_today"]),
        ],
    )
    if result == "not-today":
        return dl.result_data(result=result)
    peak = prompter.scale("peak", texts["peak"], 0, 100)
    end = prompter.scale("end", texts["end"], 0, 100)
    happened = None
    if str(plan.get("fear") or "").strip():
        happened = prompter.select(
            "happened",
            texts["happened"],
            [
                ("no", labels["no"]),
                ("partly", labels["happened_partly"]),
                ("yes", labels["yes"]),
                ("skip", labels["happened_skip"]),  # optional: nothing is saved for it
            ],
        )
        if happened == "skip":
            happened = None
    learned = prompter.text("learned", texts["learned"], max_len=dl.MAX_NOTE)
    with_someone = prompter.confirm("with_someone", texts["with_someone"], default=False)
    minutes = int(prompter.number("minutes", texts["minutes"], 0, dl.MAX_MINUTES))
    return dl.result_data(
        result=result,
        peak=peak,
        end=end,
        happened=happened,
        learned=learned,
        with_someone=with_someone,
        minutes=minutes,
    )


def _range(texts: Any, template: Any) -> str:
    """An idea's usual range, after its words: "(20–45)", in Japanese "（20〜45）"."""
    return str(texts["range"]).format(lo=template["suds_min"], hi=template["suds_max"])
