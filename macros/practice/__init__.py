"""The "Check my story" page: what it embeds for the browser, the rehearsal plan, and its Markdown.

Plain functions of the data, called by the `practice_tools` macro and by the data hook that
publishes assets/sg/rules.json.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..core.ids import FOLLOW_UPS, SECTION_IDS
from ..core.jinja import render
from ..core.schema import Walkthrough
from ..core.timing import format_seconds, speaking_seconds, word_count
from ..core.urls import page_uri, relative_link
from .rules import RuleSet, walkthrough_context

RULES_JSON = "assets/sg/rules.json"


def rules_json(rules: RuleSet) -> dict:
    """The rules as published at assets/sg/rules.json and embedded in the practice page."""
    return rules.model_dump(mode="json")


def timer_plan(walkthrough: Walkthrough, role: str) -> list[dict]:
    """When each section should start and end, in whole seconds, for rehearsing as `role`.

    The role's total budget is split across the sections in proportion to the length of that role's
    model answer, so the plan paces like the answer it came from. A section with its own budget (the
    Situation: 45 s) never gets more than it; what it gives up goes to the others.
    """
    answer = walkthrough.variant(role).answer
    weights = {s.id: max(word_count(getattr(answer, s.id)), 1) for s in walkthrough.sections}
    remaining = float(walkthrough.timing.total_seconds[role])
    free = list(walkthrough.sections)
    seconds: dict[str, float] = {}
    while True:
        weight = sum(weights[s.id] for s in free)
        capped = [
            s for s in free if s.budget_seconds is not None and remaining * weights[s.id] / weight > s.budget_seconds
        ]
        if not capped:
            break
        for section in capped:
            seconds[section.id] = section.budget_seconds
            remaining -= section.budget_seconds
            free.remove(section)
    for section in free:
        seconds[section.id] = remaining * weights[section.id] / weight
    plan, clock = [], 0.0
    for section in walkthrough.sections:
        start = round(clock)
        clock += seconds[section.id]
        plan.append({"id": section.id, "start": start, "end": round(clock)})
    return plan


def walkthrough_payload(walkthrough: Walkthrough) -> dict:
    """One walkthrough as the practice page's scripts see it: the rules' context, plans and answers."""
    return {
        **walkthrough_context(walkthrough),
        "title": walkthrough.title,
        "plans": {v.id: timer_plan(walkthrough, v.id) for v in walkthrough.variants},
        "answers": {v.id: v.answer.model_dump() for v in walkthrough.variants},
    }


def practice_payload(catalog: dict[str, Walkthrough], rules: RuleSet) -> dict:
    """The checker's data: the STAR(+R) section ids in order (its form's fields), the rules, and each
    walkthrough's questions, parts and timing."""
    return {
        "sections": list(SECTION_IDS),
        "rules": rules_json(rules),
        "walkthroughs": [walkthrough_payload(w) for w in catalog.values()],
    }


def checklist_link(rule, walkthrough: Walkthrough, here: str) -> str | None:
    """Where the guide explains `rule`, for the server-rendered checklist (None: it does not apply)."""
    if rule.principles and walkthrough.principle not in rule.principles:
        return None
    story = [s for s in rule.sections if s != FOLLOW_UPS]
    if rule.kind == "section_budget":
        story = [s.id for s in walkthrough.sections if s.budget_seconds is not None][:1] or ["star"]
    part = story[0] if story else walkthrough.follow_ups[0].anchor
    anchor = rule.link.replace("{part}", part)
    return f"{relative_link(here, page_uri('guide', walkthrough.slug))}#{anchor}"


def checklist_groups(rules: RuleSet) -> list[dict]:
    """The rules grouped by the rubric line they count towards; unscored ones (timing) last."""
    groups = [
        {
            "id": line.id,
            "label": line.label,
            "follow_ups": line.section == FOLLOW_UPS,
            # A follow-up answer is checked by every rule that reads follow-ups, whatever its own line.
            "rules": [
                r for r in rules.rules
                if (FOLLOW_UPS in r.sections if line.section == FOLLOW_UPS else r.rubric == line.id)
            ],
        }
        for line in rules.rubric
    ]
    groups.append({"id": "timing", "label": "Timing and delivery", "follow_ups": False,
                   "rules": [r for r in rules.rules if r.rubric is None]})
    return [group for group in groups if group["rules"]]


def practice_tools(catalog: dict[str, Walkthrough], rules: RuleSet, here: str) -> Markup:
    """The body of the practice page below its introduction: checker, timer, checklist and budgets."""
    walkthroughs = list(catalog.values())
    first, first_role = walkthroughs[0], walkthroughs[0].variants[0]
    first_names = {s.id: s.name for s in first.sections}
    said, plan_cells = {}, {}
    for w in walkthroughs:
        for v in w.variants:
            said[w.slug, v.id] = sum(speaking_seconds(getattr(v.answer, s.id), w.timing.pace_wpm) for s in w.sections)
            names = {s.id: s.name for s in w.sections}
            plan_cells[w.slug, v.id] = [f"{names[step['id']]} {format_seconds(step['end'])}" for step in timer_plan(w, v.id)]
    links = {
        rule.id: [(w.title, target) for w in walkthroughs if (target := checklist_link(rule, w, here))]
        for rule in rules.rules
    }
    budgets = {
        w.slug: " ".join(f"The {s.name} has {s.budget_seconds} seconds at most." for s in w.sections if s.budget_seconds)
        for w in walkthroughs
    }
    return render(
        "practice/page.md.j2",
        walkthroughs=walkthroughs,
        rules=rules,
        here=here,
        data=json.dumps(practice_payload(catalog, rules), ensure_ascii=False, separators=(",", ":")),
        groups=checklist_groups(rules),
        links=links,
        budgets=budgets,
        said=said,
        plan_cells=plan_cells,
        # The checker and the timer as practice.js first shows them: the first question and role, at 0:00.
        first_role=first_role,
        first_total=first.timing.total_seconds[first_role.id],
        first_plan=[{**step, "name": first_names[step["id"]]} for step in timer_plan(first, first_role.id)],
    )


def rules_json_text(rules: RuleSet) -> str:
    """assets/sg/rules.json: the rules the practice page embeds, for anyone who wants them as data."""
    return json.dumps(rules_json(rules), ensure_ascii=False, indent=1) + "\n"
