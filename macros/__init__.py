"""mkdocs-macros entry point: registers the study guide's macros and nothing else.

The macros render with the data the data hook (macros/hooks/data.py) loaded and checked for this
build; loading, validation and rendering are plain functions of the package, testable without MkDocs.
Generated pages do not go through the plugin: the data hook renders them. Hand-written pages in docs/
call the macros below.
"""

from __future__ import annotations


def define_env(env):
    from .site import CONFIG_KEY
    from .guide import walkthrough_list as render_walkthrough_list
    from .practice import practice_tools as render_practice_tools

    def site():
        return env.conf[CONFIG_KEY]

    @env.macro
    def walkthrough_list() -> str:
        """The list of published walkthroughs, linked from the page that calls it."""
        return render_walkthrough_list(list(site().published.values()), env.page.file.src_uri)

    @env.macro
    def practice_tools() -> str:
        """The "Check my story" checker, timer and checklist (docs/practice/index.md calls it)."""
        return render_practice_tools(site().published, site().rules, env.page.file.src_uri)
