"""Speaking time: one word count and one conversion to seconds, for the budgets the build checks, the
times the pages show and the rules the checker applies (docs/assets/sg/practice.js mirrors them)."""

from __future__ import annotations

import math


def word_count(text: str) -> int:
    return len(text.split())


def speaking_seconds(text: str, pace_wpm: int) -> int:
    """Seconds to say `text` aloud at `pace_wpm`, rounded up: a budget is never flattered."""
    return math.ceil(word_count(text) * 60 / pace_wpm)


def format_seconds(seconds: int) -> str:
    """112 -> '1:52'."""
    return f"{seconds // 60}:{seconds % 60:02d}"
