"""The practice modes beside "Check my story": a mock interview, a review queue of missed quiz items,
a story bank across the principles, and the landing page's block of progress on this device.

Plain functions of the data, called by the macros of docs/practice/{mock,review,stories}.md and
docs/index.md. Each page is server-rendered first (the question bank, every quiz item, the coverage
matrix of an empty bank); its module in docs/assets/sg/ upgrades it. What the reader does is kept on
their device only, by docs/assets/sg/store.js.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..core.ids import SECTION_IDS
from ..core.jinja import render
from ..core.principles import PrincipleCatalog
from ..core.rubric import InstructorKit
from ..core.schema import Walkthrough
from ..core.timing import format_seconds
from ..instructor import line_anchor
from ..practice import timer_plan
from ..quiz import quiz_body

# The mock interview's clock: an answer has the 2-minute budget every walkthrough teaches; before it a
# short preparation, after it one follow-up probe with a shorter answer.
ANSWER_SECONDS = 120
PREPARE_SECONDS = 20
PROBE_SECONDS = 60
QUESTION_COUNTS = (1, 2, 3, 4, 5)
DEFAULT_COUNT = 3
# The reader's data on the device: one localStorage key per store (store.js keeps each versioned).
STORES = {"review": "sg-review", "mock": "sg-mock", "stories": "sg-stories"}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def question_bank(principles: PrincipleCatalog, walkthroughs: dict[str, Walkthrough]) -> list[dict]:
    """Every question a mock interview can ask: the catalog's, then each walkthrough's own question
    that no catalog question already names (so no question is asked twice in one session)."""
    bank = [
        {"id": q.id, "text": q.text, "principle": p.slug, "probes": list(q.probes), "walkthrough": q.walkthrough}
        for p in principles.principles
        for q in p.questions
    ]
    named = {q["walkthrough"] for q in bank}
    for w in walkthroughs.values():
        if w.slug not in named:
            bank.append({"id": w.slug, "text": w.question, "principle": principles.by_name(w.principle).slug,
                         "probes": [probe.question for probe in w.follow_ups[:2]], "walkthrough": w.slug})
    return bank


def answer_plan(walkthroughs: dict[str, Walkthrough], budget: int = ANSWER_SECONDS) -> list[dict]:
    """The STAR(+R) pacing of a `budget`-second answer: each section's share of the clock, averaged over
    every walkthrough's rehearsal plan for every role (macros/practice timer_plan)."""
    shares = {section: 0.0 for section in SECTION_IDS}
    plans = [(w, v.id) for w in walkthroughs.values() for v in w.variants]
    for w, role in plans:
        total = w.timing.total_seconds[role]
        for step in timer_plan(w, role):
            shares[step["id"]] += (step["end"] - step["start"]) / total / len(plans)
    names = {s.id: s.name for s in next(iter(walkthroughs.values())).sections}
    plan, clock = [], 0.0
    for section in SECTION_IDS:
        start = round(clock)
        clock += shares[section] * budget
        plan.append({"id": section, "name": names[section], "start": start, "end": round(clock)})
    plan[-1]["end"] = budget
    return plan


def rubric_lines(kit: InstructorKit, walkthroughs: dict[str, Walkthrough]) -> list[dict]:
    """The rubric's lines as the mock's self-grading shows them, with the guide anchor that teaches each
    line in every walkthrough (the summary links the weakest line into the session's walkthrough)."""
    return [
        {"id": line.id, "label": line.criterion, "levels": {str(k): v for k, v in line.levels.items()},
         "anchors": {slug: line_anchor(line, w) for slug, w in walkthroughs.items()}}
        for line in kit.rubric
    ]


def model_answers(walkthroughs: dict[str, Walkthrough]) -> dict:
    """Each walkthrough's model answers by role, revealed after the reader has graded their own."""
    return {
        w.slug: {
            "title": w.title,
            "roles": {v.id: {"label": v.label, "anchor": v.anchor,
                             "answer": [[s.name, getattr(v.answer, s.id)] for s in w.sections]} for v in w.variants},
        }
        for w in walkthroughs.values()
    }


def mock_interview(walkthroughs: dict[str, Walkthrough], principles: PrincipleCatalog, kit: InstructorKit,
                   here: str) -> Markup:
    """The mock interview page's body: the setup form, the session (hidden until Start) and the bank."""
    bank = question_bank(principles, walkthroughs)
    plan = answer_plan(walkthroughs)
    lines = rubric_lines(kit, walkthroughs)
    first = next(iter(walkthroughs.values()))
    data = {
        "bank": bank,
        "names": {p.slug: p.name for p in principles.principles},
        "plan": plan,
        "seconds": {"prepare": PREPARE_SECONDS, "answer": ANSWER_SECONDS, "probe": PROBE_SECONDS},
        "rubric": [{"id": line["id"], "label": line["label"], "anchors": line["anchors"]} for line in lines],
        "models": model_answers(walkthroughs),
    }
    return render(
        "practice_modes/mock.md.j2",
        here=here,
        data=_json(data),
        principles=principles.principles,
        bank=bank,
        walkthroughs=walkthroughs,
        roles=first.variants,
        plan=plan,
        lines=lines,
        counts=QUESTION_COUNTS,
        default_count=DEFAULT_COUNT,
        prepare=format_seconds(PREPARE_SECONDS),
        answer=format_seconds(ANSWER_SECONDS),
        probe=format_seconds(PROBE_SECONDS),
        store=STORES["mock"],
    )


# Each walkthrough's quiz on the review page: its items' ids prefixed (quiz item ids repeat across
# walkthroughs, element ids may not), and its answers kept for the visit only (`session`).
REVIEW_SESSION = "review"


def review_prefix(slug: str) -> str:
    return f"review-{slug}-"


def review_queue(walkthroughs: dict[str, Walkthrough], here: str) -> Markup:
    """The review page's body: the queue's controls, then every walkthrough's whole quiz, rendered by
    the quiz's own templates; review.js shows only what is due (or, cramming, all of the chosen)."""
    quizzes = {
        w.slug: quiz_body(w, here, prefix=review_prefix(w.slug), session=REVIEW_SESSION) for w in walkthroughs.values()
    }
    return render("practice_modes/review.md.j2", here=here, walkthroughs=list(walkthroughs.values()),
                  quizzes=quizzes, store=STORES["review"])


def story_bank(walkthroughs: dict[str, Walkthrough], principles: PrincipleCatalog, here: str) -> Markup:
    """The story bank's body: the story form, the coverage matrix of an empty bank, export and import."""
    first = next(iter(walkthroughs.values()))
    return render(
        "practice_modes/stories.md.j2",
        here=here,
        principles=principles.principles,
        data=_json({"principles": [{"slug": p.slug, "name": p.name} for p in principles.principles]}),
        sections=[(s.id, s.name) for s in first.sections],
        store=STORES["stories"],
    )


def practice_progress(principles: PrincipleCatalog, kit: InstructorKit, here: str) -> Markup:
    """The landing page's block: what is due for review, story coverage and the last mock session."""
    labels = {line.id: line.criterion for line in kit.rubric}
    return render("practice_modes/progress.md.j2", here=here, principle_count=len(principles.principles),
                  labels=_json(labels))
