"""Opening and waiting for the guide's pages and widgets in Playwright."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError, TimeoutError as PlaywrightTimeout, expect

from . import ROOT, SEED, WALKTHROUGHS
from macros.core.principles import load_principles
from macros.core.urls import PAGE_KINDS, PRINCIPLES_INDEX, page_url, principle_uri, url_path

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
# The system's colour scheme, and Material's name for it (body[data-md-color-scheme], mkdocs.yml palette).
SCHEMES = {"light": "default", "dark": "slate"}
DESKTOP = {"width": 1600, "height": 900}
PHONE_AND_DESKTOP = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])

# The principles catalog's index, the seed's principle's page (with a walkthrough and rules of its
# own, as `make bench` scores it) and the page of a principle without a walkthrough: the other
# principles' pages are the same template with other data.
_PRINCIPLES = load_principles(ROOT, set(WALKTHROUGHS)).principles
_WALKED = {w.principle for w in WALKTHROUGHS.values()}
PRINCIPLE_PAGES = [url_path(PRINCIPLES_INDEX)] + [url_path(principle_uri(principle.slug)) for principle in (
    next(p for p in _PRINCIPLES if p.name == WALKTHROUGHS[SEED].principle),
    next(p for p in _PRINCIPLES if p.name not in _WALKED),
)]
PRACTICE_MODES = ["practice/mock/", "practice/review/", "practice/stories/"]

# The pages `make bench` runs Lighthouse on (scripts/bench.py): the seed's, and the site's own.
LIGHTHOUSE_PAGES = ["", "practice/", *PRACTICE_MODES] + [
    page_url(kind, SEED) for kind in ("guide", "quiz", "cheat-sheet")
] + PRINCIPLE_PAGES[:2]

# Browser tests cover the seed's full page set. The other walkthroughs' pages come from the same
# templates and differ only in their data, nearly all of which their guide page shows; the
# principles' pages, PRINCIPLE_PAGES.
LEFT_OUT = [(kind, slug) for slug in WALKTHROUGHS if slug != SEED for kind in PAGE_KINDS if kind != "guide"]


def swept(paths: list[str]) -> list[str]:
    """The pages of `paths` a browser sweep visits: all but the other walkthroughs' generated pages
    other than their guide page, and of the principles' pages only PRINCIPLE_PAGES. A path is a page's
    URL or file in the site ("", "quiz/", "quiz/index.html"), or in the offline copy ("quiz.html")."""
    left_out = {page_url(kind, slug) for kind, slug in LEFT_OUT}

    def url(path: str) -> str:
        path = path.removesuffix("index.html")
        return path.removesuffix(".html") + "/" if path.endswith(".html") else path

    return [path for path in paths
            if url(path) not in left_out and (not path.startswith("principles/") or url(path) in PRINCIPLE_PAGES)]


# Whether a widget's element shows that its module started, by module name (data-sg-module): each
# module's own mark of having bound, or what it writes. A module not listed here is reported, so a
# new widget gets its check. embed-frame acts only in a frame (it marks the framed page).
WIDGET_BOUND = """element => {
    const bound = {
        quiz: () => element.hasAttribute("data-sg-bound") && !element.querySelector(".sg-quiz__bar").hidden,
        practice: () => element.hasAttribute("data-sg-bound") && !element.hidden,
        embed: () => element.hasAttribute("data-sg-embed-bound") && !element.querySelector(".sg-embed__copy").hidden,
        print: () => document.documentElement.dataset.sgPrintBound === "true",
        "quiz-progress": () => /^\\d+ of \\d+ answered$/.test(element.textContent.trim()),
        "embed-frame": () => window.parent === window || document.documentElement.hasAttribute("data-sg-embed-frame"),
        mock: () => element.hasAttribute("data-sg-bound"),
        review: () => element.hasAttribute("data-sg-bound"),
        stories: () => element.hasAttribute("data-sg-bound"),
        "practice-progress": () => element.hasAttribute("data-sg-bound"),
        // Changes nothing a page shows until the reader misses an item; its tests drive it (a missed
        // quiz item reaching the review queue: test_offline.py and test_practice_modes_browser.py).
        "review-log": () => true,
    }[element.dataset.sgModule];
    return bound ? bound() : `no check for the widget "${element.dataset.sgModule}" (tests/support/browser.py)`;
}"""
# Every widget of the page has started (a condition for wait_for_function), and those that have not.
WIDGETS_BOUND = f"""() => [...document.querySelectorAll("[data-sg-module]")].every(element => ({WIDGET_BOUND})(element) === true)"""
WIDGETS_NOT_BOUND = f"""() => [...document.querySelectorAll("[data-sg-module]")]
    .map(element => [element.dataset.sgModule, ({WIDGET_BOUND})(element)]).filter(([, bound]) => bound !== true)"""


def wait_until_widgets_bound(tab, timeout: float = 15_000) -> None:
    """Wait until every widget of the page has started; fail naming those that did not."""
    try:
        tab.wait_for_function(WIDGETS_BOUND, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"{tab.url}: widgets that did not start: {tab.evaluate(WIDGETS_NOT_BOUND)}") from None


# Two frames: a change of layout has been laid out and painted by then.
NEXT_FRAMES = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"


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


# ---- Instant navigation ----------------------------------------------------------------------------

def serve_sitemap_for_this_server(tab, site_url: str) -> None:
    """Material's instant navigation takes only links its sitemap lists, compared with the port too:
    serve the sitemap as the published site would, naming this server. Loads the home page."""
    tab.goto(site_url)
    published = tab.evaluate("document.querySelector('link[rel=canonical]').href")

    def sitemap(route):
        try:
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace(published, site_url))
        except PlaywrightError:
            if not tab.is_closed():
                raise
            # The test ended while Material was still fetching the sitemap: no page is waiting for it.

    tab.route("**/sitemap.xml", sitemap)


def open_with_instant_navigation(tab, site_url: str, path: str = "") -> None:
    """Load `site_url + path` with Material's instant navigation working, and mark the document
    (assert_same_document then proves a later navigation swapped the page in place)."""
    serve_sitemap_for_this_server(tab, site_url)
    tab.goto(site_url + path, wait_until="networkidle")  # instant navigation starts once the sitemap is in
    mark_the_document(tab)


def mark_the_document(tab) -> None:
    """Set a flag on the window: it survives Material's instant navigation, not a page load."""
    tab.evaluate("() => { window.sgMarker = 1; }")


def assert_same_document(tab) -> None:
    """The flag mark_the_document set is still there: the last navigation swapped the page in place."""
    assert tab.evaluate("() => window.sgMarker") == 1, f"{tab.url} was loaded anew: instant navigation did not happen"


# ---- Search ----------------------------------------------------------------------------------------

def search(tab, query: str) -> None:
    """Type `query` into Material's search and wait for its answer (its worker may still be loading)."""
    box = tab.locator("input.md-search__input")
    box.fill(query)
    # Material reads the query on keyup (fill() sends only input events): a key makes it read it.
    box.press("End")
    expect(tab.locator(".md-search-result__meta")).to_contain_text("matching", timeout=15000)


def longest_word(text: str) -> str:
    return max((word.strip(".,:;?!()") for word in text.split()), key=len)
