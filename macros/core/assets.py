"""The guide's own CSS and JS (docs/assets/sg/): minified in the built site, and the stylesheets and
the one pre-paint script read minified for inlining into each page's <head> (overrides/main.html).

Sources keep their comments; readers download none of them (the page-weight budget is measured on
what is served). A phone on a slow network pays a round trip per render-blocking stylesheet before
the first paint: five small files cost Lighthouse's simulated slow 4G about a second, inline nothing.

rJSmin scans rather than parses, and rewrites a template literal nested in another (its documented
limit): the sources keep such literals apart, and tests/test_minified.py checks every served script
against its source with a parser.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import Markup

ASSETS = Path("assets") / "sg"  # under docs_dir and site_dir: assets/sg/<name>.css, <name>.js
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
END_TAGS = {".css": "</style", ".js": "</script"}  # would close the inline element early


def minify_assets(site_dir: Path) -> None:
    for path in sorted((Path(site_dir) / ASSETS).iterdir()):
        minify = MINIFIERS.get(path.suffix)
        if minify and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")).strip() + "\n", encoding="utf-8")


def inline_asset(docs_dir: Path, name: str, suffix: str) -> Markup:
    """docs/assets/sg/<name><suffix>, minified, for a <style> or <script> element."""
    path = Path(docs_dir) / ASSETS / f"{name}{suffix}"
    if not path.is_file():
        raise FileNotFoundError(f"inline assets: {name!r} names no file: {path} is missing")
    text = MINIFIERS[suffix](path.read_text(encoding="utf-8")).strip()
    if END_TAGS[suffix] in text.lower():
        raise ValueError(f"{path}: contains '{END_TAGS[suffix]}', which cannot be inlined")
    return Markup(text)
