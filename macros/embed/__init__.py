"""The embed views: one walkthrough's comparisons, model answers or quiz, alone on a page for an LMS
iframe, and the "copy embed code" control the guide page shows for each.

Each view shows the guide page's own blocks, so an embedded block is the block of the guide. The page
template overrides/embed.html drops the site's header, navigation, sidebars and footer.
"""

from __future__ import annotations

from markupsafe import Markup

from ..comparisons import follow_ups_block, sections_block
from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.schema import Walkthrough
from ..core.urls import PAGE_KINDS, page_uri
from ..quiz import quiz_section
from ..variants import tabs_block

EMBED_VIEWS = ("comparisons", "variants", "quiz")


def kind(view: str) -> str:
    """The page kind of an embed view (macros.core.urls.PAGE_KINDS)."""
    return f"embed-{view}"


def embed_code(view: str, walkthrough: Walkthrough, here: str, site_url: str) -> Markup:
    """The iframe snippet for one view, as visible text, with a preview link; embed.js adds a copy button."""
    return render(
        "embed/code.md.j2", w=walkthrough, here=here, view=view, title=PAGE_KINDS[kind(view)].title,
        # Absolute from site_url: the snippet is pasted on another host, maybe under a sub-path.
        src=f"{site_url}embed/{walkthrough.slug}/{view}/",
    )


def _view(view: str, walkthrough: Walkthrough, **blocks: Markup) -> str:
    here = page_uri(kind(view), walkthrough.slug)
    return render(f"embed/{view}.md.j2", w=walkthrough, here=here, guide=page_uri("guide", walkthrough.slug), **blocks)


def comparisons_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    return _view("comparisons", walkthrough, sections=sections_block(walkthrough), follow_ups=follow_ups_block(walkthrough))


def variants_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    here = page_uri(kind("variants"), walkthrough.slug)
    return _view("variants", walkthrough, tabs=tabs_block(walkthrough, here))


def quiz_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    here = page_uri(kind("quiz"), walkthrough.slug)
    return _view("quiz", walkthrough, quiz=quiz_section(walkthrough, here))


PAGES = tuple(
    PageSpec(
        kind(view), render_page, description,
        meta=(("template", "embed.html"), ("search", {"exclude": True}), ("styles", [*styles, "embed"])),
    )
    for view, render_page, description, styles in (
        ("comparisons", comparisons_page, "Each STAR section and follow-up probe, weak vs strong, for: {w.question}", ["walkthrough"]),
        ("variants", variants_page, "Five model answers, one per role and seniority, for: {w.question}", ["walkthrough"]),
        ("quiz", quiz_page, "A self-check quiz on: {w.question}", ["quiz"]),
    )
)
