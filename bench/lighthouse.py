"""Lighthouse (npm, pinned in bench/package-lock.json) against the built site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import median

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def install() -> None:
    """bench/node_modules exactly as locked; only `make bench` needs it, so `make test` never installs it."""
    stamp = BENCH / "node_modules" / ".package-lock.json"
    lock = BENCH / "package-lock.json"
    if not stamp.is_file() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)


class _Handler(SimpleHTTPRequestHandler):
    """Static files, gzipped like any production host (GitHub Pages, Netlify) serves them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()  # also redirects "/dir" to "/dir/", as hosts do
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def audit(url: str, chrome: str) -> dict:
    """One Lighthouse run with its defaults (mobile, simulated throttling): the JSON report."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env=dict(os.environ, CHROME_PATH=chrome), check=True, timeout=300,
        )
        return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def shortfalls(report: dict) -> list[str]:
    """The weighted audits that cost points, e.g. 'performance: total-blocking-time 0.55 (530 ms)'."""
    found = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                shown = f" ({result['displayValue']})" if result.get("displayValue") else ""
                found.append(f"{name}: {ref['id']} {result['score']:.2f}{shown}")
    return found


def median_run(reports: list[dict]) -> dict:
    """The run whose performance score is the median (Lighthouse's own advice for noisy machines)."""
    ordered = sorted(reports, key=lambda report: scores(report)["performance"])
    return ordered[len(ordered) // 2]


def category_medians(reports: list[dict]) -> dict[str, int]:
    return {name: round(median(scores(report)[name] for report in reports)) for name in CATEGORIES}
