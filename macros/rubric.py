"""The instructor kit in data/rubric.yml: the 60-minute session plan and the scoring rubric.

The rubric is generic across walkthroughs; `line_examples` draws one walkthrough's own lines for it,
so the instructor page and the practice tools show the same evidence. Problems are reported in the
same `file:line: field.path: message` form as the walkthrough data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from .catalog import DataError
from .loader import Document, Problem, read_yaml
from .models import SectionId, Slug, Strict, Text, Walkthrough
from .pages import GENERATED_PAGES
from .validate import PAGE_ANCHORS

RUBRIC_FILE = Path("data") / "rubric.yml"
PROJECT_DIR = Path(__file__).resolve().parent.parent
SESSION_MINUTES = 60
# The instructor page's own section anchors: session steps may point at them.
INSTRUCTOR_ANCHORS = ("objectives", "session-plan", "pair-exercise", "rubric", "discussion", "mistakes", "exports")
# Anchors known per page kind; a session step may link only to these (other pages: the page itself).
KNOWN_ANCHORS = {"guide": PAGE_ANCHORS, "instructor": INSTRUCTOR_ANCHORS}


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
    scored_in: SectionId | Literal["follow-ups"] = Field(
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
    return "follow-ups" if line.scored_in == "follow-ups" else walkthrough.section(line.scored_in).anchor


def _schema_problems(doc: Document, error: ValidationError) -> list[Problem]:
    messages = {"missing": "required field is missing", "extra_forbidden": "unknown field (a typo?)"}
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        if loc[-1] == "[key]":  # a bad mapping key, e.g. a level 4: point at that key's own line
            problems.append(doc.problem((*loc[:-2], str(loc[-2])), f"unknown key {loc[-2]!r}: {item['msg']}"))
        else:
            problems.append(doc.problem(loc, messages.get(item["type"], item["msg"])))
    return problems


def check_kit(doc: Document) -> tuple[InstructorKit | None, list[Problem]]:
    """Schema first, then the rules across fields: 60 minutes, known materials, all three levels."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "the rubric file must be a mapping with `session` and `rubric`")]
    try:
        kit = InstructorKit.model_validate(doc.data)
    except ValidationError as error:
        return None, _schema_problems(doc, error)
    problems = []
    if kit.session_minutes != SESSION_MINUTES:
        problems.append(
            doc.problem(("session",), f"the steps add up to {kit.session_minutes} minutes; a session is {SESSION_MINUTES}")
        )
    for index, step in enumerate(kit.session):
        page, anchor = step.material_page, step.material_anchor
        if page not in GENERATED_PAGES:
            problems.append(
                doc.problem(("session", index, "material"), f"unknown page '{page}' (one of: {', '.join(GENERATED_PAGES)})")
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
        if line.examples == "weak-vs-strong" and line.scored_in == "follow-ups":
            problems.append(doc.problem(("rubric", index, "examples"), "follow-ups have no single weak-vs-strong pair: use `follow-ups`"))
    return kit, problems


_kits: dict[tuple, InstructorKit] = {}


def load_kit(project_dir: Path = PROJECT_DIR) -> InstructorKit:
    """data/rubric.yml, validated; raises DataError listing every problem at once.

    Cached on the file's path, size and mtime: every instructor page and the checker share one load.
    """
    path = Path(project_dir) / RUBRIC_FILE
    stat = path.stat() if path.is_file() else None
    key = (str(path), stat and stat.st_mtime_ns, stat and stat.st_size)
    if key not in _kits:
        _kits.clear()
        _kits[key] = _read_kit(Path(project_dir))
    return _kits[key]


def _read_kit(project_dir: Path) -> InstructorKit:
    doc, problems = read_yaml(project_dir / RUBRIC_FILE, RUBRIC_FILE.as_posix())
    kit = None
    if doc is not None:
        kit, check_problems = check_kit(doc)
        problems += check_problems
    if problems or kit is None:
        raise DataError(problems)
    return kit


def load_rubric(project_dir: Path = PROJECT_DIR) -> list[RubricLine]:
    """The rubric lines alone, for pages that score an answer."""
    return load_kit(project_dir).rubric
