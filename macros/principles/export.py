"""exports/principles.json: the principles catalog for other tools (and the practice modes), in the
shape its committed JSON Schema fixes (export.schema.json, published as exports/principles.schema.json).

The shape is a contract with readers outside this repository, so it is written out field by field
here rather than dumped from the data model: a field added to data/principles.yml (such as a
question's `walkthrough`) stays out until the schema says otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.principles import PrincipleCatalog
from ..core.urls import PRINCIPLES_JSON, PRINCIPLES_SCHEMA

SCHEMA_FILE = Path(__file__).resolve().with_name("export.schema.json")


def principles_export(catalog: PrincipleCatalog) -> dict:
    return {
        "framework": catalog.framework,
        "principles": [
            {
                "slug": p.slug,
                "name": p.name,
                "summary": p.summary,
                "listen_for": list(p.listen_for),
                "red_flags": list(p.red_flags),
                "questions": [{"id": q.id, "text": q.text, "probes": list(q.probes)} for q in p.questions],
            }
            for p in catalog.principles
        ],
    }


def export_files(catalog: PrincipleCatalog) -> dict[str, str]:
    """The export and its schema, by their paths in the site."""
    return {
        PRINCIPLES_JSON: json.dumps(principles_export(catalog), ensure_ascii=False, indent=2) + "\n",
        PRINCIPLES_SCHEMA: SCHEMA_FILE.read_text(encoding="utf-8"),
    }
