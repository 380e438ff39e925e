"""The cheat-sheet PDFs (scripts/make_pdf.py, run by the `site` fixture), read back with poppler.

Each walkthrough, each paper size: at most two pages, none empty, every block whole on one page,
every STAR(+R) section, follow-up and number of the story on paper, and the margin naming the
walkthrough and the page's address.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from support import ROOT, SEED, build_env, build_variant, chromium_path, seed_only
from macros.cheat_sheet import PAPER_SIZES, pdf_path, placeholder_pdf
from macros.core.catalog import load_catalog
from macros.core.urls import page_url
from support.pdf import body_texts, contains, margin_texts, normal, pdf_info, shown

# How pdfinfo names each paper size in its "Page size" line.
POPPLER_PAPER = {"a4": "(A4)", "letter": "(letter)"}


@pytest.fixture(params=list(PAPER_SIZES))
def size(request) -> str:
    return request.param


def text_of(element) -> str:
    """An element's text without the permalink marks (¶) that print.css hides on paper."""
    return "".join(
        str(string) for string in element.find_all(string=True)
        if not any("headerlink" in parent.get("class", []) for parent in string.parents if parent is not element)
    )


def sheet(site, walkthrough, size):
    return site / pdf_path(walkthrough.slug, size)


def address(page, walkthrough) -> str:
    """The cheat sheet's published address, as its page declares it."""
    return page(page_url("cheat-sheet", walkthrough.slug)).select_one('link[rel="canonical"]')["href"]


def body_pages(site, walkthrough, size) -> list[str]:
    """Each page's body text (not its margin), normalised."""
    return [normal(text) for text in body_texts(sheet(site, walkthrough, size))]


def test_fits_on_at_most_two_pages_of_its_paper(site, walkthrough, size):
    info = pdf_info(sheet(site, walkthrough, size))
    assert 1 <= int(info["Pages"]) <= 2, f"{walkthrough.slug} {size}: {info['Pages']} pages"
    assert POPPLER_PAPER[size] in info["Page size"], info["Page size"]


def test_no_page_is_empty(site, walkthrough, size):
    for number, text in enumerate(body_pages(site, walkthrough, size), start=1):
        assert len(text) > 200, f"page {number} of the {size} sheet holds almost nothing: {text!r}"


def test_every_section_follow_up_and_number_is_on_paper(site, walkthrough, size):
    text = " ".join(body_pages(site, walkthrough, size))
    missing = [item for item in required_items(walkthrough) if not contains(text, shown(item))]
    assert not missing, f"not in the {size} PDF: {missing}"


def test_every_section_shows_its_time(built_page, walkthrough):
    """The data's budget where there is one, otherwise a derived time in whole 5-second steps."""
    rows = built_page(page_url("cheat-sheet", walkthrough.slug)).select(".sg-cheat-sheet__block--skeleton tbody tr")
    times = {normal(row.th.get_text()): normal(row.select_one("td").get_text()) for row in rows}
    assert set(times) == {section.name for section in walkthrough.sections}, times
    for section in walkthrough.sections:
        if section.budget_seconds is not None:
            assert times[section.name] == f"≤ {section.budget_seconds} s"
        else:
            match = re.fullmatch(r"≈ (\d+) s", times[section.name])
            assert match and int(match[1]) > 0 and int(match[1]) % 5 == 0, times[section.name]


def test_no_block_is_split_across_pages(site, built_page, walkthrough, size):
    """Each block of the sheet (a heading and what it holds) is read on one sheet of paper."""
    pages = body_pages(site, walkthrough, size)
    blocks = built_page(page_url("cheat-sheet", walkthrough.slug)).select(".sg-cheat-sheet__block")
    assert len(blocks) >= 5
    for block in blocks:
        pieces = [normal(text_of(element)) for element in block.select("h2, h3, p, li, th, td")]
        heading = pieces[0]
        on = [number for number, text in enumerate(pages, start=1) if contains(text, heading)]
        assert on, f"block {heading!r} is not in the {size} PDF"
        split = [piece for piece in pieces[1:] if piece and not contains(pages[on[0] - 1], piece)]
        assert not split, f"block {heading!r} starts on page {on[0]} of the {size} PDF but not all of it is there: {split}"


def test_margin_names_the_walkthrough_and_the_page_address(site, built_page, walkthrough, size):
    where = address(built_page, walkthrough)
    assert where.endswith("/" + page_url("cheat-sheet", walkthrough.slug)), where
    texts = margin_texts(sheet(site, walkthrough, size))
    for number, text in enumerate(texts, start=1):
        assert normal(walkthrough.title) in normal(text), f"page {number}: no title in the margin: {text!r}"
        assert normal(where) in normal(text), f"page {number}: no address in the margin: {text!r}"
        assert re.search(rf"(?<!\d){number}\s*/\s*{len(texts)}(?!\d)", text), f"page {number}: no page number"


def test_a_build_alone_serves_stand_ins_that_say_how_to_make_the_pdfs(walkthrough, tmp_path):
    """What `mkdocs build` and `mkdocs serve` write at each PDF's address until `make pdf` runs."""
    for size in PAPER_SIZES:
        pdf = tmp_path / f"{size}.pdf"
        pdf.write_bytes(placeholder_pdf(walkthrough, size))
        info = pdf_info(pdf)
        assert info["Pages"] == "1" and POPPLER_PAPER[size] in info["Page size"]
        text = normal(" ".join(body_texts(pdf)))
        assert normal(walkthrough.title) in text and normal('"make pdf"') in text


def test_the_cheat_sheet_links_both_pdfs(site, built_page, walkthrough):
    links = built_page(page_url("cheat-sheet", walkthrough.slug)).select(".sg-cheat-sheet__downloads a[href][download]")
    targets = {(site / page_url("cheat-sheet", walkthrough.slug) / link["href"]).resolve() for link in links}
    expected = {(site / pdf_path(walkthrough.slug, size)).resolve() for size in PAPER_SIZES}
    assert targets == expected
    for target in targets:
        assert target.read_bytes().startswith(b"%PDF-"), target


def required_items(walkthrough) -> list[str]:
    """What a cheat sheet must never cut, however long the data."""
    items = [section.name for section in walkthrough.sections]
    items += [section.must_show for section in walkthrough.sections]
    items += [probe.question for probe in walkthrough.follow_ups]
    items += [probe.strong.line for probe in walkthrough.follow_ups]
    items += [fact.label for fact in walkthrough.story.facts]
    items += [fact.value for fact in walkthrough.story.facts]
    items += [flag.text for flag in walkthrough.red_flags]
    items += [phrase.phrase for phrase in walkthrough.key_phrases]
    return items + [part for variant in walkthrough.variants for part in (variant.stresses, variant.drops)]


def longer(source: str, copies: dict[str, int], slug: str | None = None) -> str:
    """A walkthrough's YAML with each list named in `copies` repeated that many more times, each copy
    with its own id and text (" (variation n)"), under another slug if given."""
    data = yaml.safe_load(source)
    data["slug"] = slug or data["slug"]
    keys = {"follow_ups": "question", "red_flags": "text", "key_phrases": "phrase"}
    for field, count in copies.items():
        data[field] += [
            {**item, "id": f"{item['id']}-{n}", keys[field]: f"{item[keys[field]]} (variation {n})"}
            for n in range(1, count + 1) for item in data[field]
        ]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


LONG = SEED  # three times the follow-ups, twice the red flags and phrases: the denser layout fits
FAR_TOO_LONG = "far-too-long"  # a copy of the seed with eight times the lists: nothing fits


@pytest.fixture(scope="module")
def long_sheets(tmp_path_factory):
    """A project of two walkthroughs that outgrow the designed sheet (one far beyond two pages), built,
    and `make pdf`'s script run on it as `make pdf` runs it: (the build, the script's result). The
    other walkthroughs are left out: make_pdf.py prints every one, and they would add only time."""
    files = {
        **seed_only(),
        f"data/walkthroughs/{LONG}.yml": longer(
            (ROOT / f"data/walkthroughs/{LONG}.yml").read_text(encoding="utf-8"),
            {"follow_ups": 2, "red_flags": 1, "key_phrases": 1}),
        f"data/walkthroughs/{FAR_TOO_LONG}.yml": longer(
            (ROOT / f"data/walkthroughs/{SEED}.yml").read_text(encoding="utf-8"),
            {"follow_ups": 7, "red_flags": 7, "key_phrases": 7}, slug=FAR_TOO_LONG),
    }
    built = build_variant(tmp_path_factory.mktemp("long-sheets"), files)
    assert built.ok, built.output
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--project", str(built.project), str(built.site)],
        env=dict(build_env(), SG_CHROMIUM=chromium_path()), capture_output=True, text=True, timeout=600,
    )
    return built, made


@pytest.mark.xdist_group("long-sheets")
def test_data_too_long_for_two_pages_cuts_presentation_not_content(long_sheets):
    """The designed layout runs over two pages, so make_pdf.py prints the denser one, which still
    holds every required item."""
    built, made = long_sheets
    long_walkthrough = load_catalog(built.project)[LONG]
    for size in PAPER_SIZES:
        assert f"{pdf_path(LONG, size)}: " in made.stdout and "layout sg-cheat-sheet--dense" in next(
            line for line in made.stdout.splitlines() if pdf_path(LONG, size) in line), made.stdout
        pdf = built.site / pdf_path(LONG, size)
        assert int(pdf_info(pdf)["Pages"]) <= 2
        text = " ".join(normal(page) for page in body_texts(pdf))
        missing = [item for item in required_items(long_walkthrough) if not contains(text, shown(item))]
        assert not missing, f"the dense {size} sheet cut: {missing}"


@pytest.mark.xdist_group("long-sheets")
def test_make_pdf_fails_when_a_sheet_cannot_fit_on_two_pages(long_sheets):
    """Without --no-page-limit (as `make pdf` runs it) a sheet over two pages, even dense, fails the
    command, naming each such PDF and its pages; the sheets that fit are not named."""
    built, made = long_sheets
    assert made.returncode == 1, f"{made.stdout}\n{made.stderr}"
    errors = [line for line in made.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(PAPER_SIZES), made.stderr
    for size, error in zip(PAPER_SIZES, errors):
        pages = int(pdf_info(built.site / pdf_path(FAR_TOO_LONG, size))["Pages"])
        assert pages > 2
        assert error == f"error: {built.site / pdf_path(FAR_TOO_LONG, size)} has {pages} pages; a cheat sheet fits on 2"
