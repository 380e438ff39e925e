"""The offline copy (`make offline`): the zip, unzipped and opened from file:// in Chromium. Pages,
search and widgets work, and every request the browser makes stays on file://."""

from __future__ import annotations

import re
import sys
import zipfile
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from support import ROOT, WALKTHROUGHS
from linkcheck import check_site
from macros.core.urls import page_uri
from test_subpath import longest_word, search

sys.path.insert(0, str(ROOT / "scripts"))
from make_offline import external_fetches, make_offline, offline_targets, write_zip  # noqa: E402

# One worker takes the whole module, so the zip is built once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("offline")]


@pytest.fixture(scope="module")
def offline(tmp_path_factory, site):
    """(the zip, the folder it was unzipped to), made from the checkout with the real site's PDFs."""
    scratch = tmp_path_factory.mktemp("offline")
    made = make_offline(ROOT, scratch / "offline.zip", pdfs_from=site)
    unzipped = scratch / "unzipped"
    with zipfile.ZipFile(made["output"]) as archive:
        archive.extractall(unzipped)
    return made["output"], unzipped


@pytest.fixture
def tab(browser):
    """A fresh tab whose every request is recorded, and aborted unless it is for a file://."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requested, tab.errors = [], []

    def on_page_error(error):
        # Ours only: Material's bundle has its own complaints on pages without its header (embeds).
        if "/assets/sg/" in (error.stack or ""):
            tab.errors.append(error.stack)

    def only_files(route):
        route.continue_() if route.request.url.startswith("file://") else route.abort()

    context.route("**/*", only_files)
    tab.on("request", lambda request: tab.requested.append(request.url))
    # The loaders report a missing or failing widget as a console error starting "sg:".
    tab.on("console", lambda message: message.text.startswith("sg:") and tab.errors.append(message.text))
    tab.on("pageerror", on_page_error)
    yield tab
    context.close()


def offline_page(kind: str, slug: str) -> str:
    """Where a generated page is in the offline copy: MkDocs without directory URLs (x.md -> x.html)."""
    return page_uri(kind, slug).removesuffix(".md") + ".html"


def not_files(urls: list[str]) -> list[str]:
    # data: URLs are inline (Material's icons), not requests to anywhere.
    return [url for url in urls if urlsplit(url).scheme not in ("file", "data")]


def test_the_zip_opens_at_index_html_and_carries_what_file_needs(offline):
    archive, _ = offline
    names = set(zipfile.ZipFile(archive).namelist())
    shim, loader = offline_targets(ROOT)
    assert {"index.html", "search/search_index.js", shim, loader} <= names
    assert "404.html" not in names and not [name for name in names if name.endswith(".map")]


def test_the_zip_carries_every_pdf_the_online_site_has(offline, site):
    archive, _ = offline
    pdfs = {path.relative_to(site).as_posix() for path in site.rglob("*.pdf")}
    assert pdfs and pdfs <= set(zipfile.ZipFile(archive).namelist())


def test_every_link_of_the_offline_copy_resolves(offline):
    _, unzipped = offline
    pdf_links = [href for page in unzipped.rglob("*.html")
                 for href in re.findall(r'href="([^"]+\.pdf)"', page.read_text(encoding="utf-8"))]
    assert pdf_links, "the cheat sheets link their PDFs: the check below covers them"
    broken = check_site(unzipped)
    assert not broken, "\n".join(map(str, broken))


def test_no_page_of_the_offline_copy_loads_from_another_host(offline):
    _, unzipped = offline
    assert external_fetches(unzipped) == []


def test_the_host_check_catches_what_the_offline_plugin_would_add(tmp_path):
    """Guards make_offline's own check: a remote script is caught; a canonical link or an <a> is not."""
    (tmp_path / "page.html").write_text(
        '<link rel="canonical" href="https://example.org/x/"><a href="https://example.org/">x</a>'
        '<script src="https://unpkg.com/iframe-worker/shim"></script>', encoding="utf-8")
    assert external_fetches(tmp_path) == ["page.html: https://unpkg.com/iframe-worker/shim"]


def test_the_zip_is_reproducible(tmp_path):
    """Same files, same bytes: file dates (which differ on every build) do not leak into the zip."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "page.html").write_text("<p>hello</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    write_zip(site, tmp_path / "one.zip")
    for path in site.rglob("*.html"):
        path.touch()
    write_zip(site, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_navigation_and_search_work_from_file(offline, tab, walkthrough):
    _, unzipped = offline
    tab.goto((unzipped / "index.html").as_uri())
    guide = offline_page("guide", walkthrough.slug)
    tab.locator(f'.sg-list a[href="{guide}"]').first.click()
    tab.wait_for_url((unzipped / guide).as_uri())
    expect(tab.locator("article h1")).to_contain_text(walkthrough.title)
    # Search runs from the inlined index (search/search_index.js) in the iframe-worker shim.
    search(tab, longest_word(walkthrough.title))
    expect(tab.locator(f'.md-search-result__item a[href*="walkthroughs/{walkthrough.slug}/"]').first).to_be_attached()
    assert tab.requested and not not_files(tab.requested), not_files(tab.requested)
    assert not tab.errors, tab.errors


def test_every_page_starts_its_widgets_from_file(offline, tab):
    """Module scripts are refused on file://; the classic bundle starts every widget without an error."""
    _, unzipped = offline
    pages = [path for path in sorted(unzipped.rglob("*.html"))
             if 'data-sg-module="' in path.read_text(encoding="utf-8")]
    assert pages
    for path in pages:
        tab.goto(path.as_uri())
        tab.wait_for_load_state("load")
    assert not tab.errors, tab.errors
    assert not not_files(tab.requested), not_files(tab.requested)


def test_the_quiz_grades_an_answer_from_file(offline, tab, walkthrough):
    _, unzipped = offline
    tab.goto((unzipped / offline_page("quiz", walkthrough.slug)).as_uri())
    quiz = tab.locator(".sg-quiz[data-sg-bound]")
    expect(quiz).to_have_count(1)
    form = quiz.locator("form[data-sg-answer]").first
    for index in form.get_attribute("data-sg-answer").split():
        form.locator(".sg-quiz__fieldset input").nth(int(index)).check()
    form.locator(".sg-quiz__actions button").first.click()
    expect(form.locator(".sg-quiz__result")).to_have_text("✓ Correct.")
    expect(quiz.locator(".sg-quiz__status")).to_contain_text("✓ Correct.")  # announced, too
    assert not tab.errors, tab.errors


def test_the_practice_modes_work_from_file(offline, tab):
    """A quiz item missed from file:// is due in the review queue; a mock session starts with its timer;
    the story bank saves a story. Each module starts from the classic bundle."""
    _, unzipped = offline
    first = next(iter(WALKTHROUGHS.values()))
    item = next(item for item in first.quiz if item.type == "single")
    wrong = next(i for i in range(len(item.options)) if i not in item.answer)
    tab.goto((unzipped / offline_page("quiz", first.slug)).as_uri())
    form = tab.locator(f"#quiz-{item.id}")
    form.locator(".sg-quiz__fieldset input").nth(wrong).check()
    form.locator(".sg-quiz__check").click()
    expect(form.locator(".sg-quiz__result")).to_contain_text("Not quite")

    tab.goto((unzipped / "practice" / "review.html").as_uri())
    expect(tab.locator(".sg-review__due a")).to_have_count(1)
    expect(tab.locator(f"#review-{first.slug}-{item.id}")).to_be_visible()

    tab.goto((unzipped / "practice" / "mock.html").as_uri())
    tab.get_by_role("button", name="Start").click()
    expect(tab.get_by_role("timer")).to_have_text("0:20 left")

    tab.goto((unzipped / "practice" / "stories.html").as_uri())
    tab.fill("#sg-story-title", "Offline story")
    tab.get_by_role("button", name="Save the story").click()
    expect(tab.locator(".sg-stories__list > li")).to_have_count(1)
    tab.goto((unzipped / "index.html").as_uri())
    expect(tab.locator("[data-sg-progress=review]")).to_have_text("1 due")
    assert not tab.errors, tab.errors
    assert not not_files(tab.requested), not_files(tab.requested)
