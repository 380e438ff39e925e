"""The guide's own stylesheets, minified, for inlining into each page's <head> (overrides/main.html).

A phone on a slow network pays a round trip per render-blocking stylesheet before the first paint:
five small files cost Lighthouse's simulated slow 4G about a second, inline they cost nothing extra.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
from markupsafe import Markup

STYLES = Path("assets") / "sg"  # under docs_dir: docs/assets/sg/<name>.css

_cache: dict[tuple, Markup] = {}


def inline_css(docs_dir: Path, name: str) -> Markup:
    """docs/assets/sg/<name>.css, minified; cached on the file's mtime so `make serve` sees edits."""
    path = Path(docs_dir) / STYLES / f"{name}.css"
    if not path.is_file():
        raise FileNotFoundError(f"styles: {name!r} names no stylesheet: {path} is missing")
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _cache:
        css = rcssmin.cssmin(path.read_text(encoding="utf-8")).strip()
        # Inside <style>, "</style" would end the element early; CSS never needs the sequence.
        if "</style" in css.lower():
            raise ValueError(f"{path}: contains '</style', which cannot be inlined")
        _cache[key] = Markup(css)
    return _cache[key]
