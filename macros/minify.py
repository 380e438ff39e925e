"""Minify the guide's own CSS and JS in the built site: the sources keep their comments, readers
download none of them (the page-weight budget is measured on what is served).

rJSmin scans rather than parses, and rewrites a template literal nested in another (its documented
limit): the sources keep such literals apart, and tests/test_minified.py checks every served script
against its source with a parser."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path("assets") / "sg"
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_assets(site_dir: Path) -> None:
    for path in sorted((Path(site_dir) / ASSETS).iterdir()):
        minify = MINIFIERS.get(path.suffix)
        if minify and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")).strip() + "\n", encoding="utf-8")
