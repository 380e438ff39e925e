"""The two-page cheat sheet of a walkthrough: what to say, in what time, and what never to say.

The page prints on at most two pages of A4 or US Letter (docs/assets/sg/print.css lays it out);
`scripts/make_pdf.py` renders it to the PDFs named here, and the page links them.
"""

from __future__ import annotations

import math
import posixpath
import statistics
from collections import Counter
from dataclasses import dataclass

from .models import Section, Walkthrough
from .pages import page_uri
from .render import environment, format_seconds, render
from .validate import speaking_seconds

# Paper sizes of the PDFs: file-name suffix -> (Playwright's format name, label for readers).
PAPER_SIZES = {"a4": ("A4", "A4"), "letter": ("Letter", "US Letter")}

# Derived times are rounded up to this many seconds: a cheat sheet gives a target, not a stopwatch.
ROUND_TO_SECONDS = 5


def pdf_path(slug: str, size: str) -> str:
    """Where a cheat sheet's PDF lives in the built site: stable, so links and bookmarks keep working."""
    return f"walkthroughs/{slug}/cheat-sheet-{size}.pdf"


def page_url(slug: str) -> str:
    """The cheat sheet's URL path in the online site (directory URLs: cheat-sheet.md -> cheat-sheet/)."""
    return page_uri("cheatsheet", slug).removesuffix(".md") + "/"


def pdf_href(slug: str, size: str, built_url: str) -> str:
    """The link from the page, built at `built_url`, to a PDF: relative, so it holds under any base
    path, and from the page's own URL, whose form follows use_directory_urls (cheat-sheet/ online,
    cheat-sheet.html in the offline copy)."""
    directory = built_url if built_url.endswith("/") else posixpath.dirname(built_url) + "/"
    return posixpath.relpath(pdf_path(slug, size), directory)


@dataclass(frozen=True)
class SectionTime:
    """One row of the skeleton: a section, its time and whether that time is a budget or derived."""

    section: Section
    seconds: int
    is_budget: bool


def section_times(walkthrough: Walkthrough) -> list[SectionTime]:
    """The data's budget where a section has one; otherwise the median time the five model answers
    spend on that section, rounded up: what a strong answer actually takes, not an invented share."""
    rows = []
    for section in walkthrough.sections:
        if section.budget_seconds is not None:
            rows.append(SectionTime(section, section.budget_seconds, True))
            continue
        spoken = [speaking_seconds(getattr(v.answer, section.id), walkthrough.timing.pace_wpm) for v in walkthrough.variants]
        typical = math.ceil(statistics.median(spoken) / ROUND_TO_SECONDS) * ROUND_TO_SECONDS
        rows.append(SectionTime(section, typical, False))
    return rows


def answer_limit(walkthrough: Walkthrough) -> str:
    """The whole-answer budget in words: the usual limit, then the variants that differ from it."""
    totals = walkthrough.timing.total_seconds
    usual, _ = Counter(totals.values()).most_common(1)[0]
    exceptions = [
        f"{variant.label} {format_seconds(totals[variant.id])}"
        for variant in walkthrough.variants
        if variant.id in totals and totals[variant.id] != usual
    ]
    return format_seconds(usual) + (f" ({', '.join(exceptions)})" if exceptions else "")


def cheatsheet_page(walkthrough: Walkthrough) -> str:
    # macros/__init__.py names the URL MkDocs builds this page at; outside a build, the online one.
    here = environment().globals.get("built_url") or page_url(walkthrough.slug)
    downloads = [
        (label, pdf_href(walkthrough.slug, size, here), f"{walkthrough.slug}-cheat-sheet-{size}.pdf")
        for size, (_, label) in PAPER_SIZES.items()
    ]
    return render(
        "cheatsheet.md.j2",
        w=walkthrough,
        times=section_times(walkthrough),
        answer_limit=answer_limit(walkthrough),
        downloads=downloads,
        signals=[p for p in walkthrough.key_phrases if p.effect == "signal"],
        sinks=[p for p in walkthrough.key_phrases if p.effect == "sink"],
    )
