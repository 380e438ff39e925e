"""Data text is inline Markdown that shows as written: raw HTML never reaches a page (macros/core/text.py).

The function-level half; tests/test_text_safety.py builds a walkthrough with HTML-looking text and
reads every page and export."""

from __future__ import annotations

import markdown
import pytest

from macros.core.text import markdown_text, md_inline


def strings(value):
    """Every string inside a walkthrough's data, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def plain_markdown(text: str) -> str:
    """Python-Markdown's own rendering of `text`, without the escaping (one paragraph unwrapped)."""
    html = markdown.markdown(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html


def test_text_without_html_characters_renders_as_plain_markdown_would(walkthrough):
    texts = [text for text in set(strings(walkthrough.model_dump(mode="json"))) if not set("<>&") & set(text)]
    assert len(texts) > 100
    assert [text for text in texts if md_inline(text) != plain_markdown(text)] == []


@pytest.mark.parametrize(
    "text, html",
    [
        ("Act now <script>alert(1)</script>", "Act now &lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a < b and b > c", "a &lt; b and b &gt; c"),
        ("It returns List<String>", "It returns List&lt;String&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&lt; stays as typed", "&amp;lt; stays as typed"),
        ("<b>bold</b> is not bold", "&lt;b&gt;bold&lt;/b&gt; is not bold"),
        ("In code: `List<String>`", "In code: <code>List&lt;String&gt;</code>"),
        ("*stress* and **strong**", "<em>stress</em> and <strong>strong</strong>"),
    ],
)
def test_html_in_text_shows_as_written(text, html):
    assert md_inline(text) == html


def test_code_spans_are_left_to_markdown():
    assert markdown_text("x < y, `x < y`") == "x &lt; y, `x < y`"
