"""The story rules of data/rules.yml: loaded and validated, applied to a draft, and linting every model answer.

The browser runs the same rules through docs/assets/sg/practice.js. The two interpreters are kept in
step by tests/fixtures/stories.json and tests/fixtures/practice-cases.json, which both test suites run:
change `analyze` here and in practice.js together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from ..core.anchors import GUIDE_ANCHORS
from ..core.ids import FOLLOW_UPS, SECTION_IDS
from ..core.problems import Problem, schema_problems
from ..core.rubric import InstructorKit
from ..core.schema import HeardIn, SectionId, Slug, Strict, Text, Walkthrough
from ..core.source import Document, read_yaml
from ..core.timing import speaking_seconds, word_count

RULES_FILE = Path("data") / "rules.yml"
FOLLOW_UP_PREFIX = "follow-up-"
# Timing is already checked against every model answer by macros.core.validate, in the same form.
BUDGET_KINDS = ("section_budget", "total_budget")
# Each kind's fields: which are required and which are meaningless (and so rejected) for it.
NEEDS_PATTERNS = ("phrase", "require", "each_sentence")
NEEDS_SECTIONS = ("phrase", "require", "each_sentence", "min_words")

RuleSection = HeardIn


class ScoredLine(Strict):
    """A line of the instructor guide's rubric (data/rubric.yml), as the rules score it."""

    id: Slug
    label: Text
    section: RuleSection = Field(description="Where the interviewer hears it: a STAR section or the follow-ups.")


class Rule(Strict):
    """One check of a story; see the header of data/rules.yml for what each kind does."""

    id: Slug
    kind: Literal["phrase", "require", "each_sentence", "min_words", "section_budget", "total_budget"]
    label: Text = Field(description="A few words, for the checklist and the report.")
    explain: Text = Field(description="What the rule checks and why, for the server-rendered checklist.")
    message: Text = Field(description="The finding, with {placeholders}.")
    sections: list[RuleSection] = Field(default_factory=list)
    patterns: list[Text] = Field(default_factory=list)
    when: list[Text] = Field(default_factory=list)
    ignore_case: bool = True
    min: int = Field(default=1, ge=1)
    late_message: Text | None = None
    principles: list[Text] = Field(default_factory=list)
    rubric: Slug | None = None
    link: Text


class RuleSet(Strict):
    """The whole of data/rules.yml, with the rubric lines of data/rubric.yml its rules score."""

    rubric: list[ScoredLine] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    suggest: dict[SectionId, list[Text]] = Field(
        default_factory=dict, description="Cues for splitting a pasted answer into sections (JavaScript only)."
    )


# Regex features Python and JavaScript read differently (or one of them lacks), with what to do instead.
_NOT_PORTABLE = [
    (
        re.compile(r"\(\?(?![:=!])"),
        "only (?:...), (?=...) and (?!...) groups: no lookbehind, named groups or inline flags",
    ),
    (re.compile(r"\\[AZzG]"), r"no \A, \Z, \z or \G anchors"),
    (re.compile(r"\{,"), "no {,n} quantifier: write {0,n}"),
    (re.compile(r"(?:[*+?}])\+"), "no possessive quantifiers"),
    (re.compile(r"\\[pPNXQEK]"), r"no \p, \N, \X, \Q, \E or \K escapes"),
]


# Combined once: OR-ing RegexFlag members is an enum operation, a tenth of the build lint's time.
_FLAGS = {False: re.ASCII, True: re.ASCII | re.IGNORECASE}


def compile_pattern(pattern: str, ignore_case: bool) -> re.Pattern:
    """The pattern as Python reads it: ASCII mode, so \\w \\d \\b match what JavaScript's do."""
    return re.compile(pattern, _FLAGS[bool(ignore_case)])


def pattern_problem(pattern: str, ignore_case: bool = True) -> str | None:
    """Why `pattern` cannot be shared with JavaScript, or None if it can."""
    for check, why in _NOT_PORTABLE:
        if check.search(pattern):
            return f"pattern {pattern!r} is not portable to JavaScript: {why}"
    try:
        compiled = compile_pattern(pattern, ignore_case)
    except re.error as error:
        return f"pattern {pattern!r} does not compile: {error}"
    if compiled.fullmatch(""):
        return f"pattern {pattern!r} matches the empty string"
    return None


def guide_anchor_ok(link: str) -> bool:
    """Whether `link` is an anchor every guide page has, once {part} is filled in."""
    generic = set(GUIDE_ANCHORS) | set(SECTION_IDS) | {f"{s}-compare" for s in SECTION_IDS}
    return link in generic or link in ("{part}", "{part}-compare")


def _check_rule(doc: Document, index: int, rule: Rule, rubric_ids: set[str]) -> list[Problem]:
    at = ("rules", index)
    problems = []
    if rule.kind in NEEDS_PATTERNS and not rule.patterns:
        problems.append(doc.problem((*at, "patterns"), f"a {rule.kind} rule needs at least one pattern"))
    if rule.kind not in NEEDS_PATTERNS and rule.patterns:
        problems.append(doc.problem((*at, "patterns"), f"a {rule.kind} rule has no patterns"))
    if rule.kind in NEEDS_SECTIONS and not rule.sections:
        problems.append(doc.problem((*at, "sections"), f"a {rule.kind} rule needs the sections it checks"))
    if rule.kind not in NEEDS_SECTIONS and rule.sections:
        problems.append(doc.problem((*at, "sections"), f"a {rule.kind} rule takes its sections from the walkthrough"))
    for field in ("when", "late_message"):
        if getattr(rule, field) and rule.kind != "require":
            problems.append(doc.problem((*at, field), f"only a require rule has '{field}'"))
    if rule.rubric is not None and rule.rubric not in rubric_ids:
        known = ", ".join(sorted(rubric_ids))
        problems.append(doc.problem((*at, "rubric"), f"'{rule.rubric}' is not a rubric line ({known})"))
    if not guide_anchor_ok(rule.link) or (rule.kind == "total_budget" and "{part}" in rule.link):
        problems.append(
            doc.problem((*at, "link"), f"'{rule.link}' is not an anchor every guide page has (a section, '<section>-compare', "
                        f"{', '.join(GUIDE_ANCHORS)}, or '{{part}}' / '{{part}}-compare')")
        )
    for field in ("patterns", "when"):
        for position, pattern in enumerate(getattr(rule, field)):
            why = pattern_problem(pattern, rule.ignore_case)
            if why:
                problems.append(doc.problem((*at, field, position), why))
    return problems


def check_rules(doc: Document, rubric: list[ScoredLine], principles: set[str]) -> tuple[RuleSet | None, list[Problem]]:
    """Schema first, then what spans fields: unique ids, rubric lines, anchors, portable patterns."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "the rules file must be a mapping with 'rules'")]
    if "rubric" in doc.data:
        return None, [doc.problem(("rubric",), "the rubric lives in data/rubric.yml; a rule names its line in 'rubric'")]
    try:
        rules = RuleSet.model_validate({**doc.data, "rubric": [line.model_dump() for line in rubric]})
    except ValidationError as error:
        return None, schema_problems(doc, error)
    problems = []
    seen: set[str] = set()
    for index, rule in enumerate(rules.rules):
        if rule.id in seen:
            problems.append(doc.problem(("rules", index, "id"), f"duplicate rule id '{rule.id}'"))
        seen.add(rule.id)
    rubric_ids = {line.id for line in rules.rubric}
    for index, rule in enumerate(rules.rules):
        problems += _check_rule(doc, index, rule, rubric_ids)
        for position, name in enumerate(rule.principles):
            if name not in principles:
                problems.append(doc.problem(("rules", index, "principles", position), f"'{name}' is not a principle of data/principles.yml"))
    for section, cues in rules.suggest.items():
        for position, pattern in enumerate(cues):
            why = pattern_problem(pattern)
            if why:
                problems.append(doc.problem(("suggest", section, position), why))
    return (None if problems else rules), problems


def scored_lines(kit: InstructorKit) -> list[ScoredLine]:
    """The instructor guide's rubric (data/rubric.yml), as the lines the rules score."""
    return [ScoredLine(id=line.id, label=line.criterion, section=line.scored_in) for line in kit.rubric]


def read_rules(project_dir: Path, kit: InstructorKit, principles: set[str]) -> tuple[RuleSet | None, list[Problem]]:
    """data/rules.yml, validated against the rubric of `kit` and the principles' names: (rules, []) or
    (None, every problem)."""
    path = Path(project_dir) / RULES_FILE
    if not path.is_file():
        return None, [Problem(RULES_FILE.as_posix(), 1, "", "the rules file is missing")]
    doc, problems = read_yaml(path, RULES_FILE.as_posix())
    if doc is None:
        return None, problems
    rules, check_problems = check_rules(doc, scored_lines(kit), principles)
    problems += check_problems
    return (None if problems else rules), problems


# --- Analysis: mirrored line for line by analyze() in docs/assets/sg/practice.js -----------------

# A sentence ends at . ! ? or … (then closing quotes or brackets) before a space, or at a line break.
_SENTENCE = re.compile(r"\S[\s\S]*?(?:[.!?…]+[\"'”’)\]]*(?=\s|\Z)|(?=\n)|\Z)")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The [start, end) span of each sentence of `text`."""
    return tuple(match.span() for match in _SENTENCE.finditer(text))


def walkthrough_context(walkthrough: Walkthrough) -> dict:
    """What the rules need to know about a walkthrough, as plain data: the browser gets the same."""
    parts = [{"id": s.id, "name": s.name, "budget": s.budget_seconds} for s in walkthrough.sections]
    parts += [{"id": f.anchor, "name": f.question, "budget": None} for f in walkthrough.follow_ups]
    return {
        "slug": walkthrough.slug,
        "principle": walkthrough.principle,
        "pace": walkthrough.timing.pace_wpm,
        "parts": parts,
        "totals": dict(walkthrough.timing.total_seconds),
        "roles": {v.id: v.label for v in walkthrough.variants},
    }


def _fill(template: str, values: dict) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def _group(part: str) -> str:
    return FOLLOW_UPS if part.startswith(FOLLOW_UP_PREFIX) else "story"


def _covers(rule: Rule, part: str) -> bool:
    return part in rule.sections or (_group(part) == FOLLOW_UPS and FOLLOW_UPS in rule.sections)


def _matches(patterns: list[str], ignore_case: bool, part: str, text: str) -> list[dict]:
    found = []
    for pattern in patterns:
        for match in compile_pattern(pattern, ignore_case).finditer(text):
            found.append({"part": part, "start": match.start(), "end": match.end()})
    return found


def analyze(rules: RuleSet, context: dict, story: dict[str, str], role: str | None = None,
            kinds: tuple[str, ...] | None = None) -> dict:
    """Findings, a score per rubric line and speaking times for `story` ({part id: text}).

    Parts are the STAR section ids and the follow-up anchors ("follow-up-escalation"). `role` is a
    variant id, for the total budget. `kinds` limits the rules applied (the build lint skips timing).
    """
    names = {p["id"]: p["name"] for p in context["parts"]}
    texts = {p["id"]: story.get(p["id"], "") for p in context["parts"] if story.get(p["id"], "").strip()}
    order = [p["id"] for p in context["parts"]]
    findings: list[dict] = []
    checks: list[tuple[str, bool]] = []  # (rubric line, passed), one per rule and group with text

    spans = {part: sentences(text) for part, text in texts.items()}

    def sentence_of(part: str, start: int) -> tuple[int, int] | None:
        return next((s for s in spans[part] if s[0] <= start < s[1]), None)

    def add(rule: Rule, level: str, part: str | None, span: dict | None = None, message: str | None = None, **values):
        match = texts[part][span["start"]:span["end"]] if span else None
        values.update(match=match, section=names.get(part, ""), pace=context["pace"], min=rule.min)
        findings.append({
            "rule": rule.id,
            "level": level,
            "part": part,
            "match": match,
            "sentence": sentence_of(part, span["start"]) if span else None,
            "message": _fill(message or rule.message, values) if level == "problem" else None,
            "link": _fill(rule.link, {"part": part}) if part else rule.link,
        })

    for rule in rules.rules:
        if rule.principles and context["principle"] not in rule.principles:
            continue
        if kinds is not None and rule.kind not in kinds:
            continue
        if rule.kind in BUDGET_KINDS:
            _timing_rule(rule, context, texts, role, add)
            continue
        for group in ("story", FOLLOW_UPS):
            parts = [p for p in order if p in texts and _group(p) == group and _covers(rule, p)]
            if not parts:
                continue
            before = len([f for f in findings if f["level"] == "problem"])
            _pattern_rule(rule, parts, texts, order, add)
            if rule.rubric is not None and (rule.kind != "require" or not rule.when or _applies(rule, parts, texts)):
                passed = before == len([f for f in findings if f["level"] == "problem"])
                checks.append((FOLLOW_UPS if group == FOLLOW_UPS else rule.rubric, passed))

    scores = []
    for line in rules.rubric:
        # A line is scored once the section the interviewer hears it in has text.
        heard = any(_group(p) == FOLLOW_UPS for p in texts) if line.section == FOLLOW_UPS else line.section in texts
        keys = {line.id, FOLLOW_UPS} if line.section == FOLLOW_UPS else {line.id}
        mine = [ok for rubric, ok in checks if rubric in keys] if heard else []
        passed = sum(mine)
        scores.append(
            {"id": line.id, "label": line.label, "passed": passed, "total": len(mine), "level": _level(passed, len(mine))}
        )
    said = {p["id"]: speaking_seconds(texts.get(p["id"], ""), context["pace"]) for p in context["parts"]}
    story_parts = [p for p in context["parts"] if _group(p["id"]) == "story"]
    timing = {
        "parts": [
            {"id": p["id"], "words": word_count(texts.get(p["id"], "")), "seconds": said[p["id"]], "budget": p["budget"]}
            for p in story_parts
        ],
        "total": {"seconds": sum(said[p["id"]] for p in story_parts), "budget": context["totals"].get(role)},
    }
    return {"findings": findings, "scores": scores, "timing": timing}


def _level(passed: int, total: int) -> int | None:
    """The rubric's 1 to 3, as far as the checks can tell: 3 all pass, 2 more than half, else 1."""
    if not total:
        return None
    return 3 if passed == total else 2 if passed * 2 > total else 1


def _applies(rule: Rule, parts: list[str], texts: dict) -> bool:
    return any(_matches(rule.when, rule.ignore_case, p, texts[p]) for p in parts)


def _pattern_rule(rule: Rule, parts: list[str], texts: dict, order: list[str], add) -> None:
    if rule.kind == "phrase":
        for part in parts:
            for span in _matches(rule.patterns, rule.ignore_case, part, texts[part]):
                add(rule, "problem", part, span)
    elif rule.kind == "each_sentence":
        for part in parts:
            for start, end in sentences(texts[part]):
                found = _matches(rule.patterns, rule.ignore_case, part, texts[part][start:end])
                if found:
                    add(rule, "ok", part, {"start": start + found[0]["start"], "end": start + found[0]["end"]})
                else:
                    add(rule, "problem", part, {"start": start, "end": end})
    elif rule.kind == "min_words":
        words = sum(word_count(texts[p]) for p in parts)
        if words < rule.min:
            add(rule, "problem", parts[-1], words=words)
    elif rule.kind == "require":
        trigger = None
        if rule.when:
            triggers = [m for p in parts for m in _matches(rule.when, rule.ignore_case, p, texts[p])]
            if not triggers:
                return
            trigger = triggers[0]
        found = [m for p in parts for m in _matches(rule.patterns, rule.ignore_case, p, texts[p])]
        for span in found:
            add(rule, "ok", span["part"], span)
        if len(found) >= rule.min:
            return
        if trigger:
            add(rule, "problem", trigger["part"], trigger, count=len(found))
            return
        if rule.late_message:
            later = [p for p in order[order.index(parts[-1]) + 1:] if p in texts and _group(p) == "story"]
            late = [m for p in later for m in _matches(rule.patterns, rule.ignore_case, p, texts[p])]
            if late:
                add(rule, "problem", late[0]["part"], late[0], message=rule.late_message, count=len(found))
                return
        add(rule, "problem", parts[-1], count=len(found))


def _timing_rule(rule: Rule, context: dict, texts: dict, role: str | None, add) -> None:
    story = [p for p in context["parts"] if _group(p["id"]) == "story"]
    if rule.kind == "section_budget":
        for part in story:
            if part["budget"] is None or part["id"] not in texts:
                continue
            said = speaking_seconds(texts[part["id"]], context["pace"])
            if said > part["budget"]:
                add(rule, "problem", part["id"], said=said, budget=part["budget"])
    elif role in context["totals"] and any(p["id"] in texts for p in story):
        said = sum(speaking_seconds(texts.get(p["id"], ""), context["pace"]) for p in story)
        if said > context["totals"][role]:
            add(rule, "problem", None, said=said, budget=context["totals"][role], role=context["roles"][role])


def lint_answers(doc: Document, walkthrough: Walkthrough, rules: RuleSet) -> list[Problem]:
    """Every model answer must pass the rules clean: each finding is a problem at the answer's section."""
    context = walkthrough_context(walkthrough)
    lint_kinds = tuple(kind for kind in Rule.model_fields["kind"].annotation.__args__ if kind not in BUDGET_KINDS)
    problems = []
    for index, variant in enumerate(walkthrough.variants):
        result = analyze(rules, context, variant.answer.model_dump(), variant.id, kinds=lint_kinds)
        for finding in result["findings"]:
            if finding["level"] == "problem":
                problems.append(
                    doc.problem(
                        ("variants", index, "answer", finding["part"]),
                        f"{finding['message']} (rule '{finding['rule']}' of {RULES_FILE.as_posix()})",
                    )
                )
    return problems
