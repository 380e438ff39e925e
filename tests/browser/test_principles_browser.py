"""The principles catalog in a real Chromium: the question-bank handout printed to a real PDF and read
back with poppler, and the story checker (practice.js) applying the rules of the chosen question's
principle, as Python's interpreter of the same rules does."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.pdf import body_texts, contains, normal, shown
from support import PageWatcher, ROOT, WALKTHROUGHS
from macros.core.principles import load_principles
from macros.core.rubric import load_kit
from macros.practice.rules import analyze, read_rules, walkthrough_context

pytestmark = pytest.mark.browser

CATALOG = load_principles(ROOT, set(WALKTHROUGHS))
RULES = read_rules(ROOT, load_kit(ROOT), set(CATALOG.names))[0]


@pytest.fixture
def tab(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    watcher = PageWatcher(tab, allowed=(site_url,))
    yield tab
    context.close()
    watcher.assert_clean()


# --- The question-bank handout -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def handout(browser, site_url, tmp_path_factory) -> list[str]:
    """principles/ printed on A4 as a reader's browser prints it: each page's body text, normalised."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}principles/", wait_until="networkidle")
        expect(tab.locator(".sg-principles__bank")).to_be_hidden()  # on screen, each principle's page has them
        pdf = tmp_path_factory.mktemp("handout") / "principles.pdf"
        pdf.write_bytes(tab.pdf(format="A4", print_background=True))
    finally:
        context.close()
    return [normal(text) for text in body_texts(pdf)]


def test_the_handout_is_the_table_on_one_page_then_the_question_bank(handout):
    first = handout[0]
    for principle in CATALOG.principles:
        assert contains(first, shown(principle.name)), f"{principle.name} is not in the table on page 1"
    assert "Question bank" not in first
    bank_starts = [n for n, page in enumerate(handout) if page.startswith("Question bank")]
    assert bank_starts == [1], "the question bank starts at the top of page 2"
    assert not any("Print this page" in page for page in handout), "the screen's hint about printing is on paper"


def test_the_handout_holds_every_question_with_its_probes_on_one_page(handout):
    for principle in CATALOG.principles:
        for question in principle.questions:
            pages = [n for n, page in enumerate(handout) if contains(page, shown(question.text))]
            assert pages, f"{question.id} is not in the handout"
            for probe in question.probes:
                assert any(contains(handout[n], shown(probe)) for n in pages), f"{question.id}: a probe is on another page"
    assert len(handout) <= 8, f"the handout takes {len(handout)} pages of A4"


# --- The checker applies the principle of the chosen question ---------------------------------------

# Said of any question: it names no customer, no anomaly, no deadline and no scope, and keeps quiet at first.
STORY = {
    "situation": "Something at work went wrong and it mattered.",
    "task": "At first I said nothing, then I took on the job of sorting it out.",
    "action": "I looked at the logs and I wrote a fix with a test.",
    "result": "It saved the company two days a month in support tickets.",
    "reflection": "I learned that the first explanation is rarely the real one in a system like that.",
}


def expected(walkthrough, role: str) -> tuple[list[str], set[str]]:
    """What macros/practice/rules.py finds in STORY told for `walkthrough`: its messages, sorted, and
    the principle-keyed rules they come from."""
    found = [f for f in analyze(RULES, walkthrough_context(walkthrough), STORY, role)["findings"] if f["level"] == "problem"]
    keyed = {rule.id for rule in RULES.rules if rule.principles}
    return sorted(normal(f["message"]) for f in found), {f["rule"] for f in found} & keyed


def test_the_checker_applies_the_rules_of_the_chosen_questions_principle(tab, site_url):
    """The same story, checked for each walkthrough's question in turn: the page reports exactly what
    Python finds, which includes rules of that question's principle and of no other."""
    tab.goto(f"{site_url}practice/")
    tab.wait_for_selector(".sg-practice[data-sg-bound]:not([hidden])")
    for part, said in STORY.items():
        tab.fill(f"#sg-practice-{part}", said)
    for walkthrough in WALKTHROUGHS.values():
        role = walkthrough.variants[0].id
        want, keyed = expected(walkthrough, role)
        assert keyed, f"{walkthrough.slug}: STORY trips no rule of {walkthrough.principle}, so this shows nothing for it"
        assert all(walkthrough.principle in rule.principles for rule in RULES.rules if rule.id in keyed), keyed
        tab.select_option("#sg-practice-for", f"{walkthrough.slug} {role}")
        tab.get_by_role("button", name="Check my story").click()
        items = tab.locator(".sg-practice__findings > li:not(.sg-practice__credit)")
        expect(items).to_have_count(len(want))
        got = [normal(text) for text in items.all_inner_texts()]
        for message in want:
            assert sum(message in line for line in got) >= want.count(message), (
                f"{walkthrough.slug}: the checker misses {message!r}\n" + "\n".join(got)
            )
