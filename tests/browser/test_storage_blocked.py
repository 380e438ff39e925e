"""Site data blocked ("block all cookies", some LMS iframes), in a real Chromium: every kind of page
loads without an uncaught error, the quiz grades and says its progress will not be kept, the practice
draft says it is not kept, Material's switches work, and instant navigation swaps pages.

Blocked storage throws as soon as a script reads `window.localStorage` or `sessionStorage`. The
headless shell the tests run ignores the "block cookies" content setting (a profile whose Preferences
block them still stores), so each tab's init script makes the two getters throw the SecurityError
Chromium throws then, on the same configurable properties. The guard under test is
docs/assets/sg/storage-guard.js, inlined first in every page's head (overrides/main.html); the last
test takes it out of the pages and sees Material throw, so the tests above can fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.core.urls import PAGE_KINDS, page_url
from support import SEED, WALKTHROUGHS, PageWatcher
from support.browser import assert_same_document, open_with_instant_navigation

pytestmark = pytest.mark.browser

# Chromium's own message when site data is blocked.
ACCESS_DENIED = "Access is denied for this document."
BLOCK_SITE_DATA = """for (const name of ["localStorage", "sessionStorage"]) {
  const own = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, {
    ...own,
    get() {
      throw new DOMException(`Failed to read the '${name}' property from 'Window': MESSAGE`, "SecurityError");
    },
  });
}""".replace("MESSAGE", ACCESS_DENIED)

# Browser tests cover one walkthrough's full page set: every kind of generated page, and the others.
WALKTHROUGH = WALKTHROUGHS[SEED]
PAGES = {kind: page_url(kind, WALKTHROUGH.slug) for kind in PAGE_KINDS} | {
    "landing": "",
    "walkthrough list": "walkthroughs/",
    "practice": "practice/",
    "mock interview": "practice/mock/",
    "review queue": "practice/review/",
    "story bank": "practice/stories/",
    "404": "404.html",
}

# What a script meets in localStorage: "unreadable" (blocked, reading it throws), "refused" (the
# guard's empty store, which no write gets into) or "kept" (storage works).
STORE = """() => {
  let store;
  try {
    store = localStorage;
  } catch (error) {
    return `unreadable: ${error.name}`;
  }
  try {
    store.setItem("sg-probe", "1");
    return "kept";
  } catch (error) {
    return `refused: ${error.name}`;
  }
}"""


@pytest.fixture
def blocked(browser, site_url):
    """A tab with site data blocked, and the watcher of everything it does wrong (checked at the end)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(BLOCK_SITE_DATA)
    tab = context.new_page()
    watcher = PageWatcher(tab, allowed=(site_url,))
    yield tab, watcher
    context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_loads_without_an_error(blocked, site_url, kind):
    tab, watcher = blocked
    tab.goto(site_url + PAGES[kind], wait_until="networkidle")  # widget modules load after the page
    # Storage is blocked in this tab, and the guard's store stands in: it refuses the write.
    assert tab.evaluate(STORE) == "refused: SecurityError"
    for widget in tab.locator("[data-sg-module]:is(.sg-quiz, .sg-practice, .sg-mode)").all():
        expect(widget).to_have_attribute("data-sg-bound", "")
    watcher.assert_clean()


def test_the_quiz_grades_and_says_progress_is_not_kept(blocked, site_url):
    tab, watcher = blocked
    tab.goto(site_url + PAGES["quiz"])
    expect(tab.locator(".sg-quiz")).to_have_attribute("data-sg-bound", "")
    note = tab.locator(".sg-quiz__storage")
    expect(note).to_be_visible()
    expect(note).to_contain_text("your progress will not be kept")
    item = next(item for item in WALKTHROUGH.quiz if item.type in ("single", "classify"))
    tab.locator(f"label[for='quiz-{item.id}--{item.answer[0]}']").click()
    tab.locator(f"#quiz-{item.id} .sg-quiz__check").click()
    expect(tab.locator(f"#quiz-{item.id} .sg-quiz__result")).to_have_text("✓ Correct.")
    expect(tab.locator(".sg-quiz__score")).to_contain_text("Score: 1 correct")
    watcher.assert_clean()


def test_the_practice_draft_says_it_is_not_kept(blocked, site_url):
    tab, watcher = blocked
    tab.goto(site_url + PAGES["practice"])
    expect(tab.locator(".sg-practice")).to_have_attribute("data-sg-bound", "")
    keep = tab.locator("#sg-practice-keep")
    keep.click()  # not check(): the page unticks it at once, which check() reports as a failure
    expect(keep).not_to_be_checked()
    expect(tab.locator(".sg-practice__status")).to_contain_text("your draft is not kept on this device")
    watcher.assert_clean()


def test_materials_switches_work(blocked, site_url):
    """Material reads and writes storage on a click too: the linked content tabs and the scheme."""
    tab, watcher = blocked
    tab.goto(site_url + PAGES["guide"], wait_until="networkidle")
    other = WALKTHROUGH.variants[1].id
    tab.locator(f'.sg-variants label[for="variants-{other}"]').click()
    expect(tab.locator(f"input#variants-{other}")).to_be_checked()
    scheme = tab.evaluate("document.body.dataset.mdColorScheme")
    tab.locator(".sg-scheme__toggle:not([hidden])").click()
    expect(tab.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
    watcher.assert_clean()


def test_instant_navigation_swaps_pages(blocked, site_url):
    tab, watcher = blocked
    open_with_instant_navigation(tab, site_url)
    tab.locator(f'.sg-list a[href$="{PAGES["guide"]}"]').first.click()
    expect(tab).to_have_url(site_url + PAGES["guide"])
    expect(tab.locator("article h1")).to_contain_text(WALKTHROUGH.title)
    quiz_title = PAGE_KINDS["quiz"].title
    tab.locator(".md-sidebar--primary a.md-nav__link").filter(has_text=re.compile(rf"^\s*{quiz_title}\s*$")).click()
    expect(tab).to_have_url(site_url + PAGES["quiz"])
    expect(tab.locator(".sg-quiz")).to_have_attribute("data-sg-bound", "")
    expect(tab.locator(".sg-quiz__storage")).to_be_visible()
    assert_same_document(tab)
    watcher.assert_clean()


def test_without_the_guard_material_throws(blocked, site, site_url):
    """The control: the same tab and page with the guard taken out of the HTML throws Material's error.
    Should Material ever read storage safely itself, this fails, and the guard may go."""
    tab, watcher = blocked
    guard = "<script>" + (site / "assets" / "sg" / "storage-guard.js").read_text(encoding="utf-8").strip() + "</script>"
    stripped = []

    def without_guard(route):
        response = route.fetch()
        html = response.text()
        stripped.append(guard in html)
        route.fulfill(response=response, body=html.replace(guard, ""))

    tab.route(site_url + PAGES["guide"], without_guard)
    tab.goto(site_url + PAGES["guide"], wait_until="networkidle")
    assert stripped == [True], "the guard was not found in the page as served"
    assert tab.evaluate(STORE) == "unreadable: SecurityError"
    assert any(ACCESS_DENIED in error for error in watcher.errors), watcher.errors


def test_the_story_bank_says_nothing_is_kept_and_still_exports(blocked, site_url):
    tab, watcher = blocked
    tab.goto(site_url + PAGES["story bank"])
    expect(tab.locator(".sg-stories")).to_have_attribute("data-sg-bound", "")
    tab.fill("#sg-story-title", "Kept in this tab")
    tab.get_by_role("button", name="Save the story").click()
    expect(tab.locator(".sg-stories__status")).to_contain_text("Not saved on this device")
    expect(tab.locator(".sg-stories .sg-data__problem")).to_contain_text("storage is full or blocked")
    with tab.expect_download() as info:
        tab.get_by_role("button", name="Export", exact=True).click()
    assert "Kept in this tab" in Path(info.value.path()).read_text(encoding="utf-8")
    watcher.assert_clean()
