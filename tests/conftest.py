"""Shared fixtures: the site is built once per test process; pages are parsed once and cached."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.core.catalog import load_catalog  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# What a build needs; tests copy it to a scratch folder to build variations of the project.
PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "overrides", "data")
WALKTHROUGHS = load_catalog(ROOT)


def build_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def copy_project(dest: Path) -> Path:
    """A copy of the project to build variations of it without touching the checkout."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def digests(site: Path) -> dict[str, str]:
    """Every file of a built site by its path, as a SHA-256: two sites compare file for file."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def mkdocs_build(project: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project,
        env=env or build_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test process with --strict from the checkout.

    With its cheat-sheet PDFs (scripts/make_pdf.py), as published: the pages link them. A sheet too
    long for two pages is still written, for tests/test_pdf.py to report.
    """
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    pdf = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--no-page-limit", str(out)],
        env=dict(build_env(), SG_CHROMIUM=_chromium_path()), capture_output=True, text=True, timeout=300,
    )
    assert pdf.returncode == 0, f"scripts/make_pdf.py failed:\n{pdf.stdout}\n{pdf.stderr}"
    return out


@functools.cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built_page(site):
    """built_page("walkthroughs/x/") -> the parsed HTML of that built page (not pytest-playwright's `page`)."""

    def load(url_path: str) -> BeautifulSoup:
        target = site / url_path
        if url_path.endswith("/") or not url_path:
            target = target / "index.html"
        assert target.is_file(), f"{url_path} was not built"
        return _parse(target)

    return load


@pytest.fixture(scope="session")
def search_docs(site) -> list[dict]:
    """The entries of the built search index (search/search_index.json), as Material's search reads them."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 on a free port; returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served over HTTP on 127.0.0.1, as a reader's browser would load it."""
    server, url = serve(site)
    yield url
    server.shutdown()


def _chromium_path() -> str:
    path = os.environ.get("SG_CHROMIUM", "")
    if not path:
        found = subprocess.run(
            [str(ROOT / "scripts" / "find-chromium")],
            capture_output=True, text=True, env=dict(os.environ, PYTHON=sys.executable),
        )
        path = found.stdout.strip()
    if not path or not Path(path).exists():
        pytest.fail(
            "No Chromium for the browser tests. Run `make test` (it installs one), or install one with "
            "`apt-get install chromium-headless-shell` or "
            "`python -m playwright install chromium-headless-shell`, or set SG_CHROMIUM.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the Chromium found by scripts/find-chromium; a missing browser fails, never skips."""
    return {
        **browser_type_launch_args,
        "executable_path": _chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def pytest_generate_tests(metafunc):
    """A test taking `walkthrough` runs once per data file: a new walkthrough adds tests by itself."""
    if "walkthrough" in metafunc.fixturenames:
        metafunc.parametrize("walkthrough", list(WALKTHROUGHS.values()), ids=list(WALKTHROUGHS))


# Set on a test whose xdist_group pytest-xdist has lost: it fails rather than build its module twice.
_SPLIT_GROUP = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Fail the tests of an `xdist_group` that pytest-xdist's `loadgroup` would split over the workers.

    Each such module builds a whole copy of the site in a module fixture; split, every worker builds
    it again. pytest-xdist 3.8 tags the group onto the node id, which pytest 9.2 no longer reads
    (pytest-dev/pytest-xdist#1386): the groups were split silently. Hence pytest 9.1 in requirements.in.
    """
    if not getattr(config.option, "loadgroup", False):  # set on xdist's workers under --dist loadgroup
        return
    for item in items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            item.stash[_SPLIT_GROUP] = (
                "pytest-xdist's loadgroup lost this test's xdist_group, so its module fixture is built on "
                "every worker: this pytest and pytest-xdist do not work together (pytest-dev/pytest-xdist#1386)"
            )


def pytest_runtest_setup(item):
    if message := item.stash.get(_SPLIT_GROUP, None):
        pytest.fail(message, pytrace=False)
