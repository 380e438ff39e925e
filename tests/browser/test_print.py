"""Printing in a real Chromium: print media emulation, the beforeprint handler, and real PDFs.

The guide prints with every comparison open, every variant tab shown and no navigation, with or
without JavaScript; paper is light for a reader in dark mode; the cheat sheet's text is at least
9 pt; external links write out their target. The page margin after instant navigation:
test_print_margin.py.
"""

from __future__ import annotations

import re

import pytest

from macros.core.urls import page_url
from support.pdf import body_texts, contains, gray_pages, normal, pdf_info, shown

pytestmark = pytest.mark.browser

# What a reader of paper has no use for: Material's chrome and anything to press.
NAVIGATION = (".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top", "button")

PRINT_STATE = """() => {
  const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
  return {
    // A details that does not print at all (the quiz's answers go to a printed key) is not collapsed.
    details: [...document.querySelectorAll("article details")].filter((d) => d.checkVisibility()).map((d) => ({
      id: d.id,
      content: [...d.children].filter((c) => c.tagName !== "SUMMARY").every(shown),
    })),
    panels: [...document.querySelectorAll("article .tabbed-block")].map(shown),
    chrome: NAVIGATION.flatMap((s) => [...document.querySelectorAll(s)].filter(shown).map(() => s)),
  };
}""".replace("NAVIGATION", repr(list(NAVIGATION)))


def guide_url(site_url: str, walkthrough) -> str:
    return f"{site_url}walkthroughs/{walkthrough.slug}/"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def tab(context):
    return context.new_page()


def assert_prints_everything(state, walkthrough) -> None:
    ids = {d["id"] for d in state["details"]}
    for item in [*walkthrough.sections, *walkthrough.follow_ups]:
        assert item.compare_anchor in ids, f"no details#{item.compare_anchor}"
    closed = [d["id"] for d in state["details"] if not d["content"]]
    assert not closed, f"collapsed on paper: {closed}"
    assert len(state["panels"]) >= len(walkthrough.variants) and all(state["panels"]), state["panels"]
    assert not state["chrome"], f"navigation on paper: {state['chrome']}"


def test_printing_the_guide_opens_everything_and_hides_navigation(tab, site_url, walkthrough):
    tab.goto(guide_url(site_url, walkthrough), wait_until="networkidle")
    on_screen = tab.evaluate(PRINT_STATE)
    # On screen some comparison is closed and one tab shows: otherwise this test proves nothing.
    assert not all(d["content"] for d in on_screen["details"]) and not all(on_screen["panels"])
    assert on_screen["chrome"]
    tab.emulate_media(media="print")
    assert_prints_everything(tab.evaluate(PRINT_STATE), walkthrough)


def test_printing_works_with_javascript_off(browser, site_url, walkthrough):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(guide_url(site_url, walkthrough))
        tab.emulate_media(media="print")
        assert_prints_everything(tab.evaluate(PRINT_STATE), walkthrough)
    finally:
        context.close()


def test_beforeprint_opens_every_details_and_afterprint_restores_them(tab, site_url, walkthrough):
    tab.goto(guide_url(site_url, walkthrough), wait_until="networkidle")
    tab.wait_for_function("document.documentElement.dataset.sgPrintBound === 'true'")
    reader_opened = walkthrough.sections[0].compare_anchor
    tab.evaluate("id => { document.getElementById(id).open = true; }", reader_opened)
    opened = tab.evaluate("""() => {
      dispatchEvent(new Event("beforeprint"));
      return [...document.querySelectorAll("details")].every((d) => d.open);
    }""")
    assert opened
    after = tab.evaluate("""() => {
      dispatchEvent(new Event("afterprint"));
      return Object.fromEntries([...document.querySelectorAll("details[id]")].map((d) => [d.id, d.open]));
    }""")
    assert after[reader_opened] is True, "the reader's own open comparison was closed"
    assert not any(is_open for name, is_open in after.items() if name != reader_opened)


def test_the_printed_guide_holds_every_comparison_and_answer_unbroken(tab, site_url, walkthrough, tmp_path):
    tab.goto(guide_url(site_url, walkthrough), wait_until="networkidle")
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(tab.pdf(format="A4", print_background=True))
    pages = [normal(text) for text in body_texts(pdf)]

    def page_of(text: str) -> set[int]:
        return {number for number, body in enumerate(pages, start=1) if contains(body, shown(text))}

    # A comparison's weak line and its strong "why" print on the same page: it never splits.
    for item in [*walkthrough.sections, *walkthrough.follow_ups]:
        weak, strong = page_of(item.weak.line), page_of(item.strong.why)
        assert weak and strong, f"{item.id}: comparison missing from the printed guide"
        assert weak & strong, f"{item.id}: comparison split across pages {weak} and {strong}"
    # Every variant's answer prints, each paragraph whole on one page.
    for variant in walkthrough.variants:
        for section in walkthrough.sections:
            assert page_of(getattr(variant.answer, section.id)), f"{variant.id}.{section.id} not printed whole"


# Under print media: the text colour and background of every element of the article, in order.
PRINTED_COLOURS = """() => [...document.querySelectorAll("article *")]
  .filter((el) => el.checkVisibility())
  .map((el) => {
    const style = getComputedStyle(el);
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    return [el.tagName + (el.id ? "#" + el.id : "") + "." + el.className, text ? style.color : null, style.backgroundColor];
  })"""


def print_in_scheme(browser, url: str, scheme: str, pdf) -> tuple[str, list]:
    """Print `url` to `pdf` (A4, backgrounds on) as a reader whose system prefers `scheme`; returns
    the page's background colour on screen and every element's colours under print media."""
    context = browser.new_context(color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        tab.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])
        screen = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        pdf.write_bytes(tab.pdf(format="A4", print_background=True))
        # Paper has no animation; on screen Material fades colours in 250 ms, which would be sampled halfway.
        tab.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
        tab.emulate_media(media="print")
        return screen, tab.evaluate(PRINTED_COLOURS)
    finally:
        context.close()


SCHEMES = {"light": "default", "dark": "slate"}


DARKER_THAN_MID_GREY = bytes(range(128))


def ink(pixels: bytes) -> tuple[float, float]:
    """Mean grey level (255 white) and the share of pixels darker than mid-grey (text)."""
    dark = len(pixels) - len(pixels.translate(None, DARKER_THAN_MID_GREY))
    return sum(pixels) / len(pixels), dark / len(pixels)


@pytest.mark.parametrize("which", ["cheat sheet", "guide"])
def test_paper_is_light_for_a_reader_in_dark_mode(browser, site_url, walkthrough, which, tmp_path):
    url = site_url + page_url("cheat-sheet", walkthrough.slug) if which == "cheat sheet" else guide_url(site_url, walkthrough)
    dark, light = tmp_path / "dark.pdf", tmp_path / "light.pdf"
    screen, dark_colours = print_in_scheme(browser, url, "dark", dark)
    assert luminance(screen) < 0.1, f"the page is not dark on screen ({screen}): this test proves nothing"
    _, light_colours = print_in_scheme(browser, url, "light", light)

    # Element by element, paper from dark mode has the light-mode colours, or at least dark text
    # (4.5:1 on white) on a light background.
    assert [element for element, *_ in dark_colours] == [element for element, *_ in light_colours]
    for (element, text, background), (_, light_text, light_background) in zip(dark_colours, light_colours):
        if text and text != light_text:
            assert contrast_on_white(text) >= 4.5, f"{element}: text {text} on paper from dark mode"
        if background != light_background:
            assert luminance(over_white(background)) > 0.7, f"{element}: background {background} on paper"

    # And the paper itself, rendered: light, with dark text, as from light mode.
    pages = int(pdf_info(dark)["Pages"])
    assert pages == int(pdf_info(light)["Pages"])
    dark_pages, light_pages = gray_pages(dark), gray_pages(light)
    assert len(dark_pages) == len(light_pages) == pages, "pdftoppm rendered another number of pages"
    texts = []
    for number, (dark_page, light_page) in enumerate(zip(dark_pages, light_pages), start=1):
        mean, text = ink(dark_page)
        texts.append(text)
        assert mean > 225, f"page {number} of the {which} printed dark (mean grey {mean:.0f} of 255)"
        light_mean, light_text = ink(light_page)
        assert abs(mean - light_mean) < 2 and abs(text - light_text) < 0.002, (
            f"page {number} of the {which} prints differently from dark mode than from light mode"
        )
    assert sum(texts) / pages > 0.01, f"the {which} printed from dark mode has no dark text ({texts})"


def over_white(css_color: str) -> str:
    """An rgb()/rgba() colour as it shows on white paper (alpha blended)."""
    parts = [float(part) for part in re.findall(r"[\d.]+", css_color)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    red, green, blue = (round(c * alpha + 255 * (1 - alpha)) for c in parts[:3])
    return f"rgb({red}, {green}, {blue})"


def contrast_on_white(css_color: str) -> float:
    return 1.05 / (luminance(over_white(css_color)) + 0.05)


def luminance(css_color: str) -> float:
    """Relative luminance of an rgb()/rgba() computed colour, 0 (black) to 1 (white)."""
    red, green, blue = (float(part) / 255 for part in re.findall(r"[\d.]+", css_color)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_cheat_sheet_text_is_at_least_9pt_on_paper(tab, site_url, walkthrough):
    tab.goto(site_url + page_url("cheat-sheet", walkthrough.slug), wait_until="networkidle")
    tab.emulate_media(media="print")
    sizes = tab.evaluate("""() => {
      const sizes = [];
      const walker = document.createTreeWalker(document.querySelector(".sg-cheat-sheet"), NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || !element.checkVisibility()) continue;
        sizes.push([parseFloat(getComputedStyle(element).fontSize), walker.currentNode.textContent.trim()]);
      }
      return sizes;
    }""")
    assert len(sizes) > 50, "the cheat sheet shows almost no text"
    # 9 pt = 12 CSS px; make_pdf.py prints at scale 1.
    small = [(size, text) for size, text in sizes if size < 12]
    assert not small, f"text below 9 pt on paper: {small[:5]}"


def test_external_links_write_out_their_target_on_paper(tab, site_url, walkthrough):
    tab.goto(guide_url(site_url, walkthrough), wait_until="networkidle")
    tab.evaluate("""() => {
      const p = document.createElement("p");
      p.innerHTML = '<a id="external" href="https://example.org/guide">a source</a>';
      document.querySelector("article").append(p);
    }""")
    # A link inside the site, which Material has made absolute: its target stays unwritten.
    internal = tab.evaluate("""() => {
      const link = document.querySelector("article a[href*='#']:not(.headerlink)");
      link.id = "internal";
      return link.getAttribute("href");
    }""")
    assert internal.startswith(site_url), f"Material did not make {internal} absolute: this test proves less"
    after = "id => getComputedStyle(document.getElementById(id), '::after').content"
    assert tab.evaluate(after, "external") in ("none", "normal"), "the target shows on screen too"
    tab.emulate_media(media="print")
    assert "https://example.org/guide" in tab.evaluate(after, "external")
    assert tab.evaluate(after, "internal") in ("none", "normal"), f"{internal} is written out on paper"
