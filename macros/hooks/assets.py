"""MkDocs hooks for the guide's own assets, apart from any data: inline its stylesheets and pre-paint
script, minify its CSS and JS.

A hook of its own so that the benchmark's static Markdown twin (bench/projects.py) keeps it and
builds byte-identical pages: the data layer is then all that the two builds differ by.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the `macros` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.core.assets import inline_asset, minify_assets  # noqa: E402


def on_env(env, config, files):
    """overrides/ inlines the guide's stylesheets and its pre-paint script through these."""
    docs = Path(config.docs_dir)
    env.globals["sg_inline_css"] = lambda name: inline_asset(docs, name, ".css")
    env.globals["sg_inline_js"] = lambda name: inline_asset(docs, name, ".js")
    return env


def on_post_build(config):
    minify_assets(Path(config.site_dir))
