"""Opening and waiting for the guide's pages and widgets in Playwright."""

import contextlib

import pytest

from support import ROOT, WALKTHROUGHS
from macros.core.principles import load_principles

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
DESKTOP = {"width": 1600, "height": 900}
PHONE_AND_DESKTOP = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])

# The principles catalog's index, the page of a principle with a walkthrough (and rules of its own) and
# of one without: the other principles' pages are the same template with other data.
_PRINCIPLES = load_principles(ROOT, set(WALKTHROUGHS)).principles
_WALKED = {w.principle for w in WALKTHROUGHS.values()}
PRINCIPLE_PAGES = ["principles/"] + [
    f"principles/{next(p for p in _PRINCIPLES if (p.name in _WALKED) == walked).slug}/" for walked in (True, False)
]

# The kinds of page `make bench` runs Lighthouse on (scripts/bench.py), for every walkthrough, and
# the catalog's.
PRACTICE_MODES = ["practice/mock/", "practice/review/", "practice/stories/"]
LIGHTHOUSE_PAGES = ["", "practice/", *PRACTICE_MODES] + [
    f"walkthroughs/{slug}/{kind}" for slug in WALKTHROUGHS for kind in ("", "quiz/", "cheat-sheet/")
] + PRINCIPLE_PAGES[:2]

# Widget modules are imported after the load event: wait until every module the page's
# data-sg-module elements ask for has arrived and no request has started for 50 ms (a quicker
# "network idle" than Playwright's 500 ms, which would cost seconds over the whole sweep).
WIDGETS_STARTED = """async () => {
    const wanted = [...new Set([...document.querySelectorAll('[data-sg-module]')].map(e => e.dataset.sgModule))]
        .map(name => `/assets/sg/${name}.js`);
    const loaded = () => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);
    let seen = -1;
    for (let tries = 0; tries < 300; tries++) {
        const now = loaded();
        if (now.length === seen && wanted.every(w => now.some(path => path.endsWith(w)))) return;
        seen = now.length;
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`widget modules did not load: ${wanted}`);
}"""


# Whether the browser lays out an element now: blocks below the first screen are skipped until
# scrolled near (content-visibility: auto), and skipped text has no innerText.
RENDERED = "element => element.checkVisibility({contentVisibilityAuto: true})"


def scroll_to(locator):
    """Scroll `locator` into view as a reader would, and wait for the frame that lays it out."""
    locator.scroll_into_view_if_needed()
    locator.element_handle().wait_for_element_state("stable")
    locator.page.wait_for_function(f"element => ({RENDERED})(element)", arg=locator.element_handle())
    return locator


@contextlib.contextmanager
def tab_at(browser, viewport, **options):
    """A tab in a fresh browser context (its own storage) of `viewport`, closed afterwards."""
    context = browser.new_context(viewport=viewport, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


# Lays out every block, skipped or not, to measure where everything is. In the body, outside what
# Material swaps: it drops head elements the fetched page lacks.
ALL_LAID_OUT = """() => document.body.append(Object.assign(document.createElement("style"),
    { textContent: "* { content-visibility: visible !important; }" }))"""
