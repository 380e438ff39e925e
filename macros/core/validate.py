"""Validate walkthrough files: the pydantic schema first, then the rules that span fields and files."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from .anchors import GUIDE_ANCHORS
from .ids import SECTION_IDS, VARIANT_IDS
from .problems import Problem, schema_problems
from .schema import Walkthrough
from .source import Document
from .timing import speaking_seconds


def guide_anchors(walkthrough: Walkthrough) -> set[str]:
    """Every id the guide page is promised to have: quiz links may point only at these."""
    anchors = set(GUIDE_ANCHORS)
    for section in walkthrough.sections:
        anchors |= {section.anchor, section.compare_anchor}
    for follow_up in walkthrough.follow_ups:
        anchors |= {follow_up.anchor, follow_up.compare_anchor}
    anchors |= {flag.anchor for flag in walkthrough.red_flags}
    anchors |= {phrase.anchor for phrase in walkthrough.key_phrases}
    anchors |= {variant.anchor for variant in walkthrough.variants}
    return anchors


def _duplicates(doc: Document, items: Iterable, field: str, what: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(doc.problem((field, index, "id"), f"duplicate {what} id '{item.id}'"))
        seen.add(item.id)
    return problems


def _check_order(doc: Document, items, field: str, expected: tuple[str, ...], what: str) -> list[Problem]:
    ids = tuple(item.id for item in items)
    if ids == expected:
        return []
    return [doc.problem((field,), f"{what} must be exactly {', '.join(expected)} in that order (got {', '.join(ids)})")]


def _check_quiz(doc: Document, walkthrough: Walkthrough, anchors: set[str]) -> list[Problem]:
    problems = _duplicates(doc, walkthrough.quiz, "quiz", "quiz item")
    # pymdownx names the model answers' tabs after MkDocs has collected the page's anchors, so a
    # Markdown link to one fails the strict build's anchor check: quiz links name the tabs' heading.
    tabs = {variant.anchor for variant in walkthrough.variants}
    for index, item in enumerate(walkthrough.quiz):
        at = ("quiz", index)
        if item.type == "rewrite":
            if item.options or item.answer:
                problems.append(doc.problem((*at, "options"), "a rewrite item has no options or answer"))
            for field in ("quote", "model_answer", "link"):
                if getattr(item, field) is None:
                    problems.append(doc.problem((*at, field), f"a rewrite item needs '{field}'"))
            if not item.checklist:
                problems.append(doc.problem((*at, "checklist"), "a rewrite item needs a checklist"))
        else:
            if len(item.options) < 2:
                problems.append(doc.problem((*at, "options"), "needs at least two options"))
            if not item.answer:
                problems.append(doc.problem((*at, "answer"), "no correct option: list at least one option index"))
            for position, answer in enumerate(item.answer):
                if not 0 <= answer < len(item.options):
                    problems.append(
                        doc.problem(
                            (*at, "answer", position),
                            f"answer {answer} is out of range (options are 0 to {len(item.options) - 1})",
                        )
                    )
            if len(set(item.answer)) != len(item.answer):
                problems.append(doc.problem((*at, "answer"), "an option is listed twice"))
            if item.type in ("single", "classify") and len(item.answer) > 1:
                problems.append(doc.problem((*at, "answer"), f"a {item.type} item has exactly one correct option"))
        links = [((*at, "link"), item.link)] + [((*at, "options", i, "link"), o.link) for i, o in enumerate(item.options)]
        for path, link in links:
            if link in tabs:
                problems.append(
                    doc.problem(path, f"links to '#{link}', a model-answer tab, which the build cannot check: link '#variants' instead")
                )
            elif link is not None and link not in anchors:
                problems.append(doc.problem(path, f"links to '#{link}', which is not an anchor of the guide page"))
    return problems


def _check_timing(doc: Document, walkthrough: Walkthrough) -> list[Problem]:
    problems = []
    timing = walkthrough.timing
    for variant_id in VARIANT_IDS:
        if variant_id not in timing.total_seconds:
            problems.append(doc.problem(("timing", "total_seconds"), f"no total budget for variant '{variant_id}'"))
    for index, variant in enumerate(walkthrough.variants):
        answer = variant.answer
        for section in walkthrough.sections:
            budget = section.budget_seconds
            said = speaking_seconds(getattr(answer, section.id), timing.pace_wpm)
            if budget is not None and said > budget:
                problems.append(
                    doc.problem(
                        ("variants", index, "answer", section.id),
                        f"{section.name} takes {said} s at {timing.pace_wpm} words a minute; its budget is {budget} s",
                    )
                )
        total = sum(speaking_seconds(getattr(answer, s), timing.pace_wpm) for s in SECTION_IDS)
        limit = timing.total_seconds.get(variant.id)
        if limit is not None and total > limit:
            problems.append(
                doc.problem(
                    ("variants", index, "answer"),
                    f"the {variant.label} answer takes {total} s at {timing.pace_wpm} words a minute; its budget is {limit} s",
                )
            )
    return problems


def check_walkthrough(doc: Document, expected_slug: str) -> tuple[Walkthrough | None, list[Problem]]:
    """Schema first; the cross-field rules run only on data that passed it."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "a walkthrough file must be a mapping of fields")]
    try:
        walkthrough = Walkthrough.model_validate(doc.data)
    except ValidationError as error:
        return None, schema_problems(doc, error)
    return walkthrough, walkthrough_problems(doc, walkthrough, expected_slug)


def walkthrough_problems(doc: Document, walkthrough: Walkthrough, expected_slug: str, budgets: bool = True) -> list[Problem]:
    """The rules across fields and files, on a walkthrough that passed the schema; `budgets=False`
    leaves out the speaking-time budgets (a draft's answers are not finished)."""
    problems = []
    if walkthrough.slug != expected_slug:
        problems.append(doc.problem(("slug",), f"slug '{walkthrough.slug}' does not match the file name '{expected_slug}.yml'"))
    problems += _check_order(doc, walkthrough.sections, "sections", SECTION_IDS, "sections")
    problems += _check_order(doc, walkthrough.variants, "variants", VARIANT_IDS, "variants")
    for field, what in (("follow_ups", "follow-up"), ("red_flags", "red flag"), ("key_phrases", "key phrase")):
        problems += _duplicates(doc, getattr(walkthrough, field), field, what)
    problems += _check_quiz(doc, walkthrough, guide_anchors(walkthrough))
    if budgets:
        problems += _check_timing(doc, walkthrough)
    return problems
