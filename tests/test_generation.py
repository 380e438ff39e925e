"""Adding a walkthrough is adding one YAML file: its pages and its nav entry appear, nothing else changes."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from support import FIXTURES, WALKTHROUGHS, copy_project, mkdocs_build
from linkcheck import check_site
from macros.pages import GENERATED_PAGES

EXTRA = "tell-me-about-a-failure"
SEED = next(iter(WALKTHROUGHS))


def test_a_new_yaml_file_adds_its_pages_and_nav_entry(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "walkthroughs" / f"{EXTRA}.yml", project / "data" / "walkthroughs")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
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
