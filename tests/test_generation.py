"""Adding a walkthrough is adding one YAML file: its pages and its nav entry appear, nothing else changes."""

from __future__ import annotations

from bs4 import BeautifulSoup

from macros.pages import GENERATED_PAGES
from support import FIXTURES, SEED, build_variant, seed_only
from support.linkcheck import check_site

EXTRA = "tell-me-about-a-failure"


def test_a_new_yaml_file_adds_its_pages_and_nav_entry(tmp_path):
    extra = (FIXTURES / "walkthroughs" / f"{EXTRA}.yml").read_text(encoding="utf-8")
    # Beside the seed alone: what one more file adds does not depend on how many there are.
    built = build_variant(tmp_path, {**seed_only(), f"data/walkthroughs/{EXTRA}.yml": extra})
    assert built.ok, built.output
    site = built.site
    for spec in GENERATED_PAGES.values():
        uri = spec.src_uri(EXTRA)
        html = site / (uri[: -len("index.md")] + "index.html" if uri.endswith("index.md") else uri[:-3] + "/index.html")
        assert html.is_file(), f"{uri} was not generated"
    def parse(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    def nav_links(page: BeautifulSoup) -> set[str]:
        return {a["href"] for a in page.select("nav.md-nav--primary a[href]")}

    home = parse(".")
    assert f"walkthroughs/{EXTRA}/" in {a["href"] for a in home.select(".sg-list a")}
    # The navigation is pruned (navigation.prune): the walkthroughs index lists every walkthrough,
    # and a walkthrough's page lists its own pages but only the title of the others.
    assert "walkthroughs/" in nav_links(home)
    assert f"{EXTRA}/" in nav_links(parse("walkthroughs"))
    extra, other = nav_links(parse(f"walkthroughs/{EXTRA}")), nav_links(parse(f"walkthroughs/{SEED}"))
    assert {"quiz/", "cheat-sheet/"} <= extra, extra
    assert f"../{SEED}/" in extra and f"../{SEED}/quiz/" not in extra, extra
    assert f"../{EXTRA}/" in other and f"../{EXTRA}/quiz/" not in other, other
    assert check_site(site) == []
