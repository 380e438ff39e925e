"""The seed walkthrough is carried over completely: every sentence of the user's source is on the guide page.

tests/fixtures/seeds/<slug>.txt is the source a walkthrough was written from (one paragraph a line).
A walkthrough with a seed file gets this check by itself.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from macros.core.urls import page_url
from support import FIXTURES, WALKTHROUGHS

SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if p.stem in WALKTHROUGHS)
# Where the page says the same thing in other words, by design: the seed's title frame.
ALIASES = {"amazon lp star walkthrough": "amazon leadership principles"}


def normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    text = re.sub(r"[\"']", "", text)
    return " ".join(text.split()).strip(" .")


def sentences(line: str) -> list[str]:
    line = line.strip().removeprefix("- ").strip('"')
    parts = re.split(r"(?<=[.!?])\s+|\s+-\s+(?=[A-Z])", line)
    return [p for p in (normal(part) for part in parts) if p]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_every_seed_sentence_is_on_the_guide_page(built_page, seed):
    article = normal(built_page(page_url("guide", seed.stem)).select_one("article").get_text(" "))
    missing = []
    for number, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), 1):
        for sentence in sentences(line):
            if ALIASES.get(sentence, sentence) not in article:
                missing.append(f"line {number}: {sentence}")
    assert not missing, "seed sentences missing from the page:\n" + "\n".join(missing)


def test_the_seed_walkthrough_has_its_source():
    assert SEEDS, "no seed source under tests/fixtures/seeds/ matches a walkthrough"
