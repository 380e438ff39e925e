"""The printed page margin after instant navigation, in a real Chromium: its text is a <style> in the
head (overrides/partials/sg-print.html), which Material's instant navigation replaces with the new
page's. On paper, the margin names the new page's walkthrough and address, and the old page's style
is gone."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from macros.core.urls import page_url
from support import SEED, WALKTHROUGHS, PageWatcher
from support.browser import assert_same_document, open_with_instant_navigation

pytestmark = pytest.mark.browser

WALKTHROUGH = WALKTHROUGHS[SEED]
MARGIN = """() => ({
  styles: [...document.head.querySelectorAll("style")].filter((s) => s.textContent.includes("--sg-print-title")).length,
  title: getComputedStyle(document.documentElement).getPropertyValue("--sg-print-title"),
})"""


def test_the_printed_margin_follows_instant_navigation(page, site_url, tmp_path):
    tab = page
    watcher = PageWatcher(tab, allowed=(site_url,))
    open_with_instant_navigation(tab, site_url)
    published = tab.evaluate("document.querySelector('link[rel=canonical]').href")
    assert tab.evaluate(MARGIN)["styles"] == 1
    guide = page_url("guide", WALKTHROUGH.slug)
    tab.locator(f'.sg-list a[href$="{guide}"]').first.click()
    expect(tab).to_have_url(site_url + guide)
    expect(tab.locator("article h1")).to_contain_text(WALKTHROUGH.title)
    assert_same_document(tab)

    tab.emulate_media(media="print")
    margin = tab.evaluate(MARGIN)
    assert margin == {"styles": 1, "title": f'"{WALKTHROUGH.title}"'}, margin
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(tab.pdf(format="A4"))
    first_page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                                check=True, capture_output=True, text=True, timeout=60).stdout
    lines = [" ".join(line.split()) for line in first_page.splitlines() if line.strip()]
    assert lines[0] == WALKTHROUGH.title, lines[:3]  # the top-left margin box
    assert f"{published}{guide}" in lines[-1], lines[-3:]  # the bottom-left one, beside the page count
    watcher.assert_clean()
