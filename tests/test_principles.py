"""The principles catalog as built: principles/ and each principles/<slug>/ page, the landing page's
walkthroughs by principle, each guide page's link to its principle, search, and exports/principles.json
validated against its committed JSON Schema. Everything is checked from data/principles.yml, so a new
principle or question is covered without a new test.
"""

from __future__ import annotations

import copy
import html
import json

import jsonschema
import pytest

from support import ROOT, WALKTHROUGHS, copy_project, normal
from macros.core.anchors import PRINCIPLE_ANCHORS
from macros.core.principles import load_principles, read_principles
from macros.core.problems import DataError
from macros.core.rubric import load_kit
from macros.core.urls import page_url, principle_uri, url_path
from macros.principles import in_a_line
from macros.practice.rules import read_rules
from macros.principles.export import SCHEMA_FILE, principles_export
from macros.site import load_site

CATALOG = load_principles(ROOT, set(WALKTHROUGHS))
RULES = read_rules(ROOT, load_kit(ROOT), set(CATALOG.names))[0]
PRINCIPLES = CATALOG.principles
INDEX = "principles/"


def text(element) -> str:
    """An element's text as read, without the permalink marks (¶)."""
    return " ".join(element.get_text(" ").replace("¶", " ").split())


def walkthroughs_of(principle) -> list:
    return [w for w in WALKTHROUGHS.values() if w.principle == principle.name]


def principle_url(principle) -> str:
    return url_path(principle_uri(principle.slug))


def heading_section(heading) -> list:
    """The elements after a heading, up to the next heading of the same or a higher level."""
    level, found = int(heading.name[1]), []
    for element in heading.find_next_siblings():
        if element.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        found.append(element)
    return found


# --- principles/ ------------------------------------------------------------------------------------


def test_the_index_lists_every_principle_with_what_it_tests_its_questions_and_walkthroughs(built_page):
    soup = built_page(INDEX)
    assert text(soup.select_one("article h1")) == CATALOG.framework
    rows = soup.select("article .sg-principles table tbody tr")
    assert len(rows) == len(PRINCIPLES) == 16
    for row, principle in zip(rows, PRINCIPLES):
        name, line, count, walkthroughs = row.select("td")
        assert text(name) == principle.name and name.a["href"] == f"{principle.slug}/"
        assert text(line) == normal(in_a_line(principle.summary)) and principle.summary.startswith(text(line))
        assert text(count) == str(len(principle.questions))
        mine = walkthroughs_of(principle)
        assert [(text(a), a["href"]) for a in walkthroughs.select("a")] == [
            (normal(w.title), f"../walkthroughs/{w.slug}/") for w in mine
        ]
        if not mine:
            assert text(walkthroughs) == "None yet"
    assert any(walkthroughs_of(p) for p in PRINCIPLES) and not all(walkthroughs_of(p) for p in PRINCIPLES), (
        "the data no longer has principles both with and without walkthroughs: both cells are checked"
    )


def test_the_index_links_the_export_and_its_schema(built_page):
    links = {a["href"] for a in built_page(INDEX).select("article a[href]")}
    assert {"../exports/principles.json", "../exports/principles.schema.json"} <= links


def test_the_question_bank_is_on_the_index_for_paper_only(built_page):
    """Every question and probe, in the catalog's order, in a block that principles.css hides on
    screens and search leaves out (the principle pages have the same questions, found once)."""
    soup = built_page(INDEX)
    bank = soup.select_one("article .sg-principles__bank")
    assert bank is not None and bank.has_attr("data-search-exclude")
    entries = bank.select(".sg-principles__bank-entry")
    assert [text(entry.h3) for entry in entries] == [p.name for p in PRINCIPLES]
    for entry, principle in zip(entries, PRINCIPLES):
        items = entry.select(":scope > ol > li")
        assert len(items) == len(principle.questions)
        for item, question in zip(items, principle.questions):
            assert text(item).startswith(normal(question.text))
            assert [text(li) for li in item.select("ul > li")] == [normal(p) for p in question.probes]
    assert not bank.select("[id]"), "the bank's headings would join the page's table of contents"


# --- principles/<slug>/ ------------------------------------------------------------------------------


@pytest.mark.parametrize("principle", PRINCIPLES, ids=[p.slug for p in PRINCIPLES])
def test_each_principle_page_explains_it_and_lists_its_questions_with_probes(built_page, principle):
    soup = built_page(principle_url(principle))
    article = soup.select_one("article")
    assert text(article.h1) == principle.name
    assert normal(principle.summary) in text(article)
    assert soup.select_one('meta[name="description"]')["content"].startswith(principle.name)
    for anchor, items in (("listen-for", principle.listen_for), ("red-flags", principle.red_flags)):
        heading = article.select_one(f"h2#{anchor}")
        assert heading and text(heading) == PRINCIPLE_ANCHORS[anchor]
        listed = [text(li) for element in heading_section(heading) if element.name == "ul" for li in element.select("li")]
        assert listed == [normal(item) for item in items], anchor
    headings = article.select("h3.sg-principle__question")
    assert [h["id"] for h in headings] == [q.id for q in principle.questions]
    for heading, question in zip(headings, principle.questions):
        assert text(heading) == normal(question.text)
        after = heading_section(heading)
        probes = [text(li) for element in after if element.name == "ul" for li in element.select("li")]
        assert probes == [normal(p) for p in question.probes], question.id
        walked = [a["href"] for element in after for a in element.select("a[href]")]
        assert walked == ([f"../../walkthroughs/{question.walkthrough}/"] if question.walkthrough else []), question.id


@pytest.mark.parametrize("principle", PRINCIPLES, ids=[p.slug for p in PRINCIPLES])
def test_each_principle_page_says_where_to_practise_it(built_page, principle):
    soup = built_page(principle_url(principle))
    heading = soup.select_one("article h2#practise")
    assert heading and text(heading) == PRINCIPLE_ANCHORS["practise"]
    section = heading_section(heading)
    links = {a["href"] for element in section for a in element.select("a[href]")}
    mine = walkthroughs_of(principle)
    if mine:
        for w in mine:
            assert {f"../../walkthroughs/{w.slug}/", f"../../walkthroughs/{w.slug}/quiz/",
                    f"../../walkthroughs/{w.slug}/cheat-sheet/"} <= links
        assert "../../practice/" in links, "the checker is not linked"
        said = " ".join(text(element) for element in section)
        rules = [r for r in RULES.rules if principle.name in r.principles]
        for rule in rules:
            assert normal(rule.label) in said and normal(rule.explain) in said, rule.id
    else:
        assert f"No walkthrough covers {principle.name} yet" in " ".join(text(e) for e in section)
        assert "../../practice/" not in links, "the checker has no question on this principle to choose"
    assert "../../practice/mock/" in links, "the mock interview, which asks every principle's questions, is not linked"


def test_the_navigation_lists_the_principles_in_the_catalogs_order(built_page):
    nav = built_page(INDEX).select_one("nav.md-nav--primary")
    section = next(item for item in nav.select("li.md-nav__item--nested") if item.select_one("a[href='./']"))
    hrefs = [a["href"] for a in section.select(":scope > nav > ul > li > a.md-nav__link")]
    assert hrefs == [f"{p.slug}/" for p in PRINCIPLES]
    # navigation.prune: a walkthrough's pages carry no principle pages, and the reverse.
    assert not built_page(page_url("guide", next(iter(WALKTHROUGHS)))).select(f"nav a[href$='principles/{PRINCIPLES[0].slug}/']")


# --- The landing page and the guide pages ----------------------------------------------------------


@pytest.mark.parametrize("page, level", [("", "h3"), ("walkthroughs/", "h2")])
def test_walkthroughs_are_listed_under_their_principle(built_page, page, level):
    listing = built_page(page).select_one("article .sg-list")
    headings = listing.select(level)
    grouped = [p for p in PRINCIPLES if walkthroughs_of(p)]
    assert [h["id"] for h in headings] == [p.slug for p in grouped]
    prefix = "../" if page else ""
    for heading, principle in zip(headings, grouped):
        assert heading.a["href"] == f"{prefix}principles/{principle.slug}/" and text(heading.a) == principle.name
        listed = [a["href"] for a in heading.find_next_sibling("ul").select("li > strong > a")]
        assert listed == [f"{'' if page else 'walkthroughs/'}{w.slug}/" for w in walkthroughs_of(principle)]


def test_the_landing_page_links_the_catalog_and_says_once_that_the_stories_are_illustrative(built_page):
    article = built_page("").select_one("article")
    assert article.select_one("a[href='principles/']")
    assert text(article).lower().count("illustrative") == 1


def test_each_guide_page_links_its_principle(built_page, walkthrough):
    line = built_page(page_url("guide", walkthrough.slug)).select_one(".sg-question__principle")
    principle = CATALOG.by_name(walkthrough.principle)
    assert text(line) == f"{walkthrough.framework} · {walkthrough.principle}"
    assert line.select_one("a")["href"] == f"../../principles/{principle.slug}/"


# --- Search ---------------------------------------------------------------------------------------


def test_search_finds_every_question_once_at_its_anchor(search_docs):
    """Each question is a heading of its principle's page, so Material's search lists it as its own
    result and takes the reader to it; the index page's paper-only bank adds no second hit."""
    by_location = {doc["location"]: doc for doc in search_docs}
    for principle in PRINCIPLES:
        for question in principle.questions:
            doc = by_location.get(f"{principle_url(principle)}#{question.id}")
            assert doc, f"no search entry for {question.id}"
            assert normal(html.unescape(doc["title"])) == normal(question.text)
            assert all(normal(p) in normal(html.unescape(doc["text"])) for p in question.probes), question.id
            hits = [d["location"] for d in search_docs if normal(question.text) in normal(html.unescape(d["title"] + " " + d["text"]))]
            in_catalog = [h for h in hits if h.startswith(INDEX)]
            assert in_catalog and all(h.startswith(principle_url(principle)) for h in in_catalog), hits


# --- exports/principles.json ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(committed)
    return committed


@pytest.fixture(scope="module")
def export(site) -> dict:
    return json.loads((site / "exports" / "principles.json").read_text(encoding="utf-8"))


def test_the_published_schema_is_the_committed_one(site):
    assert (site / "exports" / "principles.schema.json").read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")


def test_the_export_validates_against_the_committed_schema(export, schema):
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(export)


def test_the_export_is_the_catalog_in_the_promised_shape(export):
    assert set(export) == {"framework", "principles"} and export["framework"] == CATALOG.framework
    assert len(export["principles"]) == 16
    for entry, principle in zip(export["principles"], PRINCIPLES, strict=True):
        assert set(entry) == {"slug", "name", "summary", "listen_for", "red_flags", "questions"}
        assert (entry["slug"], entry["name"], entry["summary"]) == (principle.slug, principle.name, principle.summary)
        assert entry["listen_for"] == principle.listen_for and entry["red_flags"] == principle.red_flags
        assert len(entry["questions"]) >= 3
        for item, question in zip(entry["questions"], principle.questions, strict=True):
            assert item == {"id": question.id, "text": question.text, "probes": question.probes}
            assert item["probes"]
    assert export == json.loads(json.dumps(principles_export(CATALOG)))


def _broken(export: dict, edit) -> dict:
    changed = copy.deepcopy(export)
    edit(changed)
    return changed


BREAKS = {
    "a question without probes": lambda e: e["principles"][0]["questions"][0].pop("probes"),
    "a question with no probe": lambda e: e["principles"][0]["questions"][0].update(probes=[]),
    "an unknown field": lambda e: e["principles"][1].update(walkthroughs=[]),
    "a question's walkthrough": lambda e: e["principles"][0]["questions"][0].update(walkthrough="x"),
    "two questions": lambda e: e["principles"][2].update(questions=e["principles"][2]["questions"][:2]),
    "a blank summary": lambda e: e["principles"][3].update(summary="  "),
    "a slug with spaces": lambda e: e["principles"][4].update(slug="Dive Deep"),
    "no framework": lambda e: e.pop("framework"),
}


@pytest.mark.parametrize("what", BREAKS)
def test_the_schema_rejects_an_export_of_another_shape(export, schema, what):
    """The validation above can fail: each of these departures from the promised shape is caught."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(_broken(export, BREAKS[what]))


# --- Bad data -------------------------------------------------------------------------------------------


def test_a_question_id_that_is_an_anchor_of_its_page_is_reported_at_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "principles.yml"
    source = path.read_text(encoding="utf-8")
    anchor = next(iter(PRINCIPLE_ANCHORS))
    old = f"id: {PRINCIPLES[0].questions[1].id}\n"
    assert source.count(old) == 1
    path.write_text(source.replace(old, f"id: {anchor}\n"), encoding="utf-8")
    line = source[: source.index(old)].count("\n") + 1
    catalog, problems = read_principles(project, set(WALKTHROUGHS))
    assert catalog is None
    assert [str(p) for p in problems] == [
        f"data/principles.yml:{line}: principles[0].questions[1].id: '{anchor}' is an anchor its principle's page "
        f"already has ({', '.join([PRINCIPLES[0].slug, *PRINCIPLE_ANCHORS])})"
    ]


def test_a_walkthrough_cannot_take_the_slug_of_the_principles_export(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = project / "data" / "walkthroughs"
    seed = next(iter(WALKTHROUGHS))
    source = (folder / f"{seed}.yml").read_text(encoding="utf-8")
    assert source.count(f"\nslug: {seed}\n") == 1
    (folder / "principles.yml").write_text(source.replace(f"\nslug: {seed}\n", "\nslug: principles\n"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_site(project)
    line = source[: source.index(f"\nslug: {seed}\n") + 1].count("\n") + 1
    assert f"data/walkthroughs/principles.yml:{line}: slug: 'principles' is taken: its export would overwrite " \
           "exports/principles.json, the principles catalog's" in [str(p) for p in raised.value.problems]
