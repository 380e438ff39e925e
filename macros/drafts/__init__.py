"""A draft's banner: on every page of a draft the build previews (SG_DRAFTS=1), a visible "Draft" mark
and the list of what its file still lacks, each as `file:line: field`.

Drafts themselves are read in core (macros.core.drafts); the site layer decides whether to build them.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.drafts import Draft
from ..core.jinja import render


def draft_banner(draft: Draft) -> Markup:
    return render("drafts/banner.md.j2", draft=draft)
