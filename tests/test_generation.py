"""Adding a walkthrough is adding one YAML file: its pages and its nav entry appear, nothing else changes."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from conftest import FIXTURES, copy_project, mkdocs_build
from linkcheck import check_site
from macros.pages import GENERATED_PAGES

EXTRA = "tell-me-about-a-failure"


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
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav_links = {a["href"] for a in home.select("nav.md-nav--primary a[href]")}
    assert f"walkthroughs/{EXTRA}/" in nav_links, nav_links
    assert f"walkthroughs/{EXTRA}/" in {a["href"] for a in home.select(".sg-list a")}
    assert check_site(site) == []
