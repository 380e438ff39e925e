"""The instructor kit in data/rubric.yml: the 60-minute session plan and the scoring rubric.

Shared: the instructor pages show both, and the story rules score their checks against the rubric's
lines. Problems are reported in the same `file:line: field.path: message` form as the walkthrough data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from .anchors import GUIDE_ANCHORS, INSTRUCTOR_ANCHORS
from .ids import FOLLOW_UPS
from .problems import DataError, Problem, schema_problems
from .schema import HeardIn, Slug, Strict, Text
from .source import Document, read_yaml
from .urls import PAGE_KINDS

RUBRIC_FILE = Path("data") / "rubric.yml"
SESSION_MINUTES = 60
# Anchors known per page kind; a session step may link only to these (other pages: the page itself).
KNOWN_ANCHORS = {"guide": tuple(GUIDE_ANCHORS), "instructor": tuple(INSTRUCTOR_ANCHORS)}


class SessionStep(Strict):
    """One block of the session: how long, what happens and which page section the room works from."""

    minutes: int = Field(gt=0)
    activity: Text
    how: Text
    material: Text = Field(description="`<page kind>` or `<page kind>#<anchor>`, e.g. `guide#star`.")

    @property
    def material_page(self) -> str:
        return self.material.partition("#")[0]

    @property
    def material_anchor(self) -> str:
        return self.material.partition("#")[2]


class RubricLine(Strict):
    """One scored criterion, with what a 1, a 2 and a 3 look like."""

    id: Slug
    criterion: Text
    scored_in: HeardIn = Field(
        description="The STAR(+R) section (or the follow-up probes) where the criterion is heard."
    )
    examples: Literal["weak-vs-strong", "root-cause", "follow-ups"] = Field(
        description="Which lines of a walkthrough illustrate the scores."
    )
    listen_for: Text
    levels: dict[Literal[1, 2, 3], Text] = Field(description="What a 1, a 2 and a 3 look like.")

    @property
    def anchor(self) -> str:
        return f"rubric-{self.id}"


class InstructorKit(Strict):
    """The whole of data/rubric.yml."""

    session: list[SessionStep] = Field(min_length=1)
    rubric: list[RubricLine] = Field(min_length=1)

    @property
    def session_minutes(self) -> int:
        return sum(step.minutes for step in self.session)


def check_kit(doc: Document) -> tuple[InstructorKit | None, list[Problem]]:
    """Schema first, then the rules across fields: 60 minutes, known materials, all three levels."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "the rubric file must be a mapping with `session` and `rubric`")]
    try:
        kit = InstructorKit.model_validate(doc.data)
    except ValidationError as error:
        return None, schema_problems(doc, error)
    problems = []
    if kit.session_minutes != SESSION_MINUTES:
        problems.append(
            doc.problem(("session",), f"the steps add up to {kit.session_minutes} minutes; a session is {SESSION_MINUTES}")
        )
    for index, step in enumerate(kit.session):
        page, anchor = step.material_page, step.material_anchor
        if page not in PAGE_KINDS:
            problems.append(
                doc.problem(("session", index, "material"), f"unknown page '{page}' (one of: {', '.join(PAGE_KINDS)})")
            )
        elif anchor and anchor not in KNOWN_ANCHORS.get(page, ()):
            known = ", ".join(KNOWN_ANCHORS.get(page, ())) or "none: link the page itself"
            problems.append(
                doc.problem(("session", index, "material"), f"'#{anchor}' is not an anchor of the {page} page (known: {known})")
            )
    seen: set[str] = set()
    for index, line in enumerate(kit.rubric):
        if line.id in seen:
            problems.append(doc.problem(("rubric", index, "id"), f"duplicate rubric line id '{line.id}'"))
        seen.add(line.id)
        missing = [score for score in (1, 2, 3) if score not in line.levels]
        if missing:
            problems.append(
                doc.problem(("rubric", index, "levels"), f"needs what a 1, a 2 and a 3 look like (missing: {missing})")
            )
        if line.examples == "weak-vs-strong" and line.scored_in == FOLLOW_UPS:
            problems.append(doc.problem(("rubric", index, "examples"), "follow-ups have no single weak-vs-strong pair: use `follow-ups`"))
    return kit, problems


def read_kit(project_dir: Path) -> tuple[InstructorKit | None, list[Problem]]:
    """data/rubric.yml, validated: (kit, []) or (None, every problem)."""
    doc, problems = read_yaml(Path(project_dir) / RUBRIC_FILE, RUBRIC_FILE.as_posix())
    if doc is None:
        return None, problems
    kit, check_problems = check_kit(doc)
    problems += check_problems
    return (None if problems else kit), problems


def load_kit(project_dir: Path) -> InstructorKit:
    """data/rubric.yml, validated; raises DataError listing every problem at once."""
    kit, problems = read_kit(project_dir)
    if kit is None:
        raise DataError(problems)
    return kit
