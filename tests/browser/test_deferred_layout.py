"""Long blocks of the guide page and the cheat sheet's later lists are laid out only when scrolled
near (`content-visibility: auto` in guide.css and cheat.css), and that saving never costs the reader:
a link to a heading or a deep link below them still lands on its target, a block renders once
scrolled to, and paper gets everything.
"""

from __future__ import annotations

import pytest

from conftest import WALKTHROUGHS
from widgets import RENDERED

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
DEFERRED = (".sg-flags", ".sg-phrases", ".sg-when", ".sg-variants .tabbed-content")


def open_guide(browser, site_url, slug, fragment=""):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{site_url}walkthroughs/{slug}/{fragment}")
    tab.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    return context, tab


@pytest.mark.parametrize("slug", WALKTHROUGHS)
def test_blocks_below_the_first_screen_are_skipped_until_scrolled_to(browser, site_url, slug):
    context, tab = open_guide(browser, site_url, slug)
    try:
        phrases = tab.locator("article .sg-phrases > *").first
        assert not phrases.evaluate(RENDERED), "the key phrases were laid out on load, far below the first screen"
        for selector in DEFERRED:
            block = tab.locator(f"article {selector}").first
            assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "auto", selector
        # Material links the variant tabs by their labels' innerText, which skipped content lacks.
        labels = tab.locator("article .sg-variants .tabbed-labels > label")
        assert all(labels.nth(i).evaluate(RENDERED) for i in range(labels.count())), "tab labels skipped"
        phrases.scroll_into_view_if_needed()
        tab.wait_for_function(f"() => ({RENDERED})(document.querySelector('article .sg-phrases > *'))")
        assert phrases.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("slug", WALKTHROUGHS)
def test_a_deep_link_into_the_quiz_lands_on_its_item(browser, site_url, slug):
    context, tab = open_guide(browser, site_url, slug)
    item_id = tab.locator(".sg-quiz__item").last.get_attribute("id")
    context.close()
    context, tab = open_guide(browser, site_url, slug, f"#{item_id}")
    try:
        tab.wait_for_timeout(300)  # let the blocks above settle to their real sizes
        top = tab.locator(f"#{item_id}").evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 2, f"#{item_id} is at {top:.0f}px, not at the top of the screen"
        assert tab.locator(f"#{item_id}").evaluate(RENDERED)
    finally:
        context.close()


@pytest.mark.parametrize("slug", WALKTHROUGHS)
def test_print_lays_out_every_block(browser, site_url, slug):
    context, tab = open_guide(browser, site_url, slug)
    try:
        tab.emulate_media(media="print")
        for selector in DEFERRED:
            block = tab.locator(f"article {selector}").first
            assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "visible", selector
        assert tab.locator("article .sg-phrases > *").last.evaluate(RENDERED)
    finally:
        context.close()


# A link to a heading (the table of contents, a heading's permalink, another page's #anchor) must
# land on it as if every block above it were laid out: with the blocks' placeholder sizes it landed
# up to 650px off, or with the heading scrolled out of sight. guide.css and cheat.css lay everything
# out while the page has a :target.
DESKTOP = {"width": 1600, "height": 900}
HEADING_TEXT_TOP = """id => { const range = document.createRange();
    range.selectNodeContents(document.getElementById(id).firstChild);
    return Math.round(range.getBoundingClientRect().top); }"""
SETTLED = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 250))))"
ALL_LAID_OUT = "* { content-visibility: visible !important; }"


def heading_tops(tab, url, ids, laid_out):
    """Where each heading's text lands after following a link to it, from the top of a fresh load."""
    tops = {}
    for heading in ids:
        tab.goto(url)
        if laid_out:
            tab.add_style_tag(content=ALL_LAID_OUT)
        tab.evaluate(SETTLED)
        tab.evaluate(f"location.hash = {heading!r}")
        tab.evaluate(SETTLED)
        tops[heading] = tab.evaluate(HEADING_TEXT_TOP, heading)
    return tops


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [f"walkthroughs/{slug}/{sub}" for slug in WALKTHROUGHS for sub in ("", "cheat-sheet/")])
def test_a_link_to_any_heading_lands_on_it(browser, site_url, path, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        tab = context.new_page()
        tab.goto(site_url + path)
        ids = tab.eval_on_selector_all(".md-content h2[id]", "hs => hs.map(h => h.id)")
        assert len(ids) > 3, f"/{path}: expected the page's sections, found headings {ids}"
        assert tab.locator("article *").evaluate_all(
            "els => els.some(e => getComputedStyle(e).contentVisibility === 'auto')"), f"/{path} skips no block"
        expected = heading_tops(tab, site_url + path, ids, laid_out=True)
        landed = heading_tops(tab, site_url + path, ids, laid_out=False)
    finally:
        context.close()
    off = {heading: (landed[heading], expected[heading]) for heading in ids if abs(landed[heading] - expected[heading]) > 2}
    assert not off, f"/{path}: headings landed at (px, instead of px): {off}"


@pytest.mark.parametrize("slug", WALKTHROUGHS)
def test_the_cheat_sheet_skips_later_blocks_on_screen_not_on_paper(browser, site_url, slug):
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}walkthroughs/{slug}/cheat-sheet/")
        tab.evaluate(SETTLED)
        # What a skipped block holds is not rendered; the block itself is (its placeholder).
        block = tab.locator(".sg-cheat__block > ul").last
        inside = block.locator("> *").first
        assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "auto"
        assert not inside.evaluate(RENDERED), "the cheat sheet's last list was laid out on load, far below the first screen"
        assert tab.locator(".sg-cheat__block").first.locator("> :not(h2) *").first.evaluate(RENDERED)
        tab.emulate_media(media="print")
        assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"
        assert inside.evaluate(RENDERED)
    finally:
        context.close()
