"""The principles catalog as pages: principles/ (every principle in a table, and a question-bank
handout when printed) and principles/<slug>/ (one principle: what it means, what interviewers listen
for, red flags, its questions with their probes, and where to practise it).

Site-level pages, one set for the whole site rather than one per walkthrough: `principle_pages` gives
them by docs/ path, in navigation order, and the data hook adds them (macros/site.py). The catalog as
data, exports/principles.json, is in .export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.anchors import PRINCIPLE_ANCHORS
from ..core.jinja import render
from ..core.pages import page_source
from ..core.principles import Principle, PrincipleCatalog
from ..core.schema import Walkthrough
from ..core.text import table_cell
from ..core.urls import MOCK_INTERVIEW, PRACTICE_INDEX, PRINCIPLES_INDEX, PRINCIPLES_JSON, PRINCIPLES_SCHEMA, principle_uri
from ..practice.rules import Rule, RuleSet

STYLES = ("styles", ["principles"])  # docs/assets/sg/principles.css, on these pages only
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s|$)", re.S)


def in_a_line(summary: str) -> str:
    """What a principle tests, in a line: the first sentence of its summary."""
    found = _FIRST_SENTENCE.match(summary.strip())
    return " ".join((found.group(0) if found else summary).split())


@dataclass(frozen=True)
class Entry:
    """One principle with what the site has on it: the walkthroughs that practise it and the story
    rules the checker applies to a story on it (beyond the rules for every story)."""

    principle: Principle
    walkthroughs: list[Walkthrough]
    rules: list[Rule]


def entries(catalog: PrincipleCatalog, walkthroughs: dict[str, Walkthrough], rules: RuleSet) -> list[Entry]:
    return [
        Entry(
            p,
            [w for w in walkthroughs.values() if w.principle == p.name],
            [r for r in rules.rules if p.name in r.principles],
        )
        for p in catalog.principles
    ]


def index_page(catalog: PrincipleCatalog, items: list[Entry]) -> str:
    return render(
        "principles/index.md.j2",
        framework=catalog.framework,
        items=items,
        here=PRINCIPLES_INDEX,
        principle_uri=principle_uri,
        in_a_line=in_a_line,
        cell=table_cell,
        export=PRINCIPLES_JSON,
        schema=PRINCIPLES_SCHEMA,
        questions=sum(len(p.questions) for p in catalog.principles),
    )


def principle_page(catalog: PrincipleCatalog, item: Entry, walkthroughs: dict[str, Walkthrough]) -> str:
    return render(
        "principles/page.md.j2",
        framework=catalog.framework,
        p=item.principle,
        mine=item.walkthroughs,
        rules=item.rules,
        walkthroughs=walkthroughs,
        headings=PRINCIPLE_ANCHORS,
        here=principle_uri(item.principle.slug),
        index=PRINCIPLES_INDEX,
        practice=PRACTICE_INDEX,
        mock=MOCK_INTERVIEW,
    )


def page_uris(catalog: PrincipleCatalog) -> list[str]:
    """The catalog's pages by docs/ path, in navigation order: the index, then each principle in the
    catalog's order (the data's, not the alphabet's)."""
    return [PRINCIPLES_INDEX, *(principle_uri(p.slug) for p in catalog.principles)]


def principle_pages(catalog: PrincipleCatalog, walkthroughs: dict[str, Walkthrough], rules: RuleSet) -> dict[str, str]:
    """Every page of the catalog by its docs/ path, in navigation order (page_uris). `walkthroughs`
    are the published ones: a draft is neither listed nor linked."""
    items = entries(catalog, walkthroughs, rules)
    count = len(catalog.principles)
    pages = {
        PRINCIPLES_INDEX: page_source(
            index_page(catalog, items),
            catalog.framework,
            f"All {count} {catalog.framework}: what each one tests, its typical interview questions with "
            "follow-up probes, and the walkthroughs that practise it.",
            catalog.framework,
            meta=(STYLES,),
        )
    }
    for item in items:
        p = item.principle
        pages[principle_uri(p.slug)] = page_source(
            principle_page(catalog, item, walkthroughs),
            p.name,
            f"{p.name} in a behavioral interview: what it means, what interviewers listen for, red flags, "
            f"and {len(p.questions)} typical questions with follow-up probes.",
            f"{p.name}: {catalog.framework}",
            meta=(STYLES,),
        )
    return pages
