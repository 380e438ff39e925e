"""Different stories, not one story re-skinned: any two walkthroughs' model answers (all five variants,
every section) share under 10% of their five-word runs, counted against each side's own runs."""

from __future__ import annotations

import itertools
import re

import pytest

from support import WALKTHROUGHS

RUN = 5
MAX_SHARED = 0.10
_WORD = re.compile(r"[a-z0-9$%.,']+")


def words(text: str) -> list[str]:
    """Lowercase words with numbers, money and percentages kept whole, edge punctuation dropped."""
    return [w for w in (token.strip(".,") for token in _WORD.findall(text.lower())) if w]


def runs(texts: list[str]) -> set[tuple[str, ...]]:
    """Every run of RUN consecutive words in the texts, read as one text."""
    found = words(" ".join(texts))
    return {tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


def answers(walkthrough) -> list[str]:
    return [text for variant in walkthrough.variants for text in variant.answer.model_dump().values()]


def shared(mine: set, theirs: set) -> tuple[float, float]:
    both = mine & theirs
    return len(both) / len(mine), len(both) / len(theirs)


PAIRS = list(itertools.combinations(sorted(WALKTHROUGHS), 2))


@pytest.mark.parametrize("first, second", PAIRS, ids=[f"{a}+{b}" for a, b in PAIRS])
def test_two_walkthroughs_model_answers_share_under_a_tenth_of_their_five_word_runs(first, second):
    mine, theirs = runs(answers(WALKTHROUGHS[first])), runs(answers(WALKTHROUGHS[second]))
    assert len(mine) > 500 and len(theirs) > 500, "too little text for the share to mean anything"
    of_mine, of_theirs = shared(mine, theirs)
    assert of_mine < MAX_SHARED and of_theirs < MAX_SHARED, (
        f"{first} and {second} share {of_mine:.1%} and {of_theirs:.1%} of their five-word runs"
    )


def test_a_re_skinned_story_is_caught():
    """The measure can fail: the seed's answers with its nouns and numbers swapped share most runs."""
    seed = answers(WALKTHROUGHS["act-without-approval"])
    swaps = {"webhook": "invoice", "payment": "shipping", "Platform": "Billing", "0.3%": "2%", "dispatcher": "exporter"}
    reskinned = [re.sub("|".join(map(re.escape, swaps)), lambda m: swaps[m.group(0)], text) for text in seed]
    assert reskinned != seed
    assert min(shared(runs(seed), runs(reskinned))) > 0.5
