"""Nothing on the page moves once it is on screen: widgets that start late (slow network) must not
push content around. Measured with the browser's own layout-shift entries, which CLS is made of.

The pages are the ones `make bench` scores with Lighthouse; the widgets' modules are held back
300 ms so they arrive after the first paint, as they would on a phone.
"""

from __future__ import annotations

import re
import time

import pytest

from conftest import WALKTHROUGHS
from widgets import WIDGETS_STARTED

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
LATE_MS = 300
PAGES = ["", "practice/"] + [
    f"walkthroughs/{slug}/{kind}" for slug in WALKTHROUGHS for kind in ("", "quiz/", "cheat-sheet/")
]

# Every shift the page made since it started loading (not caused by input), with what moved.
SHIFTS = """() => new Promise(resolve => {
    const shifts = [];
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            const moved = entry.sources.map(s => s.node && s.node.nodeType === 1
                ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}` : '#text');
            shifts.push({value: entry.value, moved});
        }
    }).observe({type: 'layout-shift', buffered: true});
    requestAnimationFrame(() => setTimeout(() => resolve(shifts), 100));
})"""


def hold_back(route) -> None:
    time.sleep(LATE_MS / 1000)
    route.continue_()


@pytest.mark.parametrize("path", PAGES)
def test_no_layout_shift_when_widgets_start_late(browser, site_url, path):
    context = browser.new_context(viewport=PHONE)
    try:
        context.route("**/assets/sg/*.js", hold_back)
        tab = context.new_page()
        tab.goto(site_url + path)
        tab.evaluate(WIDGETS_STARTED)
        shifts = tab.evaluate(SHIFTS)
    finally:
        context.close()
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.01, f"/{path}: layout shifted by {total:.3f} in all: {shifts}"


# Material's script wraps each table in a scrolling box once the page is shown. A table must take the
# same space before and after, or everything below it moves then, and after Back, where Material has
# just restored a scroll position: 40px below the compare page's time table, 150px by the end of
# the instructor guide (guide.css). Compared with JavaScript off, where no table is wrapped.
TABLE_PAGES = [f"walkthroughs/{slug}/{kind}" for slug in WALKTHROUGHS for kind in ("", "compare/", "cheat-sheet/", "instructor/")]
BELOW_EACH_TABLE = """() => {
    document.body.append(Object.assign(document.createElement("style"), { textContent: "* { content-visibility: visible !important; }" }));
    return [...document.querySelectorAll("article table")].map(table => {
        let box = table.closest(".md-typeset__scrollwrap") || table;
        while (box && !box.nextElementSibling) box = box.parentElement;
        return Math.round(box.nextElementSibling.getBoundingClientRect().top + scrollY);
    });
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1600, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_a_table_takes_the_same_space_wrapped_or_not(browser, site_url, path, viewport):
    below = {}
    for script in (False, True):
        context = browser.new_context(viewport=viewport, java_script_enabled=script)
        try:
            tab = context.new_page()
            tab.goto(site_url + path)
            if script:
                tab.wait_for_function("() => document.querySelector('article .md-typeset__scrollwrap')")
            below[script] = tab.evaluate(BELOW_EACH_TABLE)
        finally:
            context.close()
    assert below[False], f"/{path} has no table"
    assert below[True] == below[False], f"/{path}: what follows each table starts at {below[True]} wrapped, {below[False]} not"


# A widget's script fills in or shows parts of the server-rendered widget. Done only then, the quiz
# grew by each question's Check row (870px for the guide's quiz on a desktop) and the practice page
# by its counts and the timer's plan (600px), after Material had scrolled to a heading below or
# restored the reader's place on Back. The server renders them at their final size (the quiz's rows
# reserved, invisible: quiz.css; the practice tools' text as practice.js writes it for a fresh
# reader). Compared with the widgets' modules not loaded at all.
WIDGET_PAGES = ["practice/"] + [f"{kind}/{slug}/{view}" for slug in WALKTHROUGHS for kind, view in
                                (("walkthroughs", ""), ("walkthroughs", "quiz/"), ("embed", "quiz/"))]
WIDGET_MODULES = re.compile(r"/assets/sg/(?!sg\.js$)[a-z-]+\.js$")  # every widget, not the loader
# What the scripts write for a fresh reader, which the server must have written already.
FILLED_IN = ".sg-quiz__score, [data-sg-said], .sg-timer__total, .sg-timer__now, .sg-timer__plan, .sg-timer__prompter"
WIDGET_LAYOUT = """filled => {
    document.body.append(Object.assign(document.createElement("style"), { textContent: "* { content-visibility: visible !important; }" }));
    const bottom = element => Math.round(element.getBoundingClientRect().bottom + scrollY);
    const words = element => element.textContent.replace(/\\s+/g, " ").trim();
    return [...document.querySelectorAll("[data-sg-module]")].filter(w => w.dataset.sgModule !== "print").map(widget => ({
        widget: widget.dataset.sgModule,
        bottoms: [widget, ...widget.querySelectorAll("*")].map(bottom),
        text: [...widget.querySelectorAll(filled)].map(e => e.children.length ? [...e.children].map(words) : words(e)),
    }));
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1600, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_a_widget_is_its_final_size_before_its_script_runs(browser, site_url, path, viewport):
    layout = {}
    for upgraded in (False, True):
        context = browser.new_context(viewport=viewport)
        try:
            if not upgraded:
                context.route(WIDGET_MODULES, lambda route: route.abort())
            tab = context.new_page()
            tab.goto(site_url + path)
            tab.wait_for_load_state("load")
            if upgraded:
                tab.wait_for_function("() => [...document.querySelectorAll('.sg-quiz, .sg-practice, .sg-timer')].every(w => w.hasAttribute('data-sg-bound'))")
            else:
                # Reserved, not shown: nothing a reader could press before it works.
                for control in (".sg-quiz__check", ".sg-quiz__reset"):
                    assert all(not element.is_visible() for element in tab.locator(control).all()), f"/{path}: {control} shows"
            layout[upgraded] = tab.evaluate(WIDGET_LAYOUT, FILLED_IN)
        finally:
            context.close()
    assert layout[False], f"/{path} has no widget"
    for before, after in zip(layout[False], layout[True]):
        assert after["text"] == before["text"], f"/{path}: {before['widget']} writes {after['text']}, the page had {before['text']}"
        moved = [(b, a) for b, a in zip(before["bottoms"], after["bottoms"]) if a != b]
        assert not moved, f"/{path}: {before['widget']}: elements end at (px before, after) {moved[:5]}"
    assert len(layout[False]) == len(layout[True])
