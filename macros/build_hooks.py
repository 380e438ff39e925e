"""MkDocs hooks: validate all walkthrough data first, then add each walkthrough's generated pages.

A build whose sources match an earlier one's takes all of it from the build cache (build_cache.py)
and imports none of the data layer: its modules are imported inside the functions that need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, file_sort_key

# MkDocs loads hooks by file path; make the `macros` package beside this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import build_cache  # noqa: E402


def _project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before any plugin: bad data must stop the build before anything is rendered
def on_config(config):
    build = build_cache.begin(_project_dir(config), config.site_url or "/")
    if build.hit:
        build_cache.log.info("Walkthrough data unchanged since an earlier build: generated pages from .cache/sg-build/")
        return config
    from macros.catalog import DataError, load_catalog
    from macros.rubric import load_kit

    try:
        load_catalog(_project_dir(config))
        load_kit(_project_dir(config))  # data/rubric.yml, the instructor pages' session plan and rubric
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        raise PluginError(f"{count} problem{'s' * (count != 1)} in the walkthrough data; nothing was built.") from None
    return config


def on_files(files, config):
    build = build_cache.current()
    if build.entry is None:
        build.entry = generate(_project_dir(config), config.site_url or "/")
        build.changed = True
    for uri, content in build.entry.files:
        files.append(File.generated(config, uri, content=content))
    # In the order MkDocs reads a docs/ tree in (the sitemap and search index list pages so), as if
    # the generated files had been written there.
    return Files(sorted(files, key=file_sort_key))


def generate(project_dir: Path, site_url: str) -> build_cache.Entry:
    """Everything the data layer adds to a build, from the validated catalog."""
    from macros.catalog import load_catalog
    from macros.cheatsheet import placeholder_pdfs
    from macros.exports import site_files
    from macros.pages import GENERATED_PAGES
    from macros.practice import RULES_JSON, rules_json_text
    from macros.render import Fragments, environment

    catalog = load_catalog(project_dir)
    # Embed snippets are pasted on other hosts, so their iframe URLs are absolute, from site_url.
    environment().globals["site_url"] = site_url
    environment().globals["fragments"] = Fragments()  # this build's, dropped with it
    files: list[tuple[str, str | bytes]] = [
        (spec.src_uri(w.slug), spec.source(w)) for w in catalog.values() for spec in GENERATED_PAGES.values()
    ]
    # LMS exports (JSON and its schema, QTI, GIFT): files of the site, so `mkdocs serve` has them too.
    files += site_files(catalog).items()
    # Stand-ins for the cheat-sheet PDFs, which `make pdf` overwrites: the pages' links to them resolve.
    files += placeholder_pdfs(catalog).items()
    # The story rules as data, as the practice page embeds them (macros/practice.py).
    files.append((RULES_JSON, rules_json_text(project_dir)))
    return build_cache.Entry(
        files=files,
        nav={spec.src_uri(slug): (slug, kind) for slug in catalog for kind, spec in GENERATED_PAGES.items()},
        order={kind: index for index, kind in enumerate(GENERATED_PAGES)},
        titles={slug: w.title for slug, w in catalog.items()},
    )


def on_nav(nav, config, files):
    """Name each walkthrough's nav section after it, and list its pages in GENERATED_PAGES order."""
    made = build_cache.current().entry
    order, kind_of = made.order, made.nav

    def visit(items):
        for item in items:
            if not item.is_section:
                continue
            pages = [kind_of.get(child.file.src_uri) for child in item.children if child.is_page]
            slugs = {entry[0] for entry in pages if entry}
            if len(slugs) == 1:
                item.title = made.titles[slugs.pop()]
                item.children.sort(
                    key=lambda child: order.get(kind_of.get(getattr(child.file, "src_uri", ""), ("", ""))[1], 99)
                    if child.is_page else 99
                )
            visit(item.children)

    visit(nav.items)
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


def on_post_build(config):
    build_cache.finish()
