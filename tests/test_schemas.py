"""The data files' JSON Schemas (data/*.schema.json), for editors: generated from the models, committed,
named on each data file's first line, and fresh.

A stale schema fails here with the command that fixes it; `make schema` (scripts/make_schema.py)
writes exactly what this test expects.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path, PurePosixPath

import pytest
import yaml
from jsonschema import Draft202012Validator

from support import ROOT
from macros import exports
from macros.exports.schemas import SCHEMAS, WALKTHROUGH_SCHEMA, schema_files

SCHEMA_LINE = "# yaml-language-server: $schema="
DATA_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yml"))


def schema_for(data_file: str) -> str:
    (schema,) = [path for path, (_, pattern) in SCHEMAS.items() if PurePosixPath(data_file).match(pattern)]
    return schema


@pytest.mark.parametrize("path", sorted(SCHEMAS))
def test_the_committed_schema_is_fresh(path):
    committed = ROOT / path
    assert committed.is_file(), f"{path} is missing: run `make schema`"
    assert committed.read_text(encoding="utf-8") == schema_files()[path], f"{path} is stale: run `make schema`"
    Draft202012Validator.check_schema(json.loads(committed.read_text(encoding="utf-8")))


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_every_data_file_names_its_schema_on_its_first_line(data_file):
    first = (ROOT / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE), f"{data_file} does not start with `{SCHEMA_LINE}<path>`"
    named = PurePosixPath(data_file).parent / first.removeprefix(SCHEMA_LINE)
    resolved = Path(ROOT / named).resolve().relative_to(ROOT).as_posix()
    assert resolved == schema_for(data_file), f"{data_file} names {first.removeprefix(SCHEMA_LINE)}"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_every_data_file_is_valid_against_its_schema(data_file):
    """What the editor checks as you type agrees with the build: the data the build accepts is valid."""
    schema = json.loads((ROOT / schema_for(data_file)).read_text(encoding="utf-8"))
    # As JSON, the way an editor reads YAML against a JSON Schema (mapping keys are strings).
    data = json.loads(json.dumps(yaml.safe_load((ROOT / data_file).read_text(encoding="utf-8"))))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schemas_catch_what_the_models_reject():
    rules = json.loads((ROOT / "data" / "rules.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(rules).iter_errors({**data, "rubric": []})), "the rubric lives in data/rubric.yml"
    walkthrough = json.loads((ROOT / WALKTHROUGH_SCHEMA).read_text(encoding="utf-8"))
    seed = yaml.safe_load((ROOT / "data" / "walkthroughs" / "act-without-approval.yml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(walkthrough).iter_errors({**seed, "sumary": "typo"}))
    assert "draft" in walkthrough["properties"] and "quiz" not in walkthrough["required"]


def test_the_published_export_schema_is_the_editors_schema():
    """exports/walkthrough.schema.json (built) and data/walkthrough.schema.json: one model, one text."""
    assert exports.schema_json() == (ROOT / WALKTHROUGH_SCHEMA).read_text(encoding="utf-8")


def test_make_schema_rewrites_a_stale_schema(tmp_path):
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "scripts" / "make_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    stale = tmp_path / WALKTHROUGH_SCHEMA
    stale.write_text("{}\n", encoding="utf-8")
    (tmp_path / "data" / "rules.schema.json").unlink()
    assert module.main(["--project", str(tmp_path)]) == 0
    for path, text in schema_files().items():
        assert (tmp_path / path).read_text(encoding="utf-8") == text
