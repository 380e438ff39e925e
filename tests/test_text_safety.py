"""Raw HTML in data text never reaches a page, end to end: a walkthrough whose title is
`Act now <script>alert(1)</script>` and whose technical answer mentions `List<String>` and `a < b`,
built, shows them as written on every page, in the search index and in every export.

Data text is inline Markdown escaped on its way into pages (macros/core/text.py, macros/core/jinja.py
`_finalize`, front matter in macros/core/pages.py, the nav in macros/hooks/data.py); the function-level
half is tests/test_text.py. Chosen over rejecting such text: a technical answer needs `<` and `>`.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.core.urls import PAGE_KINDS, export_uri, page_url
from support import ROOT, SEED, build_variant, normal, seed_only

pytestmark = pytest.mark.xdist_group("text_safety")

SLUG = SEED
SOURCE = f"data/walkthroughs/{SLUG}.yml"
TITLE = "Act now <script>alert(1)</script>"
SENTENCE = "I changed the handler's return type to List<String> because a < b held for every retry."
DESCRIPTION = 'Bias for Action, for a technical loop: it returns List<String> when "a < b" & more.'
ENTITIES = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)  # text showing an entity was escaped twice
QUIZ_KINDS = ("single", "classify", "multiple")


def html_text(markup: str) -> str:
    """What a browser shows of `markup` (as Material's search does with the index's strings)."""
    return normal(BeautifulSoup(markup, "html.parser").get_text())


def heading(soup: BeautifulSoup) -> str:
    """The page's h1 as shown, without its permalink."""
    return normal("".join(soup.h1.find_all(string=True, recursive=False)))


def css_string(value: str) -> str:
    """A CSS string token's text (CSS Syntax 4.3.5, 4.3.7): hex escapes with one optional space, then
    any other escaped character as itself."""
    assert value[0] == value[-1] == '"', value
    return re.sub(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", lambda m: chr(int(m[1], 16)) if m[1] else m[2], value[1:-1])


def planted() -> str:
    """The seed walkthrough with HTML-looking text: title, technical answer, description, one quiz item."""
    data = yaml.safe_load((ROOT / SOURCE).read_text(encoding="utf-8"))
    data["title"] = TITLE
    data["description"] = DESCRIPTION
    technical = next(variant for variant in data["variants"] if variant["id"] == "technical")
    technical["answer"]["action"] += f" {SENTENCE}"
    item = next(item for item in data["quiz"] if item["type"] in QUIZ_KINDS)
    item["prompt"] += f" {SENTENCE}"
    item["options"][0]["text"] += f" {SENTENCE}"
    item["options"][0]["why"] += f" {SENTENCE}"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    # The planted walkthrough alone: every kind of page, and a build that does not grow with the content.
    result = build_variant(tmp_path_factory.mktemp("text-safety"), {**seed_only(), SOURCE: planted()})
    assert result.ok, result.output  # the planted text keeps the data valid and the story rules passing
    return result


@pytest.fixture(scope="module")
def pages(built) -> dict[str, BeautifulSoup]:
    """Every built HTML page, parsed, by its path in the site."""
    return {
        path.relative_to(built.site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(built.site.rglob("*.html"))
    }


def own_pages(pages) -> dict[str, BeautifulSoup]:
    """The planted walkthrough's generated pages, by kind."""
    return {kind: pages[page_url(kind, SLUG) + "index.html"] for kind in PAGE_KINDS}


# --- Every page ------------------------------------------------------------------------------------


def test_no_page_runs_or_parses_the_planted_html(pages):
    assert {"index.html", "practice/index.html", *(page_url(kind, SLUG) + "index.html" for kind in PAGE_KINDS)} <= set(pages)
    for path, soup in pages.items():
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()], f"{path}: the title ran as a script"
        assert not soup.find_all("string"), f"{path}: List<String> was read as an element"


def test_no_page_shows_text_escaped_twice(pages):
    """No text a reader sees, and no attribute, holds an entity once parsed: it was escaped twice.
    Code is HTML source on purpose (the embed snippets, checked below); <style> is CSS (below too)."""
    for path, soup in pages.items():
        for text in soup.find_all(string=ENTITIES):
            if not text.find_parent(["code", "style"]):
                assert False, f"{path}: <{text.parent.name}> shows {text.strip()[:120]!r}"
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                assert not ENTITIES.search(value), f"{path}: <{element.name} {name}> is {value[:120]!r}"


def test_the_title_shows_as_written_wherever_it_appears(pages):
    """Any text or attribute that names the walkthrough names all of it, as written (not cut at a `<`)."""
    found = 0
    for path, soup in pages.items():
        for text in soup.find_all(string=re.compile("Act now")):
            if text.find_parent(["code", "style"]):
                continue
            found += 1
            assert TITLE in text, f"{path}: <{text.parent.name}> shows {text.strip()[:120]!r}"
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if isinstance(value, str) and "Act now" in value:
                    found += 1
                    assert TITLE in value, f"{path}: <{element.name} {name}> is {value[:120]!r}"
    assert found > len(pages), "the title appears on every page's navigation, at least"


def test_the_walkthroughs_pages_name_it_in_title_h1_and_navigation(pages):
    for kind, soup in own_pages(pages).items():
        assert TITLE in soup.title.get_text(), f"{kind}: <title> is {soup.title.get_text()!r}"
        # The side-by-side page's heading names the view, not the walkthrough.
        if kind != "compare":
            assert heading(soup).endswith(TITLE), f"{kind}: h1 is {heading(soup)!r}"
    guide = own_pages(pages)["guide"]
    assert heading(guide) == TITLE
    assert TITLE in [normal(label.get_text()) for label in guide.select(".md-nav__title")]
    assert TITLE in [normal(link.get_text()) for link in pages["index.html"].select("a")]


def test_the_footer_names_the_neighbouring_page_as_written(pages):
    """Material puts the previous and next page's title in an aria-label (overrides/partials/footer.html)."""
    labels = [link["aria-label"] for soup in pages.values() for link in soup.select("a.md-footer__link")]
    assert any(label.endswith(f": {TITLE}") for label in labels), labels


def test_the_printed_margin_names_it_as_written(pages):
    """The page margin's title, a CSS string in the head's <style> (overrides/partials/sg-print.html)."""
    for kind in ("guide", "quiz", "cheat-sheet"):
        style = next(s.get_text() for s in own_pages(pages)[kind].head.find_all("style") if "--sg-print-title" in s.get_text())
        value = re.search(r"--sg-print-title:\s*(\"(?:\\.|[^\"\\])*\")", style)[1]
        assert css_string(value) == TITLE, f"{kind}: {value}"


def test_the_answer_and_quiz_text_show_as_written(pages):
    mine = own_pages(pages)
    for kind in ("guide", "compare", "embed-variants", "quiz", "embed-quiz"):
        assert SENTENCE in normal(mine[kind].get_text()), f"{kind} does not show the sentence as written"
    description = mine["guide"].find("meta", attrs={"name": "description"})["content"]
    assert description == DESCRIPTION


def test_the_embed_snippets_are_html_that_names_it_as_written(pages):
    """The guide shows the <iframe> to paste into an LMS: as HTML source, its title attribute is the text."""
    snippets = [code.get_text() for code in own_pages(pages)["guide"].select(".sg-embed__code code")]
    assert snippets
    for snippet in snippets:
        iframe = BeautifulSoup(snippet, "html.parser").iframe
        assert iframe["title"].endswith(f": {TITLE}"), snippet


# --- Search index -----------------------------------------------------------------------------------


def test_the_search_index_holds_html_that_shows_it_as_written(built):
    """Material's search inserts an entry's title and text as HTML: parsed, they show the text as written."""
    docs = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        for field in ("title", "text"):
            parsed = BeautifulSoup(doc[field], "html.parser").find_all(["script", "string"])
            assert not parsed, f"{doc['location']}: the {field} holds {parsed}"
    titles = {doc["location"]: html_text(doc["title"]) for doc in docs}
    assert titles[page_url("guide", SLUG)] == TITLE
    assert any(SENTENCE in html_text(doc["text"]) for doc in docs), "the technical answer is not searchable as written"


# --- Exports -----------------------------------------------------------------------------------------


def export(built, kind: str) -> Path:
    return built.site / export_uri(SLUG, kind)


def test_the_json_export_carries_the_text_as_written(built):
    data = json.loads(export(built, "json").read_text(encoding="utf-8"))
    assert data["title"] == TITLE
    technical = next(variant for variant in data["variants"] if variant["id"] == "technical")
    assert technical["answer"]["action"].endswith(SENTENCE)
    assert data["description"] == DESCRIPTION


def qti_texts(root: ET.Element) -> list[tuple[str, str]]:
    """Every mattext of a QTI file: (texttype, the text an LMS shows)."""
    out = []
    for mattext in root.iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}mattext"):
        text = mattext.text or ""
        out.append((mattext.get("texttype"), html_text(text) if mattext.get("texttype") == "text/html" else normal(text)))
    return out


def test_the_qti_export_parses_and_its_text_is_the_original(built):
    raw = export(built, "qti.xml").read_bytes()
    root = ET.fromstring(raw)  # a real XML parser: the file is well-formed
    assessment = root.find("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}assessment")
    assert assessment.get("title") == f"{TITLE}: self-check quiz"
    texts = qti_texts(root)
    for texttype in ("text/html", "text/plain"):
        assert any(SENTENCE in text for kind, text in texts if kind == texttype), f"no {texttype} text with the sentence"
    # HTML text for an LMS that renders it carries no markup of ours but its paragraphs and lists.
    for mattext in root.iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}mattext"):
        if mattext.get("texttype") == "text/html":
            names = {tag.name for tag in BeautifulSoup(mattext.text or "", "html.parser").find_all(True)}
            assert names <= {"p", "blockquote", "ul", "li"}, names
    with zipfile.ZipFile(export(built, "qti.zip")) as package:
        assert package.read(export(built, "qti.xml").name) == raw


def test_the_gift_export_escapes_it_as_gift_requires(built):
    """GIFT questions here are [html]: `<` and `>` as entities, and GIFT's own specials backslashed
    (tests/test_exports.py parses whole files). A comment line holds any text."""
    text = export(built, "gift.txt").read_text(encoding="utf-8")
    assert text.startswith(f"// {TITLE}: self-check quiz")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    assert html.escape(SENTENCE, quote=False) in body
    assert "List<String>" not in body and "a < b" not in body and "<script" not in body
