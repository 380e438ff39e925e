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
        headings=GUIDE_ANCHORS,
        sections=sections_block(walkthrough),
        follow_ups=follow_ups_block(walkthrough),
        variants=tabs_block(walkthrough, here),
        quiz=quiz_section(walkthrough, here),
        embed={view: embed_code(view, walkthrough, here, context.site_url) for view in ("comparisons", "variants", "quiz")},
        decks={name: (relative_link(here, uri), posixpath.basename(uri))
               for name, uri in (("walkthrough", export_uri(walkthrough.slug, "apkg")), ("all", ALL_DECKS))},
    )


def walkthrough_list(walkthroughs: list[Walkthrough], here: str) -> Markup:
    """Every walkthrough, linked from the page at `here`, with its quiz and the reader's progress in it."""
    return render(
        "guide/walkthrough_list.md.j2",
        walkthroughs=walkthroughs,
        versions={w.slug: quiz_version(w) for w in walkthroughs},
        here=here,
    )


PAGE = PageSpec("guide", guide_page, "{w.description}", meta=(("styles", ["walkthrough", "quiz", "embed"]),))
