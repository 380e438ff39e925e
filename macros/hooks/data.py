"""MkDocs hooks: load and check all of the data first, then add each walkthrough's generated pages.

MkDocs loads a hook by its file path, not as part of the `macros` package: the package beside it is
put on sys.path so the hook can import it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, file_sort_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from macros.core.problems import DataError  # noqa: E402
from macros.core.text import html_text  # noqa: E402
from macros.pages import GENERATED_PAGES  # noqa: E402
from macros.principles import page_uris as principle_page_uris  # noqa: E402
from macros.site import CONFIG_KEY, DRAFTS_ENV, drafts_requested, generated_files, load_site  # noqa: E402

# Under MkDocs' logger, so the lines read like its own; INFO, since a strict build fails on warnings.
log = logging.getLogger("mkdocs.hooks.data")


def _project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before any plugin: bad data must stop the build before anything is rendered
def on_config(config):
    try:
        site = load_site(_project_dir(config), config.site_url or "/", preview_drafts=drafts_requested())
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        raise PluginError(f"{count} problem{'s' * (count != 1)} in the walkthrough data; nothing was built.") from None
    # One line per draft: a draft is never published, and previewing one is a choice.
    for draft in site.drafts.values():
        missing = len(draft.todos)
        built = f"built as a preview ({DRAFTS_ENV}=1)" if site.preview_drafts else f"not built ({DRAFTS_ENV}=1 previews it)"
        log.info(f"Draft {draft.file}: {missing} part{'s' * (missing != 1)} missing; {built}")
    # This build's data, for the macros (define_env reads it from the same config) and the hooks below.
    config[CONFIG_KEY] = site
    return config


def on_files(files, config):
    for uri, content in generated_files(config[CONFIG_KEY]):
        files.append(File.generated(config, uri, content=content))
    # In the order MkDocs reads a docs/ tree in (the sitemap and search index list pages so), as if
    # the generated files had been written there.
    return Files(sorted(files, key=file_sort_key))


def on_nav(nav, config, files):
    """Name each walkthrough's nav section after it, and list its pages in GENERATED_PAGES order; list
    the principles in the catalog's order."""
    site = config[CONFIG_KEY]
    principle_order = {uri: index for index, uri in enumerate(principle_page_uris(site.principles))}
    kind_of = {
        spec.src_uri(slug): (slug, kind) for slug in site.walkthroughs for kind, spec in GENERATED_PAGES.items()
    }
    order = {kind: index for index, kind in enumerate(GENERATED_PAGES)}

    def place(child) -> int:
        return order.get(kind_of.get(child.file.src_uri, ("", ""))[1], 99) if child.is_page else 99

    def visit(items):
        for item in items:
            if not item.is_section:
                continue
            slugs = {kind_of[child.file.src_uri][0] for child in item.children if child.is_page and child.file.src_uri in kind_of}
            if len(slugs) == 1:
                item.title = html_text(site.walkthroughs[slugs.pop()].title)  # printed as HTML
                item.children.sort(key=place)
            elif item.children and all(child.is_page and child.file.src_uri in principle_order for child in item.children):
                item.children.sort(key=lambda child: principle_order[child.file.src_uri])
            visit(item.children)

    visit(nav.items)
    # The pages for authors (docs/contribute/) come last: the guide is for candidates first.
    nav.items.sort(key=lambda item: any(page.file.src_uri.startswith("contribute/") for page in _pages([item])))
    # MkDocs links each page's previous and next page (the footer, <link rel=next>) before on_nav:
    # link them again in the order the navigation now shows.
    nav.pages = list(_pages(nav.items))
    for previous, page, following in zip([None, *nav.pages], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = previous, following
    return nav


def _pages(items):
    for item in items:
        if item.is_page:
            yield item
        if item.children:
            yield from _pages(item.children)
