"""The site layer: all of the data loaded and checked at once, and every file the data adds to a build.

Above the features (it imports them) and below the hooks and macros (which import it): the data hook
loads the site once per build, and define_env's macros read the same load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .anki import deck_files
from .cheat_sheet import placeholder_pdfs
from .core.catalog import DATA_DIR, read_catalog
from .core.pages import RenderContext
from .core.principles import PrincipleCatalog, principle_problems, read_principles
from .core.problems import DataError
from .core.rubric import InstructorKit, read_kit
from .core.schema import Walkthrough
from .core.urls import PRINCIPLES_JSON, export_uri
from .exports import site_files
from .pages import GENERATED_PAGES
from .practice import RULES_JSON, rules_json_text
from .practice.rules import RuleSet, lint_answers, read_rules
from .principles import principle_pages
from .principles.export import export_files as principle_export_files
from .scorm import placeholder_packages

# Where the data hook keeps this build's Site in the MkDocs config, for the macros to read.
CONFIG_KEY = "sg_site"


@dataclass(frozen=True)
class Site:
    """Everything the data says, valid: the walkthroughs by slug, the principles catalog, the instructor
    kit and the story rules."""

    walkthroughs: dict[str, Walkthrough]
    principles: PrincipleCatalog
    kit: InstructorKit
    rules: RuleSet
    site_url: str

    @property
    def context(self) -> RenderContext:
        return RenderContext(site_url=self.site_url, kit=self.kit, principles=self.principles)


def load_site(project_dir: Path, site_url: str = "/") -> Site:
    """Load and check every data file; raises DataError with every problem found in any of them.

    The story rules lint every model answer: each must pass them clean.
    """
    catalog, problems = read_catalog(project_dir)
    # Questions may name any walkthrough file, valid or not: a broken one is reported once, as itself.
    files = {path.stem for path in (Path(project_dir) / DATA_DIR).glob("*.yml")}
    principles, principle_file_problems = read_principles(project_dir, files)
    problems += principle_file_problems
    if principles is not None:
        problems += principle_problems(principles, catalog.documents, catalog.walkthroughs)
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
    return Site(catalog.walkthroughs, principles, kit, rules, site_url)


def published_walkthroughs(site: Site) -> list[Walkthrough]:
    """The walkthroughs the LMS packages and the Anki decks carry: every one but drafts (issue 27 adds
    `draft`; until then no walkthrough has it)."""
    return [w for w in site.walkthroughs.values() if not getattr(w, "draft", False)]


def generated_files(site: Site) -> list[tuple[str, str | bytes]]:
    """Every file the data adds to the site, by its docs/ path: each walkthrough's pages, the LMS
    exports and Anki decks (files of the site, so `mkdocs serve` has them too), stand-ins for the
    cheat-sheet PDFs that `make pdf` overwrites and for the SCORM packages that the Pages workflow
    puts in their place (so the pages' links resolve), the story rules as data, and the
    principles catalog's pages and export."""
    context = site.context
    files: list[tuple[str, str | bytes]] = [
        (spec.src_uri(w.slug), spec.source(w, context)) for w in site.walkthroughs.values() for spec in GENERATED_PAGES.values()
    ]
    files += site_files(site.walkthroughs).items()
    files += placeholder_pdfs(site.walkthroughs).items()
    published = published_walkthroughs(site)
    files += deck_files(published, site.principles, site.site_url).items()
    files += placeholder_packages(published).items()
    files.append((RULES_JSON, rules_json_text(site.rules)))
    files += principle_pages(site.principles, {w.slug: w for w in published}, site.rules).items()
    files += principle_export_files(site.principles).items()
    return files
