"""Data text on its way into pages: inline Markdown that shows as written, never raw HTML."""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup

_markdown = markdown.Markdown()  # one parser for the whole build: creating one per call dominated render time
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def html_text(text: str) -> str:
    """Text for a place that is read as HTML: its special characters as entities. Quotes stay: this is
    not for attributes (where Material puts a title in one, overrides/partials/footer.html, it turns
    the HTML back into text first).

    Three str.replace calls, `&` first: the same text as str.translate with a table, a twentieth of its
    time (translate looks up every character in the table in Python objects; some 40,000 calls a build
    at 10 walkthroughs)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_text(text: str) -> str:
    """Data text as Markdown that shows it as written: HTML's special characters as entities, except in
    code spans, which Markdown escapes itself."""
    out, end = [], 0
    for span in _CODE_SPAN.finditer(text):
        out += [html_text(text[end:span.start()]), span.group(0)]
        end = span.end()
    out.append(html_text(text[end:]))
    return "".join(out)


# A character or position that Markdown (or HTML escaping) could act on. Text without one comes out
# of the parser as it went in: nearly all data text (6,246 of 6,250 calls at 10 walkthroughs) skips
# it, and a build takes 0.87 of the time at 10 walkthroughs, 0.75 at 100 (bench/README.md, "Caches measured").
_MARKDOWN_SIGN = re.compile(r"[*_\[\]`<>&\\!#|~\n]|^[-+>=\s]|^\d+[.)]\s|\s$")


def md_inline(text: str) -> Markup:
    """Inline Markdown to HTML, for data text placed inside raw HTML blocks."""
    if not _MARKDOWN_SIGN.search(text):
        return Markup(text)
    html = _markdown.reset().convert(markdown_text(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def table_cell(text: str) -> str:
    """Data text made safe for one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")
