"""The offline copy (`make offline`): the zip, unzipped and opened from file:// in Chromium. Pages,
search and widgets work, every request the browser makes stays on file://, and two runs give the
same bytes."""

from __future__ import annotations

import re
import sys
import zipfile

import pytest
from playwright.sync_api import expect

from macros.core.urls import page_uri, page_url
from support import ROOT, SEED, PageWatcher, run_make_offline
from support.browser import longest_word, search, swept, wait_until_widgets_bound
from support.linkcheck import check_site

sys.path.insert(0, str(ROOT / "scripts"))
from make_offline import external_fetches, offline_targets, write_zip  # noqa: E402

# One worker takes the whole module: it unzips the run's zip once (and makes another to compare).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("offline")]


@pytest.fixture(scope="module")
def offline(tmp_path_factory, offline_zip):
    """(the zip, the folder it was unzipped to), made from the checkout with the real site's PDFs."""
    unzipped = tmp_path_factory.mktemp("offline") / "unzipped"
    with zipfile.ZipFile(offline_zip) as opened:
        opened.extractall(unzipped)
    return offline_zip, unzipped


@pytest.fixture
def tab(browser):
    """A fresh tab, watched: no uncaught error, no "sg:" error from the loader, no request off file://."""
    context = browser.new_context()
    tab = context.new_page()
    watcher = PageWatcher(tab, allowed=("file://",))
    yield tab
    context.close()
    watcher.assert_clean()


def offline_page(kind: str, slug: str) -> str:
    """Where a generated page is in the offline copy: MkDocs without directory URLs (x.md -> x.html)."""
    return page_uri(kind, slug).removesuffix(".md") + ".html"


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


def test_the_zip_writer_ignores_file_dates(tmp_path):
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


def test_two_runs_give_the_same_zip(offline, site, tmp_path):
    """`make offline` run again (another build, another temporary folder, seconds later) writes the
    same bytes: a course can check that an upload is the release it names."""
    first, _ = offline
    second = tmp_path / "again.zip"
    assert not (problem := run_make_offline(site, second)), problem
    if first.read_bytes() != second.read_bytes():
        differing = differing_entries(first, second)
        raise AssertionError(f"the two zips differ; entries that differ in content, date or presence: {len(differing)}, such as {differing[:5]}")


def differing_entries(one, two) -> list[str]:
    left, right = zipfile.ZipFile(one), zipfile.ZipFile(two)
    names = sorted(set(left.namelist()) | set(right.namelist()))
    return [name for name in names if name not in right.namelist() or name not in left.namelist()
            or left.read(name) != right.read(name) or left.getinfo(name).date_time != right.getinfo(name).date_time]


def test_navigation_and_search_work_from_file(offline, tab, walkthrough):
    _, unzipped = offline
    tab.goto((unzipped / "index.html").as_uri())
    guide = offline_page("guide", walkthrough.slug)
    tab.locator(f'.sg-list a[href="{guide}"]').first.click()
    tab.wait_for_url((unzipped / guide).as_uri())
    expect(tab.locator("article h1")).to_contain_text(walkthrough.title)
    # Search runs from the inlined index (search/search_index.js) in the iframe-worker shim.
    search(tab, longest_word(walkthrough.title))
    expect(tab.locator(f'.md-search-result__item a[href*="{page_url("guide", walkthrough.slug)}"]').first).to_be_attached()


def test_every_widget_starts_from_file(offline, tab):
    """Module scripts are refused on file://; the classic bundle starts every widget of every page."""
    _, unzipped = offline
    pages = swept([path.relative_to(unzipped).as_posix() for path in sorted(unzipped.rglob("*.html"))
                   if 'data-sg-module="' in path.read_text(encoding="utf-8")])
    assert {"index.html", "practice/index.html", offline_page("quiz", SEED)} <= set(pages), pages
    modules = set()
    for path in pages:
        tab.goto((unzipped / path).as_uri())
        wait_until_widgets_bound(tab)
        modules |= set(tab.eval_on_selector_all("[data-sg-module]", "els => els.map(e => e.dataset.sgModule)"))
    assert modules >= {"quiz", "practice", "embed", "print", "quiz-progress", "embed-frame", "mock", "review", "stories"}, modules


def test_the_embed_view_reports_its_height_from_file(offline, tab, tmp_path, walkthrough):
    """embed-frame starts only in a frame (the sweep above cannot see it): framed, the view marks
    itself and posts its height."""
    _, unzipped = offline
    lesson = tmp_path / "lesson.html"
    lesson.write_text(
        '<!doctype html><title>Lesson</title><script>window.heights = [];'
        ' addEventListener("message", (event) => window.heights.push(event.data.height));</script>'
        f'<iframe src="{(unzipped / offline_page("embed-quiz", walkthrough.slug)).as_uri()}" title="quiz"></iframe>',
        encoding="utf-8",
    )
    tab.goto(lesson.as_uri())
    expect(tab.frame_locator("iframe").locator("html[data-sg-embed-frame]")).to_have_count(1)
    tab.wait_for_function("() => window.heights.length > 0 && window.heights.at(-1) > 300")


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


def test_the_practice_modes_work_from_file(offline, tab, walkthrough):
    """A quiz item missed from file:// is due in the review queue; a mock session starts with its timer;
    the story bank saves a story. Each module starts from the classic bundle."""
    _, unzipped = offline
    item = next(item for item in walkthrough.quiz if item.type == "single")
    wrong = next(i for i in range(len(item.options)) if i not in item.answer)
    tab.goto((unzipped / offline_page("quiz", walkthrough.slug)).as_uri())
    form = tab.locator(f"#quiz-{item.id}")
    form.locator(".sg-quiz__fieldset input").nth(wrong).check()
    form.locator(".sg-quiz__check").click()
    expect(form.locator(".sg-quiz__result")).to_contain_text("Not quite")

    tab.goto((unzipped / "practice" / "review.html").as_uri())
    expect(tab.locator(".sg-review__due a")).to_have_count(1)
    expect(tab.locator(f"#review-{walkthrough.slug}-{item.id}")).to_be_visible()

    tab.goto((unzipped / "practice" / "mock.html").as_uri())
    tab.get_by_role("button", name="Start").click()
    expect(tab.get_by_role("timer")).to_have_text("0:20 left")

    tab.goto((unzipped / "practice" / "stories.html").as_uri())
    tab.fill("#sg-story-title", "Offline story")
    tab.get_by_role("button", name="Save the story").click()
    expect(tab.locator(".sg-stories__list > li")).to_have_count(1)
    tab.goto((unzipped / "index.html").as_uri())
    expect(tab.locator("[data-sg-progress=review]")).to_have_text("1 due")
