"""The story rules (data/rules.yml) in Python: validation, the shared fixtures, the build lint, the page.

tests/fixtures/stories.json (stories written by hand, with their expected findings) and
tests/fixtures/practice-cases.json (every sample line and model answer, with what macros/rules.py
finds in it) also run through tests/js/practice.test.js, so the two interpreters cannot drift.
practice-cases.json is generated from the data: after changing the rules or a walkthrough, run
`SG_UPDATE_FIXTURES=1 .venv/bin/python -m pytest tests/test_rules.py` (it rewrites the file and fails
with "regenerated: rerun"), then run the tests again and commit the result.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from support import FIXTURES, ROOT, WALKTHROUGHS
from support.data import SEED_FILE, SEED_SOURCE, data_project, fixture_walkthrough, line_of, seed_problems
from macros.core.assets import MINIFIERS
from macros.core.ids import FOLLOW_UPS, SECTION_IDS
from macros.core.principles import load_principles
from macros.core.problems import DataError
from macros.core.rubric import load_kit
from macros.practice import practice_payload, rules_json, timer_plan
from macros.practice.rules import analyze, read_rules, walkthrough_context
from macros.site import load_site

def load_rules(project: Path):
    """data/rules.yml of `project`, against its rubric: (rules, []) or (None, problems)."""
    return read_rules(project, load_kit(project), set(load_principles(ROOT, set(WALKTHROUGHS)).names))


RULES, RULE_PROBLEMS = load_rules(ROOT)
STORIES = json.loads((FIXTURES / "stories.json").read_text(encoding="utf-8"))["stories"]
CASES_FILE = FIXTURES / "practice-cases.json"
JS_BUDGET = 6 * 1024  # gzip -9 bytes of JavaScript for the checker and the timer together (issue 7)


def fixture_walkthroughs() -> dict:
    """The walkthroughs only tests use (tests/fixtures/walkthroughs/), validated like the real ones."""
    return {w.slug: w for w in (fixture_walkthrough(path.stem) for path in sorted((FIXTURES / "walkthroughs").glob("*.yml")))}


ALL = {**WALKTHROUGHS, **fixture_walkthroughs()}


def run(walkthrough, story: dict, role: str | None = None) -> dict:
    return analyze(RULES, walkthrough_context(walkthrough), story, role)


def problems(result: dict) -> list[dict]:
    return [f for f in result["findings"] if f["level"] == "problem"]


def level(result: dict, section: str) -> int | None:
    """The estimated rubric level of the line heard in `section` (None: no line is heard there)."""
    line = next((s for s, r in zip(result["scores"], RULES.rubric) if r.section == section), None)
    return line and line["level"]


def test_the_rules_file_is_valid_and_maps_to_the_instructor_rubric():
    assert RULES is not None, "\n".join(map(str, RULE_PROBLEMS))
    rubric = {line.id for line in RULES.rubric}
    assert rubric == {line.id for line in load_kit(ROOT).rubric}
    scored = {rule.rubric for rule in RULES.rules if rule.rubric}
    follow_ups = {line.id for line in RULES.rubric if line.section == FOLLOW_UPS}
    assert rubric - follow_ups <= scored, f"no rule scores {rubric - follow_ups - scored}"


# --- Bad rules: one problem each, at the line that has it -----------------------------------------

def _rules_project(tmp_path: Path, edit) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "rubric.yml", tmp_path / "data" / "rubric.yml")
    text = (ROOT / "data" / "rules.yml").read_text(encoding="utf-8")
    (tmp_path / "data" / "rules.yml").write_text(edit(text), encoding="utf-8")
    return tmp_path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


BAD_RULES = [
    # (what, old text, new text, field path, message fragment, text on the line to report: its last occurrence)
    ("lookbehind", r"'\bfor context\b'", r"'(?<=so )for context'", "rules[0].patterns[0]", "not portable to JavaScript", "(?<=so )"),
    ("named group", r"'\bfor context\b'", r"'(?P<x>for context)'", "rules[0].patterns[0]", "no lookbehind, named groups", "(?P<x>"),
    ("inline flag", r"'\bfor context\b'", r"'(?i)for context'", "rules[0].patterns[0]", "inline flags", "(?i)"),
    ("empty match", r"'\bfor context\b'", r"'(?:for context)?'", "rules[0].patterns[0]", "matches the empty string", "(?:for context)?"),
    ("bad regex", r"'\bfor context\b'", r"'(for context'", "rules[0].patterns[0]", "does not compile", "'(for context'"),
    ("unknown rubric line", "rubric: scope-boundary\n    link: task-compare", "rubric: scope\n    link: task-compare",
     "rules[1].rubric", "'scope' is not a rubric line", "rubric: scope\n"),
    ("not an anchor", "link: task-compare", "link: nowhere", "rules[1].link", "not an anchor every guide page has", "link: nowhere"),
    ("unknown field", "    kind: phrase\n    label: Problem first", "    kind: phrase\n    lable: x\n    label: Problem first",
     "rules[0].lable", "unknown field", "lable: x"),
    ("unknown section", "sections: [situation]", "sections: [situaton]", "rules[0].sections[0]", "Input should be", "[situaton]"),
    ("duplicate id", "id: scope-excuse", "id: scope-boundary", "rules[2].id", "duplicate rule id 'scope-boundary'", "id: scope-boundary"),
    ("phrase without patterns", "      - '\\bfor context\\b'\n      - '\\blet me (?:first )?explain\\b'\n      - '\\bbefore I get to\\b'\n"
     "      - '\\b(?:micro-?services|architecture|API gateway|message queue|tech stack)\\b'\n", "      []\n",
     "rules[0].patterns", "needs at least one pattern", "patterns:\n      []"),
]


@pytest.mark.parametrize("what, old, new, path, message, on_line", BAD_RULES, ids=[case[0] for case in BAD_RULES])
def test_a_bad_rule_is_reported_at_its_line(tmp_path, what, old, new, path, message, on_line):
    def edit(text):
        assert old in text, f"the test's anchor text is gone from data/rules.yml: {old!r}"
        return text.replace(old, new, 1)

    project = _rules_project(tmp_path, edit)
    rules, found = load_rules(project)
    assert rules is None
    text = (project / "data" / "rules.yml").read_text(encoding="utf-8")
    line = text[: text.rindex(on_line)].count("\n") + 1
    reported = [str(p) for p in found]
    assert any(r.startswith(f"data/rules.yml:{line}: {path}: ") and message in r for r in reported), (
        f"expected data/rules.yml:{line}: {path}: ...{message}... in:\n" + "\n".join(reported)
    )


def test_the_rubric_lives_in_its_own_file(tmp_path):
    project = _rules_project(tmp_path, lambda text: "rubric: []\n" + text)
    rules, found = load_rules(project)
    assert rules is None and [str(p) for p in found] == [
        "data/rules.yml:1: rubric: the rubric lives in data/rubric.yml; a rule names its line in 'rubric'"
    ]


# --- The build lint: every model answer passes the rules clean ------------------------------------

def test_a_model_answer_that_breaks_a_rule_stops_the_load_at_its_line(tmp_path):
    weak = "I read the dispatcher logs and matched them against the receivers' access logs; every\n        missing"
    assert SEED_SOURCE.count(weak) == 1
    project = data_project(tmp_path, {SEED_FILE: SEED_SOURCE.replace(weak, weak.replace("I read", "We read"), 1)})
    with pytest.raises(DataError) as raised:
        load_site(project)
    action_line = _line_of((project / SEED_FILE).read_text(encoding="utf-8"), "We read") - 1  # the `action: >-` key line
    assert [str(p) for p in raised.value.problems] == [
        f"{SEED_FILE}:{action_line}: variants[1].answer.action: "
        "\"We\" hides what you did: the interviewer can credit only \"I\". Name your own step. "
        "(rule 'we-in-action' of data/rules.yml)",
        f"{SEED_FILE}:{action_line}: variants[1].answer.action: "
        "No \"I\" in this sentence: who did it? Make yourself the subject. (rule 'i-every-sentence' of data/rules.yml)",
    ]


def test_a_vague_model_result_is_reported_at_its_answer(tmp_path):
    good = "The drop rate went from 0.3% to zero. Those payment confirmations now arrive"
    assert SEED_SOURCE.count(good) == 1
    text = SEED_SOURCE.replace(good, "In the end things got better. Those payment confirmations now arrive", 1)
    result_line = line_of(text, "In the end things got better") - 1  # the `result: >-` key line
    assert seed_problems(tmp_path, text) == [
        f"{SEED_FILE}:{result_line}: variants[0].answer.result: \"things got better\" describes a mood, not impact: "
        "the interviewer remembers nothing. Say what changed, in numbers. (rule 'vague-result' of data/rules.yml)"
    ]


@pytest.mark.parametrize("slug", sorted(ALL))
def test_every_model_answer_passes_every_rule(slug):
    walkthrough = ALL[slug]
    for variant in walkthrough.variants:
        found = problems(run(walkthrough, variant.answer.model_dump(), variant.id))
        assert not found, f"{slug} {variant.id}: " + "; ".join(f"{f['rule']}: {f['message']}" for f in found)


# --- Every weak sample line is flagged for the right reason ---------------------------------------

def test_every_weak_section_line_loses_on_its_rubric_line_and_the_strong_one_does_not(walkthrough):
    for section in walkthrough.sections:
        weak, strong = run(walkthrough, {section.id: section.weak.line}), run(walkthrough, {section.id: section.strong.line})
        weak_rules = {f["rule"] for f in problems(weak)}
        assert weak_rules - {f["rule"] for f in problems(strong)}, f"{section.id}: the weak line is not flagged beyond the strong one"
        if level(weak, section.id) is not None:
            assert level(weak, section.id) < 3, f"{section.id}: the weak line keeps full marks on its rubric line"
            assert level(strong, section.id) == 3, f"{section.id}: the strong line loses marks: {problems(strong)}"


def test_every_weak_follow_up_answer_loses_on_follow_up_handling(walkthrough):
    for probe in walkthrough.follow_ups:
        weak, strong = run(walkthrough, {probe.anchor: probe.weak.line}), run(walkthrough, {probe.anchor: probe.strong.line})
        assert [f for f in problems(weak) if f["match"]], f"{probe.id}: the weak answer is not pointed at"
        assert level(weak, FOLLOW_UPS) < 3 and level(strong, FOLLOW_UPS) == 3, (probe.id, problems(weak), problems(strong))
        for finding in problems(weak):
            assert finding["link"] in (f"{probe.anchor}-compare", "red-flags", "key-phrases", "follow-ups"), finding


def test_every_red_flag_and_sink_phrase_is_pointed_at(walkthrough):
    said = [(flag.section, flag.text) for flag in walkthrough.red_flags if flag.kind == "said"]
    sinks = [(phrase.section, phrase.phrase) for phrase in walkthrough.key_phrases if phrase.effect == "sink"]
    for section, line in said + sinks:
        result = run(walkthrough, {section: line})
        located = [f for f in problems(result) if f["match"] and f["match"] in line]
        assert located, f"{section}: {line!r} is not flagged at its words"
        assert level(result, section) in (None, 1, 2), f"{section}: {line!r} keeps full marks"


def test_no_signal_phrase_is_flagged_at_its_words(walkthrough):
    for phrase in walkthrough.key_phrases:
        if phrase.effect == "signal":
            located = [f for f in problems(run(walkthrough, {phrase.section: phrase.phrase})) if f["match"]]
            assert not located, f"{phrase.id}: {located}"


# --- The shared fixtures ---------------------------------------------------------------------------

def triples(findings: list[dict], level_: str) -> Counter:
    return Counter((f["rule"], f["part"], f["match"]) for f in findings if f["level"] == level_)


@pytest.mark.parametrize("story", STORIES, ids=[s["name"] for s in STORIES])
def test_each_example_story_gets_exactly_its_expected_findings(story):
    result = run(ALL[story["walkthrough"]], story["story"], story["role"])
    expect = story["expect"]
    assert triples(result["findings"], "problem") == Counter(map(tuple, expect["problems"]))
    if "credited" in expect:
        assert triples(result["findings"], "ok") == Counter(map(tuple, expect["credited"]))
    assert {s["id"]: [s["passed"], s["total"]] for s in result["scores"]} == expect["scores"]
    seconds = {p["id"]: p["seconds"] for p in result["timing"]["parts"] if p["seconds"]}
    assert {**seconds, "total": result["timing"]["total"]["seconds"]} == expect["seconds"]


def normal(result: dict, story: dict) -> dict:
    """An analysis without offsets (code points here, UTF-16 units in JavaScript): what both must agree on."""
    findings = [
        [f["level"], f["rule"], f["part"], f["match"], story[f["part"]][slice(*f["sentence"])] if f["sentence"] else None,
         f["message"], f["link"]]
        for f in result["findings"]
    ]
    return {"findings": sorted(findings, key=json.dumps), "scores": result["scores"], "timing": result["timing"]}


def build_cases() -> dict:
    """practice-cases.json: the page's data for every walkthrough, and Python's analysis of every sample."""
    samples = []

    def sample(walkthrough, kind, story, role=None, section=None):
        samples.append({"walkthrough": walkthrough.slug, "kind": kind, "section": section, "role": role, "story": story,
                        "expect": normal(run(walkthrough, story, role), story)})

    for w in ALL.values():
        for s in w.sections:
            sample(w, "weak", {s.id: s.weak.line}, section=s.id)
            sample(w, "strong", {s.id: s.strong.line}, section=s.id)
        for f in w.follow_ups:
            sample(w, "weak", {f.anchor: f.weak.line}, section=FOLLOW_UPS)
            sample(w, "strong", {f.anchor: f.strong.line}, section=FOLLOW_UPS)
        for flag in w.red_flags:
            if flag.kind == "said":
                sample(w, "red-flag", {flag.section: flag.text}, section=flag.section)
        for phrase in w.key_phrases:
            sample(w, phrase.effect, {phrase.section: phrase.phrase}, section=phrase.section)
        for v in w.variants:
            sample(w, "model", v.answer.model_dump(), role=v.id)
    return {
        "about": "Generated by tests/test_rules.py from data/ and tests/fixtures/walkthroughs/; do not edit. "
                 "Regenerate: SG_UPDATE_FIXTURES=1 .venv/bin/python -m pytest tests/test_rules.py",
        "data": sorted(WALKTHROUGHS),
        "payload": practice_payload(ALL, RULES),
        "samples": samples,
    }


def test_the_generated_cases_are_up_to_date():
    text = json.dumps(build_cases(), ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("SG_UPDATE_FIXTURES") == "1":
        # Update mode writes the file and fails: a run that wrote what it then compares proves nothing.
        CASES_FILE.write_text(text, encoding="utf-8")
        pytest.fail(f"{CASES_FILE.relative_to(ROOT)} regenerated: rerun without SG_UPDATE_FIXTURES", pytrace=False)
    assert CASES_FILE.is_file() and CASES_FILE.read_text(encoding="utf-8") == text, (
        f"{CASES_FILE.relative_to(ROOT)} is stale: regenerate it with "
        "SG_UPDATE_FIXTURES=1 .venv/bin/python -m pytest tests/test_rules.py, then rerun"
    )


# --- The rehearsal plan ----------------------------------------------------------------------------

def test_the_timer_plan_fills_the_budget_in_order_and_keeps_each_section_budget(walkthrough):
    for variant in walkthrough.variants:
        plan = timer_plan(walkthrough, variant.id)
        assert [step["id"] for step in plan] == list(SECTION_IDS)
        assert plan[0]["start"] == 0 and plan[-1]["end"] == walkthrough.timing.total_seconds[variant.id]
        for before, after in zip(plan, plan[1:]):
            assert before["end"] == after["start"] and before["start"] < before["end"]
        for step, section in zip(plan, walkthrough.sections):
            if section.budget_seconds:
                assert step["end"] - step["start"] <= section.budget_seconds


# --- What the build publishes ----------------------------------------------------------------------

def test_the_rules_are_published_as_json_and_embedded_in_the_page(site, built_page):
    assert json.loads((site / "assets" / "sg" / "rules.json").read_text(encoding="utf-8")) == rules_json(RULES)
    soup = built_page("practice/")
    embedded = json.loads(soup.select_one(".sg-practice[data-sg-practice]")["data-sg-practice"])
    assert embedded == json.loads(json.dumps(practice_payload(WALKTHROUGHS, RULES)))


def test_without_javascript_the_page_is_the_checklist_and_the_budgets(built_page):
    soup = built_page("practice/")
    # The tools show by the <html> class, not an attribute (no layout shift when they start); what a
    # reader without JavaScript sees is checked in a browser (tests/browser/test_practice.py).
    assert "no-js" in soup.html["class"]
    assert soup.select_one("[data-sg-nojs]") and not soup.select_one("[data-sg-nojs]").has_attr("hidden")
    checklist = " ".join(soup.select_one("article").get_text(" ").split())
    for rule in RULES.rules:
        assert " ".join(rule.explain.split()) in checklist, rule.id
    for w in WALKTHROUGHS.values():
        guide = soup.select_one(f"a[data-sg-guide='{w.slug}']")
        assert guide and guide["href"] == f"../walkthroughs/{w.slug}/"
        rows = soup.select(f"ul[data-sg-budgets='{w.slug}'] > li")
        assert [row.strong.get_text() for row in rows] == [v.label for v in w.variants]
        for row, v in zip(rows, w.variants):
            plan = timer_plan(w, v.id)
            assert f"Reflection {plan[-1]['end'] // 60}:{plan[-1]['end'] % 60:02d}." in row.get_text(), row.get_text()


def test_search_finds_the_practice_page_by_its_text_not_its_controls(search_docs):
    """The checker's and the timer's labels and placeholders would be search hits that explain nothing."""
    found = " ".join(doc["text"] for doc in search_docs if doc["location"].startswith("practice/"))
    for text in ("Say your answer out loud", "Scope boundary stated early", "45 seconds at most", "starts or pauses"):
        assert text in found, f"search misses {text!r}"
    for control in ("Keep my draft on this device", "Paste your whole answer instead", "(nothing written yet)", "Teleprompter"):
        assert control not in found, f"search indexes the control {control!r}"


def test_the_landing_page_links_the_practice_page(built_page):
    assert built_page("").select_one("article a[href='practice/']"), "docs/index.md does not link the practice page"


def test_the_practice_scripts_fit_the_budget():
    # Both tools live in practice.js: one request, and no second gzip stream paying its own overhead.
    sizes = {name: len(gzip.compress(MINIFIERS[".js"]((ROOT / "docs" / "assets" / "sg" / name).read_text(encoding="utf-8")).encode(), 9, mtime=0))
             for name in ("practice.js",)}
    assert sum(sizes.values()) <= JS_BUDGET, f"{sizes}: {sum(sizes.values())} bytes gzipped, over {JS_BUDGET}"
