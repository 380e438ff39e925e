"""The Jinja environment every feature renders its Markdown with, and the text filters it provides.

Each feature keeps its templates in macros/<feature>/templates/, named here "<feature>/<file>": core
finds the folders on disk and imports no feature. Templates take their inputs explicitly, as keyword
arguments of `render`, and a block of another feature comes in as a rendered Markup parameter.

Data text is inline Markdown, never raw HTML. Every value a template prints as a plain string is
escaped for Markdown (`markdown_text`: `&`, `<` and `>` become entities outside code spans), so a title
`Act now <script>` or an answer mentioning `List<String>` shows as written. Markup passes as it is:
`| md` (inline Markdown to HTML, for raw HTML blocks), `| e` (HTML-escaped, for attributes and text
Markdown does not read) and blocks rendered by other templates.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .text import markdown_text, md_inline
from .timing import format_seconds
from .urls import page_uri, relative_link

MACROS_DIR = Path(__file__).resolve().parent.parent


def _finalize(value):
    """What `{{ value }}` prints: plain strings escaped for Markdown, Markup as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return markdown_text(value)
    return value


def template_folders() -> dict[str, Path]:
    """Each feature's templates/ folder, by the feature's name."""
    return {folder.parent.name: folder for folder in sorted(MACROS_DIR.glob("*/templates")) if folder.is_dir()}


def _loader() -> jinja2.BaseLoader:
    return jinja2.PrefixLoader(
        {name: jinja2.FileSystemLoader(folder) for name, folder in template_folders().items()}, delimiter="/"
    )


@cache
def environment() -> jinja2.Environment:
    """Markdown templates (`*.md.j2`)."""
    env = jinja2.Environment(
        loader=_loader(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: _finalize escapes for Markdown instead
        finalize=_finalize,
    )
    env.filters["md"] = md_inline
    env.filters["clock"] = format_seconds
    # Links between generated pages: a template never writes a page's path by hand.
    env.globals["page_uri"] = page_uri
    env.globals["link"] = relative_link
    return env


@cache
def xml_environment() -> jinja2.Environment:
    """Templates of other formats (exports): XML and HTML (`*.xml.j2`, `*.html.j2`) escaped as such;
    others escape with their own filters."""
    return jinja2.Environment(
        loader=_loader(),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("xml.j2", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **params) -> Markup:
    """A Markdown template, rendered with exactly `params`: a block to print in another template."""
    return Markup(environment().get_template(template).render(**params))


def render_file(template: str, **params) -> str:
    """An export template (XML, HTML, GIFT): the file's text."""
    return xml_environment().get_template(template).render(**params)
