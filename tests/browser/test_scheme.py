"""The light/dark switch in a real Chromium: the reader's scheme is there before Material's bundle runs,
a choice by keyboard sticks across instant navigation and reloads, and until a choice the page follows
the system. The switch is the guide's own (overrides/partials/palette.html, scheme.js), in place of
Material's palette form, which applied the system scheme only once its bundle ran (after the first
paint on a phone) and restyled the whole page twice as it mounted.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros.core.urls import page_url
from support import SEED
from support.browser import SCHEMES, assert_same_document, open_with_instant_navigation, wait_until_widgets_bound

pytestmark = pytest.mark.browser

SWITCH_TO = {"light": "Switch to dark mode", "dark": "Switch to light mode"}
GUIDE = page_url("guide", SEED)
# Browsers report media query changes before a frame's animation callbacks: two frames on, they are out.
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture
def reader(browser):
    """A new reader (empty storage) whose system prefers the scheme the test sets."""
    def make(scheme: str):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield make
    for context in contexts:
        context.close()


def scheme_of(tab) -> str:
    return tab.evaluate("document.body.dataset.mdColorScheme")


ROOT_COLOUR_SCHEME = {"light": "normal", "dark": "dark"}


def root_colour_scheme(tab) -> str:
    return tab.evaluate("getComputedStyle(document.documentElement).colorScheme")


def visible_switch(tab):
    switch = tab.locator(".sg-scheme__toggle:not([hidden])")
    expect(switch).to_have_count(1)
    return switch


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_system_scheme_is_set_before_materials_bundle_runs(reader, site_url, scheme):
    # With Material's bundle blocked, what the page shows is what the parser-time script set: on a
    # phone the first paint comes before the bundle has arrived.
    tab = reader(scheme)
    tab.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    tab.goto(site_url + GUIDE)
    assert scheme_of(tab) == SCHEMES[scheme]
    expect(visible_switch(tab)).to_have_attribute("aria-label", SWITCH_TO[scheme])
    # The page's own scrollbar and canvas follow (Material's CSS sets color-scheme on <body> only).
    assert root_colour_scheme(tab) == ROOT_COLOUR_SCHEME[scheme]


def test_a_keyboard_choice_sticks_across_instant_navigation_and_reloads(reader, site_url):
    tab = reader("dark")
    open_with_instant_navigation(tab, site_url, GUIDE)
    visible_switch(tab).focus()
    tab.keyboard.press("Enter")
    assert scheme_of(tab) == "default"
    assert root_colour_scheme(tab) == ROOT_COLOUR_SCHEME["light"]
    # The switch that was pressed is hidden now: focus is on the one that switches back, which
    # names the next switch for a screen reader.
    expect(tab.locator(":focus")).to_have_attribute("aria-label", SWITCH_TO["light"])

    tab.locator(".md-footer__link--next").click()  # instant navigation: the header stays, the page swaps
    tab.wait_for_url(lambda url: url != site_url + GUIDE)
    assert_same_document(tab)
    assert scheme_of(tab) == "default"
    visible_switch(tab).focus()
    tab.keyboard.press(" ")
    assert scheme_of(tab) == "slate"
    visible_switch(tab).click()
    assert scheme_of(tab) == "default"

    tab.reload()  # the system still prefers dark; the reader chose light
    assert scheme_of(tab) == "default"
    expect(visible_switch(tab)).to_have_attribute("aria-label", SWITCH_TO["light"])


def test_the_page_follows_the_system_until_the_reader_chooses(reader, site_url):
    tab = reader("light")
    tab.goto(site_url + GUIDE)
    wait_until_widgets_bound(tab)
    tab.emulate_media(color_scheme="dark")
    tab.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    expect(visible_switch(tab)).to_have_attribute("aria-label", SWITCH_TO["dark"])
    visible_switch(tab).click()
    assert scheme_of(tab) == "default"
    tab.emulate_media(color_scheme="light")
    tab.emulate_media(color_scheme="dark")
    tab.evaluate(NEXT_FRAMES)  # media query change events have fired by then
    assert scheme_of(tab) == "default"
