"""A draft previewed in Chromium (SG_DRAFTS=1): its Draft banner and to-do list come first, on a phone
and a desktop, and axe finds nothing on its pages in either scheme (the light one, then the dark).
"""

from __future__ import annotations

import pytest

from support import serve
from support.axe import assert_no_violations_in_either_scheme
from support.browser import DESKTOP, PHONE, wait_until_widgets_bound
from macros.core.urls import page_url

# Uses the draft_builds fixture, with tests/test_drafts.py: one worker builds it once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("drafts")]

DRAFT = "seed-draft"
# The banner is one template on every page of a draft; its placeholders show where data is missing:
# the guide's table and lists, the comparisons' strong side, the cheat sheet's blocks. Those at phone
# width, where a long placeholder would overflow; two on a desktop.
PAGES = {"phone": [page_url(kind, DRAFT) for kind in ("guide", "compare", "cheat-sheet")],
         "desktop": [page_url("guide", DRAFT), page_url("quiz", DRAFT)]}


@pytest.fixture(scope="module")
def preview_url(draft_builds):
    assert draft_builds.preview.ok, draft_builds.preview.output
    server, url = serve(draft_builds.preview.site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_banner_is_the_first_thing_on_a_draft_page_and_axe_finds_nothing(browser, preview_url, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    try:
        for path in PAGES["phone" if viewport is PHONE else "desktop"]:
            tab.goto(preview_url + path)
            wait_until_widgets_bound(tab)
            banner = tab.locator(".sg-draft")
            box = banner.bounding_box()
            assert box and box["y"] < viewport["height"] / 2, f"/{path}: the banner is not at the top: {box}"
            title_box = tab.locator("article h1").bounding_box()
            assert title_box is None or title_box["y"] > box["y"], "the banner comes before the page's title"
            # The to-do list folds away from the keyboard: its summary takes focus and Enter closes it.
            summary = tab.locator(".sg-draft__todos summary")
            summary.focus()
            tab.keyboard.press("Enter")
            assert tab.locator(".sg-draft__todos").get_attribute("open") is None
            tab.keyboard.press("Enter")
            assert_no_violations_in_either_scheme(tab, label=f"/{path} ({viewport['width']} px)")
    finally:
        context.close()
