"""The built site, read as HTML: structure every page promises, and every comparison in the data."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.core.urls import page_url
from support import ROOT, parse
from support.linkcheck import check_site
from macros.pages import GENERATED_PAGES


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def guide_url(walkthrough) -> str:
    return page_url("guide", walkthrough.slug)


def test_every_link_and_anchor_resolves(site):
    broken = check_site(site)
    assert not broken, "\n".join(map(str, broken))


# Elements that make a browser fetch something as the page loads.
FETCHING = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
]
FETCHING_RELS = {"stylesheet", "icon", "preconnect", "dns-prefetch", "preload", "prefetch", "modulepreload", "manifest"}


def test_no_page_refers_to_another_host(site):
    offenders = []
    for path in html_pages(site):
        soup = parse(path)
        for tag, attribute in FETCHING:
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and not FETCHING_RELS & set(element.get("rel", [])):
                    continue  # rel=canonical and friends name a URL; the browser does not load it
                for url in element[attribute].split(","):
                    url = url.strip().split(" ")[0]
                    if urlsplit(url).netloc or url.startswith("//"):
                        offenders.append(f"{path.relative_to(site)}: <{tag} {attribute}={url}>")
        for style in soup.find_all("style"):
            if "@import" in style.text or "//fonts." in style.text:
                offenders.append(f"{path.relative_to(site)}: <style> imports from another host")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(f"{css.relative_to(site)}: refers to a font host")
    assert not offenders, "\n".join(offenders)


SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1).strip()


def test_every_page_has_one_h1_a_title_and_a_description(site):
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        soup = parse(path)
        name = path.relative_to(site).as_posix()
        assert len(soup.select("article h1")) == 1, f"{name}: expected exactly one h1"
        assert soup.title and soup.title.get_text(strip=True), f"{name}: no <title>"
        title = soup.title.get_text(strip=True)
        assert title.count(SITE_NAME) == 1, f"{name}: the tab title {title!r} should name the site once"
        description = soup.select_one('meta[name="description"]')
        assert description and description.get("content", "").strip(), f"{name}: no meta description"


def test_generated_pages_use_their_own_description(site, built_page, walkthrough):
    soup = built_page(guide_url(walkthrough))
    assert soup.select_one('meta[name="description"]')["content"] == walkthrough.description
    assert soup.select_one("article h1").get_text(strip=True).startswith(walkthrough.title)


def test_every_generated_page_exists(site, walkthrough):
    for spec in GENERATED_PAGES.values():
        built = site / spec.src_uri(walkthrough.slug).removesuffix(".md").removesuffix("index")
        target = built / "index.html" if built.is_dir() else built.with_suffix("") / "index.html"
        assert target.is_file(), f"{spec.kind} page of {walkthrough.slug} was not built"


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_every_section_has_a_weak_vs_strong_comparison(built_page, walkthrough):
    soup = built_page(guide_url(walkthrough))
    for section in walkthrough.sections:
        heading = soup.select_one(f"h3#{section.anchor}")
        assert heading, f"no heading #{section.anchor}"
        details = soup.select_one(f"details#{section.compare_anchor}")
        assert details is not None, f"no details#{section.compare_anchor}"
        weak = details.select_one(".sg-compare__side--weak")
        strong = details.select_one(".sg-compare__side--strong")
        assert _normal(section.weak.line) in _text(weak)
        assert _normal(section.weak.why) in _text(weak)
        assert _normal(section.weak.verdict) in _text(weak)
        assert _normal(section.strong.line) in _text(strong)
        # Labelled in words, not only by colour.
        assert "Weak" in _text(weak.select_one(".sg-compare__label"))
        assert "Strong" in _text(strong.select_one(".sg-compare__label"))
        assert _normal(section.coaching) in _text(soup.select_one("article"))


def test_every_follow_up_has_a_weak_vs_strong_comparison(built_page, walkthrough):
    soup = built_page(guide_url(walkthrough))
    for probe in walkthrough.follow_ups:
        assert soup.select_one(f"#{probe.anchor}"), f"no #{probe.anchor}"
        assert _normal(probe.question) in _text(soup.select_one(f"#{probe.anchor}"))
        details = soup.select_one(f"details#{probe.compare_anchor}")
        assert details is not None
        assert _normal(probe.weak.line) in _text(details.select_one(".sg-compare__side--weak"))
        assert _normal(probe.weak.why) in _text(details.select_one(".sg-compare__side--weak"))
        assert _normal(probe.strong.line) in _text(details.select_one(".sg-compare__side--strong"))


def test_red_flags_key_phrases_and_key_points(built_page, walkthrough):
    soup = built_page(guide_url(walkthrough))
    for flag in walkthrough.red_flags:
        item = soup.select_one(f"li#{flag.anchor}")
        assert item and _normal(flag.text) in _text(item) and _normal(flag.why) in _text(item)
    for phrase in walkthrough.key_phrases:
        block = soup.select_one(f"#{phrase.anchor}")
        assert block and _normal(phrase.why) in _text(block)
        assert f"sg-phrase--{phrase.effect}" in block["class"]
    points = _text(soup.select_one("#key-points").find_next("ul"))
    for point in walkthrough.takeaways:
        assert _normal(point) in points


def test_story_facts_and_summary_are_on_the_page(built_page, walkthrough):
    article = _text(built_page(guide_url(walkthrough)).select_one("article"))
    assert _normal(walkthrough.summary) in article
    assert _normal(walkthrough.story.root_cause) in article
    for fact in walkthrough.story.facts:
        assert fact.value in article and _normal(fact.note) in article


def test_variant_guidance_is_on_the_page(built_page, walkthrough):
    article = _text(built_page(guide_url(walkthrough)).select_one("article"))
    for variant in walkthrough.variants:
        for text in (variant.guidance, variant.stresses, variant.drops):
            assert _normal(text) in article


def test_landing_page_lists_every_walkthrough(built_page, walkthrough):
    soup = built_page("")
    links = {a["href"] for a in soup.select(".sg-list a")}
    assert guide_url(walkthrough) in links


@pytest.mark.parametrize("scheme_toggle", ["Switch to dark mode", "Switch to light mode"])
def test_colour_scheme_toggle_present(built_page, scheme_toggle):
    """The scheme switch's buttons (overrides/partials/palette.html): named, and hidden until its
    script runs, since without JavaScript they could not switch anything."""
    button = built_page("").select_one(f'button.sg-scheme__toggle[aria-label="{scheme_toggle}"]')
    assert button is not None, scheme_toggle
    assert button.get("type") == "button" and button.has_attr("hidden"), button


def test_previous_and_next_follow_the_navigation_order(built_page, walkthrough):
    """The footer's previous/next links (and <link rel=next>) walk a walkthrough's pages in the order
    its navigation section lists them, not in file-name order."""
    from posixpath import join, normpath

    start = guide_url(walkthrough)
    section = built_page(start).select("nav.md-nav--primary li.md-nav__item--active.md-nav__item--nested")[-1]
    # The guide page is the section's own index page: the section's label, then its other pages.
    links = [normpath(join(start, a["href"])) for a in section.select(":scope > nav a.md-nav__link[href]")]
    listed = [normpath(start)] + [link for link in links if link != normpath(start)]
    assert len(listed) == len([s for s in GENERATED_PAGES.values() if not s.kind.startswith("embed")]), listed
    walked, here = [normpath(start)], start
    while len(walked) < len(listed):
        following = built_page(here).select_one("link[rel=next]")
        assert following, f"{here} has no next page"
        here = normpath(join(here, following["href"])) + "/"
        walked.append(normpath(here))
        back = built_page(here).select_one("link[rel=prev]")
        assert normpath(join(here, back["href"])) == walked[-2], f"{here}: previous is not {walked[-2]}"
    assert walked == listed
