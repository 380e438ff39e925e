"""md_inline skips the Markdown parser for text with no Markdown in it: the shortcut must never change
the output. Checked against the parser on every string of every walkthrough and on tricky text."""

from __future__ import annotations

import pytest

from conftest import WALKTHROUGHS
from macros import render


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


def parsed(text: str) -> str:
    """What md_inline returned before the shortcut: always through the parser."""
    html = render._markdown.reset().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def test_the_shortcut_matches_the_parser_on_all_walkthrough_text(walkthrough):
    texts = set(strings(walkthrough.model_dump(mode="json")))
    assert len(texts) > 100
    shortcut = [text for text in texts if not render._MARKDOWN_SIGNS.search(text)]
    assert shortcut, "the shortcut is taken for some of the data"
    assert [text for text in texts if render.md_inline(text) != parsed(text)] == []


TRICKY = [
    "---", "- item", "+ item", "> quote", "1. first", "12. twelfth", "# heading", "=====", " indented",
    "    code", "trailing  ", "Tom & Jerry", "a < b", "<b>bold</b>", "*stress*", "__strong__", "`code`",
    "[link](x)", "a\nb", "back\\slash", "bang!", "pipe | table", "~tilde~", "2024 was fine", "3.5 weeks",
    "$8,000 saved, 40% fewer tickets (p95: 2.1 s)", "“curly” quotes — and dashes", "it's \"quoted\"",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_shortcut_matches_the_parser_on_tricky_text(text):
    assert render.md_inline(text) == parsed(text)
