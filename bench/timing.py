"""Timing MkDocs: one strict build, and the rebuild `mkdocs serve` does after an edit."""

from __future__ import annotations

import resource
import socket
import subprocess
import sys
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
    """One `mkdocs build --strict` in its own process, as `make build` runs it (`env`: extra variables)."""
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
        cwd=project, env=build_env(**env), capture_output=True, text=True,
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


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_rebuilds(project: Path, page: str, edit: Callable[[int], str], runs: int, timeout: float = 300) -> list[float]:
    """Seconds from saving an edit to `mkdocs serve` serving the changed page, `runs` times.

    `edit(i)` changes a source file and returns a marker the rebuilt page will contain.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _fetch(url):
            if server.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped:\n{server.stderr.read()}")
            if time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not answer on {url}")
            time.sleep(0.1)
        seconds = []
        for run in range(runs):
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            start = time.perf_counter()
            marker = edit(run)
            while marker not in _fetch(url):
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"the edit never reached {url}")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
        return seconds
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
