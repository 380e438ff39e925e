"""The two-page cheat sheet of a walkthrough: what to say, in what time, and what never to say.

The page prints on at most two pages of A4 or US Letter (docs/assets/sg/print.css lays it out);
`scripts/make_pdf.py` renders it to the PDFs named here, and the page links them. Every build writes
a one-page stand-in at each PDF's address (`placeholder_pdfs`), which `make pdf` replaces: so the
links resolve, and MkDocs checks and rewrites them, in any build, `mkdocs serve` included.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from ..core.jinja import render
from ..core.pages import PageSpec, RenderContext
from ..core.schema import Section, Walkthrough
from ..core.timing import format_seconds, speaking_seconds
from ..core.urls import page_uri, relative_link

# Paper sizes of the PDFs: file-name suffix -> (Playwright's format name, label for readers).
PAPER_SIZES = {"a4": ("A4", "A4"), "letter": ("Letter", "US Letter")}

# Derived times are rounded up to this many seconds: a cheat sheet gives a target, not a stopwatch.
ROUND_TO_SECONDS = 5


def pdf_path(slug: str, size: str) -> str:
    """Where a cheat sheet's PDF lives in the built site, beside its page: stable, so links and bookmarks
    keep working."""
    return page_uri("cheat-sheet", slug).removesuffix(".md") + f"-{size}.pdf"


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


def cheat_sheet_page(walkthrough: Walkthrough, context: RenderContext) -> str:
    here = page_uri("cheat-sheet", walkthrough.slug)
    downloads = [
        (label, relative_link(here, pdf_path(walkthrough.slug, size)), f"{walkthrough.slug}-cheat-sheet-{size}.pdf")
        for size, (_, label) in PAPER_SIZES.items()
    ]
    return render(
        "cheat_sheet/page.md.j2",
        w=walkthrough,
        times=section_times(walkthrough),
        answer_limit=answer_limit(walkthrough),
        downloads=downloads,
        signals=[p for p in walkthrough.key_phrases if p.effect == "signal"],
        sinks=[p for p in walkthrough.key_phrases if p.effect == "sink"],
    )


# Paper sizes in PDF points, for the stand-ins.
POINTS = {"a4": (595, 842), "letter": (612, 792)}


def placeholder_pdf(walkthrough: Walkthrough, size: str) -> bytes:
    """A one-page PDF saying how to get the real one: what a build serves until `make pdf` runs."""
    lines = [
        f"Cheat sheet: {walkthrough.title}",
        'This PDF is made by "make pdf" (scripts/make_pdf.py), which prints the',
        "cheat-sheet page with headless Chromium. Until then, print that page",
        "from your browser: it fits on two pages.",
    ]
    width, height = POINTS[size]

    def pdf_string(text: str) -> bytes:  # the font is WinAnsi-encoded (cp1252); \ ( ) are escaped
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252", "replace") + b")"

    text = b" T* ".join(pdf_string(line) + b" Tj" for line in lines)
    stream = b"BT /F1 12 Tf 16 TL 56 %d Td %s ET" % (height - 72, text)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def placeholder_pdfs(catalog: dict[str, Walkthrough]) -> dict[str, bytes]:
    """Every cheat-sheet PDF's site path and its stand-in, for the build to write."""
    return {
        pdf_path(slug, size): placeholder_pdf(walkthrough, size)
        for slug, walkthrough in catalog.items()
        for size in PAPER_SIZES
    }


PAGE = PageSpec(
    "cheat-sheet", cheat_sheet_page, "A two-page printable cheat sheet for: {w.question}",
    meta=(("styles", ["walkthrough", "cheat-sheet"]),),
)
