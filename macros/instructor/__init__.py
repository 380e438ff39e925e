"""The instructor guide of a walkthrough: objectives, a 60-minute plan, a pair exercise, the rubric,
discussion prompts, common mistakes, and links to the exports and embed views.

The plan and the rubric come from data/rubric.yml (shared by every walkthrough); everything else is
drawn from the walkthrough's own data. Markup is in instructor/templates/.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..anki import ALL_DECKS
from ..core.anchors import GUIDE_ANCHORS, INSTRUCTOR_ANCHORS
from ..core.ids import FOLLOW_UPS
from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.rubric import RubricLine, SessionStep
from ..core.schema import Walkthrough
from ..core.urls import PAGE_KINDS, export_uri, page_uri, relative_link
from ..embed import EMBED_VIEWS
from ..embed import kind as embed_kind
from ..exports import SCHEMA_URI
from ..scorm import MASTERY_DEFAULT, MASTERY_KEY

# Link text for the anchors a session step may point at (the headings of the guide and of this page).
ANCHOR_LABELS = {**GUIDE_ANCHORS, **INSTRUCTOR_ANCHORS}


@dataclass(frozen=True)
class Example:
    """A walkthrough's line that shows what a score sounds like, and the guide anchor that teaches it."""

    score: int
    text: str
    anchor: str
    quoted: bool  # a line the candidate says (quoted) rather than a fact they should name
    where: str  # what the anchor shows, for the link text
    context: str = ""  # e.g. the probe the line answers


def line_examples(line: RubricLine, walkthrough: Walkthrough) -> list[Example]:
    """The walkthrough's own illustration of a rubric line: what a 1 and a 3 sound like in this story."""
    if line.examples == "follow-ups":
        probe = walkthrough.follow_ups[0]
        where = "the probe's weak and strong answers"
        return [
            Example(1, probe.weak.line, probe.compare_anchor, True, where, probe.question),
            Example(3, probe.strong.line, probe.compare_anchor, True, where, probe.question),
        ]
    if line.examples == "root-cause":
        return [Example(3, walkthrough.story.root_cause, "story", False, "the story")]
    section = walkthrough.section(line.scored_in)
    where = f"{section.name}: weak vs strong"
    return [
        Example(1, section.weak.line, section.compare_anchor, True, where),
        Example(3, section.strong.line, section.compare_anchor, True, where),
    ]


def line_anchor(line: RubricLine, walkthrough: Walkthrough) -> str:
    """The guide anchor where the criterion is heard."""
    return "follow-ups" if line.scored_in == FOLLOW_UPS else walkthrough.section(line.scored_in).anchor


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


def instructor_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    slug = walkthrough.slug
    here = page_uri("instructor", slug)

    def material_link(step: SessionStep) -> str:
        """A Markdown link to the page section a session step works from."""
        page, anchor = step.material_page, step.material_anchor
        label = ANCHOR_LABELS.get(anchor, anchor) if anchor else PAGE_KINDS[page].title.format(w=walkthrough)
        target = "" if page == "instructor" else relative_link(here, page_uri(page, slug))
        return f"[{label}]({target}#{anchor})" if anchor else f"[{label}]({target})"

    def site_link(uri: str) -> str:
        return relative_link(here, uri)

    kit = context.kit
    return render(
        "instructor/page.md.j2",
        w=walkthrough,
        here=here,
        kit=kit,
        headings=INSTRUCTOR_ANCHORS,
        steps=timed_steps(kit.session),
        at=minutes_clock,
        material=material_link,
        examples=line_examples,
        scored_anchor=line_anchor,
        cell=table_cell,
        guide=relative_link(here, page_uri("guide", slug)),
        site_link=site_link,
        export_uri=export_uri,
        schema_uri=SCHEMA_URI,
        all_decks=ALL_DECKS,
        mastery={"default": MASTERY_DEFAULT, "key": MASTERY_KEY},
        embed_views={view: PAGE_KINDS[embed_kind(view)] for view in EMBED_VIEWS},
    )


PAGE = PageSpec(
    "instructor", instructor_page, "Session plan, pair exercise and scoring rubric for: {w.question}",
    meta=(("styles", ["walkthrough", "instructor"]),),
)
