"""Files an LMS or another tool can import, generated from each walkthrough at build time.

- exports/<slug>.json: the walkthrough as JSON, valid against exports/walkthrough.schema.json, which is
  generated from the pydantic model (one source of truth).
- exports/<slug>.qti.xml: the quiz as QTI 1.2 in Canvas's dialect (Canvas and Blackboard import it);
  exports/<slug>.qti.zip packages it with the IMS manifest that Canvas's "QTI .zip file" import needs.
- exports/<slug>.gift.txt: the quiz in Moodle's GIFT format.

Plain functions of the data; the markup lives in exports/templates/. The build writes every file in
`site_files` (macros/hooks/data.py), so they exist under `mkdocs serve` too.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

from pydantic import BaseModel

from ..core.jinja import render_file
from ..core.schema import QuizItem, Walkthrough
from ..core.text import html_text
from ..core.urls import EXPORTS_DIR, export_uri

SCHEMA_URI = f"{EXPORTS_DIR}/walkthrough.schema.json"
# Canvas's names for the question types; single choice and classify are both one-correct-answer items.
QTI_TYPES = {
    "single": "multiple_choice_question",
    "classify": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "rewrite": "essay_question",
}
GIFT_SPECIAL = "\\~=#{}:"
# A fixed timestamp for zip entries: the same data gives the same bytes on every build.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _render(template: str, **context) -> str:
    return render_file(f"exports/{template}", gift=gift_escape, **context)


# --- JSON and its schema -------------------------------------------------------------------------


def walkthrough_json(walkthrough: Walkthrough) -> str:
    return walkthrough.model_dump_json(indent=2) + "\n"


def json_schema(model: type[BaseModel]) -> dict:
    """A model's JSON Schema (draft 2020-12), straight from pydantic: the one source of every schema
    the guide publishes (here) or commits beside the data for editors (exports/schemas.py)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}


def walkthrough_schema() -> dict:
    """The JSON Schema of a walkthrough, straight from the pydantic model."""
    return json_schema(Walkthrough)


def schema_json(schema: dict | None = None) -> str:
    """A schema as the file's text (the walkthrough's unless given)."""
    return json.dumps(walkthrough_schema() if schema is None else schema, indent=2, ensure_ascii=False) + "\n"


# --- QTI 1.2 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QtiChoice:
    ident: str
    text: str
    why: str
    correct: bool


def _html_paragraphs(*texts: str | None) -> str:
    """Question text for an LMS that renders HTML: each text one escaped paragraph."""
    return "".join(f"<p>{html_text(text)}</p>" for text in texts if text)


def qti_choices(item: QuizItem) -> list[QtiChoice]:
    return [
        QtiChoice(f"{item.id}-{index}", option.text, option.why, index in item.answer)
        for index, option in enumerate(item.options)
    ]


def rewrite_feedback(item: QuizItem) -> str:
    """What a grader (or the learner, after submitting) sees for a rewrite item: the model and the checklist."""
    checks = "".join(f"<li>{html_text(check)}</li>" for check in item.checklist)
    return f"<p>A model rewrite: {html_text(item.model_answer or '')}</p><p>Check that:</p><ul>{checks}</ul>"


def qti_xml(walkthrough: Walkthrough) -> str:
    return _render(
        "qti.xml.j2",
        w=walkthrough,
        types=QTI_TYPES,
        choices=qti_choices,
        question_html=lambda item: _html_paragraphs(item.prompt, item.quote),
        rewrite_feedback=rewrite_feedback,
    )


def qti_manifest(walkthrough: Walkthrough) -> str:
    return _render("qti_manifest.xml.j2", w=walkthrough, qti_file=export_uri(walkthrough.slug, "qti.xml").split("/")[-1])


def qti_package(walkthrough: Walkthrough, xml: str | None = None) -> bytes:
    """The zip Canvas's "QTI .zip file" import takes: the IMS manifest and the QTI file (`xml`, when
    already rendered)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("imsmanifest.xml", qti_manifest(walkthrough)),
            (export_uri(walkthrough.slug, "qti.xml").split("/")[-1], qti_xml(walkthrough) if xml is None else xml),
        ):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# --- GIFT -------------------------------------------------------------------------------------------


_GIFT_SPECIAL_CHARS = re.compile("[" + re.escape(GIFT_SPECIAL) + "]")


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (and the backslash itself); blank lines would end the question."""
    return _GIFT_SPECIAL_CHARS.sub(lambda match: "\\" + match.group(0), " ".join(str(text).split()))


def gift_weight(item: QuizItem) -> str:
    """Each right option's share of the credit in a multiple-answer item, in Moodle's % notation."""
    return f"{100 / len(item.answer):.5f}".rstrip("0").rstrip(".")


def gift_text(walkthrough: Walkthrough) -> str:
    return _render(
        "gift.txt.j2",
        w=walkthrough,
        html_text=html_text,
        weight=gift_weight,
        rewrite_feedback=rewrite_feedback,
    )


# --- All of them --------------------------------------------------------------------------------------


def site_files(catalog: dict[str, Walkthrough]) -> dict[str, str | bytes]:
    """Every export file of the site, by its path under the site root: pass the published walkthroughs
    (macros.site.Site.published), never drafts."""
    files: dict[str, str | bytes] = {SCHEMA_URI: schema_json()}
    for walkthrough in catalog.values():
        slug = walkthrough.slug
        files[export_uri(slug, "json")] = walkthrough_json(walkthrough)
        files[export_uri(slug, "qti.xml")] = qti_xml(walkthrough)
        files[export_uri(slug, "qti.zip")] = qti_package(walkthrough, files[export_uri(slug, "qti.xml")])
        files[export_uri(slug, "gift.txt")] = gift_text(walkthrough)
    return files
