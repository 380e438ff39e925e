"""What the data layer made in earlier builds, kept in .cache/sg-build/ and keyed on everything it read.

A build from the same sources takes the generated files, the navigation titles and the macros'
output from there: it loads, validates and renders no walkthrough, and imports none of that code.
The key covers the bytes of every file under data/ and macros/ (walkthroughs, rules, rubric,
schema, templates, code), site_url, and the versions of Python and of the libraries the rendering
uses. Any change to any of them is a miss, and a miss runs the whole data layer as if there were no
cache. A build stops before anything is stored when its data has a problem.

`SG_BUILD_CACHE=0` switches the cache off (the benchmark's cold builds use it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.hooks.sg")

FOLDER = Path(".cache") / "sg-build"
INPUTS = ("data", "macros")
LIBRARIES = ("Jinja2", "Markdown", "MarkupSafe", "pydantic", "pydantic_core", "PyYAML")
KEEP = 3  # entries kept, newest first: an edit and its undo, or two site URLs, both stay warm


@dataclass
class Entry:
    """What one build's data layer made, all of it plain data (no walkthrough models)."""

    files: list[tuple[str, str | bytes]]  # generated files: src_uri -> content, pages included
    nav: dict[str, tuple[str, str]]  # a generated page's src_uri -> (slug, page kind)
    order: dict[str, int]  # page kind -> its place in a walkthrough's navigation section
    titles: dict[str, str]  # slug -> the walkthrough's title, its navigation section's name
    macros: dict[tuple[str, str], str] = field(default_factory=dict)  # (macro, calling page) -> Markdown


@dataclass
class Build:
    """This build's key and entry: taken from the cache (a hit) or being made (a miss)."""

    project_dir: Path
    key: str | None  # None: the cache is off
    entry: Entry | None = None
    hit: bool = False
    changed: bool = False  # something to store when the build ends

    def macro(self, name: str, page: str, make: Callable[[], str]) -> str:
        """A macro's Markdown for one page: from the entry, or made now and added to it."""
        if (name, page) not in self.entry.macros:
            self.entry.macros[(name, page)] = make()
            self.changed = True
        return self.entry.macros[(name, page)]


_current: Build | None = None


def current() -> Build:
    """The build in progress (begun by the data hook's on_config)."""
    if _current is None:
        raise RuntimeError("no build in progress: macros/build_hooks.py must be in mkdocs.yml's hooks")
    return _current


def begin(project_dir: Path, site_url: str) -> Build:
    """Start a build: look its key up, and keep what the cache has for it."""
    global _current
    project_dir = Path(project_dir)
    key = build_key(project_dir, site_url) if os.environ.get("SG_BUILD_CACHE", "1") != "0" else None
    _current = Build(project_dir, key)
    if key is not None:
        _current.entry = _read(project_dir / FOLDER / f"{key}.pickle")
        _current.hit = _current.entry is not None
    return _current


def finish() -> None:
    """Store what this build made or added, if anything, and drop the oldest entries."""
    build = _current
    if build is None or build.key is None or build.entry is None or not build.changed:
        return
    folder = build.project_dir / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{build.key}.pickle"
        partial = target.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(build.entry, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)  # whole or not at all, even with two builds at once
        entries = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as error:  # a read-only checkout still builds, from scratch every time
        log.debug(f"sg build cache not written: {error}")
    build.changed = False


def build_key(project_dir: Path, site_url: str) -> str:
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two inputs run together
            digest.update(data)

    add(sys.version, site_url)  # this file is under macros/ too: a change to Entry is a miss
    for name in LIBRARIES:
        add(name, _version(name))
    for folder in INPUTS:
        for path in sorted((project_dir / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                add(path.relative_to(project_dir).as_posix(), path.read_bytes())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _read(path: Path) -> Entry | None:
    try:
        entry = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or foreign file is a miss, never a failed build
        log.debug(f"sg build cache: {path} unreadable ({error}); building from the data")
        return None
    return entry if isinstance(entry, Entry) else None
