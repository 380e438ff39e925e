"""A generated page: its kind, what renders its body, and its front matter.

Each feature declares the pages it renders for every walkthrough as `PageSpec`s; macros/pages.py
lists them all, in navigation order, and the data hook adds every page of every walkthrough to the
site. Site-level generated pages (the principles catalog) write their front matter with `page_source`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .principles import PrincipleCatalog
from .schema import Walkthrough
from .text import html_text
from .urls import PAGE_KINDS, PageKind

# The stylesheet of a draft's banner (docs/assets/sg/draft.css), added to a draft's pages only.
DRAFT_STYLE = "draft"


@dataclass(frozen=True)
class RenderContext:
    """What a page needs besides its walkthrough: the data every page shares, passed explicitly."""

    site_url: str  # absolute, for what is pasted on other hosts (embed snippets)
    kit: object  # macros.core.rubric.InstructorKit (data/rubric.yml)
    principles: PrincipleCatalog  # data/principles.yml: a walkthrough's page links its principle's


def page_source(body: str, title: str, description: str, html_title: str, *,
                fields: dict[str, object] | None = None, meta: tuple[tuple[str, object], ...] = ()) -> str:
    """A generated page's Markdown as MkDocs reads it: front matter, then the rendered body.

    Rendered by the data hook, not as a macro call for mkdocs-macros to expand: data text must never
    be read as a template (`render_macros: false`). Titles and descriptions are HTML in MkDocs'
    templates, so their text is escaped; JSON strings are valid YAML scalars. `fields` go before
    `render_macros`, `meta` (e.g. ("styles", ["quiz"])) after it.
    """
    front = {
        "title": html_text(title),
        "description": html_text(description).replace('"', "&quot;"),  # an attribute
        "html_title": html_text(html_title),
        **(fields or {}),
    }
    text = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    text += "render_macros: false\n"
    text += "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta)
    return f"---\n{text}---\n\n{body}"


@dataclass(frozen=True)
class PageSpec:
    kind: str  # a key of macros.core.urls.PAGE_KINDS: its path and navigation title are defined there
    render: Callable[[Walkthrough, RenderContext], str]
    description: str  # str.format'ed with w=<Walkthrough>
    # Extra front matter, e.g. (("template", "embed.html"),); ("styles", ["quiz"]) adds component
    # stylesheets (docs/assets/sg/<name>.css) to this page only (overrides/main.html).
    meta: tuple[tuple[str, object], ...] = ()

    @property
    def page(self) -> PageKind:
        return PAGE_KINDS[self.kind]

    def src_uri(self, slug: str) -> str:
        return self.page.path.format(slug=slug)

    def title(self, walkthrough: Walkthrough) -> str:
        return self.page.title.format(w=walkthrough)

    def source(self, walkthrough: Walkthrough, context: RenderContext, banner: str = "") -> str:
        """The page's Markdown as MkDocs reads it (page_source), `banner` (a draft's, with its
        stylesheet) before the rendered body."""
        title = self.title(walkthrough)
        # The browser tab names the walkthrough too: "Quiz" alone is ambiguous across walkthroughs.
        html_title = title if self.kind == "guide" else f"{title}: {walkthrough.title}"
        meta = dict(self.meta)
        if banner:
            meta["styles"] = [*meta.get("styles", []), DRAFT_STYLE]
        return page_source(
            banner + self.render(walkthrough, context), title, self.description.format(w=walkthrough), html_title,
            fields={"walkthrough": walkthrough.slug}, meta=tuple(meta.items()),
        )
