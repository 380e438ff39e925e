"""Material's instant navigation makes every relative URL absolute when its bundle starts. On a head
<link> that reloads the stylesheet and restyles the painted page; overrides/main.html makes the
head's links absolute before the body exists, so the bundle leaves them alone."""

from __future__ import annotations

import pytest

from conftest import WALKTHROUGHS

# Records every change to a <link>'s href, and whether the body had been parsed by then.
RECORD_LINK_CHANGES = """
window.__sgLinkChanges = [];
new MutationObserver((records) => {
  for (const record of records)
    if (record.target.localName === "link")
      window.__sgLinkChanges.push({ href: record.target.getAttribute("href"), bodyParsed: !!document.body });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"] });
"""

PAGES = ["", "practice/"] + [f"walkthroughs/{slug}/{page}" for slug in WALKTHROUGHS for page in ("", "quiz/", "cheat-sheet/")]


@pytest.mark.parametrize("path", PAGES)
def test_no_stylesheet_is_reloaded_after_the_body_is_parsed(browser, site_url, path):
    page = browser.new_page()
    page.add_init_script(RECORD_LINK_CHANGES)
    page.goto(site_url + path)
    page.wait_for_function("window.document$ !== undefined && document.readyState === 'complete'")
    changes = page.evaluate("window.__sgLinkChanges")
    stylesheets = page.eval_on_selector_all("head link[rel=stylesheet]", "els => els.map(el => el.getAttribute('href'))")
    page.close()
    assert stylesheets and all(href.startswith(site_url) for href in stylesheets), stylesheets
    late = [change["href"] for change in changes if change["bodyParsed"]]
    assert not late, f"head links changed after the body was parsed (a reload and a full restyle): {late}"
    assert changes, "the head's links were never made absolute"
