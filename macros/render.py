"""Render walkthroughs to Markdown through the Jinja templates in macros/templates/.

Plain functions of the data: testable without MkDocs, called by the macros that define_env registers.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from .models import Walkthrough
from .pages import page_uri
from .quiz import quiz_view
from .validate import speaking_seconds, word_count
from .variants import answer_time

TEMPLATES = Path(__file__).parent / "templates"


_markdown = markdown.Markdown()  # one parser for the whole build: creating one per call dominated render time


# Text with none of these has no Markdown meaning and nothing to escape: it converts to itself.
# Most data text is like that, and skipping the parser for it halves the templates' render time.
_MARKDOWN_SIGNS = re.compile(r"[*_\[\]`<>&\\!#|~\n]|^[-+>=\s]|^\d+[.)]\s|\s$")


def md_inline(text: str) -> Markup:
    """Inline Markdown to HTML, for data text placed inside raw HTML blocks."""
    if not _MARKDOWN_SIGNS.search(text):
        return Markup(text)
    html = _markdown.reset().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def format_seconds(seconds: int) -> str:
    """112 -> '1:52'."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def relative_link(from_src_uri: str, to_src_uri: str) -> str:
    """A Markdown link target from one docs/ file to another, which MkDocs then checks and rewrites."""
    return posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")


# Compiled templates are kept between builds (keyed on each template's source, so an edit recompiles
# it): compiling them was a third of what the data layer added to a one-walkthrough build.
TEMPLATE_CACHE = Path(__file__).parent.parent / ".cache" / "sg-templates"


def bytecode_cache(prefix: str = "page") -> jinja2.BytecodeCache | None:
    """The cache for one Jinja environment: `prefix` keeps environments with other settings apart."""
    try:
        TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout still builds, compiling every time
        return None
    return jinja2.FileSystemBytecodeCache(str(TEMPLATE_CACHE), f"{prefix}-%s.cache")


class Fragments:
    """Blocks that several pages of a walkthrough show alike, rendered once: the quiz is on the guide
    page, the quiz page and the embed view, and its links read the same from the two pages that
    share a folder. Keyed on the walkthrough object itself (kept alive by the entry), so edited data
    is never served stale; the build hook starts a fresh one per build."""

    def __init__(self) -> None:
        self._done: dict[tuple[int, str], tuple[Walkthrough, Markup]] = {}

    def quiz_body(self, w: Walkthrough, here: str) -> Markup:
        key = (id(w), posixpath.dirname(here))
        if key not in self._done or self._done[key][0] is not w:
            self._done[key] = (w, Markup(render("quiz_body.md.j2", w=w, here=here)))
        return self._done[key][1]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown; HTML parts escape with |e or go through md_inline
    )
    env.filters["md"] = md_inline
    env.filters["clock"] = format_seconds
    env.filters["words"] = word_count
    env.globals["speaking_seconds"] = speaking_seconds
    env.globals["page_uri"] = page_uri
    env.globals["link"] = relative_link
    env.globals["quiz_view"] = quiz_view
    env.globals["answer_time"] = answer_time
    env.globals["fragments"] = Fragments()
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def guide_page(walkthrough: Walkthrough) -> str:
    return render("guide.md.j2", w=walkthrough, here=page_uri("guide", walkthrough.slug))


def walkthrough_list(catalog: dict[str, Walkthrough], here: str) -> str:
    return render("walkthrough_list.md.j2", walkthroughs=list(catalog.values()), here=here)
