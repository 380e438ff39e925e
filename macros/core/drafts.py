"""Drafts: a walkthrough file with `draft: true` may lack any field.

A draft is completed with a visible placeholder in every missing field ("To do: sections[0].strong.line",
built from the schema's own types), so every page renders from it unchanged, and each missing part is
a to-do at the line of the nearest field the file has: `file:line: field`. Everything the file does
hold is checked as in a published walkthrough, except the speaking-time budgets and the story rules,
which judge finished answers. The site layer decides whether a draft is built at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from inspect import isclass
from types import NoneType, UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from annotated_types import Gt
from pydantic import BaseModel, ValidationError

from .problems import FieldPath, Problem, format_path, schema_problems
from .schema import Walkthrough
from .source import Document
from .validate import walkthrough_problems

# Rounds of filling: each round fills every field pydantic reports missing, whole models at once, so
# two rounds are enough for any file; the bound only guards against a loop.
_MAX_ROUNDS = 8


@dataclass(frozen=True)
class Draft:
    """A draft walkthrough, completed with placeholders, and what is missing from its file."""

    walkthrough: Walkthrough
    file: str
    missing: tuple[FieldPath, ...]  # the field paths that hold placeholders
    todos: tuple[Problem, ...]  # the same, each at the line of the nearest field the file has

    def known(self, path: FieldPath) -> bool:
        """Whether the value at `path` comes from the file, not a placeholder."""
        return not any(path[: len(gap)] == gap for gap in self.missing)


def is_draft(data: object) -> bool:
    return isinstance(data, dict) and data.get("draft") is True


def check_draft(doc: Document, expected_slug: str) -> tuple[Draft | None, list[Problem]]:
    """The draft completed with placeholders and its to-dos; or None and the problems of what it does hold."""
    data = _without_blanks(doc.data)
    filled: list[FieldPath] = []
    for _ in range(_MAX_ROUNDS):
        try:
            walkthrough = Walkthrough.model_validate(data)
            break
        except ValidationError as error:
            missing = [tuple(item["loc"]) for item in error.errors() if _fillable(item)]
            if not missing:
                return None, schema_problems(doc, error)
            for path in missing:
                _set(data, path, placeholder(path, expected_slug))
            filled += missing
    else:  # pragma: no cover - a placeholder the schema rejects is a bug in this module
        raise RuntimeError(f"{doc.file}: placeholders did not satisfy the schema")
    todos = tuple(Problem(doc.file, doc.line_of(path), format_path(path), "to do") for path in filled)
    problems = walkthrough_problems(doc, walkthrough, expected_slug, budgets=False)
    return Draft(walkthrough, doc.file, tuple(filled), todos), problems


def _fillable(item: dict) -> bool:
    """A field that is absent, or a list left empty: what a draft may lack."""
    return item["type"] == "missing" or (item["type"] == "too_short" and item["input"] == [])


def _without_blanks(value):
    """The data with empty values dropped (`strong:` with nothing after it, or ""): absent, so to-dos."""
    if isinstance(value, dict):
        return {key: _without_blanks(item) for key, item in value.items() if not _blank(item)}
    if isinstance(value, list):
        return [_without_blanks(item) for item in value]
    return value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _set(data, path: FieldPath, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


# --- Placeholders from the schema's types ---------------------------------------------------------


def placeholder(path: FieldPath, slug: str):
    """A value for the missing field at `path` that the schema accepts and a reader sees is missing."""
    annotation, metadata = _field_type(path)
    return _value(annotation, metadata, path, slug)


def _field_type(path: FieldPath):
    """The annotation and constraints of the field at `path` of a walkthrough."""
    annotation, metadata = Walkthrough, []
    for part in path:
        annotation, more = _unwrap(annotation)
        if isinstance(part, int):
            annotation, metadata = get_args(annotation)[0], []
        elif get_origin(annotation) is dict:
            annotation, metadata = get_args(annotation)[1], []
        else:
            info = annotation.model_fields[part]
            annotation, metadata = info.annotation, list(info.metadata)
    return annotation, metadata


def _unwrap(annotation, metadata=None):
    """Annotated[...] and `X | None` peeled off: the type and every constraint on it."""
    metadata = list(metadata or [])
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *more = get_args(annotation)
            metadata += more
        elif get_origin(annotation) in (Union, UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not NoneType)
        else:
            return annotation, metadata


def _constraint(metadata, name: str):
    for item in metadata:
        value = getattr(item, name, None)
        if value is not None:
            return value
    return None


def _value(annotation, metadata, path: FieldPath, slug: str):
    annotation, metadata = _unwrap(annotation, metadata)
    origin = get_origin(annotation)
    if isclass(annotation) and issubclass(annotation, BaseModel):
        return {
            name: _value(info.annotation, info.metadata, (*path, name), slug)
            for name, info in annotation.model_fields.items()
            if info.is_required()
        }
    if origin is list:
        (item,) = get_args(annotation)
        count = max(_constraint(metadata, "min_length") or 1, 1)
        items = [_value(item, [], (*path, index), slug) for index in range(count)]
        return _distinct_ids(item, items)
    if origin is dict:
        key, value = get_args(annotation)
        return {choice: _value(value, [], (*path, choice), slug) for choice in get_args(key)}
    if origin is Literal:
        return get_args(annotation)[0]
    if annotation is bool:
        return False
    if annotation is int:
        bound = next((m.gt for m in metadata if isinstance(m, Gt)), 0)
        return bound + 1
    if _constraint(metadata, "pattern"):  # a slug: ids and the file's own slug
        return slug if path == ("slug",) else "todo-" + "-".join(str(part) for part in path).replace("_", "-")
    return _text(path, metadata)


def _text(path: FieldPath, metadata) -> str:
    text = f"To do: {format_path(path)}"
    shortest = _constraint(metadata, "min_length") or 0
    longest = _constraint(metadata, "max_length")
    if len(text) < shortest:
        text += f", in {shortest} to {longest} characters" if longest else f", at least {shortest} characters"
        text += "." * max(0, shortest - len(text))
    return text


def _distinct_ids(item, items: list) -> list:
    """Placeholder items of a list whose `id` is one of a fixed set (sections, variants) get one each, in order."""
    item, _ = _unwrap(item)
    if not (isclass(item) and issubclass(item, BaseModel) and "id" in item.model_fields):
        return items
    choices = get_args(_unwrap(item.model_fields["id"].annotation)[0])
    if get_origin(_unwrap(item.model_fields["id"].annotation)[0]) is Literal and len(choices) == len(items):
        for value, choice in zip(items, choices):
            value["id"] = choice
    return items
