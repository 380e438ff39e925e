#!/usr/bin/env python3
"""Render every walkthrough's cheat sheet to PDF, on A4 and on US Letter, into a built site.

Usage: make_pdf.py SITE_DIR  (after `mkdocs build`; `make pdf` runs both). The site is served on
127.0.0.1 as a reader would load it and printed by headless Chromium, found through $SG_CHROMIUM or
scripts/find-chromium. The PDFs land next to the pages under stable names (macros.cheat_sheet.pdf_path),
which the cheat-sheet pages link. Fails when a sheet is longer than MAX_PAGES on either paper size
(unless --no-page-limit), after trying a denser layout that cuts presentation, never content.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.cheat_sheet import PAPER_SIZES, pdf_path  # noqa: E402
from macros.core.catalog import load_catalog  # noqa: E402
from macros.core.urls import page_url  # noqa: E402

MAX_PAGES = 2
# The sheet as designed, then denser for data too long for it (print.css: cuts presentation only).
LAYOUTS = ("", "sg-cheat-sheet--dense")

# A page object in the PDF that Chromium writes ("/Type /Pages" is the page tree, not a page).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    seconds: float
    layout: str

    def __str__(self) -> str:
        size = self.path.stat().st_size
        layout = f", layout {self.layout}" if self.layout else ""
        return f"{self.path}: {self.pages} page{'s' * (self.pages != 1)}, {size / 1024:.0f} KiB, {self.seconds:.2f} s{layout}"


SET_LAYOUT = """([layouts, layout]) => {
  const sheet = document.querySelector(".sg-cheat-sheet");
  sheet.classList.remove(...layouts.filter(Boolean));
  if (layout) sheet.classList.add(layout);
}"""


def built_page(site: Path, slug: str) -> str:
    """The cheat sheet's URL in the built site: cheat-sheet/, or cheat-sheet.html without directory URLs."""
    directory_url = page_url("cheat-sheet", slug)
    flat_url = directory_url.removesuffix("/") + ".html"
    if (site / directory_url / "index.html").is_file():
        return directory_url
    if (site / flat_url).is_file():
        return flat_url
    sys.exit(f"error: no cheat sheet for {slug} in {site}: run `make build` (mkdocs build) first")


def page_count(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


def found_chromium() -> str:
    """$SG_CHROMIUM, or what scripts/find-chromium finds (or installs); "" if there is none."""
    path = os.environ.get("SG_CHROMIUM", "")
    if not path:
        found = subprocess.run(
            [str(ROOT / "scripts" / "find-chromium")],
            capture_output=True, text=True, env=dict(os.environ, PYTHON=sys.executable),
        )
        path = found.stdout.strip()
    return path if path and Path(path).exists() else ""


def chromium_path() -> str:
    if not (path := found_chromium()):
        sys.exit("error: no Chromium to print with: set SG_CHROMIUM or run scripts/find-chromium")
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def render_cheat_sheets(site: Path, chromium: str, project: Path = ROOT) -> list[Rendered]:
    from playwright.sync_api import sync_playwright

    slugs = list(load_catalog(project))
    urls = {slug: built_page(site, slug) for slug in slugs}
    server, base = serve(site)
    rendered = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            # Paper is light: print the light scheme whatever the machine prefers.
            page = browser.new_page(color_scheme="light")
            for slug in slugs:
                page.goto(base + urls[slug], wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                for size, (paper, _) in PAPER_SIZES.items():
                    target = site / pdf_path(slug, size)
                    start = time.perf_counter()
                    for layout in LAYOUTS:
                        page.evaluate(SET_LAYOUT, [list(LAYOUTS), layout])
                        pdf = page.pdf(format=paper, print_background=True, tagged=True, outline=True)
                        if page_count(pdf) <= MAX_PAGES:
                            break
                    target.write_bytes(pdf)
                    rendered.append(Rendered(target, page_count(pdf), time.perf_counter() - start, layout))
            browser.close()
    finally:
        server.shutdown()
    return rendered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build --site-dir)")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the project the site was built from (default: this one)",
    )
    parser.add_argument(
        "--no-page-limit", action="store_true",
        help=f"succeed even when a sheet is longer than {MAX_PAGES} pages (the tests report it themselves)",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    rendered = render_cheat_sheets(args.site.resolve(), chromium_path(), args.project.resolve())
    for item in rendered:
        print(item)
    print(f"{len(rendered)} PDFs in {time.perf_counter() - start:.1f} s")
    too_long = [item for item in rendered if item.pages > MAX_PAGES]
    for item in too_long:
        print(f"error: {item.path} has {item.pages} pages; a cheat sheet fits on {MAX_PAGES}", file=sys.stderr)
    return 1 if too_long and not args.no_page_limit else 0


if __name__ == "__main__":
    sys.exit(main())
