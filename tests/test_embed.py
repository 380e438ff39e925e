"""Embed views and their snippets, read as built HTML: no site chrome, the blocks themselves, and an
iframe snippet with a title and an absolute URL from site_url (a sub-path: tests/test_subpath.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.core.urls import page_url
from support import normal, text


VIEWS = ("comparisons", "variants", "quiz")
# After which guide heading each view's "copy embed code" control sits.
HEADINGS = {"comparisons": "star", "variants": "variants", "quiz": "quiz"}
CHROME = (".md-header", "header", ".md-tabs", ".md-sidebar", "nav.md-nav", ".md-footer", "footer", ".md-search")


def embed_url(walkthrough, view: str) -> str:
    return f"embed/{walkthrough.slug}/{view}/"


def snippet(block) -> BeautifulSoup:
    """The iframe an instructor pastes, parsed from the text the guide shows."""
    code = block.select_one(".sg-embed__code code")
    return BeautifulSoup(code.get_text(), "html.parser").iframe


@pytest.mark.parametrize("view", VIEWS)
def test_embed_views_have_no_site_chrome(built_page, walkthrough, view):
    soup = built_page(embed_url(walkthrough, view))
    found = [selector for selector in CHROME if soup.select(selector)]
    assert not found, f"{view}: site chrome in the embed view: {found}"
    assert len(soup.select("article h1")) == 1
    assert soup.select_one('[data-sg-module="embed-frame"]'), "the height reporter is not loaded"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_the_comparisons_view_holds_every_comparison(built_page, walkthrough):
    soup = built_page(embed_url(walkthrough, "comparisons"))
    for item in [*walkthrough.sections, *walkthrough.follow_ups]:
        details = soup.select_one(f"details#{item.compare_anchor}")
        assert details is not None, f"no details#{item.compare_anchor}"
        assert normal(item.weak.line) in text(details.select_one(".sg-compare__side--weak"))
        assert normal(item.strong.line) in text(details.select_one(".sg-compare__side--strong"))


def test_the_variants_view_keeps_the_tab_ids(built_page, walkthrough):
    soup = built_page(embed_url(walkthrough, "variants"))
    assert soup.select_one("#variants"), "the heading the tab ids are built from"
    for variant in walkthrough.variants:
        assert soup.select_one(f"input#{variant.anchor}"), f"no tab #{variant.anchor}"
        assert normal(variant.answer.action) in text(soup.select_one("article"))


def test_the_quiz_view_holds_every_question(built_page, walkthrough):
    soup = built_page(embed_url(walkthrough, "quiz"))
    assert soup.select_one('[data-sg-module="quiz"]'), "the quiz widget is not on the embed view"
    article = text(soup.select_one("article"))
    for item in walkthrough.quiz:
        assert normal(item.prompt) in article


def test_embed_views_stay_out_of_search(search_docs):
    locations = [doc["location"] for doc in search_docs]
    assert locations, "the search index is empty"
    assert not [loc for loc in locations if loc.startswith("embed/")]


def test_each_embeddable_block_offers_its_snippet(built_page, walkthrough):
    guide = built_page(page_url("guide", walkthrough.slug))
    canonical = guide.select_one('link[rel="canonical"]')["href"]
    base = canonical.removesuffix(page_url("guide", walkthrough.slug))
    assert urlsplit(base).scheme in ("http", "https"), "site_url must be absolute"
    for view, heading_id in HEADINGS.items():
        heading = guide.select_one(f"h2#{heading_id}")
        block = heading.find_next_sibling()
        assert block.name == "details" and "sg-embed" in block["class"], f"no embed control right after #{heading_id}"
        assert block["data-sg-module"] == "embed"
        iframe = snippet(block)
        assert iframe["src"] == base + embed_url(walkthrough, view)
        assert walkthrough.title in iframe["title"]
        # Without JavaScript the snippet is text to select; the button is JavaScript's to show.
        assert block.select_one("button.sg-embed__copy").has_attr("hidden")
        status = block.select_one(".sg-embed__status")
        assert status["role"] == "status" and status["aria-live"] == "polite"

