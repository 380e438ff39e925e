"""The self-check quiz: its own page, and what its templates need that Jinja cannot compute.

The quiz appears as a section of the guide page, on a page of its own and in the embed view, all
rendered by the same templates (quiz/templates/) from the walkthrough's `quiz` items: hand-written
ones, then those derive.py makes from the data (the site layer fills every quiz once, at load).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from markupsafe import Markup

from ..core.anchors import GUIDE_ANCHORS
from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.schema import Walkthrough
from ..core.urls import page_uri

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

def quiz_version(walkthrough: Walkthrough) -> str:
    """A short hash of the quiz content. Saved progress is keyed on it, so an edited quiz starts afresh."""
    items = [item.model_dump(mode="json") for item in walkthrough.quiz]
    payload = json.dumps(items, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def _quoted(text: str, limit: int = 60) -> str:
    """A line as a short quotation for link text: its own quote marks dropped, cut at a word."""
    text = " ".join(text.split()).strip("\"“”'‘’")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return f"“{text}”"


def anchor_titles(walkthrough: Walkthrough) -> dict[str, str]:
    """What each guide anchor is called, so an explanation's link says where it goes."""
    titles = dict(GUIDE_ANCHORS)
    for section in walkthrough.sections:
        titles[section.anchor] = section.name
        titles[section.compare_anchor] = f"{section.name}: weak vs strong"
    for probe in walkthrough.follow_ups:
        titles[probe.anchor] = f"Follow-up {_quoted(probe.question)}"
        titles[probe.compare_anchor] = f"Follow-up {_quoted(probe.question)}: weak vs strong"
    for flag in walkthrough.red_flags:
        titles[flag.anchor] = f"Red flag {_quoted(flag.text)}" if flag.kind == "said" else f"Red flag: {flag.text}"
    for phrase in walkthrough.key_phrases:
        titles[phrase.anchor] = f"Key phrase {_quoted(phrase.phrase)}"
    for variant in walkthrough.variants:
        titles[variant.anchor] = f"Model answer: {variant.label}"
    return titles


@dataclass(frozen=True)
class QuizView:
    """What the quiz templates read besides the walkthrough itself."""

    slug: str
    version: str
    titles: dict[str, str]
    guide: str  # the docs/ path of the guide page, which every explanation links into
    # Element ids are `prefix` + item id: a page showing several walkthroughs' quizzes (the review
    # queue) gives each its own, as item ids repeat across walkthroughs.
    prefix: str = "quiz-"
    # A quiz shown for one visit (the review queue), whose answers quiz.js keeps off the device: the
    # walkthrough's own quiz progress is not touched. Empty for the quiz itself.
    session: str = ""

    @staticmethod
    def letter(index: int) -> str:
        return LETTERS[index]

    @staticmethod
    def letters(indices: list[int]) -> str:
        """[0, 2, 3] -> 'A, C and D': how the answer key names the correct options."""
        names = [LETTERS[index] for index in sorted(indices)]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def quiz_view(walkthrough: Walkthrough, prefix: str = "quiz-", session: str = "") -> QuizView:
    slug = walkthrough.slug
    return QuizView(slug, quiz_version(walkthrough), anchor_titles(walkthrough), page_uri("guide", slug), prefix, session)


def quiz_body(walkthrough: Walkthrough, here: str, prefix: str = "quiz-", session: str = "") -> Markup:
    """The quiz itself: its items, the score bar (JavaScript only) and the print-only answer key."""
    return render("quiz/body.md.j2", w=walkthrough, view=quiz_view(walkthrough, prefix, session), here=here)


def quiz_section(walkthrough: Walkthrough, here: str) -> Markup:
    """The quiz as a section of another page: what it is, a link to its own page, then the quiz."""
    return render("quiz/section.md.j2", w=walkthrough, here=here, body=quiz_body(walkthrough, here))


def quiz_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    here = page_uri("quiz", walkthrough.slug)
    return render("quiz/page.md.j2", w=walkthrough, here=here, body=quiz_body(walkthrough, here))


PAGE = PageSpec("quiz", quiz_page, "Check yourself on: {w.question}", meta=(("styles", ["quiz"]),))
