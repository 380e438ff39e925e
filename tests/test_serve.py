"""`make serve` as an author uses it: save the walkthrough YAML, see the page change; save a broken
file, read the problem in the terminal; fix it, see the page again."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup

from support import SEED, build_env, copy_project, seed_only, write_files

SLUG = SEED
TIMEOUT = 120  # seconds for one rebuild on a loaded 2-core machine; a rebuild takes about 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _summary(url: str) -> str:
    """The guide page's summary paragraph as served, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    except OSError:
        return ""
    heading = page.select_one("h2#summary")
    return heading.find_next_sibling("p").get_text(" ", strip=True) if heading else ""


class Server:
    """`mkdocs serve` on a copy of the project, its log collected as it runs."""

    def __init__(self, project):
        self.url = f"http://127.0.0.1:{_free_port()}/"
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", self.url[7:-1]],
            cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        threading.Thread(target=lambda: self.log.extend(self.process.stderr), daemon=True).start()

    def wait_for(self, condition, what: str):
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{''.join(self.log)}"
            assert time.monotonic() < deadline, f"{what} within {TIMEOUT} s; log:\n{''.join(self.log)}"
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def project(tmp_path):
    """A copy of the project with the seed only: each rebuild costs the same however many walkthroughs there are."""
    return write_files(copy_project(tmp_path / "project"), seed_only())


def test_saving_the_yaml_under_make_serve_updates_the_page_and_a_broken_save_prints_the_problem(project):
    data = project / "data" / "walkthroughs" / f"{SLUG}.yml"
    original = data.read_text(encoding="utf-8")

    def save_summary(marker: str) -> None:
        data.write_text(re.sub(r"^summary: >-\n", f"summary: >-\n  {marker}\n", original, count=1, flags=re.M),
                        encoding="utf-8")

    server = Server(project)
    page = f"{server.url}walkthroughs/{SLUG}/"
    try:
        server.wait_for(lambda: _summary(page), "the guide page is served")
        # MkDocs starts watching the files after the first build, and logs it once the watches are set.
        server.wait_for(lambda: any("Watching paths for changes" in line for line in server.log), "the watcher starts")

        save_summary("First edit.")
        server.wait_for(lambda: _summary(page).startswith("First edit."), "the first edit reaches the page")

        broken_line = original.splitlines().index(f"slug: {SLUG}") + 1
        data.write_text(original.replace(f"slug: {SLUG}\n", "slug: ''\n", 1), encoding="utf-8")
        problem = f"data/walkthroughs/{SLUG}.yml:{broken_line}: slug:"
        server.wait_for(lambda: any(problem in line for line in server.log), "the problem is printed")
        assert any("nothing was built" in line for line in server.log)
        # (MkDocs holds page requests until a rebuild succeeds: a reader's tab waits, then reloads.)

        save_summary("Second edit.")
        server.wait_for(lambda: _summary(page).startswith("Second edit."), "the fixed file reaches the page")
    finally:
        server.stop()
