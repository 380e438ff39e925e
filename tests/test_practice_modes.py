"""The practice modes as built HTML: the mock interview's question bank and session markup, the review
queue running every walkthrough's own quiz markup, the story bank's matrix, the landing block, and the
modules' size budget. The browser behaviour is in tests/browser/test_practice_modes_browser.py; the pure
logic in tests/js/ (store, review, stories, mock)."""

from __future__ import annotations

import gzip
import json

from macros.core.urls import page_url
from support import ROOT, WALKTHROUGHS
from macros.core.assets import MINIFIERS
from macros.core.principles import load_principles
from macros.core.rubric import load_kit
from macros.practice_modes import ANSWER_SECONDS, STORES, answer_plan, question_bank, review_prefix
from macros.quiz import quiz_version

SG = ROOT / "docs" / "assets" / "sg"
PRINCIPLES = load_principles(ROOT, set(WALKTHROUGHS))
KIT = load_kit(ROOT)
BANK = question_bank(PRINCIPLES, WALKTHROUGHS)


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_the_bank_has_every_question_once_and_every_walkthrough():
    ids = [q["id"] for q in BANK]
    assert len(ids) == len(set(ids)) >= sum(len(p.questions) for p in PRINCIPLES.principles)
    assert {q["walkthrough"] for q in BANK if q["walkthrough"]} == set(WALKTHROUGHS)
    assert all(1 <= len(q["probes"]) <= 2 for q in BANK)


def test_the_answer_plan_paces_the_two_minutes_in_star_order():
    plan = answer_plan(WALKTHROUGHS)
    assert [step["id"] for step in plan] == ["situation", "task", "action", "result", "reflection"]
    assert plan[0]["start"] == 0 and plan[-1]["end"] == ANSWER_SECONDS
    assert all(a["end"] == b["start"] and a["start"] < a["end"] for a, b in zip(plan, plan[1:]))
    action = next(step for step in plan if step["id"] == "action")
    assert action["end"] - action["start"] == max(step["end"] - step["start"] for step in plan), "the Action is the longest"


def test_the_mock_page_without_javascript_is_the_question_bank(built_page):
    page = built_page("practice/mock/")
    note = page.select_one("[data-sg-nojs]")
    assert "needs JavaScript" in words(note) and note.find("a")["href"] == "#bank"
    article = words(page.select_one("article"))
    for q in BANK:
        assert " ".join(q["text"].split()) in article, q["id"]
        for probe in q["probes"]:
            assert " ".join(probe.split()) in article
    # Questions with a walkthrough link it, and the script finds the guide through those links.
    for slug in WALKTHROUGHS:
        link = page.select_one(f'a[data-sg-guide="{slug}"]')
        assert link["href"] == f"../../walkthroughs/{slug}/"


def test_the_mock_session_markup(built_page):
    page = built_page("practice/mock/")
    mock = page.select_one(".sg-mock[data-sg-module=mock]")
    # Out of search part by part (tests/test_search.py checks nothing of it is indexed).
    assert all(part.has_attr("data-search-exclude") for part in mock.find_all(recursive=False))
    assert mock.select_one("button[type=submit]").get_text() == "Start"
    assert len(mock.select("[name=principle]")) == 16
    # The answer clock is a timer; what screen readers hear is a separate polite region, written at the marks.
    assert mock.select_one(".sg-mock__run [role=timer]") and mock.select_one(".sg-mock__now[aria-live=polite]")
    assert [words(li) for li in mock.select(".sg-mock__plan li")] == [
        f"{s['name']}: {s['start'] // 60}:{s['start'] % 60:02d}–{s['end'] // 60}:{s['end'] % 60:02d}" for s in answer_plan(WALKTHROUGHS)]
    assert [f.select_one("legend").get_text() for f in mock.select(".sg-mock__line")] == [line.criterion for line in KIT.rubric]
    for line in mock.select(".sg-mock__line"):
        assert [i["value"] for i in line.select("input[type=radio]")] == ["1", "2", "3"]
    # Speech and recording are offered, both off.
    for name in ("speak", "record"):
        assert not mock.select_one(f"[name={name}]").has_attr("checked")
    data = json.loads(mock["data-sg-mock"])
    assert data["bank"] == BANK and set(data["models"]) == set(WALKTHROUGHS)
    assert [line["id"] for line in data["rubric"]] == [line.id for line in KIT.rubric]


def test_the_review_page_runs_every_quiz_with_the_quiz_markup(built_page):
    page = built_page("practice/review/")
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids)), "one id per element, though item ids repeat across walkthroughs"
    for slug, w in WALKTHROUGHS.items():
        quiz = page.select_one(f'[data-sg-review-set="{slug}"] .sg-quiz[data-sg-module=quiz]')
        # The quiz's own widget, its progress kept apart (a visit only), keyed on the same version.
        assert quiz["data-sg-quiz"] == slug and quiz["data-sg-version"] == quiz_version(w)
        assert quiz["data-sg-session"] == "review"
        assert [form["data-sg-item"] for form in quiz.select("form.sg-quiz__item")] == [item.id for item in w.quiz]
        assert [form["id"] for form in quiz.select("form.sg-quiz__item")] == [review_prefix(slug) + item.id for item in w.quiz]
    assert "needs JavaScript" in words(page.select_one("[data-sg-nojs]"))


def test_a_quiz_page_loads_the_review_recorder_and_keeps_its_own_ids(built_page):
    for slug, w in WALKTHROUGHS.items():
        quiz = built_page(page_url("quiz", slug)).select_one(".sg-quiz")
        assert quiz.select_one('[data-sg-module="review-log"][hidden]')
        assert not quiz.has_attr("data-sg-session")
        assert quiz.select_one("form.sg-quiz__item")["id"] == f"quiz-{w.quiz[0].id}"


def test_the_story_bank_serves_the_matrix_of_an_empty_bank(built_page):
    page = built_page("practice/stories/")
    rows = page.select(".sg-stories__matrix tbody tr")
    assert [words(row.th) for row in rows] == PRINCIPLES.names
    assert all("sg-stories__gap" in row["class"] and words(row) .endswith("Gap: no story yet") for row in rows)
    assert words(page.select_one("[data-sg-coverage]")) == "0 of 16 principles have a story."
    stories = page.select_one(".sg-stories")
    assert stories.select_one("input[type=file][accept]") and stories.select_one("[data-sg-data=export]").get_text() == "Export"
    assert page.select_one("a[data-sg-checker]")["href"] == "../"
    assert "needs JavaScript" in words(page.select_one("[data-sg-nojs]"))


def test_the_landing_page_shows_practice_progress_as_a_fresh_reader(built_page):
    block = built_page("").select_one(".sg-progress[data-sg-module=practice-progress]")
    said = {span["data-sg-progress"]: words(span) for span in block.select("[data-sg-progress]")}
    # As practice-progress.js writes them for a fresh reader (tests/js/mock.test.js): nothing moves.
    assert said == {"review": "nothing due", "stories": "0 of 16 principles covered", "mock": "no session yet"}
    assert [a["href"] for a in block.select("a")] == ["practice/review/", "practice/stories/", "practice/mock/"]


def test_the_stores_are_named_once():
    keys = {"review": ("review-schedule.js", "KEY"), "mock": ("practice-stores.js", "MOCK_KEY"),
            "stories": ("practice-stores.js", "STORIES_KEY")}
    for name, key in STORES.items():
        module, const = keys[name]
        assert f'export const {const} = "{key}";' in (SG / module).read_text(encoding="utf-8")


def served_gzip(name: str) -> int:
    return len(gzip.compress(MINIFIERS[".js"](SG.joinpath(name).read_text(encoding="utf-8")).encode(), 9, mtime=0))


def test_each_mode_fits_its_budget():
    """At most 5 KB gzip as served (minified): each mode's module with the storage modules it imports
    (the review page also runs the quiz's own module, which has its own budget: tests/test_quiz.py)."""
    modes = {
        "mock": ["mock.js", "store.js", "practice-stores.js", "data-panel.js"],
        "review": ["review.js", "review-log.js", "review-record.js", "review-schedule.js", "store.js", "data-panel.js"],
        "stories": ["stories.js", "store.js", "practice-stores.js", "data-panel.js"],
        "landing": ["practice-progress.js", "store.js", "review-schedule.js", "practice-stores.js"],
    }
    sizes = {mode: sum(served_gzip(name) for name in names) for mode, names in modes.items()}
    assert all(size <= 5120 for size in sizes.values()), sizes
