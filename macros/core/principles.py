"""The principles catalog in data/principles.yml: what each principle of the framework means, what
interviewers listen for, red flags, and a question bank with follow-up probes.

Shared: walkthroughs name their principle from it, the story rules are keyed by it, its pages and
exports/principles.json show it, and the practice modes draw questions from it. Problems are reported
in the same `file:line: field.path: message` form as the walkthrough data.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError

from .anchors import PRINCIPLE_ANCHORS
from .problems import DataError, Problem, schema_problems
from .schema import Slug, Strict, Text
from .source import Document, read_yaml

PRINCIPLES_FILE = Path("data") / "principles.yml"
PRINCIPLE_COUNT = 16  # the framework's principles, every one of them in the catalog
MIN_QUESTIONS = 3


class Question(Strict):
    """A typical interview question on one principle, with the probes an interviewer follows up with."""

    id: Slug = Field(description="Unique across the catalog: the practice modes remember questions by it.")
    text: Text
    probes: list[Text] = Field(min_length=1, max_length=2)
    walkthrough: Slug | None = Field(default=None, description="The walkthrough that answers this question, if any.")


class Principle(Strict):
    """One principle: what it means, what interviewers listen for, red flags and typical questions."""

    slug: Slug
    name: Text
    summary: Text = Field(description="What it means, in 1 to 3 sentences of our own words.")
    listen_for: list[Text] = Field(min_length=3, max_length=5)
    red_flags: list[Text] = Field(min_length=2, max_length=4)
    questions: list[Question] = Field(min_length=MIN_QUESTIONS)


class PrincipleCatalog(Strict):
    """The whole of data/principles.yml."""

    framework: Text
    principles: list[Principle]

    def by_name(self, name: str) -> Principle | None:
        return next((p for p in self.principles if p.name == name), None)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.principles]


def check_principles(doc: Document, walkthroughs: set[str]) -> tuple[PrincipleCatalog | None, list[Problem]]:
    """Schema first, then what spans entries: all 16, unique slugs, names and question ids, and each
    question's walkthrough among `walkthroughs` (slugs)."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "the principles file must be a mapping with `framework` and `principles`")]
    try:
        catalog = PrincipleCatalog.model_validate(doc.data)
    except ValidationError as error:
        return None, schema_problems(doc, error)
    problems = []
    if len(catalog.principles) != PRINCIPLE_COUNT:
        problems.append(doc.problem(("principles",), f"lists {len(catalog.principles)} principles; the framework has {PRINCIPLE_COUNT}"))
    seen: dict[str, set[str]] = {"slug": set(), "name": set(), "question id": set()}
    for index, principle in enumerate(catalog.principles):
        for what, value, path in (("slug", principle.slug, ("principles", index, "slug")),
                                  ("name", principle.name, ("principles", index, "name"))):
            if value in seen[what]:
                problems.append(doc.problem(path, f"duplicate principle {what} '{value}'"))
            seen[what].add(value)
        for position, question in enumerate(principle.questions):
            at = ("principles", index, "questions", position)
            if question.id in seen["question id"]:
                problems.append(doc.problem((*at, "id"), f"duplicate question id '{question.id}'"))
            seen["question id"].add(question.id)
            # The id is the question's anchor on its principle's page, beside the page's own.
            if question.id in PRINCIPLE_ANCHORS or question.id == principle.slug:
                problems.append(doc.problem((*at, "id"), f"'{question.id}' is an anchor its principle's page already has "
                                            f"({', '.join([principle.slug, *PRINCIPLE_ANCHORS])})"))
            if question.walkthrough is not None and question.walkthrough not in walkthroughs:
                problems.append(doc.problem((*at, "walkthrough"), f"no walkthrough '{question.walkthrough}' in data/walkthroughs/"))
    return catalog, problems


def read_principles(project_dir: Path, walkthroughs: set[str]) -> tuple[PrincipleCatalog | None, list[Problem]]:
    """data/principles.yml, validated against the walkthroughs' slugs: (catalog, []) or (None, every problem)."""
    path = Path(project_dir) / PRINCIPLES_FILE
    if not path.is_file():
        return None, [Problem(PRINCIPLES_FILE.as_posix(), 1, "", "the principles catalog is missing")]
    doc, problems = read_yaml(path, PRINCIPLES_FILE.as_posix())
    if doc is None:
        return None, problems
    catalog, check_problems = check_principles(doc, walkthroughs)
    problems += check_problems
    return (None if problems else catalog), problems


def load_principles(project_dir: Path, walkthroughs: set[str]) -> PrincipleCatalog:
    """data/principles.yml, validated; raises DataError listing every problem at once."""
    catalog, problems = read_principles(project_dir, walkthroughs)
    if catalog is None:
        raise DataError(problems)
    return catalog


def principle_problems(catalog: PrincipleCatalog, documents: dict[str, Document], walkthroughs: dict) -> list[Problem]:
    """A walkthrough's `principle` must name a principle of the catalog."""
    names = set(catalog.names)
    return [
        documents[slug].problem(("principle",), f"'{w.principle}' is not a principle of data/principles.yml (one of: {', '.join(catalog.names)})")
        for slug, w in walkthroughs.items()
        if w.principle not in names
    ]
