"""Weak vs strong: each STAR(+R) section and each follow-up probe with a collapsible comparison of a
weak and a strong line, why each works or fails, and what the interviewer concludes.

The guide page and the "Weak vs strong answers" embed view show the same blocks.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.jinja import render
from ..core.schema import Walkthrough


def sections_block(walkthrough: Walkthrough) -> Markup:
    """The five sections: coaching, budget, must-show and a weak-vs-strong comparison each."""
    return render("comparisons/sections.md.j2", w=walkthrough)


def follow_ups_block(walkthrough: Walkthrough) -> Markup:
    """Each follow-up probe: what it tests, and its weak and strong answers."""
    return render("comparisons/follow_ups.md.j2", w=walkthrough)
