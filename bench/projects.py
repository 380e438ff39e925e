"""Temporary copies of the project that the benchmark builds: as is, as static Markdown, and scaled."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# What a build reads (the same list tests/conftest.py copies for its scratch builds).
PROJECT_FILES = ("mkdocs.yml", "docs", "macros", "overrides", "data")
# The walkthrough the benchmark edits and scores: the first seed, so every scaled project has it.
SEED = sorted((ROOT / "data" / "walkthroughs").glob("*.yml"))[0]
DUMP_HOOK = Path(__file__).resolve().parent / "dump_hook.py"


def build_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return env


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def _drop_block(text: str, start: str) -> str:
    """Remove the YAML block that starts with a line matching `start` (with everything indented under it)."""
    lines = text.splitlines(keepends=True)
    out, skip_deeper_than = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if not line.strip() or indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        if re.match(start, line):
            skip_deeper_than = indent
            continue
        out.append(line)
    return "".join(out)


def add_hook(project: Path, hook: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^hooks:\n", text, re.M), "mkdocs.yml has no hooks: list"
    config.write_text(re.sub(r"^hooks:\n", f"hooks:\n  - {hook}\n", text, count=1, flags=re.M), encoding="utf-8")


def static_project(source: Path, dest: Path, work: Path) -> Path:
    """The same site written out as static Markdown, built by plain mkdocs-material.

    The real project is built once with bench/dump_hook.py, which writes every page's Markdown as the
    data layer rendered it (with its front matter), every generated non-page file and the navigation.
    The static copy has those files in docs/, the same theme, overrides, Markdown extensions and
    asset hook (macros/hooks/assets.py: inlined stylesheets, minified assets), an explicit `nav:`,
    and neither the macros plugin nor the data hook: it builds the same pages, byte for byte.
    """
    dumped = copy_project(work / "dump-source", source)
    add_hook(dumped, DUMP_HOOK)
    out = work / "dump"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(work / "dump-site")],
        cwd=dumped, env=build_env(SG_BENCH_DUMP=str(out)), capture_output=True, text=True,
    )
    if result.returncode:
        raise SystemExit(f"dump build failed:\n{result.stdout}\n{result.stderr}")

    dest.mkdir(parents=True)
    shutil.copytree(source / "docs", dest / "docs")
    shutil.copytree(out / "docs", dest / "docs", dirs_exist_ok=True)
    shutil.copytree(source / "overrides", dest / "overrides")
    # The asset hook's code (macros/hooks/assets.py and macros/core/assets.py, which it imports).
    for module in ("hooks/assets.py", "core/assets.py"):
        (dest / "macros" / module).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "macros" / module, dest / "macros" / module)
    text = (source / "mkdocs.yml").read_text(encoding="utf-8")
    for start in (r"^\s*- macros/hooks/data\.py\s*$", r"^watch:", r"^\s*- macros:?\s*$"):
        text = _drop_block(text, start)
    assert "macros/hooks/assets.py" in text, "mkdocs.yml lists no macros/hooks/assets.py hook"
    nav = json.loads((out / "nav.json").read_text(encoding="utf-8"))
    text += "\n# Written out by the benchmark: the navigation the data-driven build made.\n"
    text += yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest


def macros_floor_project(static: Path, dest: Path) -> Path:
    """The static twin with mkdocs-macros loaded and nothing for it to do: no module, no hooks, and no
    page rendered as a template (`render_by_default: false`).

    What the plugin on the design card costs just by being in the build (its imports, its config
    step), which the guide's data layer cannot go below. (With every page rendered it cost more:
    these pages are the full rendered Markdown, where the guide's own pages are one-line macro calls.)
    """
    shutil.copytree(static, dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^plugins:\n", text, re.M), "mkdocs.yml has no plugins: list"
    config.write_text(re.sub(r"^plugins:\n", "plugins:\n  - macros:\n      render_by_default: false\n", text, count=1, flags=re.M), encoding="utf-8")
    return dest


def scaled_project(dest: Path, count: int, root: Path = ROOT) -> Path:
    """The project with `count` walkthroughs: the real ones in turn as seeds, the first of each under its
    own slug and the rest as copies under new slugs; questions in data/principles.yml keep their
    `walkthrough:` link only to walkthroughs the scaled project has. (`root`: the tree to copy.)"""
    copy_project(dest, root)
    folder = dest / "data" / "walkthroughs"
    seeds = sorted(folder.glob("*.yml"))
    texts = [seed.read_text(encoding="utf-8") for seed in seeds]
    for seed in seeds:
        seed.unlink()
    kept = set()
    for index in range(count):
        text = texts[index % len(seeds)]
        slug = seeds[index % len(seeds)].stem
        new = slug if index < len(seeds) else f"{slug}-copy-{index:03d}"
        kept.add(new)
        text = re.sub(r"^slug: .+$", f"slug: {new}", text, count=1, flags=re.M)
        (folder / f"{new}.yml").write_text(text, encoding="utf-8")
    principles = dest / "data" / "principles.yml"
    if principles.is_file():
        text = principles.read_text(encoding="utf-8")
        link = re.compile(r"^[ \t]+walkthrough: *([\w-]+) *\n", re.M)
        principles.write_text(link.sub(lambda m: m.group(0) if m.group(1) in kept else "", text), encoding="utf-8")
    return dest


def stock_project(static: Path, dest: Path) -> Path:
    """The static Markdown pages under stock Material: no overrides or hooks, no guide CSS or JS, default palette.

    The baseline Lighthouse compares the guide's pages with. Web fonts stay off (`font: false`): the
    default Google Fonts request would only measure this machine's network, and the guide ships none.
    """
    shutil.copytree(static, dest)
    shutil.rmtree(dest / "overrides")
    for page in (dest / "docs").rglob("*.md"):  # the guide's own page templates live in overrides/
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\ntemplate:" in text.split("\n---\n", 1)[0]:
            page.write_text(re.sub(r"^template: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    text = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    for start in (r"^theme:", r"^extra_css:", r"^extra_javascript:", r"^extra:", r"^copyright:", r"^hooks:"):
        text = _drop_block(text, start)
    text += "\n# Stock Material, for the Lighthouse baseline.\ntheme:\n  name: material\n  font: false\n"
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest
