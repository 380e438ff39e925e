"""MkDocs hooks: validate all walkthrough data first, then add each walkthrough's generated pages."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, file_sort_key

# MkDocs loads hooks by file path; make the `macros` package beside this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.catalog import DataError, load_catalog  # noqa: E402
from macros.pages import GENERATED_PAGES  # noqa: E402
from macros.render import environment  # noqa: E402
from macros.exports import site_files  # noqa: E402
from macros.cheatsheet import placeholder_pdfs  # noqa: E402
from macros.rubric import load_kit  # noqa: E402
from macros.practice import RULES_JSON, rules_json_text  # noqa: E402


def _project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before any plugin: bad data must stop the build before anything is rendered
def on_config(config):
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
    # Embed snippets are pasted on other hosts, so their iframe URLs are absolute, from site_url.
    environment().globals["site_url"] = config.site_url or "/"
    for walkthrough in load_catalog(_project_dir(config)).values():
        for spec in GENERATED_PAGES.values():
            files.append(File.generated(config, spec.src_uri(walkthrough.slug), content=spec.source(walkthrough)))
    # LMS exports (JSON and its schema, QTI, GIFT): files of the site, so `mkdocs serve` has them too.
    for uri, content in site_files(load_catalog(_project_dir(config))).items():
        files.append(File.generated(config, uri, content=content))
    # Stand-ins for the cheat-sheet PDFs, which `make pdf` overwrites: the pages' links to them resolve.
    for uri, content in placeholder_pdfs(load_catalog(_project_dir(config))).items():
        files.append(File.generated(config, uri, content=content))
    # The story rules as data, as the practice page embeds them (macros/practice.py).
    files.append(File.generated(config, RULES_JSON, content=rules_json_text(_project_dir(config))))
    # In the order MkDocs reads a docs/ tree in (the sitemap and search index list pages so), as if
    # the generated files had been written there.
    return Files(sorted(files, key=file_sort_key))


def on_nav(nav, config, files):
    """Name each walkthrough's nav section after it, and list its pages in GENERATED_PAGES order."""
    catalog = load_catalog(_project_dir(config))
    order = {spec.kind: index for index, spec in enumerate(GENERATED_PAGES.values())}
    kind_of = {
        spec.src_uri(slug): (slug, kind) for slug in catalog for kind, spec in GENERATED_PAGES.items()
    }

    def visit(items):
        for item in items:
            if not item.is_section:
                continue
            pages = [kind_of.get(child.file.src_uri) for child in item.children if child.is_page]
            slugs = {entry[0] for entry in pages if entry}
            if len(slugs) == 1:
                item.title = catalog[slugs.pop()].title
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
