"""mkdocs-macros entry point: registers the study guide's macros and nothing else.

Loading, validation and rendering are plain functions in this package (catalog, validate, render,
pages), testable without MkDocs. The generated pages do not go through the plugin: the build hook
(build_hooks.py) renders them; hand-written pages call the macros below.
"""

from __future__ import annotations

import functools
from pathlib import Path


def define_env(env):
    from . import build_cache

    # The data layer is imported only when a macro's output is not in the build cache.
    @functools.cache
    def catalog():
        from .catalog import load_catalog

        # One load per build (the hook's on_config has validated it, unless the cache had it all):
        # `mkdocs serve` reloads the config, and so calls define_env again, on every rebuild.
        return load_catalog(Path(env.project_dir))

    @env.macro
    def walkthrough_list() -> str:
        """The list of walkthroughs, linked from the page that calls it."""
        here = env.page.file.src_uri

        def make() -> str:
            from .render import walkthrough_list

            return walkthrough_list(catalog(), here)

        return build_cache.current().macro("walkthrough_list", here, make)

    @env.macro
    def practice_tools() -> str:
        """The "Check my story" checker, timer and checklist (docs/practice/index.md calls it)."""
        here = env.page.file.src_uri

        def make() -> str:
            from .practice import practice_page

            return practice_page(Path(env.project_dir), here)

        return build_cache.current().macro("practice_tools", here, make)
