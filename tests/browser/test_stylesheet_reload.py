"""Material's instant navigation makes every relative URL absolute when its bundle starts. On a head
<link> that reloads the stylesheet and restyles the painted page; overrides/main.html makes the
head's links absolute before the body exists, so the bundle leaves them alone."""

from __future__ import annotations

import pytest

from support.browser import LIGHTHOUSE_PAGES

pytestmark = pytest.mark.browser

# Records every change to a <link>'s href, and whether <body> had started by then. Records arrive at the
# microtask checkpoint after the script that made the change, so the state is that script's moment.
RECORD_LINK_CHANGES = """
window.__sgLinkChanges = [];
new MutationObserver((records) => {
  for (const record of records)
    if (record.target.localName === "link")
      window.__sgLinkChanges.push({ href: record.target.getAttribute("href"), bodyStarted: !!document.body });
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"] });
"""


@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
def test_no_stylesheet_is_reloaded_once_the_body_has_started(browser, site_url, path):
    page = browser.new_page()
    page.add_init_script(RECORD_LINK_CHANGES)
    page.goto(site_url + path)
    page.wait_for_function("window.document$ !== undefined && document.readyState === 'complete'")
    changes = page.evaluate("window.__sgLinkChanges")
    stylesheets = page.eval_on_selector_all("head link[rel=stylesheet]", "els => els.map(el => el.getAttribute('href'))")
    page.close()
    assert stylesheets and all(href.startswith(site_url) for href in stylesheets), stylesheets
    late = [change["href"] for change in changes if change["bodyStarted"]]
    assert not late, f"head links changed once the body had started (a reload and a full restyle): {late}"
    assert changes, "the head's links were never made absolute"
