"""The guide page of a walkthrough, and the list of walkthroughs that links every guide page.

The guide page tells the whole walkthrough in order: question, story, the STAR(+R) breakdown with its
weak-vs-strong comparisons, follow-up probes, red flags, key phrases, model answers by role and the
self-check quiz; each of the last parts is another feature's block.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from ..anki import ALL_DECKS
from ..comparisons import follow_ups_block, sections_block
from ..core.anchors import GUIDE_ANCHORS
from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.principles import PrincipleCatalog
from ..core.schema import Walkthrough
from ..core.urls import export_uri, page_uri, relative_link
from ..embed import embed_code
from ..quiz import quiz_section, quiz_version
from ..variants import tabs_block


def guide_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    here = page_uri("guide", walkthrough.slug)
    return render(
        "guide/page.md.j2",
        w=walkthrough,
        principle=context.principles.by_name(walkthrough.principle),
        here=here,
        headings=GUIDE_ANCHORS,
        sections=sections_block(walkthrough),
        follow_ups=follow_ups_block(walkthrough),
        variants=tabs_block(walkthrough, here),
        quiz=quiz_section(walkthrough, here),
        embed={view: embed_code(view, walkthrough, here, context.site_url) for view in ("comparisons", "variants", "quiz")},
        decks={name: (relative_link(here, uri), posixpath.basename(uri))
               for name, uri in (("walkthrough", export_uri(walkthrough.slug, "apkg")), ("all", ALL_DECKS))},
    )


def walkthrough_list(walkthroughs: list[Walkthrough], principles: PrincipleCatalog, here: str, level: int = 3) -> Markup:
    """Every walkthrough, linked from the page at `here`, grouped under a heading of `level` per
    principle (in the catalog's order, each heading linking the principle's page), with its quiz and
    the reader's progress in it."""
    groups = [
        (p, [w for w in walkthroughs if w.principle == p.name])
        for p in principles.principles
    ]
    return render(
        "guide/walkthrough_list.md.j2",
        groups=[(p, mine) for p, mine in groups if mine],
        versions={w.slug: quiz_version(w) for w in walkthroughs},
        here=here,
        hashes="#" * level,
    )


PAGE = PageSpec("guide", guide_page, "{w.description}", meta=(("styles", ["walkthrough", "quiz", "embed"]),))
