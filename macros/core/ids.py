"""The ids every part of the guide spells the same way, defined once: the STAR(+R) sections, the model
answers' variants and the kinds of generated page. The schema's Literal types, the validation order,
the templates and the JavaScript payloads all derive from these."""

from __future__ import annotations

SECTION_IDS = ("situation", "task", "action", "result", "reflection")
VARIANT_IDS = ("outcome-first", "ownership", "technical", "junior", "senior")

# Where a rubric line or a story rule is heard besides the five sections: the answers to the probes.
FOLLOW_UPS = "follow-ups"
