"""axe-core on the built pages, in the light and the dark scheme and at phone width, and on Material's
search and drawer and the guide's quiz and checker after use. Zero violations at any impact.

The pages: support.browser.swept, every page but the other walkthroughs' generated pages other than
their guide page (the seed's full set covers the templates; each guide page shows nearly all of its
walkthrough's data), and of the principles' pages, PRINCIPLE_PAGES (one template, other data).

One browser context per test module (per worker): pages are visited one after another in one tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.urls import page_url
from support import SEED, WALKTHROUGHS
from support.axe import COLOUR_RULES, LAYOUT_RULES, assert_no_violations_in_either_scheme, describe, violations
from support.browser import PRACTICE_MODES, PRINCIPLE_PAGES, SCHEMES, swept, wait_until_widgets_bound

pytestmark = pytest.mark.browser

# The scheme switch (overrides/partials/palette.html, mkdocs.yml palette): with no stored choice a page
# follows prefers-color-scheme; a reader's choice is stored in localStorage ("<scope>.__palette").
# A widget driven into a state is checked in both schemes at once (assert_no_violations_in_either_scheme).
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Material's drawer and search are the same on every walkthrough: one is enough.
FIRST = WALKTHROUGHS[SEED]


def built_pages(site: Path) -> list[str]:
    """The HTML pages of the built site the sweep visits, as URL paths relative to the site root."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return swept([path.removesuffix("index.html") for path in paths])


@pytest.fixture(scope="module")
def shared_tab(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(shared_tab):
    """The module's one tab, at laptop size; tests choose the scheme (and a phone size if they need it)."""
    shared_tab.set_viewport_size(DESKTOP)
    return shared_tab


def open_in_scheme(tab, url: str, scheme: str) -> None:
    """Load `url` as a reader whose system prefers `scheme`, and wait until widgets have started."""
    tab.emulate_media(color_scheme=scheme)
    tab.goto(url)
    wait_until_widgets_bound(tab)
    tab.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme], timeout=15000)


def use_scheme(tab, site_url: str, scheme: str) -> None:
    """Forget any stored palette so the next page follows the emulated system preference."""
    tab.emulate_media(color_scheme=scheme)
    tab.goto(site_url)
    tab.evaluate("() => localStorage.clear()")


# Lighthouse's mobile emulation: its own axe run sees the page at this size, just loaded, with the
# blocks below the first screen not laid out (content-visibility: auto). axe then reads colours of
# unpainted text wrongly (a quiz answer's summary read as 1.44:1), and Lighthouse scores that. The
# phone sweep runs axe so on the pages `make bench` scores, before laying every block out.
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}
AS_LIGHTHOUSE_LOADS = swept(["", "practice/", *PRACTICE_MODES] + [
    page_url(kind, slug) for slug in WALKTHROUGHS for kind in ("guide", "quiz", "cheat-sheet")
] + PRINCIPLE_PAGES[:2])

# Every page with every rule in the light scheme on a laptop. The DOM is the same in the dark scheme
# and on a phone, so there only the rules that can differ run. In the dark scheme, the colour rules,
# on the same load (the page follows the system's scheme as it changes), each template once: the
# other walkthroughs' guide pages are the seed's template with other text. On a phone, where the
# layout differs (scrolling tables, narrow columns), the rules that read the layout on every page
# laid out, and the colour rules on the pages as Lighthouse loads them. Material's phone-only
# controls are the same on every page: the drawer test below runs every rule on them.
SWEEPS = {"laptop": DESKTOP, "phone": LIGHTHOUSE_PHONE}
OTHER_GUIDES = {page_url("guide", slug) for slug in WALKTHROUGHS if slug != SEED}


def in_the_dark(tab, rules: tuple[str, ...]) -> list[dict]:
    """axe's violations of `rules` once the page has followed the system into the dark scheme."""
    tab.emulate_media(color_scheme="dark")
    tab.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES["dark"])
    return violations(tab, only=rules)


@pytest.mark.parametrize("sweep", SWEEPS)
def test_every_page_has_no_violations(tab, site, site_url, sweep):
    pages = built_pages(site)
    assert {"", "404.html", *PRINCIPLE_PAGES} <= set(pages), pages  # the walk really covers the site
    assert {page_url("guide", slug) for slug in WALKTHROUGHS} <= set(pages), pages
    assert set(AS_LIGHTHOUSE_LOADS) <= set(pages), AS_LIGHTHOUSE_LOADS
    tab.set_viewport_size(SWEEPS[sweep])
    use_scheme(tab, site_url, "light")
    report = []
    for path in pages:
        open_in_scheme(tab, site_url + path, "light")
        if sweep == "laptop":
            # Every rule, with the stylesheets read once per page: here only (support/axe.py).
            report += [f"{path or '/'}: {line}" for line in describe(violations(tab, stylesheets=True))]
            if path not in OTHER_GUIDES:
                report += [f"{path or '/'}, dark: {line}" for line in describe(in_the_dark(tab, COLOUR_RULES))]
        else:
            if path in AS_LIGHTHOUSE_LOADS:
                found = violations(tab, only=COLOUR_RULES, as_loaded=True)
                report += [f"{path or '/'} as loaded: {line}" for line in describe(found)]
            report += [f"{path or '/'}: {line}" for line in describe(violations(tab, only=LAYOUT_RULES))]
    assert not report, f"axe, {sweep}: {len(report)} violation(s)\n" + "\n".join(report)


def test_navigation_drawer_open_on_a_phone(tab, site_url):
    tab.set_viewport_size(PHONE)
    use_scheme(tab, site_url, "light")
    open_in_scheme(tab, f"{site_url}walkthroughs/{FIRST.slug}/", "light")
    tab.click("label.md-header__button[for='__drawer']")
    tab.wait_for_selector(".md-sidebar--primary .md-nav__link", state="visible")
    assert_no_violations_in_either_scheme(tab, label="navigation drawer on a phone")


def test_search_dialog_with_results(tab, site_url):
    use_scheme(tab, site_url, "light")
    open_in_scheme(tab, site_url, "light")
    tab.keyboard.press("/")  # Material's shortcut: keyboard users open search the same way
    query = FIRST.title.split()[0]
    tab.keyboard.type(query)
    tab.wait_for_selector(".md-search-result__item", state="visible")
    assert_no_violations_in_either_scheme(tab, label=f"search dialog with results for {query!r}")


def answer_the_whole_quiz(tab, walkthrough) -> None:
    """Every item answered and checked: right and wrong answers, so every feedback state shows."""
    for number, item in enumerate(walkthrough.quiz):
        form = tab.locator(f"#quiz-{item.id}")
        if item.type == "rewrite":
            form.locator("textarea").fill("I read the logs, found the race and fixed it.")
        else:
            # Alternate right and wrong answers so both kinds of feedback are on the page.
            wrong = [i for i in range(len(item.options)) if i not in item.answer]
            for index in item.answer if number % 2 or not wrong else wrong[:1]:
                form.locator(f"label[for='quiz-{item.id}--{index}']").click()
        form.locator(".sg-quiz__check").click()
    tab.wait_for_selector(".sg-quiz__result:not([hidden])")


def test_quiz_after_answering_every_item(tab, site_url, walkthrough):
    use_scheme(tab, site_url, "light")
    open_in_scheme(tab, f"{site_url}walkthroughs/{walkthrough.slug}/quiz/", "light")
    tab.wait_for_selector(".sg-quiz[data-sg-bound]")
    answer_the_whole_quiz(tab, walkthrough)
    tab.locator(".sg-quiz__check").last.focus()  # focus styles are checked too
    assert_no_violations_in_either_scheme(tab, label="quiz page after answering")


def test_checker_after_checking_a_story_and_starting_the_timer(tab, site_url):
    use_scheme(tab, site_url, "light")
    open_in_scheme(tab, f"{site_url}practice/", "light")
    tab.wait_for_selector(".sg-practice[data-sg-bound]:not([hidden])")
    boxes = tab.locator(".sg-practice textarea:visible")
    assert boxes.count() >= 5, "the checker has a box per STAR(+R) section"
    # A weak story, so that findings, marks and scores all appear.
    for index in range(boxes.count()):
        boxes.nth(index).fill("For context, we have microservices. We fixed it and things got better.")
    tab.get_by_role("button", name="Check my story").click()
    tab.wait_for_selector(".sg-practice__report:not([hidden])")
    tab.get_by_role("button", name="Start").click()
    assert_no_violations_in_either_scheme(tab, label="checker with a report and a running timer")


def test_a_primary_button_holds_its_contrast_on_hover_and_focus(tab, site_url):
    """Material turns primary buttons to the accent colour on hover and focus (white on deep orange
    was 2.8:1 in slate); axe sees the state the pointer and keyboard leave them in, in either scheme."""
    use_scheme(tab, site_url, "light")
    open_in_scheme(tab, f"{site_url}walkthroughs/{FIRST.slug}/", "light")
    tab.locator("details.sg-embed > summary").first.click()
    button = tab.locator("details.sg-embed[open] .sg-embed__copy").first
    button.hover()
    button.focus()
    assert tab.evaluate("el => el.matches(':hover') && el.matches(':focus')", button.element_handle())
    report = []
    for scheme in SCHEMES:
        tab.emulate_media(color_scheme=scheme)
        tab.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])
        found = violations(tab, include="details.sg-embed[open] .sg-embed__copy", only=("color-contrast",))
        report += [f"{scheme}: {line}" for line in describe(found)]
    assert not report, "copy button on hover and focus:\n" + "\n".join(report)


def test_the_laptop_sweep_reads_the_stylesheets_rules_need(tab):
    """The laptop sweep alone lets axe read stylesheets (support/axe.py, `stylesheets`): with them, a
    page locked to one orientation fails, so that sweep would catch it."""
    tab.set_content("<!doctype html><html lang='en'><title>Locked</title><style>@media (orientation: portrait) {"
                    " main { transform: rotate(90deg); } }</style><main><h1>Locked</h1></main></html>")
    assert [found["id"] for found in violations(tab, only=("css-orientation-lock",), stylesheets=True)] == ["css-orientation-lock"]
