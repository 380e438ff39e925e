"""MkDocs hook for the baseline: writes out what the data-driven build renders, as a static docs tree.

Added to a copy of the project by bench/projects.py; SG_BENCH_DUMP names the folder to write. Runs
after every other plugin and hook (priority -100), so the Markdown is what the macros produced.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["SG_BENCH_DUMP"])
OUT.mkdir(parents=True, exist_ok=True)


@event_priority(-100)
def on_files(files, config):
    """Generated files that are not pages (exports, data files) go into the tree as they are."""
    for file in files:
        if file.generated_by and not file.is_documentation_page():
            target = OUT / "docs" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    return files


@event_priority(-100)
def on_nav(nav, config, files):
    """The navigation as MkDocs' `nav:` setting: section titles as built, pages by path."""

    def entry(item):
        if item.is_section:
            return {item.title: [entry(child) for child in item.children]}
        if item.is_page:
            return item.file.src_uri
        return {item.title: item.url}

    (OUT / "nav.json").write_text(json.dumps([entry(item) for item in nav.items], indent=1), encoding="utf-8")
    return nav


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False, width=10_000) if page.meta else ""
    target.write_text(f"---\n{front}---\n\n{markdown}" if front else markdown, encoding="utf-8")
    return markdown
