"""Timing MkDocs: one strict build, and the rebuild `mkdocs serve` does after an edit."""

from __future__ import annotations

import itertools
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Callable

from .projects import build_env


@dataclass
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the build process: less disturbed by other load on the machine


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path, site: Path, **env: str) -> Timing:
    """One `mkdocs build --strict` in its own process, as `make build` runs it (`env`: extra variables).

    With Python's default of keeping compiled modules: a machine that sets PYTHONDONTWRITEBYTECODE
    (this project's sandbox does) compiles every module of `macros/` again on every build,
    about 0.12 s at 10 walkthroughs that the static twin, with no modules of its own, never pays and
    a checkout pays once."""
    run_env = build_env(**env)
    run_env.pop("PYTHONDONTWRITEBYTECODE", None)
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
        cwd=project, env=run_env, capture_output=True, text=True,
    )
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if result.returncode:
        raise SystemExit(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")
    return timing


def medians(timings: list[Timing]) -> Timing:
    return Timing(median(t.wall for t in timings), median(t.cpu for t in timings))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, timeout: float = 5) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def description_edit(file: Path, prefix: str) -> Callable[[], str]:
    """An edit to `file`'s `description:` (YAML or a page's front matter): each call saves the file with
    a new marker word in front of the description, and returns the marker."""
    original = file.read_text(encoding="utf-8")
    pattern = re.compile(r"^(description: *)(>-\n +)?", re.M)
    assert pattern.search(original), f"no description in {file}"
    runs = itertools.count()

    def edit() -> str:
        marker = f"bench{prefix}{next(runs)}x"
        file.write_text(pattern.sub(lambda m: f"{m.group(0)}{marker} ", original, count=1), encoding="utf-8")
        return marker

    return edit


def _process_cpu(pid: int) -> float:
    """User + system seconds the process `pid` has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


class Served:
    """`mkdocs serve --livereload` running on a project (as `make serve` runs it), to time edits with.

    It waits as a reader's open page does: on the live-reload request, which the server answers as
    soon as a rebuild has finished (or after a minute, unchanged); then it loads the page once.
    """

    SETTLE = 1.0  # seconds left between one rebuild and the next edit, so edits never overlap a rebuild

    def __init__(self, project: Path, timeout: float = 600, **env: str):
        self.project, self.timeout, self.env = project, timeout, env
        self.port = free_port()

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}/{page}"

    def __enter__(self) -> Served:
        self.log = tempfile.TemporaryFile("w+")  # not a pipe: nobody reads it until the end, and a full pipe blocks
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=self.project, env=build_env(**self.env), stdout=subprocess.DEVNULL, stderr=self.log, text=True,
        )
        deadline = time.monotonic() + self.timeout
        while not _fetch(self.url("")):  # nothing to wait on before the server listens
            self._check(deadline, "mkdocs serve never answered")
            time.sleep(0.1)
        return self

    def seconds_to_show(self, page: str, edit: Callable[[], str]) -> Timing:
        """From `edit()` saving a change until `page` is served with the marker it returned: the wall
        seconds, and the server's CPU seconds meanwhile (what the rebuild cost, whatever else runs)."""
        time.sleep(self.SETTLE)
        epoch = int(_fetch(self.url("livereload/0/0")))  # the site as last built (answered at once)
        deadline = time.monotonic() + self.timeout
        cpu, start = _process_cpu(self.server.pid), time.perf_counter()
        marker = edit()
        while True:
            # Answered when a newer build is visible, or after a minute without one.
            answer = _fetch(self.url(f"livereload/{epoch}/0"), timeout=90)
            if answer.isdigit() and int(answer) > epoch:
                epoch = int(answer)
                if marker in _fetch(self.url(page)):
                    return Timing(time.perf_counter() - start, _process_cpu(self.server.pid) - cpu)
            self._check(deadline, f"the edit never reached {self.url(page)}")

    def _check(self, deadline: float, failure: str) -> None:
        if self.server.poll() is not None or time.monotonic() > deadline:
            self.log.seek(0)
            raise SystemExit(f"{failure} ({self.project}):\n{self.log.read()[-5000:]}")

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
        self.log.close()
