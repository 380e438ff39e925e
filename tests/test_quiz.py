"""The self-check quiz as built HTML (on the guide page and on its own page), its size budget, and the
validation of quiz items. The browser behaviour is in tests/browser/test_quiz_browser.py."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from urllib.parse import urljoin

import pytest

from support import ROOT, normal, parse, text
from macros.core.assets import MINIFIERS
from macros.core.urls import page_url
from macros.core.validate import guide_anchors
from macros.quiz import anchor_titles, quiz_version
from support.data import SEED_FILE as FILE, SEED_SOURCE as SOURCE, line_of, replace_line, seed_problems

SG = ROOT / "docs" / "assets" / "sg"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PAGES = ("guide", "quiz")


def quiz_of(page, kind, walkthrough):
    soup = page(page_url(kind, walkthrough.slug))
    quizzes = soup.select('.sg-quiz[data-sg-module="quiz"]')
    assert len(quizzes) == 1, f"{kind} page: expected one quiz"
    return soup, quizzes[0]


@pytest.mark.parametrize("kind", PAGES)
def test_quiz_is_keyed_on_its_walkthrough_and_content(built_page, walkthrough, kind):
    _, quiz = quiz_of(built_page, kind, walkthrough)
    assert quiz["data-sg-quiz"] == walkthrough.slug
    assert quiz["data-sg-version"] == quiz_version(walkthrough)
    assert re.fullmatch(r"[0-9a-f]{12}", quiz["data-sg-version"])


def test_quiz_version_follows_the_content(walkthrough):
    first = walkthrough.quiz[0]
    changed = first.model_copy(update={"prompt": first.prompt + " (edited)"})
    edited = walkthrough.model_copy(update={"quiz": [changed, *walkthrough.quiz[1:]]})
    reordered = walkthrough.model_copy(update={"quiz": list(reversed(walkthrough.quiz))})
    retitled = walkthrough.model_copy(update={"title": walkthrough.title + " (edited)"})
    assert quiz_version(edited) != quiz_version(walkthrough)
    assert quiz_version(reordered) != quiz_version(walkthrough)
    # Only the quiz counts: editing the rest of the page keeps the reader's progress.
    assert quiz_version(retitled) == quiz_version(walkthrough)


def test_every_anchor_an_explanation_may_link_to_has_a_name(walkthrough):
    """Link text says where a link goes: every anchor validation accepts has a title."""
    titles = anchor_titles(walkthrough)
    assert set(titles) == guide_anchors(walkthrough)
    assert all(title.strip() and len(title) <= 100 for title in titles.values()), titles


@pytest.mark.parametrize("kind", PAGES)
def test_choice_items_are_fieldsets_of_real_inputs_with_a_check_button(built_page, walkthrough, kind):
    _, quiz = quiz_of(built_page, kind, walkthrough)
    forms = quiz.select("form.sg-quiz__item")
    assert [form["data-sg-item"] for form in forms] == [item.id for item in walkthrough.quiz]
    for number, (form, item) in enumerate(zip(forms, walkthrough.quiz), 1):
        if item.type == "rewrite":
            continue
        assert form["id"] == f"quiz-{item.id}"
        fieldset = form.select_one("fieldset.sg-quiz__fieldset")
        legend = fieldset.find("legend", recursive=False)
        assert normal(item.prompt) in text(legend) and f"Question {number} of {len(walkthrough.quiz)}" in text(legend)
        if item.quote:
            quote = fieldset.select_one(".sg-quiz__quote")
            assert normal(item.quote) in text(quote)
            # A screen reader hears the quoted line with the group, not only when reading on.
            assert fieldset["aria-describedby"] == quote["id"]
        inputs = fieldset.select("input")
        expected_type = "checkbox" if item.type == "multiple" else "radio"
        assert [i["type"] for i in inputs] == [expected_type] * len(item.options)
        assert {i["name"] for i in inputs} == {f"quiz-{item.id}"}
        assert [i["value"] for i in inputs] == [str(n) for n in range(len(item.options))]
        for index, (input_, option) in enumerate(zip(inputs, item.options)):
            label = fieldset.select_one(f'label[for="{input_["id"]}"]')
            assert label is not None and input_ in label.find_all("input"), f"{input_['id']} has no label"
            assert text(label) == f"{LETTERS[index]}. {normal(option.text)}"
        assert form["data-sg-answer"].split() == [str(n) for n in item.answer]
        check = form.select_one('button[type="submit"].sg-quiz__check')
        assert check is not None and text(check) == "Check"


@pytest.mark.parametrize("kind", PAGES)
def test_every_answer_and_explanation_is_in_a_details(built_page, walkthrough, kind):
    """With JavaScript off, the details element is how a reader checks an answer."""
    _, quiz = quiz_of(built_page, kind, walkthrough)
    here = "/" + page_url(kind, walkthrough.slug)
    guide = "/" + page_url("guide", walkthrough.slug)
    for item in walkthrough.quiz:
        form = quiz.select_one(f"#quiz-{item.id}")
        details = form.select_one("details.sg-quiz__answer")
        assert details is not None and not details.has_attr("open")
        assert details.find("summary", recursive=False) is not None
        if item.type == "rewrite":
            assert normal(item.model_answer) in text(details.select_one(".sg-quiz__model"))
            links = [details.select_one(".sg-quiz__reason a")]
            targets = [item.link]
            points = details.select(".sg-quiz__checklist input[type=checkbox]")
            assert [text(p.find_parent("label")) for p in points] == [normal(c) for c in item.checklist]
        else:
            letters = [LETTERS[i] for i in item.answer]
            assert all(letter in text(details.select_one(".sg-quiz__solution")) for letter in letters)
            whys = details.select("li.sg-quiz__why")
            assert len(whys) == len(item.options)
            for index, (why, option) in enumerate(zip(whys, item.options)):
                correct = index in item.answer
                assert why["data-sg-why"] == str(index)
                assert f"sg-quiz__why--{'correct' if correct else 'incorrect'}" in why["class"]
                # Said in words, not only by colour.
                verdict = text(why.select_one(".sg-quiz__verdict"))
                assert verdict.startswith("✓ Correct" if correct else "✗ Not correct")
                assert normal(option.why) in text(why)
            links = [why.select_one(".sg-quiz__reason a") for why in whys]
            targets = [option.link for option in item.options]
        for link, target in zip(links, targets, strict=True):
            # Resolved from the page it is on, every explanation lands on the guide anchor that teaches it.
            assert urljoin(here, link["href"]) == f"{guide}#{target}", link
            assert text(link).startswith("See: ") and len(text(link)) > len("See: ")


@pytest.mark.parametrize("kind", PAGES)
def test_rewrite_items_have_a_labelled_textarea(built_page, walkthrough, kind):
    _, quiz = quiz_of(built_page, kind, walkthrough)
    rewrites = [item for item in walkthrough.quiz if item.type == "rewrite"]
    for item in rewrites:
        form = quiz.select_one(f"#quiz-{item.id}")
        assert form["data-sg-checklist"] == str(len(item.checklist))
        fieldset = form.select_one("fieldset.sg-quiz__fieldset")
        assert normal(item.prompt) in text(fieldset.find("legend"))
        assert normal(item.quote) in text(fieldset.select_one(".sg-quiz__quote"))
        area = fieldset.select_one("textarea")
        assert fieldset.select_one(f'label[for="{area["id"]}"]') is not None
        assert form.select_one('button[type="submit"].sg-quiz__check') is not None


@pytest.mark.parametrize("kind", PAGES)
def test_ids_are_unique_on_the_page(built_page, walkthrough, kind):
    soup, _ = quiz_of(built_page, kind, walkthrough)
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [name for name, count in counts.items() if count > 1]


@pytest.mark.parametrize("kind", PAGES)
def test_answer_key_comes_after_the_last_question(built_page, walkthrough, kind):
    _, quiz = quiz_of(built_page, kind, walkthrough)
    key = quiz.select_one(".sg-quiz__key")
    assert key is not None
    later = key.find_all_next("form", class_="sg-quiz__item")
    assert not later, "a question follows the answer key"
    assert not key.select("form, input, textarea, [id]"), "the key repeats no control and no id"
    entries = key.select(".sg-quiz__key-list > li")
    assert len(entries) == len(walkthrough.quiz)
    for entry, item in zip(entries, walkthrough.quiz):
        if item.type == "rewrite":
            assert normal(item.model_answer) in text(entry)
            assert all(normal(point) in text(entry) for point in item.checklist)
        else:
            letters = [LETTERS[i] for i in sorted(item.answer)]
            expected = letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " and " + letters[-1]
            assert text(entry.find("strong")) == f"{expected}."
            assert all(normal(item.options[i].why) in text(entry) for i in item.answer)


@pytest.mark.parametrize("kind", PAGES)
def test_script_only_controls_are_hidden_until_the_script_runs(built_page, walkthrough, kind):
    _, quiz = quiz_of(built_page, kind, walkthrough)
    for selector in (".sg-quiz__actions", ".sg-quiz__bar", ".sg-quiz__storage", ".sg-quiz__result"):
        elements = quiz.select(selector)
        assert elements and all(element.has_attr("hidden") for element in elements), selector
    status = quiz.select_one(".sg-quiz__status")
    assert status["role"] == "status" and not text(status)


def test_quiz_page_has_its_title_and_links_to_the_guide(built_page, walkthrough):
    soup, quiz = quiz_of(built_page, "quiz", walkthrough)
    assert text(soup.select_one("article h1")).startswith("Self-check quiz")
    intro = soup.select_one("article h1").find_next("p")
    assert "../" in [a["href"] for a in intro.select("a")]


def test_guide_section_links_to_the_quiz_page(built_page, walkthrough):
    soup = built_page(page_url("guide", walkthrough.slug))
    heading = soup.select_one("h2#quiz")
    quiz = soup.select_one(".sg-quiz")
    assert heading is not None and heading.find_next("div", class_="sg-quiz") is quiz
    between = [a for a in heading.find_all_next("a") if a.sourceline < quiz.sourceline]
    here = "/" + page_url("guide", walkthrough.slug)
    assert "/" + page_url("quiz", walkthrough.slug) in [urljoin(here, a["href"]) for a in between]


def test_the_quiz_module_loads_only_where_a_quiz_is(site, built_page, walkthrough):
    """The loader imports quiz.js only for an element with data-sg-module="quiz"; no page links it directly."""
    for kind in ("compare", "cheat-sheet", "instructor"):
        assert not built_page(page_url(kind, walkthrough.slug)).select('[data-sg-module="quiz"]'), kind
    assert not built_page("").select('[data-sg-module="quiz"]')
    for path in site.rglob("*.html"):
        assert not parse(path).select('script[src*="quiz"], link[href*="quiz.js"]'), path


def test_landing_page_shows_progress_per_walkthrough(built_page, walkthrough):
    soup = built_page("")
    progress = soup.select_one(f'.sg-quiz-progress[data-sg-quiz="{walkthrough.slug}"]')
    assert progress is not None
    assert progress["data-sg-module"] == "quiz-progress"
    assert progress["data-sg-version"] == quiz_version(walkthrough)
    assert progress["data-sg-total"] == str(len(walkthrough.quiz))
    assert text(progress) == f"{len(walkthrough.quiz)} questions"
    item = progress.find_parent("li")
    assert page_url("quiz", walkthrough.slug) in [a["href"] for a in item.select("a")]


def test_quiz_script_fits_its_budget():
    """At most 4 KB gzip as served (minified): the quiz module and the progress module it imports, together."""
    sizes = {name: len(gzip.compress(MINIFIERS[".js"](SG.joinpath(name).read_text(encoding="utf-8")).encode(), 9, mtime=0))
             for name in ("quiz.js", "quiz-progress.js")}
    assert sum(sizes.values()) <= 4096, sizes
    # The landing page loads only the progress module: it stays a fraction of that.
    assert sizes["quiz-progress.js"] <= 1024, sizes
    for name in sizes:
        source = (SG / name).read_text(encoding="utf-8")
        imports = re.findall(r"""^\s*import\b.*?from\s+["']([^"']+)["']""", source, re.M)
        assert all(target.startswith("./") for target in imports), f"{name} imports {imports}"
        assert "http" not in "".join(imports) and "fetch(" not in source


# ---- Validation: bad quiz items are reported as `file:line: path: message` ------------------------

QUIZ_START = line_of(SOURCE, r"^quiz:")


def quiz_line(pattern: str, occurrence: int = 1) -> int:
    """Line of the n-th line matching `pattern` inside the quiz list."""
    return line_of(SOURCE, pattern, occurrence, after=QUIZ_START - 1)


def with_line(number: int, new: str) -> str:
    return replace_line(SOURCE, number, new, keep_indent=True)


def test_item_with_no_correct_option(tmp_path):
    number = quiz_line(r"^\s+answer: \[")
    assert seed_problems(tmp_path, with_line(number, "answer: []")) == [
        f"{FILE}:{number}: quiz[0].answer: no correct option: list at least one option index"
    ]


def test_answer_out_of_range(tmp_path):
    number = quiz_line(r"^\s+answer: \[")
    assert seed_problems(tmp_path, with_line(number, "answer: [7]")) == [
        f"{FILE}:{number}: quiz[0].answer[0]: answer 7 is out of range (options are 0 to 2)"
    ]


def test_duplicate_item_id(tmp_path):
    first = SOURCE.splitlines()[quiz_line(r"^  - id: ") - 1].split("id: ")[1]
    number = quiz_line(r"^  - id: ", occurrence=2)
    assert seed_problems(tmp_path, with_line(number, f"- id: {first}")) == [
        f"{FILE}:{number}: quiz[1].id: duplicate quiz item id '{first}'"
    ]


def test_option_link_to_a_missing_anchor(tmp_path):
    number = quiz_line(r"^\s+link: ", occurrence=2)  # the second option of the first item
    assert seed_problems(tmp_path, with_line(number, "link: nowhere-on-the-page")) == [
        f"{FILE}:{number}: quiz[0].options[1].link: "
        "links to '#nowhere-on-the-page', which is not an anchor of the guide page"
    ]


def test_rewrite_link_to_a_missing_anchor(tmp_path):
    lines = SOURCE.splitlines()
    rewrite = quiz_line(r"^\s+type: rewrite")
    index = sum(1 for n in range(QUIZ_START, rewrite) if re.match(r"^  - id: ", lines[n - 1])) - 1
    number = line_of(SOURCE, r"^    link: ", after=rewrite)
    assert seed_problems(tmp_path, with_line(number, "link: missing-anchor")) == [
        f"{FILE}:{number}: quiz[{index}].link: links to '#missing-anchor', which is not an anchor of the guide page"
    ]
