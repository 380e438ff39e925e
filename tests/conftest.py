"""Fixtures and hooks only (helpers live in tests/support/): the site is built once per test process."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import (
    ROOT, SEED, WALKTHROUGHS, build_env, build_with_drafts, chromium_path, mkdocs_build, parse, run_make_offline, serve,
)


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """`make(path)` run by the first test process to ask, the others waiting for it and reading the
    same files (no test writes into them); `make` returns what went wrong, or "" if nothing did."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, which every worker's own folder is in
    out, failure = shared / name, shared / f"{name}.failed"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not out.exists() and not failure.exists():
            if problem := make(out):
                failure.write_text(problem, encoding="utf-8")
    assert not failure.exists(), failure.read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built with --strict from the checkout, once per test run.

    With its cheat-sheet PDFs (scripts/make_pdf.py), as published: the pages link them. A sheet too
    long for two pages is still written, for tests/test_pdf.py to report.
    """
    return once_per_run(tmp_path_factory, "site", _build_site)


def _build_site(out: Path) -> str:
    result = mkdocs_build(ROOT, out)
    if result.returncode != 0:
        return f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    pdf = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--no-page-limit", str(out)],
        env=dict(build_env(), SG_CHROMIUM=chromium_path()), capture_output=True, text=True, timeout=300,
    )
    return "" if pdf.returncode == 0 else f"scripts/make_pdf.py failed:\n{pdf.stdout}\n{pdf.stderr}"


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory, site) -> Path:
    """`make offline`'s zip of the checkout, with the real site's PDFs, made once per test run (the
    offline copy's tests and the SCORM packages' read it)."""
    return once_per_run(tmp_path_factory, "offline.zip", lambda out: run_make_offline(site, out))


@pytest.fixture(scope="session")
def draft_builds(tmp_path_factory):
    """The project with two drafts and a walkthrough without `quiz:`, built as `make build` and as
    `SG_DRAFTS=1 make build` (support.build_with_drafts). Its tests share xdist_group("drafts")."""
    return build_with_drafts(tmp_path_factory.mktemp("drafts"))


@pytest.fixture(scope="session")
def built_page(site):
    """built_page("walkthroughs/x/") -> the parsed HTML of that built page (not pytest-playwright's `page`)."""

    def load(url_path: str):
        target = site / url_path
        if url_path.endswith("/") or not url_path:
            target = target / "index.html"
        assert target.is_file(), f"{url_path} was not built"
        return parse(target)

    return load


@pytest.fixture(scope="session")
def search_docs(site) -> list[dict]:
    """The entries of the built search index (search/search_index.json), as Material's search reads them."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="session")
def site_url(site):
    """The built site served over HTTP on 127.0.0.1, as a reader's browser would load it."""
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the Chromium found by scripts/find-chromium; a missing browser fails, never skips."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
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
    """A test taking `walkthrough` runs once per data file: a new walkthrough adds tests by itself.

    Except a browser test (marked `browser`): browser tests cover the seed's full page set, and what
    differs between walkthroughs by naming those pages (tests/support/browser.py `swept`)."""
    if "walkthrough" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("browser"):
        metafunc.parametrize("walkthrough", list(WALKTHROUGHS.values()), ids=list(WALKTHROUGHS))


@pytest.fixture
def walkthrough():
    """In a browser test, the seed walkthrough (elsewhere pytest_generate_tests gives each in turn)."""
    return WALKTHROUGHS[SEED]


# Set on a test whose xdist_group pytest-xdist has lost: it fails rather than build its module twice.
_SPLIT_GROUP = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the tests that need no site first, and fail the tests of an `xdist_group` that
    pytest-xdist's `loadgroup` would split over the workers.

    Each such module builds a whole copy of the site in a module fixture; split, every worker builds
    it again. pytest-xdist 3.8 tags the group onto the node id, which pytest 9.2 no longer reads
    (pytest-dev/pytest-xdist#1386): the groups were split silently. Hence pytest 9.1 in requirements.in.
    """
    # Tests that need no site first: the first test process to need the run's site builds it (with its
    # PDFs) while the other works through those, instead of both waiting for it.
    items.sort(key=lambda item: "site" in item.fixturenames)
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
