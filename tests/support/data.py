"""Data validation tested at the function level: a scratch project holding a copy of data/, with files
changed, and the problems `load_site` finds in it, each as the data hook prints it
(`file:line: field.path: message`). No MkDocs build: tests/test_validation.py keeps the one build
that proves the hook prints these lines and stops.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from . import FIXTURES, ROOT, SEED, write_files
from macros.core.problems import DataError
from macros.core.schema import Walkthrough
from macros.core.source import read_yaml
from macros.core.validate import check_walkthrough
from macros.site import load_site

SEED_FILE = f"data/walkthroughs/{SEED}.yml"
SEED_SOURCE = (ROOT / SEED_FILE).read_text(encoding="utf-8")


def data_project(folder: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """`folder` made a project holding a copy of data/, with `files` written over it (a path relative
    to the project: its new text, or None to delete it)."""
    shutil.copytree(ROOT / "data", folder / "data")
    return write_files(folder, files or {})


def site_problems(project: Path) -> list[str]:
    """Every problem `load_site` finds in the project's data, one line each as the data hook prints
    them; [] when the data loads."""
    try:
        load_site(project)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def seed_problems(folder: Path, seed_text: str) -> list[str]:
    """The problems of the project's data with the seed walkthrough's file replaced by `seed_text`."""
    return site_problems(data_project(folder, {SEED_FILE: seed_text}))


def line_of(text: str, pattern: str, occurrence: int = 1, after: int = 0) -> int:
    """1-based number of the `occurrence`-th line of `text` matching the regex `pattern`, counting
    only lines after line `after`."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if number > after and re.search(pattern, line)]
    if len(found) < occurrence:
        raise AssertionError(f"no line {occurrence} matches {pattern!r} after line {after}")
    return found[occurrence - 1]


def replace_line(text: str, number: int, new: str, keep_indent: bool = False) -> str:
    """`text` with its line `number` (1-based) replaced by `new`, indented as the old line if asked."""
    lines = text.splitlines()
    old = lines[number - 1]
    lines[number - 1] = (old[: len(old) - len(old.lstrip())] if keep_indent else "") + new
    return "\n".join(lines) + "\n"


def fixture_walkthrough(name: str = "tell-me-about-a-failure") -> Walkthrough:
    """A test-only walkthrough (tests/fixtures/walkthroughs/), validated like the real ones."""
    path = FIXTURES / "walkthroughs" / f"{name}.yml"
    doc, problems = read_yaml(path, path.name)
    assert doc is not None and not problems, problems
    walkthrough, problems = check_walkthrough(doc, path.stem)
    assert walkthrough is not None and not problems, problems
    return walkthrough
