"""Long blocks of the guide page and the cheat sheet's later lists are laid out only when scrolled
near (`content-visibility: auto` in walkthrough.css and cheat-sheet.css), and that saving never costs the reader:
a link to a heading or a deep link below them still lands on its target, a block renders once
scrolled to, and paper gets everything.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from macros.core.urls import page_url
from support import SEED
from support.browser import (
    ALL_LAID_OUT, NEXT_FRAMES, PHONE, PHONE_AND_DESKTOP, RENDERED, serve_sitemap_for_this_server, tab_at,
)

pytestmark = pytest.mark.browser

DEFERRED = (".sg-flags", ".sg-phrases", ".sg-when", ".sg-variants .tabbed-content")


@contextlib.contextmanager
def open_guide(browser, site_url, slug, fragment=""):
    """The guide page on a phone, after the frame that lays it out."""
    with tab_at(browser, PHONE) as tab:
        tab.goto(f"{site_url}walkthroughs/{slug}/{fragment}")
        tab.evaluate(NEXT_FRAMES)
        yield tab


def test_blocks_below_the_first_screen_are_skipped_until_scrolled_to(browser, site_url, walkthrough):
    with open_guide(browser, site_url, walkthrough.slug) as tab:
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


# Where an element is, and where a link to it puts it: its scroll margin below the top of the screen,
# or lower when the page cannot scroll that far.
LANDING = """id => {
    const element = document.getElementById(id);
    const top = element.getBoundingClientRect().top;
    const lowest = top + scrollY - (document.documentElement.scrollHeight - innerHeight);
    return {top: Math.round(top), expected: Math.round(Math.max(parseFloat(getComputedStyle(element).scrollMarginTop), lowest))};
}"""


def test_a_deep_link_into_the_quiz_lands_on_its_item(browser, site_url, walkthrough):
    with open_guide(browser, site_url, walkthrough.slug) as tab:
        item_id = tab.locator(".sg-quiz__item").last.get_attribute("id")
    with open_guide(browser, site_url, walkthrough.slug, f"#{item_id}") as tab:
        try:
            tab.wait_for_function(f"id => {{ const at = ({LANDING})(id); return Math.abs(at.top - at.expected) <= 2; }}",
                                  arg=item_id, timeout=10_000)
        except PlaywrightTimeout:
            raise AssertionError(f"#{item_id} did not land where its link puts it: {tab.evaluate(LANDING, item_id)}") from None
        tab.evaluate(NEXT_FRAMES)  # and it stays there once the blocks above are painted
        landed = tab.evaluate(LANDING, item_id)
        assert abs(landed["top"] - landed["expected"]) <= 2, f"#{item_id} moved after landing: {landed}"
        assert tab.locator(f"#{item_id}").evaluate(RENDERED)


def test_print_lays_out_every_block(browser, site_url, walkthrough):
    with open_guide(browser, site_url, walkthrough.slug) as tab:
        tab.emulate_media(media="print")
        for selector in DEFERRED:
            block = tab.locator(f"article {selector}").first
            assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "visible", selector
        assert tab.locator("article .sg-phrases > *").last.evaluate(RENDERED)


# A link to a heading (the table of contents, a heading's permalink, another page's #anchor) must
# land on it as if every block above it were laid out: with the blocks' placeholder sizes it landed
# up to 650px off, or with the heading scrolled out of sight. guide.css lays everything out while
# the page has a :target, and layout.js while its position comes from a link or from history.
# Material re-fetches the page on its first same-page navigation and, once the fetch took longer
# than its 100ms offset debounce, restores the stored offset on blocks that no longer match
# :target: on a slow network, or on a busy CI machine, that landed #quiz 247px low.
SKIPPING_PAGES = [page_url(kind, SEED) for kind in ("guide", "cheat-sheet")]
SLOW_NETWORK_MS = 300
HEADING_TEXT_TOP = """id => { const range = document.createRange();
    range.selectNodeContents(document.getElementById(id).firstChild);
    return Math.round(range.getBoundingClientRect().top); }"""
# Settled: the fonts are in, Material has stored the offset the page is at (it does, 100ms after the
# last scroll, into history.state: what it restores on Back and after a re-fetch), and two frames
# have been painted since.
SETTLED = """async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    await document.fonts.ready;
    while (history.state === null || Math.abs((history.state.y ?? 0) - scrollY) >= 1) await frame();
    await frame();
    await frame();
}"""
COUNT_SWAPS = "() => { window.sgSwaps = -1; document$.subscribe(() => window.sgSwaps++); }"  # replays the current page


def slow_refetches(tab, url):
    """Material's fetches of the page (not the browser's loads of it) answer SLOW_NETWORK_MS late."""

    def answer(route):
        if route.request.resource_type != "document":
            time.sleep(SLOW_NETWORK_MS / 1000)
        route.continue_()

    tab.route(url, answer)


def heading_tops(tab, url, ids, laid_out):
    """Where each heading's text lands after following a link to it, from the top of a fresh load
    and once the page Material re-fetched for that link is in."""
    tops = {}
    for heading in ids:
        tab.goto(url)
        if laid_out:
            tab.evaluate(ALL_LAID_OUT)
        tab.evaluate(SETTLED)
        tab.evaluate(COUNT_SWAPS)
        tab.evaluate(f"location.hash = {heading!r}")
        tab.wait_for_function("() => window.sgSwaps > 0", timeout=10_000)
        tab.evaluate(SETTLED)
        tops[heading] = tab.evaluate(HEADING_TEXT_TOP, heading)
    return tops


# Only a heading below a skipped block can be moved by one.
HEADINGS_BELOW_SKIPPED = """() => {
    const first = [...document.querySelectorAll("article *")].find(e => getComputedStyle(e).contentVisibility === "auto");
    return first ? [...document.querySelectorAll("article h2[id]")]
        .filter(h => first.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING).map(h => h.id) : [];
}"""


@PHONE_AND_DESKTOP
@pytest.mark.parametrize("path", SKIPPING_PAGES)
def test_a_link_to_any_heading_lands_on_it(browser, site_url, path, viewport):
    with tab_at(browser, viewport) as tab:
        tab.goto(site_url + path)
        slow_refetches(tab, site_url + path)
        below = tab.evaluate(HEADINGS_BELOW_SKIPPED)
        assert len(below) > 1, f"/{path}: expected sections below a skipped block, found {below}"
        # The first and the last: one skipped block above the heading, and every one.
        ids = [below[0], below[-1]]
        expected = heading_tops(tab, site_url + path, ids, laid_out=True)
        landed = heading_tops(tab, site_url + path, ids, laid_out=False)
    off = {heading: (landed[heading], expected[heading]) for heading in ids if abs(landed[heading] - expected[heading]) > 2}
    assert not off, f"/{path}: headings landed at (px, instead of px): {off}"


def test_the_cheat_sheet_skips_later_blocks_on_screen_not_on_paper(browser, site_url, walkthrough):
    with tab_at(browser, PHONE) as tab:
        tab.goto(f"{site_url}walkthroughs/{walkthrough.slug}/cheat-sheet/")
        tab.evaluate(SETTLED)
        # What a skipped block holds is not rendered; the block itself is (its placeholder).
        block = tab.locator(".sg-cheat-sheet__block > ul").last
        inside = block.locator("> *").first
        assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "auto"
        assert not inside.evaluate(RENDERED), "the cheat sheet's last list was laid out on load, far below the first screen"
        assert tab.locator(".sg-cheat-sheet__block").first.locator("> :not(h2) *").first.evaluate(RENDERED)
        tab.emulate_media(media="print")
        assert block.evaluate("e => getComputedStyle(e).contentVisibility") == "visible"
        assert inside.evaluate(RENDERED)


# Back to the guide page or the cheat sheet from another page, Material swaps it in and scrolls to the
# offset it stored. The reader had scrolled down past the skipped blocks, so they were laid out then;
# swapped in anew they were placeholders again, and the heading at the top of the screen came back
# 224px off (layout.js). Then 40px off on the guide, as Material's script wrapped a table after
# scrolling (guide.css; test_layout_shift.py checks every table), and 32 to 35px on the cheat sheet,
# as its columns' margins collapsed through them only when not under `auto` (cheat-sheet.css).

# The last heading below a skipped block that can still be scrolled to the top of the screen.
LOWEST_HEADING_BELOW_SKIPPED = f"""() => {{
    const below = ({HEADINGS_BELOW_SKIPPED})();
    const bottom = document.documentElement.scrollHeight - innerHeight;
    return below.filter(id => document.getElementById(id).getBoundingClientRect().top + scrollY - 100 < bottom).at(-1);
}}"""
SCROLL_DOWN_TO = """async id => {
    const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const heading = document.getElementById(id);
    while (heading.getBoundingClientRect().top > 150) { scrollBy(0, Math.min(300, heading.getBoundingClientRect().top - 100)); await frame(); }
    await frame();
}"""


@PHONE_AND_DESKTOP
@pytest.mark.parametrize("path", SKIPPING_PAGES)
def test_back_to_a_page_returns_to_where_the_reader_was(browser, site_url, path, viewport):
    with tab_at(browser, viewport) as tab:
        serve_sitemap_for_this_server(tab, site_url)
        tab.goto(site_url + path, wait_until="networkidle")
        heading = tab.evaluate(LOWEST_HEADING_BELOW_SKIPPED)
        assert heading, f"/{path}: no heading below a skipped block"
        tab.evaluate(SCROLL_DOWN_TO, heading)
        tab.evaluate(SETTLED)
        left_at = tab.evaluate(HEADING_TEXT_TOP, heading)
        tab.evaluate(COUNT_SWAPS)
        # Clicked where the reader is: Playwright's click would first scroll the footer into view.
        tab.evaluate("() => document.querySelector('.md-footer__link').click()")
        # window.sgSwaps outlives only a swap, not a reload: a reload would time out here.
        tab.wait_for_function("() => window.sgSwaps === 1", timeout=10_000)
        assert not tab.url.endswith(path), "the footer link did not leave the page"
        tab.evaluate(SETTLED)
        tab.go_back()
        tab.wait_for_function("() => window.sgSwaps === 2", timeout=10_000)
        tab.evaluate(SETTLED)
        back_at = tab.evaluate(HEADING_TEXT_TOP, heading)
    assert abs(back_at - left_at) <= 2, f"#{heading} was at {left_at}px when the reader left, {back_at}px after Back"
