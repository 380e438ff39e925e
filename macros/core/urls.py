"""Where every generated page and file lives, and links between them: defined here once, so a template
or a test never writes a page's path by hand.

Page kinds are the ids of the pages generated for each walkthrough; each has its docs/ path (with
`{slug}`) and its title in the navigation. The features render them (macros/pages.py pairs each kind
with its renderer); everything else links them through `page_uri`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class PageKind:
    id: str
    path: str  # relative to docs/, with {slug}
    title: str  # in the navigation, under the walkthrough's own entry; str.format'ed with w=<Walkthrough>


PAGE_KINDS: dict[str, PageKind] = {
    kind.id: kind
    for kind in (
        PageKind("guide", "walkthroughs/{slug}/index.md", "{w.title}"),
        PageKind("compare", "walkthroughs/{slug}/compare.md", "Variants side by side"),
        PageKind("quiz", "walkthroughs/{slug}/quiz.md", "Self-check quiz"),
        PageKind("cheat-sheet", "walkthroughs/{slug}/cheat-sheet.md", "Cheat sheet"),
        PageKind("instructor", "walkthroughs/{slug}/instructor.md", "Instructor guide"),
        # Embed views for an LMS iframe: reached by URL (not_in_nav), kept out of search results.
        PageKind("embed-comparisons", "embed/{slug}/comparisons.md", "Weak vs strong answers"),
        PageKind("embed-variants", "embed/{slug}/variants.md", "Model answers by role"),
        PageKind("embed-quiz", "embed/{slug}/quiz.md", "Self-check quiz"),
    )
}

EXPORTS_DIR = "exports"

# The principles catalog's pages and export: site-level, one set for the whole site (data/principles.yml).
PRINCIPLES_INDEX = "principles/index.md"
PRINCIPLES_JSON = f"{EXPORTS_DIR}/principles.json"
PRINCIPLES_SCHEMA = f"{EXPORTS_DIR}/principles.schema.json"


# Hand-written pages that generated pages link to (docs/).
PRACTICE_INDEX = "practice/index.md"
MOCK_INTERVIEW = "practice/mock.md"


def principle_uri(slug: str) -> str:
    """The docs/ path of one principle's page (URL principles/<slug>/): a page of the Principles
    section, not a section of its own."""
    return f"principles/{slug}.md"


def page_uri(kind: str, slug: str) -> str:
    """The docs/ path of one generated page: templates link pages through this, never by hand."""
    return PAGE_KINDS[kind].path.format(slug=slug)


def page_url(kind: str, slug: str) -> str:
    """A generated page's URL path in the online site (directory URLs: quiz.md -> quiz/)."""
    return url_path(page_uri(kind, slug))


def url_path(src_uri: str) -> str:
    """A page's URL path in the online site, from its docs/ path (directory URLs: quiz.md -> quiz/)."""
    return src_uri.removesuffix("index.md") if src_uri.endswith("/index.md") else src_uri.removesuffix(".md") + "/"


def export_uri(slug: str, kind: str) -> str:
    """The site path of one export of a walkthrough: kind is json, qti.xml, qti.zip or gift.txt."""
    return f"{EXPORTS_DIR}/{slug}.{kind}"


def relative_link(from_src_uri: str, to_src_uri: str) -> str:
    """A Markdown link target from one docs/ file to another, which MkDocs then checks and rewrites."""
    return posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")
