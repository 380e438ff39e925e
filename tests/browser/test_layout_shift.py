"""Nothing on the page moves once it is on screen: widgets that start late (slow network) must not
push content around. Measured with the browser's own layout-shift entries, which CLS is made of.

The pages are the ones `make bench` scores with Lighthouse; the widgets' modules are held back until
the page has painted, so they start on a page already on screen, as they would on a phone.
"""

from __future__ import annotations

import re

import pytest

from macros.core.urls import page_url
from support import SEED
from support.browser import (
    ALL_LAID_OUT, LIGHTHOUSE_PAGES, NEXT_FRAMES, PHONE, PHONE_AND_DESKTOP, PRACTICE_MODES, tab_at,
    wait_until_widgets_bound,
)

pytestmark = pytest.mark.browser

WIDGET_MODULES = re.compile(r"/assets/sg/(?!sg\.js$)[a-z-]+\.js$")  # every widget, not the loader
PAINTED = "() => performance.getEntriesByType('paint').some(entry => entry.name === 'first-contentful-paint')"

# Every shift the page made since it started loading (not caused by input), with what moved: the
# entries buffered so far, handed over at once by takeRecords().
SHIFTS = """() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({type: 'layout-shift', buffered: true});
    return observer.takeRecords().filter(entry => !entry.hadRecentInput).map(entry => ({
        value: entry.value,
        moved: entry.sources.map(s => s.node && s.node.nodeType === 1
            ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}` : '#text'),
    }));
}"""


@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
def test_no_layout_shift_when_widgets_start_late(browser, site_url, path):
    held = []

    def after_the_first_paint(route):
        """A widget's module, answered once the page has painted."""
        held.append(route.request.url)
        route.request.frame.page.wait_for_function(PAINTED)
        route.continue_()

    with tab_at(browser, PHONE) as tab:
        tab.route(WIDGET_MODULES, after_the_first_paint)
        tab.goto(site_url + path)
        wait_until_widgets_bound(tab)
        tab.evaluate(NEXT_FRAMES)  # what the widgets changed is laid out, and any shift recorded
        shifts = tab.evaluate(SHIFTS)
    assert held, f"/{path}: no widget module was held back: the test shows nothing"
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.01, f"/{path}: layout shifted by {total:.3f} in all: {shifts}"


# Material's script wraps each table in a scrolling box once the page is shown. A table must take the
# same space before and after, or everything below it moves then, and after Back, where Material has
# just restored a scroll position: 40px below the compare page's time table, 150px by the end of
# the instructor guide (guide.css). Compared with JavaScript off, where no table is wrapped.
TABLE_PAGES = [page_url(kind, SEED) for kind in ("guide", "compare", "cheat-sheet", "instructor")]
BELOW_EACH_TABLE = """() => {
    return [...document.querySelectorAll("article table")].map(table => {
        let box = table.closest(".md-typeset__scrollwrap") || table;
        while (box && !box.nextElementSibling) box = box.parentElement;
        return Math.round(box.nextElementSibling.getBoundingClientRect().top + scrollY);
    });
}"""


def off_then_on(browser, url, viewport, measure, options=lambda on: {}, before_load=lambda tab, on: None):
    """`measure(tab, on)` on a fresh load of `url` with something off, then on: a context option
    (`options(on)`) or what `before_load(tab, on)` does to the tab."""
    results = []
    for on in (False, True):
        with tab_at(browser, viewport, **options(on)) as tab:
            before_load(tab, on)
            tab.goto(url)
            results.append(measure(tab, on))
    return results


def below_each_table(tab, script):
    if script:
        tab.wait_for_function("() => document.querySelector('article .md-typeset__scrollwrap')")
    tab.evaluate(ALL_LAID_OUT)
    return tab.evaluate(BELOW_EACH_TABLE)


@PHONE_AND_DESKTOP
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_a_table_takes_the_same_space_wrapped_or_not(browser, site_url, path, viewport):
    plain, wrapped = off_then_on(browser, site_url + path, viewport, below_each_table,
                                 options=lambda script: {"java_script_enabled": script})
    assert plain, f"/{path} has no table"
    assert wrapped == plain, f"/{path}: what follows each table starts at {wrapped} wrapped, {plain} not"


# A widget's script fills in or shows parts of the server-rendered widget. Done only then, the quiz
# grew by each question's Check row (870px for the guide's quiz on a desktop) and the practice page
# by its counts and the timer's plan (600px), after Material had scrolled to a heading below or
# restored the reader's place on Back. The server renders them at their final size (the quiz's rows
# reserved, invisible: quiz.css; the practice tools' text as practice.js writes it for a fresh
# reader). Compared with the widgets' modules not loaded at all.
WIDGET_PAGES = ["practice/", *PRACTICE_MODES] + [page_url(kind, SEED) for kind in ("guide", "quiz", "embed-quiz")]
# What the scripts write for a fresh reader, which the server must have written already.
FILLED_IN = (".sg-quiz__score, [data-sg-said], .sg-timer__total, .sg-timer__now, .sg-timer__plan, .sg-timer__prompter, "
             "[data-sg-progress], .sg-review__summary, [data-sg-coverage], .sg-stories__matrix")
WIDGET_LAYOUT = """filled => {
    const bottom = element => Math.round(element.getBoundingClientRect().bottom + scrollY);
    const words = element => element.textContent.replace(/\\s+/g, " ").trim();
    return [...document.querySelectorAll("[data-sg-module]")].filter(w => w.dataset.sgModule !== "print").map(widget => ({
        widget: widget.dataset.sgModule,
        bottoms: [widget, ...widget.querySelectorAll("*")].map(bottom),
        text: [...widget.querySelectorAll(filled)].map(e => e.children.length ? [...e.children].map(words) : words(e)),
    }));
}"""


def block_widgets(tab, upgraded):
    if not upgraded:
        tab.route(WIDGET_MODULES, lambda route: route.abort())


def widget_layout(tab, upgraded):
    if upgraded:
        wait_until_widgets_bound(tab)
    else:
        # Reserved, not shown: nothing a reader could press before it works.
        for control in (".sg-quiz__check", ".sg-quiz__reset"):
            assert all(not element.is_visible() for element in tab.locator(control).all()), f"{control} shows"
    tab.evaluate(ALL_LAID_OUT)
    return tab.evaluate(WIDGET_LAYOUT, FILLED_IN)


@PHONE_AND_DESKTOP
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_a_widget_is_its_final_size_before_its_script_runs(browser, site_url, path, viewport):
    started, upgraded = off_then_on(browser, site_url + path, viewport, widget_layout, before_load=block_widgets)
    assert started, f"/{path} has no widget"
    assert len(upgraded) == len(started)
    for before, after in zip(started, upgraded):
        assert after["text"] == before["text"], f"/{path}: {before['widget']} writes {after['text']}, the page had {before['text']}"
        moved = [(b, a) for b, a in zip(before["bottoms"], after["bottoms"]) if a != b]
        assert not moved, f"/{path}: {before['widget']}: elements end at (px before, after) {moved[:5]}"
