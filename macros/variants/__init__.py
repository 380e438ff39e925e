"""The five model answers of a walkthrough, timed: speaking time per section and in total, the tabs
that show them (on the guide page and the embed view) and the side-by-side page that lines one
STAR(+R) section up across the variants.

Word counts and seconds come from `macros.core.timing` (the same numbers the build checks against the
budgets); this module only adds them up and works out each section's share of an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.schema import Section, Variant, Walkthrough
from ..core.timing import speaking_seconds, word_count
from ..core.urls import page_uri


@dataclass(frozen=True)
class SectionTime:
    """One section of one model answer: its text, words, seconds aloud and share of the answer."""

    section: Section
    text: str
    words: int
    seconds: int
    share: int  # whole percent of the answer's total seconds


@dataclass(frozen=True)
class AnswerTime:
    """One variant's answer, timed section by section against its total budget."""

    variant: Variant
    sections: tuple[SectionTime, ...]
    seconds: int  # the sum of the sections' rounded-up seconds, as the build's budget check adds them
    budget: int | None

    @property
    def words(self) -> int:
        return sum(part.words for part in self.sections)

    def section(self, section_id: str) -> SectionTime:
        return next(part for part in self.sections if part.section.id == section_id)


def answer_time(walkthrough: Walkthrough, variant: Variant) -> AnswerTime:
    """Time one variant's answer at the walkthrough's pace (`timing.pace_wpm`)."""
    pace = walkthrough.timing.pace_wpm
    said = [(section, getattr(variant.answer, section.id)) for section in walkthrough.sections]
    seconds = [speaking_seconds(text, pace) for _, text in said]
    total = sum(seconds)
    parts = tuple(
        SectionTime(section, text, word_count(text), spent, round(100 * spent / total))
        for (section, text), spent in zip(said, seconds)
    )
    return AnswerTime(variant, parts, total, walkthrough.timing.total_seconds.get(variant.id))


def answer_times(walkthrough: Walkthrough) -> list[AnswerTime]:
    """Every variant's answer, timed, in the walkthrough's variant order."""
    return [answer_time(walkthrough, variant) for variant in walkthrough.variants]


def tabs_block(walkthrough: Walkthrough, here: str) -> Markup:
    """Which variant when, then the five model answers as linkable tabs, each timed section by section."""
    return render("variants/tabs.md.j2", w=walkthrough, answers=answer_times(walkthrough), here=here)


def side_by_side_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    return render(
        "variants/side_by_side.md.j2",
        w=walkthrough,
        answers=answer_times(walkthrough),
        here=page_uri("compare", walkthrough.slug),
    )


PAGE = PageSpec(
    "compare", side_by_side_page,
    "The same STAR section across the five model answers for: {w.question}",
    meta=(("styles", ["walkthrough"]),),
)
