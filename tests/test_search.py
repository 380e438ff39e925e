"""Search finds each text once, on the page that is its home: a quiz question on its quiz page, a model
answer on its guide page, a bank question on its principle's page. The pages that repeat them (the
guide page's quiz, the review queue, the side-by-side page, the mock interview's bank) stay out of
the index, which every fresh page load downloads and indexes in the reader's browser."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup

from macros.core.ids import SECTION_IDS, VARIANT_IDS
from macros.core.principles import load_principles
from macros.core.urls import page_url, principle_uri, url_path
from support import ROOT, WALKTHROUGHS, normal

QUESTION_NUMBER = re.compile(r"Question \d+ of \d+\.")
EXCLUDED_BLOCKS = ".//*[@data-search-exclude][not(self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6)]"


def found_on(search_docs, url: str) -> str:
    """The text search finds on the page at `url`, every section of it, as a reader reads it."""
    entries = [doc for doc in search_docs if doc["location"].split("#")[0] == url]
    assert entries, f"{url} is not in the search index"
    return normal(" ".join(BeautifulSoup(doc["title"] + " " + doc["text"], "html.parser").get_text(" ")
                           for doc in entries))


def only_out_of_search(page: Path) -> set[str]:
    """The texts a built page shows only inside blocks marked `data-search-exclude` (headings aside:
    theirs is a section's exclusion, which every other test here checks)."""
    article = lxml.html.fromstring(page.read_bytes()).find(".//article")
    blocks = article.xpath(EXCLUDED_BLOCKS)
    inside = {normal(piece) for block in blocks for piece in block.itertext()}
    rest = copy.deepcopy(article)
    for block in rest.xpath(EXCLUDED_BLOCKS):
        block.drop_tree()  # a block inside one already dropped leaves that detached copy, harmlessly
    shown_elsewhere = normal(rest.text_content())
    # Short pieces ("Start", "0:00") say nothing about where they came from.
    return {piece for piece in inside if len(piece) >= 12 and piece not in shown_elsewhere}


def test_blocks_marked_out_of_search_stay_out_of_it(site, search_docs):
    """Material's search parser ends a block's exclusion at its first nested element of the same tag
    (a <div> in the <div>): what follows it would leak into the index."""
    checked = set()
    for url in sorted({doc["location"].split("#")[0] for doc in search_docs}):
        pieces = only_out_of_search(site / url / "index.html")
        found = found_on(search_docs, url)
        leaked = sorted(piece for piece in pieces if piece in found)
        assert not leaked, f"search indexes what {url or 'the landing page'} marks out of it: {leaked}"
        checked |= {(url, piece) for piece in pieces}
    # The widgets' own labels are among what was checked.
    for url, label in (("practice/mock/", "Save my scores"), ("practice/review/", "Walkthroughs to cram")):
        assert (url, label) in checked, f"{label!r} on {url} was not checked"


def test_quiz_questions_are_found_on_their_quiz_page_only(search_docs, walkthrough):
    slug, total = walkthrough.slug, len(walkthrough.quiz)
    on_quiz_page = found_on(search_docs, page_url("quiz", slug))
    assert all(f"Question {n} of {total}." in on_quiz_page for n in range(1, total + 1))
    # Never the score bar or the print-only key, which are not read on screen: a hit would point at nothing.
    for hidden in ("Reset the quiz", "Answer key", "0 answered"):
        assert hidden not in on_quiz_page, f"search indexes {hidden!r}"
    for repeats in (page_url("guide", slug), "practice/review/"):
        assert not QUESTION_NUMBER.search(found_on(search_docs, repeats)), f"{repeats} repeats the quiz in search"


def test_model_answers_are_found_on_the_guide_page_not_the_side_by_side_page(search_docs, built_page, walkthrough):
    guide, compare = page_url("guide", walkthrough.slug), page_url("compare", walkthrough.slug)
    parts = [normal(p.get_text(" ")) for p in built_page(compare).select(".sg-side__text")]
    assert len(parts) == len(VARIANT_IDS) * len(SECTION_IDS), "each variant's text of each section"
    on_guide, on_compare = found_on(search_docs, guide), found_on(search_docs, compare)
    for part in parts:
        assert part in on_guide, f"not found on the guide page: {part[:60]}"
        assert part not in on_compare, f"found again on the side-by-side page: {part[:60]}"
    # The side-by-side page itself is still found, by its title and what it shows.
    assert "Variants side by side" in on_compare and "Where the time goes" in on_compare


def test_bank_questions_are_found_on_their_principle_page_not_the_mock_interview(search_docs):
    on_mock = found_on(search_docs, "practice/mock/")
    assert "Mock interview" in on_mock and "The question bank" in on_mock
    for principle in load_principles(ROOT, set(WALKTHROUGHS)).principles:
        on_principle_page = found_on(search_docs, url_path(principle_uri(principle.slug)))
        for question in principle.questions:
            asked = normal(html.unescape(question.text))
            assert asked in on_principle_page, question.id
            assert asked not in on_mock, f"the mock interview's bank repeats {question.id} in search"
