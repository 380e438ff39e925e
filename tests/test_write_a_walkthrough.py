"""The "Write a walkthrough" page (docs/contribute/write-a-walkthrough.md): in the navigation, linked
from the README, and showing the build's messages as the validator really words them.
"""

from __future__ import annotations

import re
import shutil

import pytest

from support import ROOT
from macros.core.problems import DataError
from macros.site import load_site

URL = "contribute/write-a-walkthrough/"
SEED = "act-without-approval"
SOURCE = (ROOT / "data" / "walkthroughs" / f"{SEED}.yml").read_text(encoding="utf-8")

# Edits of the seed walkthrough, each giving one of the messages the page explains.
EDITS = {
    "principle: required field is missing": lambda t: t.replace("\nprinciple: Bias for Action\n", "\n"),
    "sumary: unknown field (a typo?)": lambda t: t.replace("\nsummary:", "\nsumary:", 1),
    "sections[0].budget_seconds: Input should be a valid integer (got str)": lambda t: t.replace("budget_seconds: 45", "budget_seconds: soon"),
    "sections[0].id: Input should be 'situation', 'task', 'action', 'result' or 'reflection'": lambda t: t.replace("  - id: situation\n", "  - id: setting\n", 1),
    "description: String should have at most 160 characters": lambda t: t.replace("probes and a quiz.", "probes and a quiz. " + "More words. " * 6, 1),
    "principle: 'Bias For Speed' is not a principle of data/principles.yml": lambda t: t.replace("principle: Bias for Action", "principle: Bias For Speed"),
    "variants[0].answer.situation: Situation takes 32 s at 150 words a minute; its budget is 10 s": lambda t: t.replace("budget_seconds: 45", "budget_seconds: 10"),
    "quiz[12].options[0].link: links to '#variants-senior', a model-answer tab, which the build cannot check: link '#variants' instead":
        lambda t: t.replace("link: variants\n", "link: variants-senior\n", 1),
    "red_flags[1].id: duplicate red flag id 'sent-a-message'": lambda t: t.replace("- id: they-fixed-it", "- id: sent-a-message", 1),
}


def problems_after(tmp_path, edit) -> list[str]:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "walkthroughs" / f"{SEED}.yml").write_text(edit(SOURCE), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(tmp_path)
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


@pytest.fixture(scope="module")
def page_text(built_page) -> str:
    return " ".join(built_page(URL).select_one("article").get_text(" ").split())


@pytest.mark.parametrize("message", EDITS)
def test_the_page_shows_the_validators_own_words(tmp_path, page_text, message):
    produced = problems_after(tmp_path, EDITS[message])
    assert any(p.startswith(message) for p in produced), produced
    assert message in page_text, f"the page does not show: {message}"


def test_the_page_is_in_the_navigation_after_the_guide_itself(built_page):
    nav = built_page("").select(".md-nav--primary > .md-nav__list > .md-nav__item")
    labels = [" ".join(item.select_one("a, label").get_text(" ").split()) for item in nav]
    assert labels[-1] == "Contribute", labels
    assert built_page("").select_one(f".md-nav--primary a[href='{URL}']"), "the home page does not link the page"
    page = built_page(URL)
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Write a walkthrough"
    assert {h["id"] for h in page.select("h2[id]")} >= {"import", "fill-in", "preview", "publish", "quiz", "messages"}


def test_the_readme_links_the_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add a walkthrough", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\]\(([^)]+)\)", section)
    assert "docs/contribute/write-a-walkthrough.md" in links
    assert (ROOT / "docs" / "contribute" / "write-a-walkthrough.md").is_file()
    assert "make import SRC=" in section
