"""The guide's own stylesheets and its one pre-paint script, minified, for inlining into each page
(overrides/main.html, overrides/partials/javascripts/palette.html).

A phone on a slow network pays a round trip per render-blocking stylesheet before the first paint:
five small files cost Lighthouse's simulated slow 4G about a second, inline they cost nothing extra.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .minify import MINIFIERS

STYLES = Path("assets") / "sg"  # under docs_dir: docs/assets/sg/<name>.css, <name>.js
END_TAGS = {".css": "</style", ".js": "</script"}  # would close the inline element early

_cache: dict[tuple, Markup] = {}


def _inline(docs_dir: Path, name: str, suffix: str) -> Markup:
    """docs/assets/sg/<name><suffix>, minified; cached on the file's mtime so `make serve` sees edits."""
    path = Path(docs_dir) / STYLES / f"{name}{suffix}"
    if not path.is_file():
        raise FileNotFoundError(f"inline assets: {name!r} names no file: {path} is missing")
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _cache:
        end_tag = END_TAGS[suffix]
        text = MINIFIERS[suffix](path.read_text(encoding="utf-8")).strip()
        if end_tag in text.lower():
            raise ValueError(f"{path}: contains '{end_tag}', which cannot be inlined")
        _cache[key] = Markup(text)
    return _cache[key]


def inline_css(docs_dir: Path, name: str) -> Markup:
    return _inline(docs_dir, name, ".css")


def inline_js(docs_dir: Path, name: str) -> Markup:
    return _inline(docs_dir, name, ".js")
