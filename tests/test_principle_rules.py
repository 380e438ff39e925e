"""The story rules keyed by principle (data/rules.yml `principles:`), walkthrough by walkthrough, from the
data: a new walkthrough or a new principle rule is checked without a new test.

tests/test_rules.py holds that every weak line is flagged and every model answer passes the rules that
apply to its walkthrough. Here: those rules include its principle's, which do catch its weak lines and
credit its model answers, and a principle's rules never reach a story told for another principle.
tests/browser/test_principle_checker.py holds the same for the page's checker (practice.js).
"""

from __future__ import annotations

import pytest

from support import ROOT, WALKTHROUGHS
from macros.core.principles import load_principles
from macros.core.rubric import load_kit
from macros.practice.rules import analyze, compile_pattern, read_rules, walkthrough_context

RULES = read_rules(ROOT, load_kit(ROOT), set(load_principles(ROOT, set(WALKTHROUGHS)).names))[0]
KEYED = [rule for rule in RULES.rules if rule.principles]


def own_rules(walkthrough) -> list:
    return [rule for rule in KEYED if walkthrough.principle in rule.principles]


def problems(walkthrough, story: dict, role: str | None = None) -> list[dict]:
    result = analyze(RULES, walkthrough_context(walkthrough), story, role)
    return [f for f in result["findings"] if f["level"] == "problem"]


def weak_lines(walkthrough) -> list[dict]:
    return [{s.id: s.weak.line} for s in walkthrough.sections] + [{p.anchor: p.weak.line} for p in walkthrough.follow_ups]


def test_the_rules_are_keyed_by_principle_for_every_walkthrough_but_the_seed():
    """Every walkthrough's principle has rules of its own (the seed's, Bias for Action, shares
    Ownership's scope rules): otherwise the tests below would pass on nothing."""
    assert KEYED
    assert all(own_rules(w) for w in WALKTHROUGHS.values()), [w.slug for w in WALKTHROUGHS.values() if not own_rules(w)]


def test_each_walkthroughs_weak_lines_are_flagged_under_its_principles_rules(walkthrough):
    mine = {rule.id for rule in own_rules(walkthrough)}
    flagged = {f["rule"] for story in weak_lines(walkthrough) for f in problems(walkthrough, story)}
    assert flagged & mine, f"{walkthrough.slug}: no weak line trips a rule of {walkthrough.principle} ({sorted(mine)})"


def test_each_model_answer_passes_and_is_credited_under_its_principles_rules(walkthrough):
    """Passing is not skipping: each `require` rule of the principle finds what it asks for in every
    model answer (one with `when` only where its trigger is said)."""
    context = walkthrough_context(walkthrough)
    for variant in walkthrough.variants:
        story = variant.answer.model_dump()
        result = analyze(RULES, context, story, variant.id)
        found = [f for f in result["findings"] if f["level"] == "problem"]
        assert not found, f"{walkthrough.slug} {variant.id}: {[(f['rule'], f['message']) for f in found]}"
        credited = {f["rule"] for f in result["findings"] if f["level"] == "ok"}
        for rule in own_rules(walkthrough):
            if rule.kind != "require":
                continue
            said = " ".join(story.get(section, "") for section in rule.sections)
            if rule.when and not any(compile_pattern(p, rule.ignore_case).search(said) for p in rule.when):
                continue
            assert rule.id in credited, f"{walkthrough.slug} {variant.id}: {rule.id} credits nothing"


@pytest.mark.parametrize("rule", KEYED, ids=[rule.id for rule in KEYED])
def test_a_principles_rules_never_reach_a_story_on_another_principle(rule):
    """The weak lines and model answers written for the rule's principle, told under each other
    walkthrough's principle: the rule neither flags nor credits them."""
    told = [w for w in WALKTHROUGHS.values() if w.principle in rule.principles]
    others = [w for w in WALKTHROUGHS.values() if w.principle not in rule.principles]
    assert told and others
    stories = [(w, story) for w in told for story in weak_lines(w)] + [(w, v.answer.model_dump()) for w in told for v in w.variants]
    at_home = [f for w, story in stories for f in analyze(RULES, walkthrough_context(w), story)["findings"] if f["rule"] == rule.id]
    assert at_home, f"{rule.id} neither flags nor credits any story told for its own principle: this test would prove nothing"
    for other in others:
        context = walkthrough_context(other)
        for _, story in stories:
            reached = [f for f in analyze(RULES, context, story)["findings"] if f["rule"] == rule.id]
            assert not reached, f"{rule.id} applied to a story told for {other.slug} ({other.principle})"
