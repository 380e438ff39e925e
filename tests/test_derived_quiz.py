"""Quiz items derived from the data (macros/quiz/derive.py): every walkthrough's quiz is hand-written
items first, then derived ones up to its `quiz_size`, and derived items are as valid, linked and
stable as hand-written ones. The built pages and exports carry them: tests/test_quiz.py and
tests/test_exports.py run over every walkthrough's full quiz; tests/test_drafts.py builds one without
`quiz:` and parses its exports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import ROOT, WALKTHROUGHS
from macros.core.catalog import load_catalog
from macros.core.schema import QUIZ_SIZE, Walkthrough
from macros.core.source import Document
from macros.core.validate import check_walkthrough, guide_anchors
from macros.quiz import quiz_version
from macros.quiz.derive import derived_items, with_derived_quiz

HAND_WRITTEN = load_catalog(ROOT)
SEED = "act-without-approval"


def as_written(walkthrough: Walkthrough) -> Document:
    """The walkthrough as if every item were in its file, for the validator."""
    return Document(f"data/walkthroughs/{walkthrough.slug}.yml", walkthrough.model_dump(mode="json"), {})


def test_every_walkthrough_has_a_quiz_of_at_least_ten(walkthrough):
    assert len(walkthrough.quiz) >= 10
    assert len(walkthrough.quiz) == max(walkthrough.quiz_size, len(HAND_WRITTEN[walkthrough.slug].quiz))


def test_hand_written_items_come_first_unchanged(walkthrough):
    written = HAND_WRITTEN[walkthrough.slug].quiz
    assert walkthrough.quiz[: len(written)] == written


def test_the_seed_keeps_its_sixteen_items_and_its_quiz_version():
    assert len(HAND_WRITTEN[SEED].quiz) == 16
    assert WALKTHROUGHS[SEED].quiz == HAND_WRITTEN[SEED].quiz
    assert quiz_version(WALKTHROUGHS[SEED]) == quiz_version(HAND_WRITTEN[SEED])


def test_the_walkthroughs_with_few_written_items_are_filled_with_derived_ones():
    filled = [slug for slug, w in HAND_WRITTEN.items() if len(w.quiz) < 10]
    assert len(filled) == 4, "the four walkthroughs with 5-6 written items"
    for slug in filled:
        assert len(WALKTHROUGHS[slug].quiz) >= 10


def test_derived_items_pass_the_validator_as_if_written(walkthrough):
    _, problems = check_walkthrough(as_written(walkthrough), walkthrough.slug)
    assert not problems, "\n".join(map(str, problems))


def test_derived_items_link_anchors_the_build_checks(walkthrough):
    tabs = {variant.anchor for variant in walkthrough.variants}
    anchors = guide_anchors(walkthrough) - tabs
    for item in derived_items(HAND_WRITTEN[walkthrough.slug]):
        links = {option.link for option in item.options} | ({item.link} if item.link else set())
        assert links <= anchors, (item.id, links - anchors)


def test_a_walkthrough_without_quiz_gets_every_kind(walkthrough):
    bare = HAND_WRITTEN[walkthrough.slug].model_copy(update={"quiz": []})
    full = with_derived_quiz(bare)
    assert len(full.quiz) == QUIZ_SIZE
    kinds = {item.id.split("-")[0] for item in full.quiz}
    assert {"stronger", "classify", "spot", "signal"} <= kinds, kinds
    # Kinds in turn: the first four items are one of each.
    assert len({item.id.split("-")[0] for item in full.quiz[:4]}) == 4
    _, problems = check_walkthrough(as_written(full), full.slug)
    assert not problems, "\n".join(map(str, problems))


def test_each_option_teaches_from_the_data():
    w = HAND_WRITTEN[SEED]
    items = {item.id: item for item in derived_items(w.model_copy(update={"quiz": []}))}
    task = w.section("task")
    stronger = items["stronger-task"]
    right = stronger.options[stronger.answer[0]]
    assert right.text == f"“{task.strong.line}”" and right.why == task.strong.why and right.link == "task"
    weak = next(o for o in stronger.options if o.link == "task-compare")
    assert weak.why == f"{task.weak.why} {task.weak.verdict}"
    flag = next(o for o in stronger.options if o.link.startswith("red-flag-"))
    assert flag.link == "red-flag-not-my-code", "a red flag heard in the same section"
    probe = items["stronger-follow-up-escalation"]
    assert probe.prompt == f"The interviewer asks: “{w.follow_ups[0].question}” Which answer is stronger?"
    spot = items["spot-the-red-flags"]
    assert [spot.options[i].link for i in spot.answer] == [f.anchor for f in w.red_flags]
    (not_a_flag,) = [o for i, o in enumerate(spot.options) if i not in spot.answer]
    assert not_a_flag.link.startswith("phrase-") and not_a_flag.why.startswith("Not a red flag: ")
    sink = items["signal-or-sink-we"]
    assert sink.options[sink.answer[0]].text.startswith("Sink") and sink.quote == "“We dug through the logs and we figured out the fix.”"
    classify = items["classify-result"]
    assert classify.options[classify.answer[0]].text == "Result"
    # A sentence of a Result in a variant that tells the story in STAR order (not outcome-first).
    assert any(classify.quote.strip("“”") in v.answer.result for v in w.variants if v.id != "outcome-first")
    assert classify.quote.strip("“”") not in w.variant("outcome-first").answer.result


def test_the_right_option_moves_between_items():
    w = HAND_WRITTEN[SEED].model_copy(update={"quiz": []})
    positions = {item.answer[0] for item in derived_items(w) if item.id.startswith("stronger-")}
    assert len(positions) == 3


def test_a_question_the_written_quiz_asks_is_not_derived_again():
    w = HAND_WRITTEN["cost-spike-root-cause"]
    written = {item.id for item in w.quiz}
    assert {"situation-opener", "red-flags-in-answer", "classify-control"} <= written
    derived = {item.id for item in derived_items(w)}
    # situation-opener asks which Situation line is stronger; classify-control places an Action line;
    # red-flags-in-answer is the spot-the-red-flags question.
    assert not {"stronger-situation", "classify-action", "spot-the-red-flags"} & derived
    assert {"stronger-task", "classify-situation"} <= derived


def test_quiz_size_caps_derived_items_but_never_drops_written_ones():
    w = HAND_WRITTEN[SEED]
    assert with_derived_quiz(w.model_copy(update={"quiz_size": 3})).quiz == w.quiz
    bigger = with_derived_quiz(w.model_copy(update={"quiz_size": 20}))
    assert len(bigger.quiz) == 20 and bigger.quiz[:16] == w.quiz


def test_derivation_is_deterministic_across_processes():
    """Same data, same items, same order, same ids: also under another hash seed, in a fresh process."""
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + '/tests');"
        "from macros.site import load_site;"
        "print(json.dumps({s: [i.model_dump(mode='json') for i in w.quiz] for s, w in load_site(sys.argv[1]).published.items()}))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, check=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed)).stdout
        for seed in ("1", "2")
    ]
    here = {slug: [item.model_dump(mode="json") for item in w.quiz] for slug, w in WALKTHROUGHS.items()}
    assert json.loads(runs[0]) == json.loads(runs[1]) == here
    assert [item.id for item in derived_items(HAND_WRITTEN[SEED])] == [item.id for item in derived_items(HAND_WRITTEN[SEED])]


# --- Quiz links to a model-answer tab --------------------------------------------------------------


@pytest.mark.parametrize("variant", ["outcome-first", "senior"])
def test_a_quiz_link_to_a_variant_tab_is_rejected_with_what_to_link_instead(variant):
    data = HAND_WRITTEN[SEED].model_dump(mode="json")
    data["quiz"][0]["options"][0]["link"] = f"variants-{variant}"
    _, problems = check_walkthrough(Document("w.yml", data, {}), SEED)
    assert [str(p) for p in problems] == [
        f"w.yml:1: quiz[0].options[0].link: links to '#variants-{variant}', a model-answer tab, which the build "
        "cannot check: link '#variants' instead"
    ]
    data["quiz"][0]["options"][0]["link"] = "variants"
    assert not check_walkthrough(Document("w.yml", data, {}), SEED)[1]
