"""The variant tabs in a real Chromium: fragments open tabs, a chosen role sticks, keys and paper work.

Material's own JavaScript opens a tab from the URL fragment and remembers the chosen label
(content.tabs.link); these tests hold the guide to that, on the pages this project generates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from macros.core.urls import page_url
from support import SEED, WALKTHROUGHS
from support.browser import assert_same_document, open_with_instant_navigation
from support.pdf import all_text

pytestmark = pytest.mark.browser

SECOND = next(slug for slug in WALKTHROUGHS if slug != SEED)  # another guide page, with the same five tabs


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def normal(text: str) -> str:
    """Text as pdftotext gives it back, made comparable: whitespace collapsed, a hyphen's line break undone."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def answer(tab, variant_id: str):
    return tab.locator(f'.sg-variants .sg-variant[data-sg-variant="{variant_id}"]')


def expect_open(tab, chosen: str, all_ids: list[str]) -> None:
    """Exactly the `chosen` variant's answer is shown, and its tab is the checked one."""
    expect(tab.locator(f"input#variants-{chosen}")).to_be_checked()
    expect(answer(tab, chosen)).to_be_visible()
    for other in all_ids:
        if other != chosen:
            expect(answer(tab, other)).to_be_hidden()


def test_each_tab_fragment_opens_that_tab(tab, site_url, walkthrough):
    ids = [v.id for v in walkthrough.variants]
    url = site_url + page_url("guide", walkthrough.slug)
    # Reverse order, each a fresh load: the tab open before it (the default first tab, then the one
    # the previous fragment opened and linked tabs remembered) is always a different one.
    for variant in reversed(walkthrough.variants):
        tab.goto("about:blank")
        tab.goto(f"{url}#{variant.anchor}")
        expect_open(tab, variant.id, ids)
        expect(answer(tab, variant.id)).to_be_in_viewport()
        expect(answer(tab, variant.id)).to_contain_text(normal(variant.answer.situation)[:60])


def test_which_variant_when_links_open_their_tabs(tab, site_url, walkthrough):
    ids = [v.id for v in walkthrough.variants]
    tab.goto(site_url + page_url("guide", walkthrough.slug))
    for variant in walkthrough.variants[1:] + walkthrough.variants[:1]:
        tab.locator(f'.sg-when a[href$="#{variant.anchor}"]').click()  # instant navigation makes hrefs absolute
        expect_open(tab, variant.id, ids)
        expect(tab).to_have_url(f"{site_url}{page_url('guide', walkthrough.slug)}#{variant.anchor}")


def test_arrow_keys_switch_tabs(tab, site_url, walkthrough):
    ids = [v.id for v in walkthrough.variants]
    tab.goto(site_url + page_url("guide", walkthrough.slug))
    tab.locator(f"input#variants-{ids[0]}").focus()
    for variant_id in ids[1:]:
        tab.keyboard.press("ArrowRight")
        expect_open(tab, variant_id, ids)
    tab.keyboard.press("ArrowLeft")
    expect_open(tab, ids[-2], ids)


def test_tabs_work_without_javascript(browser, site_url, walkthrough):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + page_url("guide", walkthrough.slug))
        ids = [v.id for v in walkthrough.variants]
        expect_open(tab, ids[0], ids)
        for variant in walkthrough.variants[1:]:
            tab.locator(f'.sg-variants label[for="variants-{variant.id}"]').click()
            expect_open(tab, variant.id, ids)
    finally:
        context.close()


def test_all_five_answers_print(tab, site_url, walkthrough, tmp_path):
    tab.goto(site_url + page_url("guide", walkthrough.slug))
    tab.emulate_media(media="print")
    for variant in walkthrough.variants:
        expect(answer(tab, variant.id)).to_be_visible()
        expect(tab.locator(f'.sg-variants label[for="variants-{variant.id}"]')).to_be_visible()
    pdf = tmp_path / "guide.pdf"
    tab.pdf(path=str(pdf), format="A4")
    text = normal(all_text(pdf))
    for variant in walkthrough.variants:
        for section in walkthrough.sections:
            opening = " ".join(getattr(variant.answer, section.id).split()[:8])
            assert normal(opening) in text, f"{variant.label} / {section.name} is not in the printed page"


def test_a_chosen_role_sticks_on_another_walkthrough(tab, site_url, walkthrough):
    ids = [v.id for v in walkthrough.variants]
    assert [v.id for v in WALKTHROUGHS[SECOND].variants] == ids
    first, second = page_url("guide", walkthrough.slug), page_url("guide", SECOND)
    open_with_instant_navigation(tab, site_url)
    tab.locator(f'.sg-list a[href$="{first}"]').first.click()
    expect(tab).to_have_url(site_url + first)
    tab.locator('.sg-variants label[for="variants-junior"]').click()
    expect_open(tab, "junior", ids)

    # Instant navigation (Material swaps the page without reloading it) to the other walkthrough.
    tab.locator(".md-header__button.md-logo").click()
    tab.locator(f'.sg-list a[href$="{second}"]').first.click()
    expect(tab).to_have_url(site_url + second)
    expect_open(tab, "junior", ids)
    assert_same_document(tab)

    # A full load remembers too, and so does the way back.
    tab.locator('.sg-variants label[for="variants-senior"]').click()
    tab.goto(site_url + first)
    expect_open(tab, "senior", ids)
