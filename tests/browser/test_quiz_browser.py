"""The self-check quiz in a real Chromium over the built site: grading and feedback, keyboard-only use,
progress kept on the device, storage that fails, instant navigation, JavaScript off and print.

Every test runs in a fresh browser context, watched (support.PageWatcher): a request to another host,
a console error or an uncaught exception fails it.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from macros.quiz import quiz_version
from support import PageWatcher, normal
from support.axe import assert_no_violations_in_either_scheme
from support.browser import assert_same_document, mark_the_document, scroll_to, serve_sitemap_for_this_server

pytestmark = pytest.mark.browser

LOCAL = "http://127.0.0.1:"

# What quiz.js writes beside each option once checked (FEEDBACK in docs/assets/sg/quiz.js).
FEEDBACK = {
    "right": "✓ Your choice, and correct.",
    "wrong": "✗ Your choice, but not correct.",
    "missed": "✗ Missed: this one is correct.",
}
# The message of the DOMException a blocked localStorage throws (tests below throw it themselves).
BLOCKED = "The operation is insecure."


@pytest.fixture
def watchers() -> list[PageWatcher]:
    """The watchers of the test's tabs, in the order they were made."""
    return []


@pytest.fixture
def context_and_tab(browser, watchers):
    """make(**context options) -> a tab in a fresh context, watched: at the end of the test no tab
    may have raised an error, logged a console error or asked another host for anything."""
    contexts = []

    def make(**options):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        contexts.append(context)
        tab = context.new_page()
        # The site and the tests' own servers on this machine (axe-core's); any other host is foreign.
        watchers.append(PageWatcher(tab, allowed=(LOCAL,), console=""))
        return tab

    yield make
    for context in contexts:
        context.close()
    for watcher in watchers:
        watcher.assert_clean()


@pytest.fixture
def tab(context_and_tab):
    return context_and_tab()


# ---- Helpers ------------------------------------------------------------------------------------


def quiz_url(site_url: str, walkthrough) -> str:
    return f"{site_url}walkthroughs/{walkthrough.slug}/quiz/"


def guide_url(site_url: str, walkthrough) -> str:
    return f"{site_url}walkthroughs/{walkthrough.slug}/"


def open_quiz(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")


def storage_key(walkthrough) -> str:
    return f"sg-quiz:{walkthrough.slug}:{quiz_version(walkthrough)}"


def stored(tab, walkthrough):
    text = tab.evaluate("key => localStorage.getItem(key)", storage_key(walkthrough))
    return None if text is None else json.loads(text)


def score(tab) -> str:
    """The score as a reader sees it: scrolled to, since an off-screen quiz is not laid out (and has no
    innerText) until then (test_deferred_layout.py)."""
    return scroll_to(tab.locator(".sg-quiz__score")).inner_text()


def score_text(correct: int, answered: int, walkthrough) -> str:
    return f"Score: {correct} correct of {len(walkthrough.quiz)} · {answered} answered"


def first(walkthrough, *types):
    return next((item for item in walkthrough.quiz if item.type in types), None)


def number_of(walkthrough, item) -> int:
    return walkthrough.quiz.index(item) + 1


def choose(tab, item, indices) -> None:
    for index in indices:
        tab.locator(f"label[for='quiz-{item.id}--{index}']").click()


def check(tab, item) -> None:
    tab.locator(f"#quiz-{item.id} .sg-quiz__check").click()


def feedback_of(tab, item, index: int) -> str:
    return tab.locator(f"#quiz-{item.id} .sg-quiz__option").nth(index).locator(".sg-quiz__feedback").inner_text()


def graded(tab, item) -> int:
    return tab.locator(f"#quiz-{item.id} .sg-quiz__feedback").count()


# ---- Tests --------------------------------------------------------------------------------------


def test_right_and_wrong_answers_give_feedback_and_score(tab, site_url, walkthrough):
    item = first(walkthrough, "single", "classify")
    right = item.answer[0]
    wrong = next(i for i in range(len(item.options)) if i not in item.answer)
    number = number_of(walkthrough, item)
    open_quiz(tab, quiz_url(site_url, walkthrough))
    assert score(tab) == score_text(0, 0, walkthrough)
    form = tab.locator(f"#quiz-{item.id}")

    # Check with nothing chosen commits nothing and says why.
    check(tab, item)
    assert "Choose an answer first" in form.locator(".sg-quiz__result").inner_text()
    assert graded(tab, item) == 0 and score(tab) == score_text(0, 0, walkthrough)

    choose(tab, item, [wrong])
    check(tab, item)
    assert form.locator(".sg-quiz__result").inner_text().startswith("✗ Not quite")
    options = form.locator(".sg-quiz__option")
    assert "sg-quiz__option--wrong" in options.nth(wrong).get_attribute("class")
    assert feedback_of(tab, item, wrong).startswith(FEEDBACK["wrong"])
    assert normal(item.options[wrong].why) in normal(feedback_of(tab, item, wrong))
    assert "sg-quiz__option--missed" in options.nth(right).get_attribute("class")
    assert feedback_of(tab, item, right).startswith(FEEDBACK["missed"])
    assert normal(item.options[right].why) in normal(feedback_of(tab, item, right))
    assert graded(tab, item) == len(item.options), "every option explains itself"
    # The why links to the guide anchor that teaches it.
    link = options.nth(wrong).locator(".sg-quiz__feedback a")
    target = f"{guide_url(site_url, walkthrough)}#{item.options[wrong].link}"
    assert urljoin(tab.url, link.get_attribute("href")) == target
    assert score(tab) == score_text(0, 1, walkthrough)
    status = tab.locator(".sg-quiz__status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text().startswith(f"Question {number}: ✗ Not quite")
    assert score_text(0, 1, walkthrough) in status.inner_text()
    # Checked means locked: the answer cannot change under its feedback.
    inputs = form.locator(".sg-quiz__fieldset input")
    assert all(inputs.nth(i).is_disabled() for i in range(len(item.options)))

    form.locator(".sg-quiz__retry").click()
    assert graded(tab, item) == 0 and score(tab) == score_text(0, 0, walkthrough)
    assert not form.locator("input:checked").count()
    assert form.locator(".sg-quiz__check").is_visible() and not form.locator(".sg-quiz__retry").is_visible()

    choose(tab, item, [right])
    check(tab, item)
    assert form.locator(".sg-quiz__result").inner_text() == "✓ Correct."
    assert "sg-quiz__option--right" in options.nth(right).get_attribute("class")
    assert feedback_of(tab, item, right).startswith(FEEDBACK["right"])
    assert score(tab) == score_text(1, 1, walkthrough)
    assert status.inner_text().startswith(f"Question {number}: ✓ Correct.")

    multiple = first(walkthrough, "multiple")
    if multiple:
        extra = [i for i in range(len(multiple.options)) if i not in multiple.answer]
        choose(tab, multiple, multiple.answer[:-1] + extra[:1])  # one missed, one wrong
        check(tab, multiple)
        options = tab.locator(f"#quiz-{multiple.id} .sg-quiz__option")
        verdicts = [options.nth(i).get_attribute("class") for i in range(len(multiple.options))]
        assert "sg-quiz__option--missed" in verdicts[multiple.answer[-1]]
        if extra:
            assert "sg-quiz__option--wrong" in verdicts[extra[0]]
        assert score(tab) == score_text(1, 2, walkthrough)
        tab.locator(f"#quiz-{multiple.id} .sg-quiz__retry").click()
        choose(tab, multiple, multiple.answer)
        check(tab, multiple)
        assert tab.locator(f"#quiz-{multiple.id} .sg-quiz__result").inner_text() == "✓ Correct."
        assert score(tab) == score_text(2, 2, walkthrough)


def test_a_rewrite_reveals_the_model_and_is_self_marked(tab, site_url, walkthrough):
    item = first(walkthrough, "rewrite")
    form = f"#quiz-{item.id}"
    open_quiz(tab, quiz_url(site_url, walkthrough))
    details = tab.locator(f"{form} details.sg-quiz__answer")
    assert details.get_attribute("open") is None
    tab.fill(f"{form} textarea", "I read the logs and fixed the handler.")
    check(tab, item)
    assert details.get_attribute("open") is not None
    assert normal(item.model_answer) in normal(tab.locator(f"{form} .sg-quiz__model").inner_text())
    assert tab.locator(f"{form} .sg-quiz__result").inner_text().startswith(f"Self-marked: 0 of {len(item.checklist)}")
    assert score(tab) == score_text(0, 1, walkthrough)
    points = tab.locator(f"{form} .sg-quiz__checklist input")
    assert points.count() == len(item.checklist)
    for index in range(len(item.checklist)):
        points.nth(index).check()
    met = f"✓ Self-marked: all {len(item.checklist)} points met."
    assert tab.locator(f"{form} .sg-quiz__result").inner_text() == met
    assert score(tab) == score_text(1, 1, walkthrough)
    saved = stored(tab, walkthrough)[item.id]
    assert saved == {"text": "I read the logs and fixed the handler.", "marks": list(range(len(item.checklist)))}


def focused(tab) -> str:
    return tab.evaluate("() => document.activeElement.id || document.activeElement.className")


def tab_until(tab, predicate: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches `predicate` (a JS expression of `e`)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"() => {{ const e = document.activeElement; return !!({predicate}); }}"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


def assert_nothing_committed(tab, walkthrough, item, answered: int, correct: int) -> None:
    assert graded(tab, item) == 0, "feedback appeared before Check"
    assert tab.locator(f"#quiz-{item.id} .sg-quiz__result").is_hidden()
    assert score(tab) == score_text(correct, answered, walkthrough)
    assert item.id not in (stored(tab, walkthrough) or {})


def test_keyboard_alone_completes_questions_and_arrows_commit_nothing(tab, site_url, walkthrough):
    item = first(walkthrough, "single", "classify")
    open_quiz(tab, quiz_url(site_url, walkthrough))
    tab_until(tab, f"e.id === 'quiz-{item.id}--0'")
    # Keyboard focus is visible.
    outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    count = len(item.options)
    # Arrows move through every option (a radio group selects as it moves) and commit nothing.
    for index in [*range(1, count), 0]:
        tab.keyboard.press("ArrowDown")
        assert focused(tab) == f"quiz-{item.id}--{index}"
        assert_nothing_committed(tab, walkthrough, item, answered=0, correct=0)
    for _ in range(item.answer[0]):
        tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Space")
    assert_nothing_committed(tab, walkthrough, item, answered=0, correct=0)
    tab.keyboard.press("Tab")
    assert "sg-quiz__check" in focused(tab)
    tab.keyboard.press("Enter")
    assert tab.locator(f"#quiz-{item.id} .sg-quiz__result").inner_text() == "✓ Correct."
    assert score(tab) == score_text(1, 1, walkthrough)
    assert "sg-quiz__retry" in focused(tab), "focus stays on the question, on Try again"

    multiple = first(walkthrough, "multiple")
    if multiple is None:
        return
    tab_until(tab, f"e.id === 'quiz-{multiple.id}--0'")
    boxes = tab.locator(f"#quiz-{multiple.id} .sg-quiz__fieldset input")
    for index in range(len(multiple.options)):
        if index:
            tab.keyboard.press("ArrowDown")  # moves focus, toggles nothing
        assert focused(tab) == f"quiz-{multiple.id}--{index}"
        assert [boxes.nth(i).is_checked() for i in range(index)] == [i in multiple.answer for i in range(index)]
        assert not boxes.nth(index).is_checked()
        if index in multiple.answer:
            tab.keyboard.press("Space")
        assert_nothing_committed(tab, walkthrough, multiple, answered=1, correct=1)
    tab.keyboard.press("ArrowDown")  # wraps to the first option
    assert focused(tab) == f"quiz-{multiple.id}--0"
    tab.keyboard.press("Enter")  # Enter on an option checks the question
    assert tab.locator(f"#quiz-{multiple.id} .sg-quiz__result").inner_text() == "✓ Correct."
    assert score(tab) == score_text(2, 2, walkthrough)


def answer_some(tab, walkthrough):
    """One choice item answered wrong, one right, and the rewrite self-marked: returns them."""
    choices = [item for item in walkthrough.quiz if item.type != "rewrite"]
    wrong_item, right_item = choices[0], choices[1]
    wrong = next(i for i in range(len(wrong_item.options)) if i not in wrong_item.answer)
    choose(tab, wrong_item, [wrong])
    check(tab, wrong_item)
    choose(tab, right_item, right_item.answer)
    check(tab, right_item)
    rewrite = first(walkthrough, "rewrite")
    tab.fill(f"#quiz-{rewrite.id} textarea", "My rewrite.")
    check(tab, rewrite)
    tab.locator(f"#quiz-{rewrite.id} .sg-quiz__checklist input").first.check()
    return (wrong_item, [wrong]), (right_item, right_item.answer), rewrite


def assert_restored(tab, walkthrough, answered) -> None:
    (wrong_item, wrong), (right_item, right), rewrite = answered
    for item, chosen in ((wrong_item, wrong), (right_item, right)):
        boxes = tab.locator(f"#quiz-{item.id} .sg-quiz__fieldset input")
        indices = range(len(item.options))
        assert [boxes.nth(i).is_checked() for i in indices] == [i in chosen for i in indices]
        assert graded(tab, item) == len(item.options)
    scroll_to(tab.locator(f"#quiz-{wrong_item.id}"))  # laid out once scrolled to
    assert tab.locator(f"#quiz-{wrong_item.id} .sg-quiz__result").inner_text().startswith("✗ Not quite")
    assert tab.locator(f"#quiz-{right_item.id} .sg-quiz__result").inner_text() == "✓ Correct."
    assert tab.input_value(f"#quiz-{rewrite.id} textarea") == "My rewrite."
    assert tab.locator(f"#quiz-{rewrite.id} .sg-quiz__checklist input").first.is_checked()
    assert score(tab) == score_text(1, 3, walkthrough)


def landing_progress(tab, site_url, walkthrough) -> str:
    """The landing page's "answered of total" for the walkthrough, once its module has filled it in."""
    tab.goto(site_url)
    progress = tab.locator(f'.sg-quiz-progress[data-sg-quiz="{walkthrough.slug}"]')
    tab.wait_for_function("el => el.textContent.includes('answered')", arg=progress.element_handle(), timeout=5000)
    return progress.inner_text()


def test_progress_survives_a_reload_and_reset_clears_it(tab, site_url, walkthrough):
    total = len(walkthrough.quiz)
    open_quiz(tab, quiz_url(site_url, walkthrough))
    answered = answer_some(tab, walkthrough)
    assert set(stored(tab, walkthrough)) == {answered[0][0].id, answered[1][0].id, answered[2].id}

    tab.reload()
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")
    assert_restored(tab, walkthrough, answered)
    # The guide page's copy of the quiz reads the same progress, and so does the landing page.
    open_quiz(tab, guide_url(site_url, walkthrough))
    assert_restored(tab, walkthrough, answered)
    assert landing_progress(tab, site_url, walkthrough) == f"3 of {total} answered"

    open_quiz(tab, quiz_url(site_url, walkthrough))
    tab.locator(".sg-quiz__reset").click()
    assert score(tab) == score_text(0, 0, walkthrough)
    assert tab.locator(".sg-quiz__feedback").count() == 0
    assert tab.locator(".sg-quiz__fieldset input:checked").count() == 0
    assert tab.input_value(f"#quiz-{answered[2].id} textarea") == ""
    assert stored(tab, walkthrough) == {}, "saved empty: a reset quiz is not refilled from another version"
    assert "reset" in tab.locator(".sg-quiz__status").inner_text()
    tab.reload()
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")
    assert score(tab) == score_text(0, 0, walkthrough) and tab.locator(".sg-quiz__feedback").count() == 0
    assert landing_progress(tab, site_url, walkthrough) == f"0 of {total} answered"


def test_answers_saved_for_another_version_are_kept_and_carried_over(tab, site_url, walkthrough):
    """An edited quiz has a new version: the answers saved for the old one stay stored (nothing a reader
    stored is lost), and those whose items are still there are restored into the new version once."""
    item = first(walkthrough, "single", "classify")
    stale = f"sg-quiz:{walkthrough.slug}:000000000000"
    other = "sg-quiz:another-walkthrough:000000000000"
    old_answers = {item.id: {"chosen": [0]}, "an-item-since-removed": {"chosen": [1]}}
    open_quiz(tab, quiz_url(site_url, walkthrough))
    tab.evaluate(
        """([stale, other, current, answers, id]) => {
          localStorage.setItem(stale, JSON.stringify(answers));
          localStorage.setItem(other, JSON.stringify({[id]: {chosen: [1]}}));
          localStorage.removeItem(current);  // this version never saved
        }""",
        [stale, other, storage_key(walkthrough), old_answers, item.id],
    )
    tab.reload()
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")
    assert score(tab) == score_text(int(item.answer == [0]), 1, walkthrough)
    assert tab.locator(f"#quiz-{item.id}--0").is_checked()
    assert stored(tab, walkthrough) == {item.id: {"chosen": [0]}}, "carried over: only items still in the quiz"
    assert json.loads(tab.evaluate("key => localStorage.getItem(key)", stale)) == old_answers, "the old save is kept"
    assert tab.evaluate("key => localStorage.getItem(key)", other) is not None, "other walkthroughs are left alone"

    # Saved once for this version, the current progress wins: tampered entries are ignored, nothing
    # is carried over again.
    tab.evaluate("([current, id]) => localStorage.setItem(current, JSON.stringify({[id]: {chosen: [99]}, junk: 1}))",
                 [storage_key(walkthrough), item.id])
    tab.reload()
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")
    assert score(tab) == score_text(0, 0, walkthrough)
    assert tab.locator(".sg-quiz__feedback").count() == 0
    assert json.loads(tab.evaluate("key => localStorage.getItem(key)", stale)) == old_answers
    assert tab.locator(".sg-quiz__storage").is_hidden()


STORAGE_FAILURES = {
    # Private modes and full disks: writing throws.
    "full": """Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };""",
    # Blocked site data: even reaching localStorage throws.
    "blocked": f"""Object.defineProperty(window, "localStorage", {{
      configurable: true,
      get() {{ throw new DOMException("{BLOCKED}", "SecurityError"); }},
    }});""",
}


@pytest.mark.parametrize("failure", STORAGE_FAILURES)
def test_without_storage_the_quiz_works_and_says_progress_is_not_kept(context_and_tab, site_url, walkthrough, failure):
    tab = context_and_tab()
    tab.add_init_script(STORAGE_FAILURES[failure])
    open_quiz(tab, quiz_url(site_url, walkthrough))
    note = tab.locator(".sg-quiz__storage")
    assert note.is_visible() and "progress will not be kept" in note.inner_text()
    item = first(walkthrough, "single", "classify")
    choose(tab, item, item.answer)
    check(tab, item)
    assert tab.locator(f"#quiz-{item.id} .sg-quiz__result").inner_text() == "✓ Correct."
    assert score(tab) == score_text(1, 1, walkthrough)
    tab.locator(f"#quiz-{item.id} .sg-quiz__retry").click()
    assert score(tab) == score_text(0, 0, walkthrough)
    tab.locator(".sg-quiz__reset").click()
    assert note.is_visible()
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")
    # The landing page's count ran (its server-rendered text is "N questions") and found nothing kept.
    expect(tab.locator(f'.sg-quiz-progress[data-sg-quiz="{walkthrough.slug}"]')).to_have_text(
        f"0 of {len(walkthrough.quiz)} answered")


COUNT_SUBMIT_LISTENERS = """
const add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (type === "submit" && this.classList && this.classList.contains("sg-quiz")) {
    this.sgSubmitListeners = (this.sgSubmitListeners || 0) + 1;
  }
  return add.call(this, type, ...rest);
};
"""


def nav_link(tab, text: str):
    return tab.locator(".md-sidebar--primary a.md-nav__link").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))


def arrive(tab, url: str, heading: str) -> None:
    """Wait until the page at `url` is swapped in and its quiz bound (the old page's quiz was bound too)."""
    tab.wait_for_url(url)
    tab.wait_for_function(
        """h => document.querySelector("article h1")?.textContent.startsWith(h)
          && document.querySelector(".sg-quiz")?.hasAttribute("data-sg-bound")""",
        arg=heading,
    )


def test_instant_navigation_away_and_back_rebinds_once(tab, site_url, walkthrough):
    tab.add_init_script(COUNT_SUBMIT_LISTENERS)
    serve_sitemap_for_this_server(tab, site_url)
    item = first(walkthrough, "single", "classify")
    other = [i for i in walkthrough.quiz if i.type != "rewrite" and i is not item][0]
    open_quiz(tab, quiz_url(site_url, walkthrough))
    tab.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is in
    # The loader may call init again on the same page: that binds nothing twice either.
    tab.evaluate(f"import('{site_url}assets/sg/quiz.js').then((m) => {{ m.init(document); m.init(document); }})")
    assert tab.evaluate("() => document.querySelector('.sg-quiz').sgSubmitListeners") == 1
    mark_the_document(tab)
    choose(tab, item, item.answer)
    check(tab, item)
    assert score(tab) == score_text(1, 1, walkthrough)

    nav_link(tab, walkthrough.title).click()
    arrive(tab, guide_url(site_url, walkthrough), walkthrough.title)
    assert_same_document(tab)
    assert score(tab) == score_text(1, 1, walkthrough)

    nav_link(tab, "Self-check quiz").click()
    arrive(tab, quiz_url(site_url, walkthrough), "Self-check quiz")
    assert_same_document(tab)
    assert tab.evaluate("() => document.querySelectorAll('.sg-quiz').length") == 1
    assert tab.evaluate("() => document.querySelector('.sg-quiz').sgSubmitListeners") == 1
    assert tab.locator(f"#quiz-{item.id} .sg-quiz__result").inner_text() == "✓ Correct."
    # One click, one change of score.
    choose(tab, other, [next(i for i in range(len(other.options)) if i not in other.answer)])
    check(tab, other)
    assert score(tab) == score_text(1, 2, walkthrough)
    tab.locator(f"#quiz-{other.id} .sg-quiz__retry").click()
    assert score(tab) == score_text(1, 1, walkthrough)
    assert tab.locator(".sg-quiz__status").inner_text().startswith(f"Question {number_of(walkthrough, other)}: cleared")


def test_graded_quiz_passes_axe_in_both_schemes(context_and_tab, site_url, walkthrough):
    """Feedback colours keep their contrast in both schemes, and the graded markup stays valid."""
    tab = context_and_tab()
    open_quiz(tab, quiz_url(site_url, walkthrough))
    answer_some(tab, walkthrough)
    multiple = first(walkthrough, "multiple")
    if multiple:
        choose(tab, multiple, [multiple.answer[0]])
        check(tab, multiple)
    tab.locator(".sg-quiz__check").first.focus()
    assert_no_violations_in_either_scheme(tab, include=".sg-quiz", label="graded quiz")


def test_with_javascript_off_every_answer_is_in_a_details(context_and_tab, site_url, walkthrough):
    tab = context_and_tab(java_script_enabled=False)
    tab.goto(quiz_url(site_url, walkthrough))
    assert tab.locator(".sg-quiz[data-sg-bound]").count() == 0
    assert tab.locator(".sg-quiz__check:visible, .sg-quiz__bar:visible, .sg-quiz__key:visible").count() == 0
    details = tab.locator("details.sg-quiz__answer")
    assert details.count() == len(walkthrough.quiz)
    for index, item in enumerate(walkthrough.quiz):
        answer = details.nth(index)
        if item.type == "rewrite":
            explanation, shown = item.model_answer, answer.locator(".sg-quiz__model")
        else:
            explanation, shown = item.options[item.answer[0]].why, answer.locator(f".sg-quiz__why[data-sg-why='{item.answer[0]}']")
        # The explanation itself, not any text that starts alike (an option may quote the same story).
        assert not shown.is_visible()
        answer.locator("summary").click()
        assert shown.is_visible() and normal(explanation) in normal(shown.inner_text())
        assert answer.locator(".sg-quiz__reason a").first.is_visible()
    # The inputs are real: a reader can still mark an answer before opening its explanation.
    item = first(walkthrough, "single", "classify")
    choose(tab, item, item.answer)
    assert tab.locator(f"#quiz-{item.id}--{item.answer[0]}").is_checked()


PRINT_LAYOUT = """() => {
  const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const forms = [...document.querySelectorAll(".sg-quiz form")];
  const key = document.querySelector(".sg-quiz__key");
  const inputs = [...document.querySelectorAll(".sg-quiz__fieldset input")];
  return {
    key: shown(key),
    keyBelowLastQuestion: key.getBoundingClientRect().top >= forms.at(-1).getBoundingClientRect().bottom,
    answersBeside: [...document.querySelectorAll(".sg-quiz__answer, .sg-quiz__feedback, .sg-quiz__result")]
      .filter(shown).length,
    controls: [...document.querySelectorAll(".sg-quiz button, .sg-quiz__bar")].filter(shown).length,
    boxes: inputs.every((i) => shown(i) && getComputedStyle(i).appearance === "none"
      && parseFloat(getComputedStyle(i).borderTopWidth) > 0),
    lines: [...document.querySelectorAll(".sg-quiz__lines")].every(shown),
    drafts: [...document.querySelectorAll(".sg-quiz__draft")].filter(shown).length,
  };
}"""


def test_printed_quiz_is_a_worksheet_with_the_key_at_the_end(tab, site_url, walkthrough):
    open_quiz(tab, quiz_url(site_url, walkthrough))
    answer_some(tab, walkthrough)  # whatever was answered on screen, paper shows empty boxes
    on_screen = tab.evaluate(PRINT_LAYOUT)
    assert not on_screen["key"] and on_screen["controls"], "on screen: no key, and the controls show"
    tab.emulate_media(media="print")
    printed = tab.evaluate(PRINT_LAYOUT)
    assert printed == {
        "key": True,
        "keyBelowLastQuestion": True,
        "answersBeside": 0,
        "controls": 0,
        "boxes": True,
        "lines": True,
        "drafts": 0,
    }


def test_the_landing_page_loads_only_the_progress_module(tab, watchers, site_url, walkthrough):
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")
    loaded = [urlsplit(url).path.rsplit("/", 1)[-1] for url in watchers[0].requests]
    assert "quiz-progress.js" in loaded and "quiz.js" not in loaded
    progress = tab.locator(f'.sg-quiz-progress[data-sg-quiz="{walkthrough.slug}"]')
    assert progress.inner_text() == f"0 of {len(walkthrough.quiz)} answered"


def test_instant_navigation_brings_and_drops_the_quiz_styles(tab, site_url, walkthrough):
    """The quiz's stylesheet is inlined on the pages with a quiz only; Material's instant navigation
    swaps <head> elements by content, so it arrives with such a page and leaves with it."""
    serve_sitemap_for_this_server(tab, site_url)
    tab.goto(site_url)
    tab.wait_for_load_state("networkidle")  # instant navigation starts once the sitemap is in
    assert tab.locator("style[data-sg-style='quiz']").count() == 0
    mark_the_document(tab)
    tab.locator("article").get_by_role("link", name=walkthrough.title).first.click()
    arrive(tab, guide_url(site_url, walkthrough), walkthrough.title)
    assert_same_document(tab)
    assert tab.locator("style[data-sg-style='quiz']").count() == 1
    # A rule of quiz.css applies: the options list loses its numbers.
    assert tab.locator(".sg-quiz__options").first.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    tab.go_back()
    tab.wait_for_function("() => !document.querySelector('.sg-quiz')")
    assert_same_document(tab)
    assert tab.locator("style[data-sg-style='quiz']").count() == 0
