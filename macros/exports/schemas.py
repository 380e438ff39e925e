"""The JSON Schema of each data file, generated from its model and committed beside the data
(data/*.schema.json), so an editor that reads `# yaml-language-server: $schema=...` (VS Code with the
YAML extension, and others) validates and completes fields as you type.

`make schema` (scripts/make_schema.py) writes them; tests/test_schemas.py fails when one is stale or a
data file lacks its schema line. data/walkthrough.schema.json is the same text the build publishes as
exports/walkthrough.schema.json for the JSON exports: one model, one schema, two places.
"""

from __future__ import annotations

from ..core.principles import PRINCIPLES_FILE, PrincipleCatalog
from ..core.rubric import RUBRIC_FILE, InstructorKit
from ..practice.rules import RULES_FILE, RuleSet
from . import json_schema, schema_json, walkthrough_schema

WALKTHROUGH_SCHEMA = "data/walkthrough.schema.json"


def _rules_schema() -> dict:
    """data/rules.yml is a RuleSet without its rubric, which the build takes from data/rubric.yml."""
    schema = json_schema(RuleSet)
    del schema["properties"]["rubric"]
    schema["required"] = [name for name in schema["required"] if name != "rubric"]
    del schema["$defs"]["ScoredLine"]
    return schema


# Each schema file, and the data files (globs, relative to the project) whose first line names it.
SCHEMAS = {
    WALKTHROUGH_SCHEMA: (walkthrough_schema, "data/walkthroughs/*.yml"),
    "data/principles.schema.json": (lambda: json_schema(PrincipleCatalog), PRINCIPLES_FILE.as_posix()),
    "data/rubric.schema.json": (lambda: json_schema(InstructorKit), RUBRIC_FILE.as_posix()),
    "data/rules.schema.json": (_rules_schema, RULES_FILE.as_posix()),
}


def schema_files() -> dict[str, str]:
    """Every committed schema file's text, by its path in the project."""
    return {path: schema_json(make()) for path, (make, _) in SCHEMAS.items()}
