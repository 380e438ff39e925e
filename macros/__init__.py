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
    from . import practice_modes

    def site():
        return env.conf[CONFIG_KEY]

    @env.macro
    def walkthrough_list(level: int = 3) -> str:
        """The walkthroughs by principle, linked from the page that calls it; `level`: its group headings'."""
        return render_walkthrough_list(list(site().published.values()), site().principles, env.page.file.src_uri, level)

    @env.macro
    def practice_tools() -> str:
        """The "Check my story" checker, timer and checklist (docs/practice/index.md calls it)."""
        return render_practice_tools(site().published, site().rules, env.page.file.src_uri)

    @env.macro
    def mock_interview() -> str:
        """The mock interview: setup, timed session, self-scoring, summary (docs/practice/mock.md)."""
        s = site()
        return practice_modes.mock_interview(s.published, s.principles, s.kit, env.page.file.src_uri)

    @env.macro
    def review_queue() -> str:
        """Missed quiz items, due again on a schedule, run with the quiz itself (docs/practice/review.md)."""
        return practice_modes.review_queue(site().published, env.page.file.src_uri)

    @env.macro
    def story_bank() -> str:
        """The reader's stories against the principles, with export and import (docs/practice/stories.md)."""
        return practice_modes.story_bank(site().published, site().principles, env.page.file.src_uri)

    @env.macro
    def practice_progress() -> str:
        """The landing page's block of practice on this device: due items, coverage, last mock session."""
        return practice_modes.practice_progress(site().principles, site().kit, env.page.file.src_uri)
