"""Project sites live under /<repo>/ on GitHub Pages: build as the Pages workflow does (SITE_URL from
configure-pages, then the PDFs), serve the site only under that prefix, and check every link, then
load every page in Chromium and expect no request to fail.

With the seed as the only walkthrough (support.seed_only): the prefix reaches pages through the
templates and the URL helpers, the same for every walkthrough, and the run's own site checks every
walkthrough's links (test_linkcheck.py)."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from macros.core.urls import page_url
from support import ROOT, SEED, PageWatcher, build_env, build_variant, chromium_path, parse, seed_only
from support.browser import longest_word, search, swept, wait_until_widgets_bound
from support.linkcheck import check_site

# One worker takes the whole module, so its copy of the project is built once.
pytestmark = pytest.mark.xdist_group("subpath")

PREFIX = "/star-study-guide/"


class PrefixHandler(SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the files under PREFIX, 404.html (status 404) for the rest."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            local = Path(self.translate_path("/" + path[len(PREFIX):]))
            if local.is_file() or (local / "index.html").is_file():
                self.path = "/" + self.path[len(PREFIX):]
                return super().send_head()
        page = Path(self.directory) / "404.html"
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """(site dir, base URL): a copy of the project built for and served under PREFIX."""
    scratch = tmp_path_factory.mktemp("subpath")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PrefixHandler, directory=str(scratch / "site")))
    # As actions/configure-pages gives it: no final slash (MkDocs adds it).
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}".removesuffix("/")
    env = dict(build_env(), SITE_URL=base, SG_CHROMIUM=chromium_path())
    built = build_variant(scratch, seed_only(), env=env)
    assert built.ok, built.output
    site = built.site
    pdfs = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--no-page-limit",
                           "--project", str(built.project), str(site)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert pdfs.returncode == 0, pdfs.stdout + pdfs.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, base + "/"
    server.shutdown()


def page_urls(site: Path, base: str) -> list[str]:
    """The pages a browser visits (support.browser.swept: on this seed-only site, every page but the
    principles' pages other than PRINCIPLE_PAGES)."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    return [base + path for path in swept([path.removesuffix("index.html") for path in paths])]


def test_site_url_carries_the_prefix(hosted):
    site, base = hosted
    canonical = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}">' in canonical
    assert f"<loc>{base}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_embed_snippets_carry_the_prefix(hosted):
    """The iframe an instructor pastes from a guide page points under the prefix too."""
    site, base = hosted
    guide = parse(site / "walkthroughs" / SEED / "index.html")
    snippets = [BeautifulSoup(code.get_text(), "html.parser").iframe for code in guide.select("details.sg-embed .sg-embed__code code")]
    assert [iframe["src"] for iframe in snippets] == [
        base + page_url(f"embed-{view}", SEED) for view in ("comparisons", "variants", "quiz")
    ]


def test_every_link_resolves_under_the_prefix(hosted):
    site, _ = hosted
    broken = check_site(site, base_path=PREFIX)
    assert not broken, "\n".join(map(str, broken))


def test_the_server_only_answers_under_the_prefix(hosted):
    """Guards the tests below: a link that escaped the prefix would really 404 here."""
    import urllib.error
    import urllib.request

    _, base = hosted
    root = base.removesuffix(PREFIX) + "/"
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(root + "assets/sg/sg.js")
    assert outside.value.code == 404
    with urllib.request.urlopen(base + "assets/sg/sg.js") as inside:
        assert inside.status == 200


@pytest.fixture
def tab(browser, hosted):
    """A fresh Chromium tab, watched (support.PageWatcher): no uncaught error, no "sg:" console error,
    and no request to another host."""
    _, base = hosted
    context = browser.new_context()
    tab = context.new_page()
    watcher = PageWatcher(tab, allowed=(base.removesuffix(PREFIX) + "/",))
    yield tab
    context.close()
    watcher.assert_clean()


@pytest.fixture
def failed_requests(tab):
    """failed_requests() -> the list, filled as `tab` browses, of its requests that failed: HTTP
    errors of anything a page loads (one outside the prefix gets the 404 page), and network errors."""

    def watch() -> list[str]:
        failures = []

        def on_response(response):
            # A page's own status is the test's to check (goto returns it); the 404 page is a 404.
            if response.status >= 400 and not response.request.is_navigation_request():
                failures.append(f"{response.status} {response.url} (from {tab.url})")

        def on_failed(request):
            # ERR_ABORTED is the browser dropping a load when the test moves on to the next page.
            if request.failure != "net::ERR_ABORTED":
                failures.append(f"{request.failure} {request.url} (from {tab.url})")

        tab.on("response", on_response)
        tab.on("requestfailed", on_failed)
        return failures

    return watch


@pytest.mark.browser
def test_every_page_loads_under_the_prefix_without_a_failed_request(hosted, tab, failed_requests):
    site, base = hosted
    failures = failed_requests()
    urls = page_urls(site, base)
    assert base in urls and len(urls) > 1
    for url in urls:
        response = tab.goto(url)
        assert response.status == 200, url
        wait_until_widgets_bound(tab)  # their modules load after the page
    # What every page fetches once it is idle (the sitemap, the search index): loaded in full once.
    tab.wait_for_load_state("networkidle")
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_instant_navigation_and_search_work_under_the_prefix(hosted, tab, failed_requests, walkthrough):
    _, base = hosted
    failures = failed_requests()
    tab.goto(base, wait_until="networkidle")
    # Instant navigation rewrites the links it will handle to absolute URLs (from sitemap.xml): only
    # with the prefix in site_url do they stay inside the site.
    link = tab.locator(f'.sg-list a[href$="{page_url("guide", walkthrough.slug)}"]').first
    assert link.get_attribute("href") == f"{base}walkthroughs/{walkthrough.slug}/"
    link.click()
    tab.wait_for_url(f"{base}walkthroughs/{walkthrough.slug}/")
    expect(tab.locator("article h1")).to_contain_text(walkthrough.title)  # the URL changes first
    # Search loads its index from the prefix too.
    search(tab, longest_word(walkthrough.title))
    result = tab.locator(f'.md-search-result__item a[href^="{base}walkthroughs/{walkthrough.slug}/"]')
    expect(result.first).to_be_attached()
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_the_404_page_works_from_any_depth(hosted, tab, failed_requests):
    """GitHub Pages serves 404.html for any missing path: its links must not depend on the URL."""
    _, base = hosted
    failures = failed_requests()
    response = tab.goto(base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert not failures, "\n".join(failures)
    tab.click("a.md-header__button.md-logo")
    tab.wait_for_url(base)
    assert not failures, "\n".join(failures)

