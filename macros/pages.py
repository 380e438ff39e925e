"""The pages generated for every walkthrough: where each lives, its title and what renders it.

Adding a kind of page is adding one entry here and one render function `(walkthrough) -> Markdown`;
the build hook (build_hooks.py) adds each page's source to the site's files.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass

from .models import Walkthrough


@dataclass(frozen=True)
class PageSpec:
    kind: str
    path: str  # relative to docs/, with {slug}
    renderer: str  # "module:function", imported when first called (keeps imports acyclic)
    title: str  # in the navigation, under the walkthrough's own entry; str.format'ed with w=<Walkthrough>
    description: str
    # Extra front matter, e.g. (("template", "embed.html"),); ("styles", ["quiz"]) adds component
    # stylesheets (docs/assets/sg/<name>.css) to this page only (overrides/main.html).
    meta: tuple[tuple[str, object], ...] = ()

    def src_uri(self, slug: str) -> str:
        return self.path.format(slug=slug)

    def render(self, walkthrough: Walkthrough) -> str:
        module, function = self.renderer.split(":")
        return getattr(importlib.import_module(module), function)(walkthrough)

    def source(self, walkthrough: Walkthrough) -> str:
        """The page's Markdown as MkDocs reads it: front matter, then the rendered body.

        Rendered here, once, rather than as a one-line macro call for mkdocs-macros to expand: the
        plugin compiles every page it renders as a Jinja template, which cost about a millisecond a
        page, and data text must never be read as a template anyway (`render_macros: false`).
        """
        # JSON strings are valid YAML scalars, so any title or description is quoted safely.
        title = json.dumps(self.title.format(w=walkthrough))
        description = json.dumps(self.description.format(w=walkthrough))
        # The browser tab names the walkthrough too: "Quiz" alone is ambiguous across walkthroughs.
        html_title = json.dumps(walkthrough.title if self.kind == "guide" else f"{self.title.format(w=walkthrough)}: {walkthrough.title}")
        meta = (("html_title", html_title), ("walkthrough", json.dumps(walkthrough.slug)), ("render_macros", "false"))
        extra = "".join(f"{key}: {value}\n" for key, value in meta)
        extra += "".join(f"{key}: {json.dumps(value)}\n" for key, value in self.meta)
        return f"---\ntitle: {title}\ndescription: {description}\n{extra}---\n\n{self.render(walkthrough)}"


GENERATED_PAGES: dict[str, PageSpec] = {
    spec.kind: spec
    for spec in [
        PageSpec(
            "guide", "walkthroughs/{slug}/index.md", "macros.render:guide_page", "{w.title}", "{w.description}",
            meta=(("styles", ["walkthrough", "quiz", "embed"]),),  # with a quiz section and embed-code controls
        ),
        PageSpec(
            "compare", "walkthroughs/{slug}/compare.md", "macros.variants:compare_page",
            "Variants side by side", "The same STAR section across the five model answers for: {w.question}",
            meta=(("styles", ["walkthrough"]),),
        ),
        PageSpec(
            "quiz", "walkthroughs/{slug}/quiz.md", "macros.quiz:quiz_page",
            "Self-check quiz", "Check yourself on: {w.question}",
            meta=(("styles", ["quiz"]),),
        ),
        PageSpec(
            "cheatsheet", "walkthroughs/{slug}/cheat-sheet.md", "macros.cheatsheet:cheatsheet_page",
            "Cheat sheet", "A two-page printable cheat sheet for: {w.question}",
            meta=(("styles", ["walkthrough", "cheat"]),),
        ),
        PageSpec(
            "instructor", "walkthroughs/{slug}/instructor.md", "macros.instructor:instructor_page",
            "Instructor guide", "Session plan, pair exercise and scoring rubric for: {w.question}",
            meta=(("styles", ["walkthrough", "instructor"]),),
        ),
        # Embed views for an LMS iframe: reached by URL (not_in_nav), kept out of search results.
        *(
            PageSpec(
                f"embed-{view}", f"embed/{{slug}}/{view}.md", f"macros.embed:{view}_page", title, description,
                meta=(("template", "embed.html"), ("search", {"exclude": True}), ("styles", [*styles, "embed"])),
            )
            for view, title, description, styles in (
                ("comparisons", "Weak vs strong answers", "Each STAR section and follow-up probe, weak vs strong, for: {w.question}", ["walkthrough"]),
                ("variants", "Model answers by role", "Five model answers, one per role and seniority, for: {w.question}", ["walkthrough"]),
                ("quiz", "Self-check quiz", "A self-check quiz on: {w.question}", ["quiz"]),
            )
        ),
    ]
}


def page_uri(kind: str, slug: str) -> str:
    """The docs/ path of one generated page: templates link pages through this, never by hand."""
    return GENERATED_PAGES[kind].src_uri(slug)
