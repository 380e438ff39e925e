"""The site layer: all of the data loaded and checked at once, and every file the data adds to a build.

Above the features (it imports them) and below the hooks and macros (which import it): the data hook
loads the site once per build, and define_env's macros read the same load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .anki import deck_files
from .cheat_sheet import placeholder_pdfs
from .core.catalog import DATA_DIR, read_catalog
from .core.drafts import Draft
from .core.pages import RenderContext
from .core.principles import PrincipleCatalog, principle_problems, read_principles
from .core.problems import DataError
from .core.rubric import InstructorKit, read_kit
from .core.schema import Walkthrough
from .core.urls import PRINCIPLES_JSON, export_uri
from .drafts import draft_banner
from .exports import site_files
from .pages import GENERATED_PAGES
from .practice import RULES_JSON, rules_json_text
from .practice.rules import RuleSet, lint_answers, read_rules
from .principles import principle_pages
from .principles.export import export_files as principle_export_files
from .quiz.derive import with_derived_quiz
from .scorm import placeholder_packages

# Where the data hook keeps this build's Site in the MkDocs config, for the macros to read.
CONFIG_KEY = "sg_site"
# `SG_DRAFTS=1 make build` (and `make serve`, by default) builds the drafts too, marked as drafts.
DRAFTS_ENV = "SG_DRAFTS"


def drafts_requested(environ=os.environ) -> bool:
    return environ.get(DRAFTS_ENV, "") == "1"


@dataclass(frozen=True)
class Site:
    """Everything the data says, valid: the walkthroughs by slug, the principles catalog, the instructor
    kit and the story rules.

    `published` is every complete walkthrough: what exports, LMS packages, lists of walkthroughs and
    links from other pages use. `walkthroughs` is what this build renders pages for: the published
    ones, and the drafts too when previewing them. Every walkthrough's quiz is complete: hand-written
    items, then derived ones up to its `quiz_size`.
    """

    published: dict[str, Walkthrough]
    drafts: dict[str, Draft]
    preview_drafts: bool
    principles: PrincipleCatalog
    kit: InstructorKit
    rules: RuleSet
    site_url: str

    @property
    def walkthroughs(self) -> dict[str, Walkthrough]:
        if not self.preview_drafts:
            return self.published
        drafts = {slug: draft.walkthrough for slug, draft in self.drafts.items()}
        return dict(sorted({**self.published, **drafts}.items()))  # file-name order, as the catalog reads

    @property
    def context(self) -> RenderContext:
        return RenderContext(site_url=self.site_url, kit=self.kit, principles=self.principles)


def load_site(project_dir: Path, site_url: str = "/", preview_drafts: bool = False) -> Site:
    """Load and check every data file; raises DataError with every problem found in any of them.

    The story rules lint every published model answer: each must pass them clean. A draft is checked
    for what it holds (macros.core.drafts); other data may not name it, as it is not published.
    """
    catalog, problems = read_catalog(project_dir)
    # Questions may name any walkthrough file, valid or not: a broken one is reported once, as itself.
    # Not a draft: its pages are not published, so a link to them would break.
    files = {path.stem for path in (Path(project_dir) / DATA_DIR).glob("*.yml")} - set(catalog.drafts)
    principles, principle_file_problems = read_principles(project_dir, files)
    problems += principle_file_problems
    if principles is not None:
        named = {**catalog.walkthroughs, **{s: d.walkthrough for s, d in catalog.drafts.items() if d.known(("principle",))}}
        problems += principle_problems(principles, catalog.documents, named)
    kit, kit_problems = read_kit(project_dir)
    problems += kit_problems
    rules = None
    if kit is not None and principles is not None:
        rules, rule_problems = read_rules(project_dir, kit, set(principles.names))
        problems += rule_problems
    if rules is not None:
        for slug, walkthrough in catalog.walkthroughs.items():
            problems += lint_answers(catalog.documents[slug], walkthrough, rules)
    for slug in catalog.walkthroughs:
        if export_uri(slug, "json") == PRINCIPLES_JSON:
            problems.append(catalog.documents[slug].problem(
                ("slug",), f"'{slug}' is taken: its export would overwrite {PRINCIPLES_JSON}, the principles catalog's"
            ))
    if problems:
        raise DataError(problems)
    published = {slug: with_derived_quiz(w) for slug, w in catalog.walkthroughs.items()}
    drafts = {slug: replace(d, walkthrough=with_derived_quiz(d.walkthrough, d.known)) for slug, d in catalog.drafts.items()}
    return Site(published, drafts, preview_drafts, principles, kit, rules, site_url)


def generated_files(site: Site) -> list[tuple[str, str | bytes]]:
    """Every file the data adds to the site, by its docs/ path: each walkthrough's pages, the LMS
    exports and Anki decks (files of the site, so `mkdocs serve` has them too; of published
    walkthroughs only), stand-ins for the cheat-sheet PDFs that `make pdf` overwrites and for the SCORM
    packages that the Pages workflow puts in their place (so the pages' links resolve), the story
    rules as data, and the principles catalog's pages and export. A draft's pages, when built, open
    with its banner and to-do list."""
    context = site.context
    banners = {slug: draft_banner(draft) for slug, draft in site.drafts.items()}
    files: list[tuple[str, str | bytes]] = [
        (spec.src_uri(w.slug), spec.source(w, context, banners.get(w.slug, "")))
        for w in site.walkthroughs.values()
        for spec in GENERATED_PAGES.values()
    ]
    files += site_files(site.published).items()
    files += placeholder_pdfs(site.walkthroughs).items()
    files += deck_files(list(site.published.values()), site.principles, site.site_url).items()
    files += placeholder_packages(list(site.published.values())).items()
    files.append((RULES_JSON, rules_json_text(site.rules)))
    files += principle_pages(site.principles, site.published, site.rules).items()
    files += principle_export_files(site.principles).items()
    return files
