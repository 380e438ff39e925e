"""sitemap.xml (and its .gz) lists exactly the pages a search engine may index: every page of every
walkthrough, and none of the noindex embed views (overrides/sitemap.xml)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from macros.core.urls import page_url
from macros.pages import GENERATED_PAGES
from support import WALKTHROUGHS, parse

NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def listed(site) -> list[str]:
    """The sitemap's page addresses, relative to the site's root, read with an XML parser."""
    root = ET.parse(site / "sitemap.xml").getroot()
    base = parse(site / "index.html").find("link", rel="canonical")["href"]
    locs = [loc.text for loc in root.findall("sm:url/sm:loc", NAMESPACE)]
    assert all(loc.startswith(base) for loc in locs), locs
    return [loc.removeprefix(base) for loc in locs]


def is_embed_view(kind: str) -> bool:
    return ("template", "embed.html") in GENERATED_PAGES[kind].meta


def test_every_walkthrough_page_is_listed_and_no_embed_view(site):
    pages = listed(site)
    assert len(pages) == len(set(pages))
    for slug in WALKTHROUGHS:
        for kind in GENERATED_PAGES:
            url = page_url(kind, slug)
            if is_embed_view(kind):
                assert url not in pages, f"{url}: an embed view is listed"
            else:
                assert url in pages, f"{url} is not listed"
    assert any(is_embed_view(kind) for kind in GENERATED_PAGES), "no embed views: this test proves less"
    assert not [page for page in pages if page.startswith("embed/")]


def test_the_sitemap_lists_exactly_the_pages_that_may_be_indexed(site):
    """Every built page without robots noindex, and no other (MkDocs never lists its 404 page)."""
    indexable = set()
    for path in site.rglob("*.html"):
        robots = parse(path).find("meta", attrs={"name": "robots"})
        if path.name == "404.html" or (robots and "noindex" in robots["content"]):
            continue
        indexable.add(path.relative_to(site).as_posix().removesuffix("index.html"))
    assert set(listed(site)) == indexable


def test_the_compressed_sitemap_is_the_same(site):
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
