"""Long blocks of the guide page are laid out only when scrolled near (`content-visibility: auto` in
guide.css), and that saving never costs the reader: a deep link below them still lands on its
target, a block renders once scrolled to, and paper gets everything.
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
