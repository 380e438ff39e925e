"""Read PDFs as a reader's tools do, with poppler-utils (pdfinfo, pdftotext, pdftoppm).

`make test` provisions poppler (scripts/find-poppler); when a tool is missing the test fails
saying how to install it, never skips.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.core.text import md_inline


def _poppler(tool: str, *args: str) -> bytes:
    if shutil.which(tool) is None:
        pytest.fail(
            f"{tool} (poppler-utils) is missing: run `make test`, which installs it (scripts/find-poppler), "
            "or install poppler-utils yourself.",
            pytrace=False,
        )
    return subprocess.run([tool, *args], check=True, capture_output=True, timeout=60).stdout


def pdf_info(path: Path) -> dict[str, str]:
    text = _poppler("pdfinfo", str(path)).decode()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in text.splitlines())}


# The page-margin boxes (print.css: 15 mm page margins, text centred in them) print within 10 mm of
# the paper's top and bottom edges; the body never does. pdftotext crops in points at its default 72 dpi.
MARGIN_BAND_PT = 28


def page_size(path: Path) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(path)["Page size"])
    return float(match[1]), float(match[2])


def _text(path: Path, page: int, top: float, height: float) -> str:
    width, _ = page_size(path)
    crop = ("-x", "0", "-y", str(int(top)), "-W", str(int(width) + 1), "-H", str(int(height)))
    return _poppler("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), *crop, str(path), "-").decode()


def body_texts(path: Path) -> list[str]:
    """The text of each page's body, without what prints in the page margin."""
    _, height = page_size(path)
    pages = int(pdf_info(path)["Pages"])
    return [_text(path, n, MARGIN_BAND_PT, height - 2 * MARGIN_BAND_PT) for n in range(1, pages + 1)]


def margin_texts(path: Path) -> list[str]:
    """The text each page prints in its top and bottom margins."""
    _, height = page_size(path)
    pages = int(pdf_info(path)["Pages"])
    return [
        _text(path, n, 0, MARGIN_BAND_PT) + "\n" + _text(path, n, height - MARGIN_BAND_PT, MARGIN_BAND_PT + 1)
        for n in range(1, pages + 1)
    ]


def all_text(path: Path) -> str:
    """Every page's text, margins included, as pdftotext reads the file."""
    return _poppler("pdftotext", "-enc", "UTF-8", str(path), "-").decode()


def whole_text(path: Path) -> str:
    """The body text of every page, in order: what a reader of the paper reads."""
    return " ".join(body_texts(path))


PGM_HEADER = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+255\s")


def gray_pages(path: Path, dpi: int = 72) -> list[bytes]:
    """Every page rendered to 8-bit grey levels (0 black, 255 white), from one run of pdftoppm
    writing PGM: the pages' pixels, in page order."""
    pgm = _poppler("pdftoppm", "-gray", "-r", str(dpi), str(path))
    pages, offset = [], 0
    while offset < len(pgm):
        match = PGM_HEADER.match(pgm, offset)
        assert match, "pdftoppm did not write 8-bit PGMs"
        width, height = int(match[1]), int(match[2])
        pages.append(pgm[match.end(): match.end() + width * height])
        offset = match.end() + width * height
    return pages


def normal(text: str) -> str:
    """Text compared as a reader sees it: whitespace collapsed, and hyphens dropped, since pdftotext
    joins a word broken after a hyphen at a line end without it ("follow-through" -> "followthrough")."""
    return " ".join(re.sub(r"-\s*", "", text).split())


def shown(data_text: str) -> str:
    """A data field as the page shows it: its inline Markdown rendered, markup dropped."""
    return normal(BeautifulSoup(md_inline(data_text), "html.parser").get_text())


def contains(page_text: str, expected: str) -> bool:
    """Whether a page reads `expected` (both normalised). pdftotext may interleave the lines of table
    cells that sit side by side, so a cell's words may come in order with a neighbour's words between
    them: accepted when they all fall within three times the cell's own length."""
    if expected in page_text:
        return True
    wanted, words = expected.split(), page_text.split()
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        found, window = 1, words[start + 1: start + 3 * len(wanted)]
        for candidate in window:
            if found < len(wanted) and candidate == wanted[found]:
                found += 1
        if found == len(wanted):
            return True
    return False

