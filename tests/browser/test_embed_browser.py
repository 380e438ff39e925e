"""Embedding in a real Chromium: an LMS page on another origin, running the README's listener, fits
the frame to the height the embed view reports; the guide's "copy embed code" works from the keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support import ROOT, PageWatcher, serve
from support.axe import assert_no_violations_in_either_scheme
from support.browser import scroll_to

pytestmark = pytest.mark.browser

README = (ROOT / "README.md").read_text(encoding="utf-8")
README_ORIGIN = "https://you.github.io"


def readme_listener() -> str:
    """The listener script the README tells an LMS page to add, exactly as written there."""
    section = README.split("## Embed in an LMS", 1)[1]
    scripts = re.findall(r"```html\n(<script>.*?</script>)\n```", section, re.DOTALL)
    assert len(scripts) == 1, "the README's 'Embed in an LMS' section shows one listener script"
    assert README_ORIGIN in scripts[0]
    return scripts[0]


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def lms(tmp_path):
    """An LMS page host: another origin than the site (another port), as a real LMS would be."""
    server, url = serve(tmp_path)
    yield tmp_path, url
    server.shutdown()


def write_lms_page(folder, frame_url: str, origin: str) -> str:
    # A second listener records every message, so a test can wait for one before judging the frame.
    listener = readme_listener().replace(README_ORIGIN, origin)
    (folder / "lesson.html").write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lesson</title></head><body>
<h1>Week 3: behavioral interviews</h1>
<iframe src="{frame_url}" title="Embedded study guide" width="100%" height="300" style="border: 0;"></iframe>
<script>window.received = []; addEventListener("message", (event) => window.received.push(event.data));</script>
{listener}
</body></html>""",
        encoding="utf-8",
    )
    return "lesson.html"


def frame_content_height(tab) -> float:
    frame = tab.frames[1]
    return frame.evaluate("document.querySelector('.md-main__inner').getBoundingClientRect().bottom + scrollY")


def test_the_lms_page_fits_the_frame_to_the_embed_view(tab, site_url, lms, walkthrough):
    folder, lms_url = lms
    site_origin = site_url.rstrip("/")
    frame_url = f"{site_url}embed/{walkthrough.slug}/comparisons/"
    tab.goto(lms_url + write_lms_page(folder, frame_url, site_origin))
    frame = tab.locator("iframe")
    tab.wait_for_function("document.querySelector('iframe').style.height !== ''")
    height = frame.evaluate("el => el.getBoundingClientRect().height")
    assert height > 300, "the frame should have grown from its 300 px"
    assert abs(height - frame_content_height(tab)) <= 1
    message = tab.evaluate("window.received.at(-1)")
    assert message == {"type": "sg-embed:height", "height": int(height), "url": frame_url}
    # The framed page no longer scrolls: all of it is shown.
    inner = tab.frames[1].evaluate("[document.documentElement.scrollHeight, innerHeight]")
    assert inner[0] <= inner[1] + 1

    # Opening a comparison makes the page taller: a new message, and the frame follows.
    first = walkthrough.sections[0].compare_anchor
    tab.frame_locator("iframe").locator(f"details#{first} > summary").click()
    tab.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height > {height + 20}")
    assert abs(frame.evaluate("el => el.getBoundingClientRect().height") - frame_content_height(tab)) <= 1


def frame_height(tab) -> float:
    return tab.evaluate("document.querySelector('iframe').getBoundingClientRect().height")


def test_the_frame_grows_when_a_framed_quiz_is_checked_and_shrinks_on_reset(tab, site_url, lms, walkthrough):
    folder, lms_url = lms
    frame_url = f"{site_url}embed/{walkthrough.slug}/quiz/"
    tab.goto(lms_url + write_lms_page(folder, frame_url, site_url.rstrip("/")))
    tab.wait_for_function("document.querySelector('iframe').style.height !== ''")
    frame = tab.frame_locator("iframe")
    expect(frame.locator(".sg-quiz[data-sg-bound]")).to_have_count(1)
    at_rest = frame_height(tab)
    assert abs(at_rest - frame_content_height(tab)) <= 1

    # A wrong answer checked: every option's explanation opens below it, and the frame follows.
    item = next(item for item in walkthrough.quiz if item.type in ("single", "classify"))
    wrong = next(index for index in range(len(item.options)) if index not in item.answer)
    frame.locator(f"label[for='quiz-{item.id}--{wrong}']").click()
    frame.locator(f"#quiz-{item.id} .sg-quiz__check").click()
    expect(frame.locator(f"#quiz-{item.id} .sg-quiz__result")).to_contain_text("Not quite")
    tab.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height > {at_rest + 50}")
    grown = frame_height(tab)
    assert abs(grown - frame_content_height(tab)) <= 1
    assert tab.evaluate("window.received.at(-1)") == {"type": "sg-embed:height", "height": int(grown), "url": frame_url}

    # Reset: the explanations go, and the frame shrinks back to its height at rest.
    frame.locator(".sg-quiz__reset").click()
    expect(frame.locator(".sg-quiz__feedback")).to_have_count(0)
    tab.wait_for_function(f"Math.abs(document.querySelector('iframe').getBoundingClientRect().height - {at_rest}) <= 1")
    assert abs(frame_height(tab) - frame_content_height(tab)) <= 1


def test_the_listener_ignores_other_origins(tab, site_url, lms, walkthrough):
    folder, lms_url = lms
    page_name = write_lms_page(folder, f"{site_url}embed/{walkthrough.slug}/quiz/", "https://elsewhere.example")
    tab.goto(lms_url + page_name)
    tab.wait_for_function("window.received.length > 0")
    assert tab.evaluate("document.querySelector('iframe').style.height") == ""


def test_links_out_of_the_embed_view_open_a_new_tab(tab, site_url, walkthrough):
    tab.goto(f"{site_url}embed/{walkthrough.slug}/quiz/")
    # Not in a frame: nothing to report, and the page is left as built.
    assert tab.evaluate("document.documentElement.hasAttribute('data-sg-embed-frame')") is False
    tab.set_content(f'<iframe src="{site_url}embed/{walkthrough.slug}/quiz/" title="quiz"></iframe>')
    frame = tab.frame_locator("iframe")
    expect(frame.locator("html[data-sg-embed-frame]")).to_have_count(1)
    # Links to another page leave the frame; links within the page (tabs, permalinks) stay in it.
    targets = frame.locator("article a[href]").evaluate_all(
        "links => links.map((a) => [new URL(a.href).pathname !== location.pathname, a.target])"
    )
    assert {target for leaves, target in targets if leaves} == {"_blank"}
    assert {target for leaves, target in targets if not leaves} <= {""}


def test_copy_embed_code_from_the_keyboard(browser, site_url, walkthrough):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}walkthroughs/{walkthrough.slug}/")
        block = tab.locator('details.sg-embed[data-sg-embed-bound]').nth(1)  # the model answers block
        button = block.locator("button.sg-embed__copy")
        # Keyboard only: focus the summary, open it with Enter, Tab to the button, press it.
        block.locator("summary").focus()
        tab.keyboard.press("Enter")
        expect(block).to_have_attribute("open", "")
        for _ in range(6):
            tab.keyboard.press("Tab")
            if button.evaluate("el => el === document.activeElement"):
                break
        expect(button).to_be_focused()
        tab.keyboard.press("Enter")
        expect(block.locator(".sg-embed__status")).to_have_text("Copied")
        snippet = block.locator(".sg-embed__code code").text_content()
        assert tab.evaluate("navigator.clipboard.readText()") == snippet
        assert snippet.startswith('<iframe src="') and 'title="' in snippet
        # Space works too, and a second copy is announced again.
        tab.evaluate("navigator.clipboard.writeText('')")
        tab.keyboard.press("Space")
        expect(block.locator(".sg-embed__status")).to_have_text("Copied")
        assert tab.evaluate("navigator.clipboard.readText()") == snippet
    finally:
        context.close()


def test_copy_binds_once_however_often_init_runs(tab, site_url, walkthrough):
    """The loader calls init after every instant-navigation swap: one click must still copy once."""
    tab.add_init_script(
        "window.copies = 0; const original = navigator.clipboard.writeText.bind(navigator.clipboard);"
        "navigator.clipboard.writeText = (text) => { window.copies++; return original(text).catch(() => {}); };"
    )
    tab.goto(f"{site_url}walkthroughs/{walkthrough.slug}/")
    expect(tab.locator("details.sg-embed[data-sg-embed-bound]")).to_have_count(3)
    tab.evaluate(f"import('{site_url}assets/sg/embed.js').then((m) => {{ m.init(document); m.init(document); }})")
    block = tab.locator("details.sg-embed").first
    block.locator("summary").click()
    block.locator("button.sg-embed__copy").click()
    expect(block.locator(".sg-embed__status")).not_to_be_empty()
    assert tab.evaluate("window.copies") == 1


def test_the_embed_controls_do_not_print(tab, site_url, walkthrough):
    tab.goto(f"{site_url}walkthroughs/{walkthrough.slug}/")
    blocks = tab.locator("details.sg-embed")
    expect(blocks).to_have_count(3)
    expect(blocks.first).to_be_visible()
    tab.emulate_media(media="print")
    for index in range(3):
        expect(blocks.nth(index)).to_be_hidden()


def test_the_open_control_passes_axe_after_copying(browser, site_url, walkthrough):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}walkthroughs/{walkthrough.slug}/")
        for index in range(3):
            block = tab.locator("details.sg-embed[data-sg-embed-bound]").nth(index)
            # Scrolled to first, as a reader would: the blocks around it settle to their real sizes
            # once near the screen (content-visibility), and a click as they move can miss.
            scroll_to(block.locator("summary")).click()
            expect(block).to_have_js_property("open", True)
            block.locator("button.sg-embed__copy").click()
            expect(block.locator(".sg-embed__status")).to_have_text("Copied")
        # At rest: a focused or hovered .md-button--primary takes Material's accent colour, whose dark
        # scheme contrast is the theme's to fix (a11y.css), not this widget's.
        tab.mouse.move(0, 0)
        tab.evaluate("document.activeElement.blur()")
        assert_no_violations_in_either_scheme(tab, include="details.sg-embed", label="the open embed controls")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_views_run_without_errors_in_the_readers_scheme(browser, site_url, walkthrough, scheme):
    """Material's scripts run in full on an embed view (they need a header element; it keeps a hidden
    one), and the view follows the reader's colour scheme like every other page."""
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    watcher = PageWatcher(tab, allowed=(site_url,), console="")
    try:
        for view in ("comparisons", "variants", "quiz"):
            tab.goto(f"{site_url}embed/{walkthrough.slug}/{view}/", wait_until="networkidle")
            expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", {"light": "default", "dark": "slate"}[scheme])
            expect(tab.locator("[data-md-component=header]")).to_be_hidden()
        # Material's own upgrade of the variant tabs ran: the labels became links.
        expect(tab.locator(".tabbed-labels--linked")).to_have_count(0)  # the quiz view has no tabs
        tab.goto(f"{site_url}embed/{walkthrough.slug}/variants/", wait_until="networkidle")
        expect(tab.locator(".tabbed-labels--linked")).to_have_count(1)
        watcher.assert_clean()
    finally:
        context.close()
