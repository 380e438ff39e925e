"""Problems in data files, reported as `file:line: field.path: message`, all of them at once."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one data file, printed as `file:line: field.path: message`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path or '(file)'}: {self.message}"


class DataError(Exception):
    """Raised with every problem found in the data, so one run reports them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: FieldPath) -> str:
    """`('sections', 2, 'weak', 'line')` -> `sections[2].weak.line`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (a typo?)",
    "string_too_short": "must not be empty",
}
_TYPE_ERRORS = ("string_type", "int_type", "list_type", "bool_type", "dict_type", "model_type")


def schema_problems(doc, error: ValidationError) -> list[Problem]:
    """pydantic's errors for one document (`macros.core.source.Document`), each at its field's line."""
    problems = []
    for item in error.errors():
        path: FieldPath = tuple(item["loc"])
        if path and path[-1] == "[key]":  # a bad mapping key (a rubric level 4): point at that key's own line
            problems.append(doc.problem((*path[:-2], str(path[-2])), f"unknown key {path[-2]!r}: {item['msg']}"))
            continue
        message = _MESSAGES.get(item["type"], item["msg"])
        if item["type"] in _TYPE_ERRORS:
            message = f"{item['msg']} (got {type(item['input']).__name__})"
        problems.append(doc.problem(path, message))
    return problems
