"""mkdocs-macros entry point: registers the study guide's macros and nothing else.

Loading, validation and rendering are plain functions in this package (catalog, validate, render,
pages), testable without MkDocs. The generated pages do not go through the plugin: the build hook
(build_hooks.py) renders them; hand-written pages call the macros below.
"""

from __future__ import annotations

import functools
from pathlib import Path


def define_env(env):
    from . import render
    from .catalog import load_catalog

    # One load per build (the hook's on_config has validated it): `mkdocs serve` reloads the config,
    # and so calls define_env again, on every rebuild (tests/test_serve.py). Re-checking every data
    # file's mtime for each page cost about 1 ms a page at 100 walkthroughs.
    @functools.cache
    def catalog():
        return load_catalog(Path(env.project_dir))

    @env.macro
    def walkthrough_list() -> str:
        """The list of walkthroughs, linked from the page that calls it."""
        return render.walkthrough_list(catalog(), env.page.file.src_uri)

    @env.macro
    def practice_tools() -> str:
        """The "Check my story" checker, timer and checklist (docs/practice/index.md calls it)."""
        from .practice import practice_page

        return practice_page(Path(env.project_dir), env.page.file.src_uri)
