"""The one registry of generated pages: every feature's PageSpecs, imported, in the order a
walkthrough's navigation section lists them. Adding a kind of page is adding its path to
macros/core/urls.py, its PageSpec to its feature, and the spec here."""

from __future__ import annotations

from . import cheat_sheet, embed, guide, instructor, quiz, variants
from .core.pages import PageSpec

GENERATED_PAGES: dict[str, PageSpec] = {
    spec.kind: spec
    for spec in (guide.PAGE, variants.PAGE, quiz.PAGE, cheat_sheet.PAGE, instructor.PAGE, *embed.PAGES)
}
