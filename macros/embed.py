"""The embed views: one walkthrough's comparisons, model answers or quiz, alone on a page for an LMS iframe.

Each view reuses the guide page's includes, so an embedded block is the block of the guide. The page
template overrides/embed.html drops the site's header, navigation, sidebars and footer.
"""

from __future__ import annotations

from .models import Walkthrough
from .pages import page_uri
from .render import render

EMBED_VIEWS = ("comparisons", "variants", "quiz")


def _embed_page(view: str, walkthrough: Walkthrough) -> str:
    here = page_uri(f"embed-{view}", walkthrough.slug)
    return render(f"embed_{view}.md.j2", w=walkthrough, here=here, guide=page_uri("guide", walkthrough.slug))


def comparisons_page(walkthrough: Walkthrough) -> str:
    return _embed_page("comparisons", walkthrough)


def variants_page(walkthrough: Walkthrough) -> str:
    return _embed_page("variants", walkthrough)


def quiz_page(walkthrough: Walkthrough) -> str:
    return _embed_page("quiz", walkthrough)
