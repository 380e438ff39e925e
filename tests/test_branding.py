"""Branding and licences come from mkdocs.yml: a fork edits the lines the README names and every page
says so (name, logo, colours, "presented by"); the footer links the licences LICENSE* state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support import ROOT, build_variant, parse, seed_only

# One worker takes the whole module, so its copy of the project is built once.
pytestmark = pytest.mark.xdist_group("rebranded")

# What README's "Fork and rebrand" has a bootcamp change: one mkdocs.yml line each.
REBRAND = {
    r"^site_name: .*$": "site_name: Acme Bootcamp Interview Lab",
    r'^  presented_by: ""$': '  presented_by: "Acme Bootcamp, cohort 12"',
    r"^      primary: indigo$": "      primary: teal",
    r"^      accent: deep orange$": "      accent: pink",
    r"^    logo: material/school$": "    logo: material/rocket-launch",
}
NAME, PRESENTER = "Acme Bootcamp Interview Lab", "Acme Bootcamp, cohort 12"
ICONS = Path(__import__("material").__file__).parent / "templates" / ".icons"
# Settings the recipe tells a fork to add rather than change (an image logo instead of the icon).
ADDED_BY_A_FORK = {"theme.logo"}
LICENCES = {"CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/", "MIT": "https://opensource.org/license/mit"}


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")


def with_header(site: Path) -> list[Path]:
    """Pages with Material's header and footer (embeddable views have neither, on purpose)."""
    return [path for path in pages(site) if parse(path).select_one("header.md-header")]


def icon_path(name: str) -> str:
    """The SVG path data of a Material icon, e.g. "material/school"."""
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    return re.search(r' d="([^"]+)"', svg).group(1)


@pytest.fixture(scope="module")
def rebranded(tmp_path_factory) -> Path:
    """A copy of the project with the README's rebranding lines changed, built (with the seed only:
    every kind of page, whatever the number of walkthroughs)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for pattern, line in REBRAND.items():
        config, count = re.subn(pattern, line, config, flags=re.M)
        assert count, f"mkdocs.yml has no line matching {pattern!r}: update README 'Fork and rebrand' and this test"
    built = build_variant(tmp_path_factory.mktemp("rebranded"), {**seed_only(), "mkdocs.yml": config})
    assert built.ok, built.output
    return built.site


def test_the_new_name_heads_every_page_and_its_title(rebranded):
    assert with_header(rebranded)
    for path in with_header(rebranded):
        soup = parse(path)
        topic = soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True)
        assert topic == NAME, path
        title = soup.title.get_text(strip=True)
        assert title == NAME or title.endswith(f" - {NAME}"), (path, title)


def test_the_presented_by_line_is_in_every_footer(rebranded):
    for path in with_header(rebranded):
        line = parse(path).select_one("footer .sg-presented-by")
        assert line and line.get_text(" ", strip=True) == f"Presented by {PRESENTER}", path


def test_the_colours_and_the_logo_follow_the_config(rebranded):
    for path in with_header(rebranded):
        soup = parse(path)
        assert soup.body["data-md-color-primary"] == "teal" and soup.body["data-md-color-accent"] == "pink"
        logo = soup.select_one("a.md-header__button.md-logo svg path")["d"]
        assert logo == icon_path("material/rocket-launch") != icon_path("material/school"), path


def test_the_unbranded_site_has_no_presented_by_line(site, built_page):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^  presented_by: ""$', config, re.M), "the guide itself is presented by no one"
    soup = built_page("")
    assert soup.select_one("footer .md-copyright") and not soup.select_one(".sg-presented-by")


def test_every_footer_links_both_licences(site):
    assert with_header(site)
    for path in with_header(site):
        links = {a.get_text(strip=True): a["href"] for a in parse(path).select("footer a[rel~=license]")}
        assert links == LICENCES, path


def test_the_licence_files_say_what_the_footer_says():
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License") and "Permission is hereby granted, free of charge" in mit
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in content
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    assert "data/" in content and "docs/" in content


def readme_section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def test_the_readme_states_the_licences():
    section = readme_section("Licence")
    assert "MIT" in section and "CC BY 4.0" in section
    assert "(LICENSE)" in section and "(LICENSE-CONTENT)" in section


def test_every_setting_the_rebrand_recipe_names_exists_in_mkdocs_yml():
    """The README's five-minute recipe names mkdocs.yml settings as `a.b.c`: each must exist."""
    section = readme_section("Fork and rebrand")
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    named = set(re.findall(r"`((?:site_name|site_description|copyright|theme|extra)(?:\.[a-z_]+)*)`", section))
    assert {"site_name", "extra.presented_by", "theme.palette", "theme.icon.logo"} <= named, named
    for setting in named - ADDED_BY_A_FORK:
        value = config
        for key in setting.split("."):
            assert isinstance(value, dict) and key in value, f"README names `{setting}`, which mkdocs.yml lacks"
            value = value[key]
