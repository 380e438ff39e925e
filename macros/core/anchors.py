"""The guide page's fixed anchors and their headings, defined once: the guide template writes its
headings from this table, quiz items and session steps may link only to anchors it promises, and link
text names them. The anchors of each section, probe, flag, phrase and variant are the models' own
`anchor` properties."""

from __future__ import annotations

GUIDE_ANCHORS = {
    "summary": "Summary",
    "story": "The story",
    "star": "The STAR(+R) breakdown",
    "follow-ups": "Follow-up probes",
    "red-flags": "Red flags",
    "key-phrases": "Key phrases",
    "variants": "Model answers by role",
    "quiz": "Self-check quiz",
    "key-points": "Key points",
}

# The instructor page's own sections: session steps in data/rubric.yml may point at them.
INSTRUCTOR_ANCHORS = {
    "objectives": "Learning objectives",
    "session-plan": "Session plan",
    "pair-exercise": "Pair exercise",
    "rubric": "Scoring rubric",
    "discussion": "Discussion prompts",
    "mistakes": "Common learner mistakes",
    "exports": "Exports and embeds",
}

# A principle page's own sections (macros/principles/templates/page.md.j2). Its questions are anchored
# by their ids, which therefore must not be one of these (macros/core/principles.py checks).
PRINCIPLE_ANCHORS = {
    "listen-for": "What interviewers listen for",
    "red-flags": "Red flags",
    "questions": "Typical questions",
    "practise": "Practise it",
}
