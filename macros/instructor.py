"""The instructor guide of a walkthrough: objectives, a 60-minute plan, a pair exercise, the rubric,
discussion prompts, common mistakes, and links to the exports and embed views.

The plan and the rubric come from data/rubric.yml (shared by every walkthrough); everything else is
drawn from the walkthrough's own data. Markup is in templates/instructor*.j2.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import exports
from .embed import EMBED_VIEWS
from .models import Walkthrough
from .pages import GENERATED_PAGES, page_uri
from .render import relative_link, render
from .rubric import SessionStep, line_anchor, line_examples, load_kit
from .validate import PAGE_ANCHOR_TITLES

# Link text for the anchors a session step may point at (the headings of the guide and of this page).
ANCHOR_LABELS = {
    **PAGE_ANCHOR_TITLES,
    "objectives": "Learning objectives",
    "session-plan": "Session plan",
    "pair-exercise": "Pair exercise",
    "rubric": "Scoring rubric",
    "discussion": "Discussion prompts",
    "mistakes": "Common learner mistakes",
    "exports": "Exports and embeds",
}


@dataclass(frozen=True)
class TimedStep:
    """A session step with its place on the clock, in minutes from the start."""

    step: SessionStep
    start: int
    end: int


def timed_steps(steps: list[SessionStep]) -> list[TimedStep]:
    timed, clock = [], 0
    for step in steps:
        timed.append(TimedStep(step, clock, clock + step.minutes))
        clock += step.minutes
    return timed


def minutes_clock(minutes: int) -> str:
    """65 -> '1:05', the session clock."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def table_cell(text: str) -> str:
    """Data text made safe for one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def instructor_page(walkthrough: Walkthrough) -> str:
    slug = walkthrough.slug
    here = page_uri("instructor", slug)

    def material_link(step: SessionStep) -> str:
        """A Markdown link to the page section a session step works from."""
        page, anchor = step.material_page, step.material_anchor
        label = ANCHOR_LABELS.get(anchor, anchor) if anchor else GENERATED_PAGES[page].title.format(w=walkthrough)
        target = "" if page == "instructor" else relative_link(here, page_uri(page, slug))
        return f"[{label}]({target}#{anchor})" if anchor else f"[{label}]({target})"

    def site_link(uri: str) -> str:
        return relative_link(here, uri)

    kit = load_kit()
    return render(
        "instructor.md.j2",
        w=walkthrough,
        here=here,
        kit=kit,
        steps=timed_steps(kit.session),
        at=minutes_clock,
        material=material_link,
        examples=line_examples,
        scored_anchor=line_anchor,
        cell=table_cell,
        guide=relative_link(here, page_uri("guide", slug)),
        site_link=site_link,
        export_uri=exports.export_uri,
        schema_uri=exports.SCHEMA_URI,
        embed_views=EMBED_VIEWS,
    )
