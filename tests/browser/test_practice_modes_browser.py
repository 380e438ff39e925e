"""The practice modes in a real Chromium over the built site: a mock interview end to end with a fake
microphone and with the microphone denied, on a controlled clock (Playwright's page.clock); a quiz item
missed on a quiz page appearing in the review queue, and cramming; the story bank's import, reload and
export round trip; stored data that is corrupt, from a newer version, or that cannot be written;
keyboard-only use; axe after use in both schemes; and the pages with JavaScript off.

Every tab is watched (support.PageWatcher): no uncaught error, no "sg:" console error, no request to
another host.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from support.axe import assert_no_violations_in_either_scheme
from support import WALKTHROUGHS, PageWatcher, chromium_path
from macros.core.rubric import load_kit
from macros.practice_modes import review_prefix
from macros.quiz import quiz_version
from support import ROOT

pytestmark = pytest.mark.browser

KIT = load_kit(ROOT)
LINES = [line.id for line in KIT.rubric]
SLUG = "act-without-approval"
W = WALKTHROUGHS[SLUG]
MIC = "--use-fake-device-for-media-stream"
MIC_ALLOWED = "--use-fake-ui-for-media-stream"  # answers the permission prompt: allow
PAGES = {"mock": "practice/mock/", "review": "practice/review/", "stories": "practice/stories/"}
STORE_KEYS = {"mock": "sg-mock", "review": "sg-review", "stories": "sg-stories"}  # macros.practice_modes.STORES
BOUND = {"mock": ".sg-mock[data-sg-bound]", "review": ".sg-review[data-sg-bound]", "stories": ".sg-stories[data-sg-bound]"}


@contextlib.contextmanager
def watched(browser, site_url, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, **options)
    tab = context.new_page()
    # The site, and on 127.0.0.1 too, the axe server (tests/support/axe.py): nothing from another host.
    watcher = PageWatcher(tab, allowed=(site_url, "http://127.0.0.1:"))
    try:
        yield tab
        watcher.assert_clean()
    finally:
        context.close()


@pytest.fixture
def tab(browser, site_url):
    with watched(browser, site_url) as tab:
        yield tab


def open_mode(tab, site_url, mode):
    tab.goto(site_url + PAGES[mode])
    tab.wait_for_selector(BOUND[mode], state="attached")


def downloaded(tab, button) -> tuple[str, str]:
    with tab.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def stored(tab, key):
    return tab.evaluate("key => localStorage.getItem(key)", key)


# ---- Mock interview -----------------------------------------------------------------------------

def score_all(tab, level_of) -> None:
    for line in LINES:
        tab.check(f".sg-mock__grade [name={line}][value='{level_of(line)}']")
    tab.get_by_role("button", name="Save my scores").click()


def run_question(tab, level_of, expect_recording: bool) -> str:
    """One question: preparation runs out by itself, the answer timer paces, the probe, scoring."""
    question = tab.locator(".sg-mock__question").inner_text()
    timer = tab.get_by_role("timer")
    # page.clock moves time on by run_for; between calls it also flows as usual, so a busy machine
    # may read a second or two later than the marks.
    expect(timer).to_have_text(re.compile(r"^0:[12]\d left$"))
    expect(tab.locator(".sg-mock__question")).to_be_focused()
    tab.clock.run_for(21_000)
    expect(tab.locator(".sg-mock__phase")).to_have_text("Answer:")
    expect(timer).to_have_text(re.compile(r"^0:\d\d of 2:00$"))
    # Announced at the marks: the section the answer should be in now, the one the plan marks.
    expect(tab.locator(".sg-mock__now")).to_have_text(re.compile(r"^Now: (Situation|Task)$"))
    now = tab.locator(".sg-mock__now").inner_text().removeprefix("Now: ")
    expect(tab.locator(".sg-mock__plan .sg-mock__step--now")).to_have_text(re.compile(f"^{now}:"))
    tab.clock.run_for(125_000)
    expect(tab.locator(".sg-mock__now")).to_have_text("Time is up: finish your sentence.")
    expect(timer).to_have_text(re.compile(r"^2:\d\d of 2:00$"))
    tab.get_by_role("button", name="Next").click()
    expect(tab.locator(".sg-mock__probe")).to_be_visible()
    expect(timer).to_have_text(re.compile(r"^0:0\d of 1:00$"))
    tab.clock.run_for(3_000)
    tab.get_by_role("button", name="Next").click()
    expect(tab.locator(".sg-mock__grade")).to_be_visible()
    expect(tab.locator(".sg-mock__graded")).to_contain_text(question)
    if expect_recording:
        recording = tab.locator(".sg-mock__recording")
        expect(recording).to_be_visible()
        assert tab.locator(".sg-mock__recording audio").get_attribute("src").startswith("blob:")
        assert tab.locator(".sg-mock__recording a").get_attribute("href").startswith("blob:")
    else:
        expect(tab.locator(".sg-mock__recording")).to_be_hidden()
    score_all(tab, level_of)
    return question


def start_mock(tab, count: int, record: bool, principles=()):
    tab.select_option("#sg-mock-count", str(count))
    for slug in principles:
        tab.check(f"[name=principle][value={slug}]")
    if record:
        tab.check("[name=record]")
    tab.get_by_role("button", name="Start").click()
    tab.wait_for_selector(".sg-mock__run:not([hidden])")


def test_a_mock_session_end_to_end_with_a_fake_microphone(browser_type, site_url):
    browser = browser_type.launch(executable_path=chromium_path(), args=["--no-sandbox", MIC, MIC_ALLOWED])
    try:
        with watched(browser, site_url) as tab:
            tab.clock.install()
            open_mode(tab, site_url, "mock")
            # Principles chosen: the session draws only their questions, the walkthrough's included.
            start_mock(tab, 2, record=True, principles=["ownership"])
            asked = [run_question(tab, lambda line: 2, expect_recording=True)]
            expect(tab.locator(".sg-mock__status")).to_be_hidden()  # no microphone problem to report
            asked.append(run_question(tab, lambda line: 1 if line == "quantified-result" else 3, expect_recording=True))
            summary = tab.locator(".sg-mock__summary")
            expect(summary).to_be_visible()
            assert len(set(asked)) == 2
            assert summary.locator(".sg-mock__asked > li").count() == 2
            expect(summary.locator('[data-sg-line="quantified-result"]')).to_have_text("1.5 of 3")
            expect(summary.locator('[data-sg-line="scope-boundary"]')).to_have_text("2.5 of 3")
            weakest = summary.locator(".sg-mock__weakest")
            expect(weakest).to_contain_text("Your weakest line: Quantified result.")
            href = weakest.get_by_role("link").evaluate("a => a.href")
            assert re.fullmatch(re.escape(site_url) + r"walkthroughs/[a-z-]+/#result", href), href
            saved = json.loads(stored(tab, "sg-mock"))
            assert saved["version"] == 1 and saved["sessions"][0]["weakest"] == "quantified-result"
            assert [q["recorded"] for q in saved["sessions"][0]["questions"]] == [True, True]
            assert not any(k for k in saved["sessions"][0]["questions"][0] if "blob" in json.dumps(k)), "recordings stay in the tab"
            # Kept on the device: listed after a reload, and on the landing page.
            tab.reload()
            tab.wait_for_selector(BOUND["mock"], state="attached")
            expect(tab.locator(".sg-mock__past > li")).to_have_count(1)
            tab.goto(site_url)
            expect(tab.locator("[data-sg-progress=mock]")).to_contain_text("weakest line: Quantified result")
    finally:
        browser.close()


# The microphone refused at the permission prompt, or no microphone at all: said plainly, and the
# session goes on without recording.
MICROPHONE_PROBLEMS = {
    "denied": ([MIC, f"{MIC_ALLOWED}=deny"], "The microphone is blocked (permission denied)"),
    "missing": ([], "No microphone was found"),
}


@pytest.mark.parametrize("problem", MICROPHONE_PROBLEMS)
def test_a_mock_session_without_a_microphone_goes_on(browser_type, site_url, problem):
    args, said = MICROPHONE_PROBLEMS[problem]
    browser = browser_type.launch(executable_path=chromium_path(), args=["--no-sandbox", *args])
    try:
        with watched(browser, site_url) as tab:
            tab.clock.install()
            open_mode(tab, site_url, "mock")
            start_mock(tab, 1, record=True)
            expect(tab.locator(".sg-mock__status")).to_have_text(f"{said}, so this session is not recorded. It goes on without recording.")
            run_question(tab, lambda line: 3, expect_recording=False)
            expect(tab.locator(".sg-mock__summary")).to_be_visible()
            assert json.loads(stored(tab, "sg-mock"))["sessions"][0]["questions"][0]["recorded"] is False
    finally:
        browser.close()


def test_the_mock_interview_by_keyboard_alone(tab, site_url):
    tab.clock.install()
    open_mode(tab, site_url, "mock")
    tab.locator("#sg-mock-count").focus()
    for _ in range(2):  # from 3 questions (the default) to 1
        tab.keyboard.press("ArrowUp")
    assert tab.input_value("#sg-mock-count") == "1"
    for _ in range(10):  # Tab from the count to Start, past the role and the two options
        tab.keyboard.press("Tab")
        if tab.evaluate("() => document.activeElement.textContent") == "Start":
            break
    tab.keyboard.press("Enter")
    expect(tab.locator(".sg-mock__question")).to_be_focused()
    for _ in range(3):  # Next: to the answer, to the probe, to scoring
        tab.get_by_role("button", name="Next").focus()
        tab.keyboard.press("Enter")
    expect(tab.locator(".sg-mock__graded")).to_be_focused()
    for line in LINES:  # each rubric line is a radio group: focus its first level, arrow to 2
        tab.locator(f".sg-mock__grade [name={line}]").first.focus()
        tab.keyboard.press("ArrowDown")
    tab.get_by_role("button", name="Save my scores").focus()
    tab.keyboard.press("Enter")
    expect(tab.locator(".sg-mock__summary-title")).to_be_focused()
    for line in LINES:
        expect(tab.locator(f'[data-sg-line="{line}"]')).to_have_text("2 of 3")


# ---- Review queue -------------------------------------------------------------------------------

def first_choice(walkthrough):
    return next(item for item in walkthrough.quiz if item.type == "single")


def test_a_quiz_item_missed_on_a_quiz_page_is_due_in_review(tab, site_url):
    item = first_choice(W)
    wrong = next(i for i in range(len(item.options)) if i not in item.answer)
    tab.goto(f"{site_url}walkthroughs/{SLUG}/quiz/")
    tab.wait_for_selector(".sg-quiz[data-sg-bound]", state="attached")
    tab.locator(f"label[for='quiz-{item.id}--{wrong}']").click()
    tab.locator(f"#quiz-{item.id} .sg-quiz__check").click()
    quiz_key = f"sg-quiz:{SLUG}:{quiz_version(W)}"
    on_quiz_page = stored(tab, quiz_key)
    assert json.loads(on_quiz_page)[item.id] == {"chosen": [wrong]}
    # The recorder loads the schedule's code with the first miss, then stores it.
    tab.wait_for_function("() => localStorage.getItem('sg-review') !== null", timeout=10_000)

    tab.goto(site_url)
    expect(tab.locator("[data-sg-progress=review]")).to_have_text("1 due")
    open_mode(tab, site_url, "review")
    expect(tab.locator(".sg-review__summary")).to_have_text(re.compile("^1 due now"))
    link = tab.locator(".sg-review__due a")
    expect(link).to_have_count(1)
    assert link.get_attribute("href") == f"#{review_prefix(SLUG)}{item.id}"
    form = tab.locator(f"#{review_prefix(SLUG)}{item.id}")
    expect(form).to_be_visible()
    # Only the due item shows, with the quiz's own widget, blank: the quiz page's answer is not replayed.
    assert tab.locator(".sg-quiz__item:visible").count() == 1
    expect(form.locator(".sg-quiz__check")).to_be_visible()
    form.locator(f"label[for='{review_prefix(SLUG)}{item.id}--{item.answer[0]}']").click()
    form.locator(".sg-quiz__check").click()
    expect(form.locator(".sg-quiz__result")).to_have_text("✓ Correct.")
    expect(tab.locator(".sg-review__summary")).to_have_text(re.compile("^Nothing is due"))
    expect(form).to_be_visible()  # the feedback stays until the reader leaves
    entry = json.loads(stored(tab, "sg-review"))["items"][f"{SLUG}/{item.id}"]
    assert entry["box"] == 1
    # The review is not the quiz page's progress: that answer is as it was, and the visit stored nothing.
    assert stored(tab, quiz_key) == on_quiz_page
    assert tab.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sg-quiz') && k.includes('review'))") == []
    tab.reload()
    tab.wait_for_selector(BOUND["review"], state="attached")
    assert tab.locator(".sg-quiz__item:visible").count() == 0


def test_cramming_runs_every_item_of_the_chosen_walkthroughs(tab, site_url):
    open_mode(tab, site_url, "review")
    tab.locator(".sg-review__cram summary").click()
    tab.check(f"[name=cram][value={SLUG}]")
    tab.get_by_role("button", name="Cram these").click()
    expect(tab.locator(".sg-review__summary")).to_have_text(re.compile(f"^Cramming {len(W.quiz)} questions"))
    visible = tab.locator(".sg-quiz__item:visible")
    expect(visible).to_have_count(len(W.quiz))
    assert {f.get_attribute("data-sg-item") for f in visible.all()} == {item.id for item in W.quiz}
    tab.get_by_role("button", name="Back to what is due").click()
    expect(tab.locator(".sg-quiz__item:visible")).to_have_count(0)


# ---- Story bank ---------------------------------------------------------------------------------

BANK = {
    "version": 1,
    "stories": [
        {"id": "webhooks", "title": "Silent webhook drop", "summary": "Found and fixed a 0.3% loss", "numbers": "$8,000 a week",
         "principles": ["ownership", "dive-deep"], "notes": {"situation": "Paid orders were being cancelled.", "action": "I traced the dispatcher."},
         "tags": ["backend"], "rehearsed": 3},
        {"id": "costs", "title": "Cost spike", "summary": "Cut the bill", "principles": ["dive-deep", "frugality"]},
    ],
    "exported_by": "another copy of the guide",
}


def import_file(tab, tmp_path, content: str, name="bank.json"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    tab.locator(".sg-stories [data-sg-data=import]").set_input_files(path)


def test_a_story_bank_survives_import_reload_and_export(tab, site_url, tmp_path):
    open_mode(tab, site_url, "stories")
    import_file(tab, tmp_path, json.dumps(BANK))
    expect(tab.locator(".sg-stories__status")).to_have_text("Imported 2 stories from bank.json.")
    tab.reload()
    tab.wait_for_selector(BOUND["stories"], state="attached")
    expect(tab.locator(".sg-stories__list > li")).to_have_count(2)
    expect(tab.locator("[data-sg-coverage]")).to_have_text("3 of 16 principles have a story.")
    rows = tab.locator(".sg-stories__matrix tbody tr")
    expect(rows).to_have_count(16)
    dive = tab.locator('tr[data-sg-principle="dive-deep"]')
    expect(dive).not_to_have_class(re.compile("gap"))
    expect(tab.locator('tr[data-sg-principle="bias-for-action"]')).to_have_class(re.compile("sg-stories__gap"))
    # Primary and backup per principle, kept on the device.
    dive.get_by_label("Primary story for Dive Deep").select_option(label="Cost spike")
    dive.get_by_label("Backup story for Dive Deep").select_option(label="Silent webhook drop")
    tab.reload()
    tab.wait_for_selector(BOUND["stories"], state="attached")
    assert tab.locator('tr[data-sg-principle="dive-deep"] select').first.evaluate("s => s.selectedOptions[0].text") == "Cost spike"
    name, text = downloaded(tab, tab.get_by_role("button", name="Export", exact=True))
    exported = json.loads(text)
    assert name == "story-bank.json"
    assert exported["stories"] == BANK["stories"], "the same stories, extra fields kept"
    assert exported["exported_by"] == BANK["exported_by"] and exported["version"] == 1
    assert exported["primary"] == {"dive-deep": "costs"} and exported["backup"] == {"dive-deep": "webhooks"}
    name, text = downloaded(tab, tab.get_by_role("button", name="Export as Markdown"))
    assert name == "story-bank.md" and "## Silent webhook drop" in text and "| Dive Deep | Cost spike | Silent webhook drop |" in text
    tab.goto(site_url)
    expect(tab.locator("[data-sg-progress=stories]")).to_have_text("3 of 16 principles covered")


def test_a_story_written_here_opens_the_checker_prefilled(tab, site_url):
    open_mode(tab, site_url, "stories")
    tab.fill("#sg-story-title", "Late-night deploy")
    tab.fill("#sg-story-summary", "Shipped the fix myself")
    tab.check("[name=principles][value=ownership]")
    tab.locator(".sg-stories__notes summary").click()
    tab.fill("#sg-story-situation", "Orders were failing at night.")
    tab.fill("#sg-story-action", "I wrote the patch and rolled it out.")
    tab.get_by_role("button", name="Save the story").click()
    expect(tab.locator(".sg-stories__status")).to_have_text('Saved "Late-night deploy".')
    expect(tab.locator('tr[data-sg-principle="ownership"] td').nth(2)).to_have_text("✓")
    tab.get_by_role("button", name="Check this story").click()
    tab.wait_for_selector(".sg-practice[data-sg-bound]", state="attached")
    assert tab.input_value("#sg-practice-situation") == "Orders were failing at night."
    assert tab.input_value("#sg-practice-action") == "I wrote the patch and rolled it out."
    expect(tab.locator(".sg-practice__status")).to_contain_text("Late-night deploy")
    assert stored(tab, "sg-practice-draft") is None, "the checker's saved draft is not written"


def test_a_bad_import_names_its_problems_and_changes_nothing(tab, site_url, tmp_path):
    open_mode(tab, site_url, "stories")
    import_file(tab, tmp_path, json.dumps({"version": 1, "stories": [{"title": "", "principles": ["not-a-principle"]}]}))
    problem = tab.locator(".sg-stories .sg-data__problem")
    expect(problem).to_contain_text("Nothing imported from bank.json: stories[0].title: a title is required")
    expect(problem).to_contain_text('stories[0].principles[0]: "not-a-principle" is not a principle')
    assert stored(tab, "sg-stories") is None
    expect(tab.locator(".sg-stories__list > li")).to_have_count(0)


UNREADABLE = {"corrupt": '{"version": 1, "stories": [trunc', "newer": '{"version": 99, "stories": [], "future": true}'}
UNREADABLE_BY_STORE = {
    "stories": UNREADABLE,
    "review": {"corrupt": "not json at all", "newer": '{"version": 2, "items": {}}'},
    "mock": {"corrupt": '{"version": 1, "sessions": "no"}', "newer": '{"version": 5, "sessions": []}'},
}


@pytest.mark.parametrize("state", ["corrupt", "newer"])
@pytest.mark.parametrize("mode", PAGES)
def test_unreadable_stored_data_is_kept_said_and_exportable(tab, site_url, mode, state):
    raw = UNREADABLE_BY_STORE[mode][state]
    key = STORE_KEYS[mode]
    tab.goto(site_url)
    tab.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])
    tab.reload()
    expect(tab.locator(f"[data-sg-progress={mode}]")).to_have_text(re.compile("cannot read"))
    open_mode(tab, site_url, mode)
    problem = tab.locator(f"{BOUND[mode]} .sg-data__problem")
    panel = tab.locator(f"{BOUND[mode]} .sg-data")
    expect(panel).to_be_visible()  # review and mock keep it in a details: a problem opens that
    expect(problem).to_have_text(re.compile("newer version" if state == "newer" else "cannot be read"))
    expect(problem).to_contain_text("kept as it is")
    # Use the page: nothing is written over what it could not read.
    if mode == "stories":
        tab.fill("#sg-story-title", "A new story")
        tab.get_by_role("button", name="Save the story").click()
        expect(tab.locator(".sg-stories__list > li")).to_have_count(1)
    name, text = downloaded(tab, panel.get_by_role("button", name="Export", exact=True))
    assert text == raw, "the raw data, as it is stored"
    assert stored(tab, key) == raw


def test_importing_over_unreadable_data_keeps_a_copy_of_it(tab, site_url, tmp_path):
    tab.goto(site_url)
    tab.evaluate("raw => localStorage.setItem('sg-stories', raw)", UNREADABLE["corrupt"])
    open_mode(tab, site_url, "stories")
    import_file(tab, tmp_path, json.dumps(BANK))
    expect(tab.locator(".sg-stories__list > li")).to_have_count(2)
    expect(tab.locator(".sg-stories .sg-data__problem")).to_be_empty()
    kept = tab.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sg-stories:kept:'))")
    assert len(kept) == 1 and stored(tab, kept[0]) == UNREADABLE["corrupt"]
    assert json.loads(stored(tab, "sg-stories"))["stories"] == BANK["stories"]


def test_when_storage_is_full_the_bank_says_so_and_export_still_works(tab, site_url):
    tab.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""")
    open_mode(tab, site_url, "stories")
    tab.fill("#sg-story-title", "Kept in memory")
    tab.get_by_role("button", name="Save the story").click()
    expect(tab.locator(".sg-stories__status")).to_have_text('Saved "Kept in memory". Not saved on this device: see below.')
    expect(tab.locator(".sg-stories .sg-data__problem")).to_contain_text("storage is full or blocked")
    _, text = downloaded(tab, tab.get_by_role("button", name="Export", exact=True))
    assert [s["title"] for s in json.loads(text)["stories"]] == ["Kept in memory"]


# ---- Accessibility and JavaScript off -----------------------------------------------------------

def use(tab, site_url, mode, tmp_path):
    """Drive a page into its used state: a mock summary, a review item answered, a bank with stories."""
    if mode == "mock":
        tab.clock.install()
        open_mode(tab, site_url, mode)
        start_mock(tab, 1, record=False)
        for _ in range(3):
            tab.get_by_role("button", name="Next").click()
        score_all(tab, lambda line: 2)
        expect(tab.locator(".sg-mock__summary")).to_be_visible()
        tab.locator(".sg-mock__history summary").click()
    elif mode == "review":
        open_mode(tab, site_url, mode)
        tab.locator(".sg-review__cram summary").click()
        tab.check(f"[name=cram][value={SLUG}]")
        tab.get_by_role("button", name="Cram these").click()
        item = first_choice(W)
        form = tab.locator(f"#{review_prefix(SLUG)}{item.id}")
        form.locator("label").first.click()
        form.locator(".sg-quiz__check").click()
        expect(form.locator(".sg-quiz__result")).to_be_visible()
    else:
        open_mode(tab, site_url, mode)
        import_file(tab, tmp_path, json.dumps(BANK))
        expect(tab.locator(".sg-stories__list > li")).to_have_count(2)


@pytest.mark.parametrize("mode", PAGES)
def test_no_axe_violations_after_use_in_either_scheme(tab, site_url, tmp_path, mode):
    use(tab, site_url, mode, tmp_path)
    assert_no_violations_in_either_scheme(tab, label=f"{mode} after use")


@pytest.mark.parametrize("mode", PAGES)
def test_with_javascript_off_each_page_shows_its_content_and_says_what_needs_it(browser, site_url, mode):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + PAGES[mode])
        expect(tab.locator("[data-sg-nojs]")).to_be_visible()
        expect(tab.locator("[data-sg-nojs]")).to_contain_text("needs JavaScript")
        expect(tab.locator(".sg-mode")).to_be_hidden()
        static = {"mock": "#bank-ownership + ul > li", "review": ".sg-quiz__item", "stories": ".sg-stories__matrix tbody tr"}[mode]
        expect(tab.locator(static).first).to_be_visible()
        if mode == "review":  # every item of every quiz, its answer one click away
            expect(tab.locator(".sg-quiz__item")).to_have_count(sum(len(w.quiz) for w in WALKTHROUGHS.values()))
    finally:
        context.close()
