"""Load every walkthrough under data/walkthroughs/, validated, looked up by slug: the published ones
and, apart, the drafts (`draft: true`, completed with placeholders; macros.core.drafts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .drafts import Draft, check_draft, is_draft
from .problems import DataError, Problem
from .schema import Walkthrough
from .source import Document, read_yaml
from .validate import check_walkthrough

DATA_DIR = Path("data") / "walkthroughs"


@dataclass
class Catalog:
    """The valid walkthroughs by slug, in file-name order, with the YAML each came from (for problems
    reported at its lines by the checks that run after the schema's). Drafts are not among the
    walkthroughs: they are kept apart, with their documents among the others'."""

    walkthroughs: dict[str, Walkthrough] = field(default_factory=dict)
    drafts: dict[str, Draft] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


def read_catalog(project_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Every walkthrough file, validated: the valid ones and every problem found in any of them."""
    project_dir = Path(project_dir)
    files = sorted((project_dir / DATA_DIR).glob("*.yml"))
    catalog, problems = Catalog(), []
    for path in files:
        display = path.relative_to(project_dir).as_posix()
        doc, read_problems = read_yaml(path, display)
        problems += read_problems
        if doc is None:
            continue
        draft = None
        if is_draft(doc.data):
            draft, check_problems = check_draft(doc, path.stem)
            walkthrough = draft and draft.walkthrough
        else:
            walkthrough, check_problems = check_walkthrough(doc, path.stem)
        problems += check_problems
        if walkthrough is None:
            continue
        if walkthrough.slug in catalog.documents:
            first = catalog.documents[walkthrough.slug].file
            problems.append(doc.problem(("slug",), f"duplicate slug '{walkthrough.slug}': {first} has it too"))
            continue
        if draft is None:
            catalog.walkthroughs[walkthrough.slug] = walkthrough
        else:
            catalog.drafts[walkthrough.slug] = draft
        catalog.documents[walkthrough.slug] = doc
    if not files:
        problems.append(Problem(DATA_DIR.as_posix(), 1, "", "no walkthrough files (*.yml) found"))
    return catalog, problems


def load_catalog(project_dir: Path) -> dict[str, Walkthrough]:
    """The published walkthroughs by slug, in slug order, with their hand-written quiz items only
    (macros.site adds the derived ones); raises DataError listing every problem at once."""
    catalog, problems = read_catalog(project_dir)
    if problems:
        raise DataError(problems)
    return catalog.walkthroughs
