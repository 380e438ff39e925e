"""Import a walkthrough document (one paragraph a line, as in tests/fixtures/seeds/) as a draft walkthrough.

`make import SRC=path [SLUG=] [FORCE=1]` (scripts/import_walkthrough.py) runs `import_document` and
writes its file: every line of the document placed in its field with a comment naming the line, a
"# TODO" on each field the document cannot give, `draft: true`, and the schema line for editors. The
layout is read by macros/importer/layout.py; the file is written by templates/walkthrough.yml.j2 and
read back through the draft loader before anything is written, so what is written is what was placed.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.catalog import DATA_DIR
from ..core.drafts import check_draft
from ..core.jinja import render_file
from ..core.principles import PRINCIPLES_FILE, PrincipleCatalog
from ..core.problems import Problem
from ..core.source import parse_yaml, read_yaml
from .layout import DocumentError, Parsed, Sourced, parse, read_lines, slug_of

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The walkthrough schema for editors, relative to data/walkthroughs/ (`make schema` writes it).
SCHEMA_FROM_WALKTHROUGHS = "../walkthrough.schema.json"
WIDTH = 100  # columns, as the hand-written data files


class ImportFailed(Exception):
    """Nothing was written: the document's problem (`file:line: message`) or the target's."""


@dataclass(frozen=True)
class Imported:
    """A document read and placed: the draft's file, its text, what went where and what is left to do."""

    path: Path  # relative to the project
    text: str
    parsed: Parsed
    todos: tuple[Problem, ...]

    def report(self) -> str:
        """Each document line and the field(s) it went to, then the notes and the to-dos."""
        by_line: dict[int, list[Sourced]] = {}
        for value in self.parsed.placed():
            by_line.setdefault(value.line, []).append(value)
        width = len(str(max(by_line)))
        out = [f"Placed {len(by_line)} lines of the document:"]
        for line, values in by_line.items():
            fields = "; ".join(v.path + (f" ({v.how})" if v.how else "") for v in values)
            out.append(f"  line {line:>{width}} -> {fields}")
        out += [f"Note: {note}" for note in self.parsed.notes]
        out.append(f"To do: {len(self.todos)} parts the document does not give (each a '# TODO' in the file):")
        out += [f"  {todo.file}:{todo.line}: {todo.path}" for todo in self.todos]
        return "\n".join(out)


def import_document(data: bytes, source: str, project_dir: Path, slug: str | None = None) -> Imported:
    """Read and place a document; raises ImportFailed (`source:line: message`) and writes nothing."""
    try:
        parsed = parse(read_lines(data), *_catalog(Path(project_dir)))
    except DocumentError as error:
        raise ImportFailed(f"{source}:{error.line}: {error.message}") from None
    slug = slug or slug_of(parsed.question.text)
    if not SLUG.match(slug):
        raise ImportFailed(f"SLUG '{slug}' is not a slug: lowercase letters and digits, words joined by single hyphens")
    path = DATA_DIR / f"{slug}.yml"
    text = render_file(
        "importer/walkthrough.yml.j2",
        w=parsed,
        slug=slug,
        source=Path(source).name,
        schema=SCHEMA_FROM_WALKTHROUGHS,
        scalar=scalar,
    )
    return Imported(path, text, parsed, _read_back(text, path.as_posix(), slug, parsed))


def write(imported: Imported, project_dir: Path, force: bool = False) -> Path:
    """Write the draft, all at once (a temporary file renamed into place); an existing file only with `force`."""
    target = Path(project_dir) / imported.path
    if target.exists() and not force:
        raise ImportFailed(f"{imported.path.as_posix()} already exists: FORCE=1 replaces it, or choose another SLUG=")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(imported.text)
        if force:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if the file appeared meanwhile: never overwritten unasked
            os.unlink(temporary)
    except FileExistsError:
        os.unlink(temporary)
        raise ImportFailed(f"{imported.path.as_posix()} already exists: FORCE=1 replaces it, or choose another SLUG=") from None
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return target


def _catalog(project_dir: Path) -> tuple[list[str], str | None]:
    """The principles' names and the framework from data/principles.yml, to spell them as the data does
    (none, if the catalog cannot be read: the build will report it)."""
    path = project_dir / PRINCIPLES_FILE
    doc, problems = read_yaml(path, PRINCIPLES_FILE.as_posix()) if path.is_file() else (None, [])
    try:
        catalog = PrincipleCatalog.model_validate(doc.data) if doc and not problems else None
    except ValueError:
        catalog = None
    return (catalog.names, catalog.framework) if catalog else ([], None)


def _read_back(text: str, file: str, slug: str, parsed: Parsed) -> tuple[Problem, ...]:
    """The draft as the build will read it: its to-dos; an error here is a bug of the importer."""
    doc, problems = parse_yaml(text, file)
    draft, problems = check_draft(doc, slug) if doc else (None, problems)
    if draft is None or problems:
        raise RuntimeError("the imported draft does not load:\n" + "\n".join(map(str, problems)))
    for value in parsed.placed():
        held = _at(doc.data, value.path)
        if held != value.text:
            raise RuntimeError(f"{file}: {value.path} holds {held!r}, not line {value.line}'s {value.text!r}")
    return draft.todos


def _at(data, path: str):
    for part in re.findall(r"[^.\[\]]+", path):
        data = data[int(part)] if part.isdigit() else data[part]
    return data


def scalar(value: Sourced | str, indent: int) -> str:
    """A YAML value after `key: ` at column `indent`: plain when that reads back as the same text and
    fits, else folded (`>-`), wrapped at spaces; a Sourced value adds a comment naming its line."""
    text, comment = (value.text, f"  # {value.note}") if isinstance(value, Sourced) else (value, "")
    if indent + len(text) + len(comment) <= WIDTH - 8 and _plain(text):
        return text + comment
    # Single spaces only (the document's were collapsed), so each line break folds back into one space.
    lines = textwrap.wrap(text, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return ">-" + comment + "".join(f"\n{' ' * (indent + 2)}{line}" for line in lines)


def _plain(text: str) -> bool:
    try:
        return "#" not in text and yaml.safe_load(f"key: {text}") == {"key": text}
    except yaml.YAMLError:
        return False
