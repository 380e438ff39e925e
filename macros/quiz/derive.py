"""Quiz items derived from a walkthrough's own data, to fill its quiz up to `quiz_size`.

Four kinds, taken in turn so that a short fill still mixes them:
- "which is stronger": each section's and each follow-up's weak and strong line, with a third option
  from the red flags;
- "which section": a sentence of a model answer, to place in its STAR(+R) section;
- "spot the red flags": the weak answer's bullets, with a signal phrase as the one that is not;
- "signal or sink": each key phrase.

Every option's feedback and link come from the data (the why, the verdict, the section's anchor), so
the derived items teach as the hand-written ones do. A derived item is left out when a hand-written
one already asks it: the same type with the same part of the guide as its answer (or the same id).
The same data gives the same items, in the same order, with the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import zip_longest

from ..core.ids import SECTION_IDS
from ..core.problems import FieldPath
from ..core.schema import QuizItem, QuizOption, Walkthrough

Known = Callable[[FieldPath], bool]
# "Which section" quotes come from the variants that tell the story in STAR order: the outcome-first
# answer opens its Situation with the Result, so its sentences would teach the wrong section.
CLASSIFY_VARIANTS = ("ownership", "technical", "junior", "senior")
# A quotable sentence: long enough to carry its section, short enough to read as one line.
SENTENCE_WORDS = (6, 45)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'A-Z0-9$])")


def everything_known(path: FieldPath) -> bool:
    return True


def with_derived_quiz(walkthrough: Walkthrough, known: Known = everything_known) -> Walkthrough:
    """The walkthrough with its quiz filled: hand-written items first (never dropped), then derived
    ones up to `quiz_size`. `known` says which fields hold data rather than a draft's placeholders;
    an item is derived only from fields that decide its answer."""
    wanted = walkthrough.quiz_size - len(walkthrough.quiz)
    if wanted <= 0:
        return walkthrough
    items = derived_items(walkthrough, known)[:wanted]
    return walkthrough.model_copy(update={"quiz": [*walkthrough.quiz, *items]})


def derived_items(walkthrough: Walkthrough, known: Known = everything_known) -> list[QuizItem]:
    """Every item the data can give that the hand-written quiz does not already ask, kinds in turn."""
    kinds = (_stronger(walkthrough, known), _classify(walkthrough, known), _spot_red_flags(walkthrough, known),
             _signal_or_sink(walkthrough, known))
    asked = {(item.type, link) for item in walkthrough.quiz for link in _answer_links(item)}
    ids = {item.id for item in walkthrough.quiz}
    items = []
    for item in (item for turn in zip_longest(*kinds) for item in turn if item is not None):
        if item.id in ids or any((item.type, link) in asked for link in _answer_links(item)):
            continue
        items.append(item)
        ids.add(item.id)
    return items


def _answer_links(item: QuizItem) -> set[str]:
    return {item.options[index].link for index in item.answer} | ({item.link} if item.link else set())


def _quoted(text: str) -> str:
    return text if text.startswith(("“", '"')) else f"“{text}”"


def _lower_first(text: str) -> str:
    """'The scope boundary…' -> 'the scope boundary…' to follow "which shows"; 'SLO…' stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _rotated(options: list[QuizOption], correct: int, turn: int) -> tuple[list[QuizOption], list[int]]:
    """The options moved round by `turn`, so the right one is not always in the same place."""
    shift = turn % len(options)
    order = options[shift:] + options[:shift]
    return order, [order.index(options[correct])]


# --- Which is stronger -------------------------------------------------------------------------


def _stronger(w: Walkthrough, known: Known) -> Iterator[QuizItem]:
    said = [(index, flag) for index, flag in enumerate(w.red_flags)
            if known(("red_flags", index, "kind")) and flag.kind == "said" and known(("red_flags", index, "text"))]
    pairs = [(("sections", i), s, f"Which {s.name} line is stronger?", s.id, s.id) for i, s in enumerate(w.sections)]
    pairs += [(("follow_ups", i), f, f"The interviewer asks: {_quoted(f.question)} Which answer is stronger?", f.anchor, None)
              for i, f in enumerate(w.follow_ups)]
    for turn, (path, part, prompt, anchor, section) in enumerate(pairs):
        if not (known((*path, "weak", "line")) and known((*path, "strong", "line"))):
            continue
        options = [
            QuizOption(text=_quoted(part.weak.line), why=f"{part.weak.why} {part.weak.verdict}", link=part.compare_anchor),
            QuizOption(text=_quoted(part.strong.line), why=part.strong.why, link=anchor),
        ]
        # A red flag heard in the same section if there is one, else the next one in turn.
        pool = [flag for _, flag in said if flag.section == section] or [flag for _, flag in said]
        pool = [flag for flag in pool if flag.text != part.weak.line]
        if pool:
            flag = pool[turn % len(pool)]
            options.append(QuizOption(text=_quoted(flag.text), why=flag.why, link=flag.anchor))
        options, answer = _rotated(options, 1, turn)
        yield QuizItem(id=f"stronger-{anchor}", type="single", prompt=prompt, options=options, answer=answer)


# --- Which section -------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _quotable(text: str) -> str | None:
    low, high = SENTENCE_WORDS
    return next((s for s in _sentences(text) if low <= len(s.split()) <= high), None)


def _classify(w: Walkthrough, known: Known) -> Iterator[QuizItem]:
    variants = [(w.variants.index(w.variant(v)), w.variant(v)) for v in CLASSIFY_VARIANTS]
    for turn, section in enumerate(w.sections):
        # Each section from the next variant in turn, or the first after it with a quotable sentence.
        for index, variant in variants[turn % len(variants):] + variants[:turn % len(variants)]:
            sentence = known(("variants", index, "answer", section.id)) and _quotable(getattr(variant.answer, section.id))
            if sentence:
                break
        else:
            continue
        options = [
            QuizOption(
                text=other.name,
                why=(f"Right: the {variant.label} model answer says it in its {other.name}, which shows {_lower_first(other.must_show)}"
                     if other.id == section.id else f"Not the {other.name}, which shows {_lower_first(other.must_show)}"),
                link=other.anchor,
            )
            for other in w.sections
        ]
        yield QuizItem(
            id=f"classify-{section.id}",
            type="classify",
            prompt="Which STAR section does this line belong in?",
            quote=_quoted(sentence),
            options=options,
            answer=[SECTION_IDS.index(section.id)],
        )


# --- Spot the red flags --------------------------------------------------------------------------


def _spot_red_flags(w: Walkthrough, known: Known) -> Iterator[QuizItem]:
    flags = [flag for index, flag in enumerate(w.red_flags) if known(("red_flags", index, "text")) and known(("red_flags", index, "kind"))]
    said = [flag.text for flag in flags if flag.kind == "said"]
    if not said:
        return
    options = [QuizOption(text=flag.text, why=f"Red flag: {flag.why}", link=flag.anchor) for flag in flags]
    signal = next((phrase for index, phrase in enumerate(w.key_phrases)
                   if known(("key_phrases", index, "effect")) and known(("key_phrases", index, "phrase")) and phrase.effect == "signal"), None)
    answer = list(range(len(options)))
    if signal is not None:
        # The one option that is not a red flag, in the middle of the list rather than last.
        middle = len(options) // 2
        options.insert(middle, QuizOption(text=signal.phrase.strip('"“”'), why=f"Not a red flag: {signal.why}", link=signal.anchor))
        answer = [index for index in range(len(options)) if index != middle]
    quote = " ".join(text if text.endswith((".", "!", "?")) else f"{text}." for text in said)
    yield QuizItem(id="spot-the-red-flags", type="multiple", prompt="Select every red flag in this answer.",
                   quote=_quoted(quote), options=options, answer=answer)


# --- Signal or sink -----------------------------------------------------------------------------


def _signal_or_sink(w: Walkthrough, known: Known) -> Iterator[QuizItem]:
    for index, phrase in enumerate(w.key_phrases):
        if not (known(("key_phrases", index, "phrase")) and known(("key_phrases", index, "effect"))):
            continue
        says = {"signal": "Signal: it helps the answer", "sink": "Sink: it costs the answer"}
        options = [
            QuizOption(text=text, link=phrase.anchor,
                       why=f"Right, a {phrase.effect}: {_lower_first(phrase.why)}" if effect == phrase.effect
                       else f"No, it is a {phrase.effect}: {_lower_first(phrase.why)}")
            for effect, text in says.items()
        ]
        yield QuizItem(
            id=f"signal-or-sink-{phrase.id}",
            type="single",
            prompt=f"Does this phrase signal {w.principle} or sink it?",
            quote=_quoted(phrase.phrase.strip('"“”')),
            options=options,
            answer=[list(says).index(phrase.effect)],
        )
