"""What tests share: paths, the project's walkthroughs, one site factory, a server, the browser, and a
page watcher. Tests import from here; no test imports another test file, and conftest.py holds only
fixtures and hooks.
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.projects import PROJECT_FILES, build_env, copy_project  # noqa: E402,F401  (one list of what a build reads)
from macros.site import load_site  # noqa: E402

sys.path.append(str(ROOT / "scripts"))  # last: scripts/bench.py is not the bench/ package
from make_pdf import found_chromium  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# The published walkthroughs as the build renders them: each quiz complete (hand-written, then derived).
WALKTHROUGHS = load_site(ROOT).published
# The seed walkthrough: browser tests cover its full page set (a browser test's `walkthrough`: tests/conftest.py).
SEED = "act-without-approval"


def mkdocs_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A strict build of `project` into `site`, as `make build` runs it; the caller checks the result."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        env=env or build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass
class Built:
    """A project variant and what building it gave."""

    project: Path
    site: Path
    result: subprocess.CompletedProcess

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    def page(self, url_path: str) -> BeautifulSoup:
        """The parsed HTML of one built page ("walkthroughs/x/", "" for the home page)."""
        target = self.site / url_path
        return parse(target / "index.html" if url_path.endswith("/") or not url_path else target)


def build_variant(folder: Path, files: dict[str, str | bytes | None] | None = None, *extra: str,
                  env: dict | None = None) -> Built:
    """The site factory: a copy of the project in `folder`, with `files` written over it (a path
    relative to the project: its new text or bytes, or None to delete it), built strictly."""
    project = write_files(copy_project(folder / "project"), files or {})
    site = folder / "site"
    return Built(project, site, mkdocs_build(project, site, *extra, env=env))


def seed_only() -> dict[str, str | None]:
    """`files` for build_variant that leave the seed as the only walkthrough: the others' files deleted
    and the principles catalog's questions no longer naming them. For a test of what does not depend
    on the number of walkthroughs, so that its build does not grow with the content."""
    return only_walkthroughs(SEED)


def only_walkthroughs(*kept: str) -> dict[str, str | None]:
    """`files` for build_variant that leave only the walkthroughs `kept` (seed_only, for more than one)."""
    others = [slug for slug in WALKTHROUGHS if slug not in kept]
    principles = (ROOT / "data" / "principles.yml").read_text(encoding="utf-8")
    unlinked = re.sub(rf"^[ \t]+walkthrough: (?:{'|'.join(map(re.escape, others))})\n", "", principles, flags=re.M)
    return {f"data/walkthroughs/{slug}.yml": None for slug in others} | {"data/principles.yml": unlinked}


def write_files(project: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write `files` over `project`: a path relative to it, and its new text or bytes (None deletes it)."""
    for name, content in files.items():
        path = project / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    return project


# Documents the drafts tests import, and the published walkthrough whose `quiz:` they delete.
DRAFT_DOCUMENTS = {"seed-draft": FIXTURES / "seeds" / "act-without-approval.txt", None: FIXTURES / "documents" / "on-call-trust.txt"}
NO_QUIZ = "cost-spike-root-cause"


@dataclass
class DraftBuilds:
    """A project with drafts, built as `make build` (published) and as `SG_DRAFTS=1 make build` (preview)."""

    project: Path
    drafts: dict  # slug -> macros.importer.Imported
    published: Built
    preview: Built


def build_with_drafts(folder: Path) -> DraftBuilds:
    """A copy of the project, the seed and NO_QUIZ its only published walkthroughs, with DRAFT_DOCUMENTS
    imported as drafts and NO_QUIZ's `quiz:` deleted, built twice."""
    from macros.importer import import_document, write

    # The published walkthroughs the tests name, not every one: both builds stay the same size as content grows.
    project = write_files(copy_project(folder / "project"), only_walkthroughs(SEED, NO_QUIZ))
    drafts = {}
    for slug, document in DRAFT_DOCUMENTS.items():
        imported = import_document(document.read_bytes(), str(document), project, slug)
        write(imported, project)
        drafts[imported.path.stem] = imported
    no_quiz = project / "data" / "walkthroughs" / f"{NO_QUIZ}.yml"
    text = no_quiz.read_text(encoding="utf-8")
    no_quiz.write_text(text[: text.index("\nquiz:")] + "\n", encoding="utf-8")
    published = Built(project, folder / "site", mkdocs_build(project, folder / "site"))
    preview = Built(project, folder / "preview", mkdocs_build(project, folder / "preview", env=build_env(SG_DRAFTS="1")))
    return DraftBuilds(project, drafts, published, preview)


def digests(site: Path) -> dict[str, str]:
    """Every file of a built site by its path, as a SHA-256: two sites compare file for file."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@functools.cache
def parse(path: Path) -> BeautifulSoup:
    """A built page, parsed once per test process (tests only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def normal(value: str) -> str:
    """Text with its whitespace collapsed, compared as a reader reads it."""
    return " ".join(value.split())


def text(element) -> str:
    """A parsed element's text as a reader reads it."""
    return normal(element.get_text(" "))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 on a free port; returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def chromium_path() -> str:
    """The Chromium the browser tests and PDFs use (scripts/find-chromium); a missing one fails, never skips."""
    path = found_chromium()
    if not path:
        pytest.fail(
            "No Chromium for the browser tests. Run `make test` (it installs one), or install one with "
            "`apt-get install chromium-headless-shell` or "
            "`python -m playwright install chromium-headless-shell`, or set SG_CHROMIUM.",
            pytrace=False,
        )
    return path


class PageWatcher:
    """Everything a tab did that a reader would call broken: uncaught errors, the loaders' "sg:" console
    errors, and requests to any host but the site's own (pages make no request to another host).

    watcher = PageWatcher(tab, allowed=("http://127.0.0.1:1234/",)); ...; watcher.assert_clean()

    `console=""` counts every console error, not only the loaders'.
    """

    def __init__(self, tab, allowed: tuple[str, ...] = (), *, console: str = "sg:"):
        self.tab = tab
        self.allowed = allowed
        self.errors: list[str] = []
        self.requests: list[str] = []
        tab.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        tab.on("console", lambda message: message.type == "error" and message.text.startswith(console)
               and self.errors.append(f"console: {message.text}" if not console else message.text))
        tab.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self) -> list[str]:
        """Requests outside `allowed` (data: URLs are inline content, not requests)."""
        return [url for url in self.requests if not url.startswith(("data:", "blob:", *self.allowed))]

    def assert_clean(self) -> None:
        assert not self.errors, "\n".join(self.errors)
        if self.allowed:
            assert self.requests, "the watcher saw no request: it was not watching the tab that loaded the pages"
            assert not self.foreign_requests(), self.foreign_requests()


def run_make_offline(site: Path, output: Path) -> str:
    """`make offline`'s command (scripts/make_offline.py, with `site`'s PDFs) writing `output`: what
    went wrong, or "" if nothing did."""
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_offline.py"), "--pdfs-from", str(site), "--output", str(output)],
        env=build_env(), capture_output=True, text=True, timeout=600,
    )
    return "" if made.returncode == 0 else f"make_offline.py failed:\n{made.stdout}\n{made.stderr}"
