"""mkdocs-macros entry point: registers the study guide's macros and nothing else.

Loading, validation and rendering are plain functions in this package (catalog, validate, render,
pages), testable without MkDocs.
"""

from __future__ import annotations

import functools
from pathlib import Path


def define_env(env):
    from . import render
    from .catalog import load_catalog
    from .pages import GENERATED_PAGES

    # One load per build (the hook's on_config has validated it): `mkdocs serve` reloads the config,
    # and so calls define_env again, on every rebuild (tests/test_serve.py). Re-checking every data
    # file's mtime for each page cost about 1 ms a page at 100 walkthroughs.
    @functools.cache
    def catalog():
        return load_catalog(Path(env.project_dir))

    # Embed snippets are pasted on other hosts, so their iframe URLs are absolute, from site_url.
    render.environment().globals["site_url"] = env.conf["site_url"] or "/"

    @env.macro
    def sg_page(kind: str, slug: str) -> str:
        """The body of one generated page (see macros/pages.py)."""
        return GENERATED_PAGES[kind].render(catalog()[slug])

    @env.macro
    def walkthrough_list() -> str:
        """The list of walkthroughs, linked from the page that calls it."""
        return render.walkthrough_list(catalog(), env.page.file.src_uri)

    @env.macro
    def practice_tools() -> str:
        """The "Check my story" checker, timer and checklist (docs/practice/index.md calls it)."""
        from .practice import practice_page

        return practice_page(Path(env.project_dir), env.page.file.src_uri)
