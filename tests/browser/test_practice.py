"""The "Check my story" page in a real Chromium over the built site: findings at the right sentences,
markup typed by the user staying text, the timer on a controlled clock, the draft kept only when
asked, the paste splitter, keyboard-only use, instant navigation, accessibility, and JavaScript off.

Every test runs in a fresh browser context, watched (support.PageWatcher): a request to another host,
a console error or an uncaught exception fails it.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from macros.practice import timer_plan
from support import SEED, WALKTHROUGHS, PageWatcher
from support.axe import assert_no_violations_in_either_scheme
from support.browser import assert_same_document, open_with_instant_navigation

pytestmark = pytest.mark.browser

LOCAL = "http://127.0.0.1:"

SLUG = SEED
W = WALKTHROUGHS[SLUG]
DRAFT_KEY = "sg-practice-draft"  # KEY in docs/assets/sg/practice.js
WEAK = {
    "situation": "So, for context, our platform has a lot of microservices. Paid orders were being cancelled.",
    "task": "I started investigating.",
    "action": "We figured out the root cause together. I sent a message to the Platform team. The fix was deployed on Monday.",
    "result": "In the end, things got better and team was happy.",
    "reflection": "I learned communication is important.",
}


@pytest.fixture
def watchers() -> list[PageWatcher]:
    return []


@pytest.fixture
def new_tab(browser, watchers):
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
def tab(new_tab):
    return new_tab()


def open_practice(tab, site_url: str) -> None:
    tab.goto(f"{site_url}practice/")
    tab.wait_for_selector(".sg-practice[data-sg-bound]:not([hidden])")
    tab.wait_for_selector(".sg-timer[data-sg-bound]:not([hidden])")


def write(tab, story: dict) -> None:
    for part, text in story.items():
        tab.fill(f"#sg-practice-{part}", text)


def check(tab) -> None:
    tab.get_by_role("button", name="Check my story").click()
    tab.wait_for_selector(".sg-practice__report:not([hidden])")


def findings(tab) -> list[str]:
    return tab.locator(".sg-practice__findings > li:not(.sg-practice__credit)").all_inner_texts()


def marked(tab) -> dict[str, list[str]]:
    """The marked sentences of each section, without their finding numbers."""
    return tab.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.sg-practice__marked h4')].map(h => [
            h.textContent,
            [...h.nextElementSibling.querySelectorAll('mark')].map(m => m.firstChild.textContent)]))"""
    )


def test_a_weak_story_is_marked_at_its_sentences(tab, site_url):
    open_practice(tab, site_url)
    write(tab, WEAK)
    check(tab)
    assert marked(tab) == {
        "Situation": ["So, for context, our platform has a lot of microservices."],
        "Task": [],
        "Action": ["We figured out the root cause together.", "I sent a message to the Platform team.",
                   "The fix was deployed on Monday."],
        "Result": ["In the end, things got better and team was happy."],
        "Reflection": ["I learned communication is important."],
    }
    found = "\n".join(findings(tab))
    for words in ('"We" hides what you did', '"sent a message" hands the problem', '"was deployed": by whom?',
                  "No scope boundary before the Action", '"things got better" describes a mood',
                  '"communication is important" fits every story'):
        assert words in found, words
    # Each finding at a sentence links to its mark, and every finding to the guide section that explains it.
    first = tab.locator(".sg-practice__findings > li").filter(has_text='"We" hides what you did')
    target = first.locator("strong a").get_attribute("href")
    assert tab.locator(target).inner_text().startswith("We figured out the root cause together.")
    why = first.get_by_role("link", name="Why: see the guide").evaluate("a => a.href")
    assert why == f"{site_url}walkthroughs/{SLUG}/#action-compare"
    scores = dict(zip(tab.locator(".sg-practice__scores th").all_inner_texts(), tab.locator(".sg-practice__scores td").all_inner_texts()))
    assert scores["Scope boundary stated"].startswith("1 of 3")
    assert scores["Follow-up handling"].startswith("Not checked")
    # Read out whole: "3 findings to fix. Ownership: 1 of 3. …" (a minifier once ate its spaces).
    status = tab.locator(".sg-practice__status").inner_text()
    assert re.fullmatch(r"\d+ findings to fix\. [^.:]+: \d of 3(\. [^.:]+: \d of 3)*", status), status
    assert "Scope boundary stated: 1 of 3" in status
    assert tab.locator(".sg-practice__status").get_attribute("role") == "status"


def test_the_report_follows_the_draft_as_it_changes(tab, site_url):
    open_practice(tab, site_url)
    write(tab, {"action": "We figured out the root cause together."})
    check(tab)
    assert marked(tab)["Action"] == ["We figured out the root cause together."]
    tab.fill("#sg-practice-action", "I read the logs, reproduced the drop locally and wrote a minimal fix.")
    tab.wait_for_function("() => !document.querySelector('.sg-practice__marked mark')")
    assert tab.locator("[data-sg-said=action]").inner_text() == "13 words, 6 s"
    budget = next(section.budget_seconds for section in W.sections if section.id == "situation")
    assert tab.locator("[data-sg-said=situation]").inner_text() == f"0 words, 0 s of {budget} s"


def test_markup_typed_into_the_story_is_text_and_never_runs(tab, site_url, watchers):
    open_practice(tab, site_url)
    img = '<img src=x onerror="window.__sgPwned=1">'
    script = "<script>window.__sgPwned=1</script>"
    write(tab, {"situation": f"{script} Orders vanished.", "action": f"{img} we fixed it."})
    check(tab)
    assert tab.locator(".sg-practice__marked").inner_text().count(img) == 1
    assert script in tab.locator(".sg-practice__marked").inner_text()
    # The "we" rule finds the sentence that holds the markup, and its link leads to that sentence, as text.
    we = 'Action: "we" hides what you did: the interviewer can credit only "I". Name your own step. Why: see the guide'
    assert we in findings(tab), findings(tab)
    target = tab.locator(".sg-practice__findings > li").filter(has_text='"we" hides what you did').locator("strong a")
    assert tab.locator(target.get_attribute("href")).inner_text().startswith(f"{img} we fixed it.")
    tab.get_by_role("button", name="Start").click()  # the teleprompter shows "my story"
    assert img in tab.locator(".sg-timer__prompter").inner_text()
    for where in (".sg-practice__report", ".sg-timer__prompter"):
        assert tab.locator(f"{where} img, {where} script").count() == 0
    # A control: an image parsed later, whose load fails too (a file of the site that is no image).
    # Once its handler has run, the story's would have run too, had its markup been parsed.
    tab.evaluate("""() => { document.createElement("div").innerHTML = '<img src="../sitemap.xml" onerror="window.__sgControl=1">'; }""")
    tab.wait_for_function("() => window.__sgControl === 1")
    assert tab.evaluate("() => window.__sgPwned") is None
    assert not [url for url in watchers[0].requests if urlsplit(url).path.endswith("/x")]


def test_the_timer_moves_through_the_sections_on_a_controlled_clock(tab, site_url):
    tab.clock.install(time=0)
    open_practice(tab, site_url)
    tab.select_option("#sg-practice-for", f"{SLUG} junior")
    tab.select_option("#sg-timer-source", "model")
    tab.clock.pause_at(1_000_000)
    now, warning = tab.locator(".sg-timer__now"), tab.locator(".sg-timer__warning")
    assert now.get_attribute("aria-live") == "polite" and warning.get_attribute("role") == "alert"
    plan = timer_plan(W, "junior")
    names = [s.name for s in W.sections]
    assert tab.locator(".sg-timer__plan li").all_inner_texts()[0].startswith("Situation: 0:00")
    tab.get_by_role("button", name="Start").click()
    elapsed = 0
    for step, name in zip(plan, names):
        tab.clock.run_for((step["start"] + 1 - elapsed) * 1000)
        elapsed = step["start"] + 1
        assert now.inner_text() == name, f"at {elapsed} s"
        current = tab.locator(".sg-timer__plan li[aria-current=step]")
        assert current.count() == 1 and current.inner_text().startswith(name)
        assert tab.locator(".sg-timer__prompter .sg-timer__step--now").inner_text().startswith(f"{name}. ")
        assert (warning.inner_text() != "") == (elapsed >= 45), f"at {elapsed} s: {warning.inner_text()!r}"
    assert warning.inner_text() == "0:45: the Situation must be over by now."
    tab.clock.run_for((W.timing.total_seconds["junior"] - elapsed) * 1000)
    assert now.inner_text() == "Time is up"
    assert warning.inner_text() == "2:00: the Junior budget is spent. Wrap up."
    assert tab.locator(".sg-timer__elapsed").inner_text() == "2:00"
    assert tab.get_by_role("button", name="Pause").is_visible()


def test_the_timer_keys_pause_and_reset_but_not_while_typing(tab, site_url):
    tab.clock.install(time=0)
    open_practice(tab, site_url)
    tab.clock.pause_at(1_000_000)
    elapsed = tab.locator(".sg-timer__elapsed")
    tab.focus("#sg-practice-task")
    tab.keyboard.type("k")  # typing a story never drives the timer
    tab.clock.run_for(5000)
    assert elapsed.inner_text() == "0:00" and tab.input_value("#sg-practice-task") == "k"
    tab.locator("h1").click()
    tab.keyboard.press("k")
    tab.clock.run_for(50_000)
    assert elapsed.inner_text() == "0:50"
    assert "the Situation must be over" in tab.locator(".sg-timer__warning").inner_text()
    tab.keyboard.press("k")  # pause: the clock moves on, the timer does not
    tab.clock.run_for(30_000)
    assert elapsed.inner_text() == "0:50"
    assert tab.get_by_role("button", name="Resume").is_visible()
    tab.keyboard.press("r")
    assert elapsed.inner_text() == "0:00"
    assert tab.locator(".sg-timer__now").inner_text() == "Situation"
    assert tab.locator(".sg-timer__warning").inner_text() == ""
    assert tab.locator(".sg-timer__keys kbd").all_inner_texts() == ["k", "r"]


def test_the_draft_is_kept_only_when_asked_and_forgotten_on_request(tab, site_url):
    open_practice(tab, site_url)
    write(tab, {"task": "Not my team, not my sprint."})
    tab.reload()
    open_practice(tab, site_url)
    assert tab.input_value("#sg-practice-task") == ""
    assert tab.evaluate("k => localStorage.getItem(k)", DRAFT_KEY) is None

    tab.get_by_label("Keep my draft on this device").check()
    write(tab, {"task": "Not my team, not my sprint.", "result": "0.3% to zero."})
    tab.select_option("#sg-practice-for", f"{SLUG} senior")
    stored = json.loads(tab.evaluate("k => localStorage.getItem(k)", DRAFT_KEY))
    assert stored["task"] == "Not my team, not my sprint." and stored["for"] == f"{SLUG} senior"
    tab.reload()
    open_practice(tab, site_url)
    assert tab.input_value("#sg-practice-task") == "Not my team, not my sprint."
    assert tab.input_value("#sg-practice-for") == f"{SLUG} senior"
    assert tab.get_by_label("Keep my draft on this device").is_checked()
    assert tab.locator(".sg-timer__total").inner_text() == "3:00"  # the timer follows the restored role

    tab.get_by_role("button", name="Forget my draft").click()
    assert tab.evaluate("k => localStorage.getItem(k)", DRAFT_KEY) is None
    assert tab.input_value("#sg-practice-task") == "" and not tab.get_by_label("Keep my draft on this device").is_checked()
    assert "Draft forgotten" in tab.locator(".sg-practice__status").inner_text()
    write(tab, {"task": "typed after forgetting"})
    assert tab.evaluate("k => localStorage.getItem(k)", DRAFT_KEY) is None


def test_a_pasted_answer_is_split_into_its_sections(tab, site_url):
    open_practice(tab, site_url)
    answer = W.variant("junior").answer
    tab.locator("summary", has_text="Paste your whole answer instead").click()
    tab.fill("#sg-practice-paste", " ".join(getattr(answer, s.id) for s in W.sections))
    tab.get_by_role("button", name="Split into sections").click()
    for section in W.sections:
        assert tab.input_value(f"#sg-practice-{section.id}") == " ".join(getattr(answer, section.id).split()), section.id
    assert "Split into sections" in tab.locator(".sg-practice__status").inner_text()
    assert findings(tab) == []  # a model answer passes clean


def test_keyboard_only(tab, site_url):
    open_practice(tab, site_url)
    tab.focus("#sg-practice-action")
    tab.keyboard.type(WEAK["action"])
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("() => document.activeElement.textContent") == "Check my story":
            break
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".sg-practice__report:not([hidden])")
    link = tab.locator(".sg-practice__findings strong a").first
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.activeElement.tagName === 'MARK'")
    assert tab.evaluate("() => document.activeElement.firstChild.textContent") == "We figured out the root cause together."


def test_the_tools_start_after_instant_navigation_and_bind_once(tab, site_url):
    open_with_instant_navigation(tab, site_url)
    tab.locator("article").get_by_role("link", name="Check my story").click()
    tab.wait_for_selector(".sg-timer[data-sg-bound]:not([hidden])")
    assert_same_document(tab)
    tab.locator("a[data-sg-guide]").first.click()
    tab.wait_for_selector("#star")
    tab.go_back()
    tab.wait_for_selector(".sg-timer[data-sg-bound]:not([hidden])")
    assert_same_document(tab)
    tab.locator("h1").click()
    tab.keyboard.press("k")  # bound twice, one press would start and stop it
    assert tab.get_by_role("button", name="Pause").is_visible()
    write(tab, {"reflection": "I learned communication is important."})
    check(tab)
    assert len(findings(tab)) == 2


def test_the_tools_have_no_accessibility_violations(new_tab, site_url):
    tab = new_tab()
    open_practice(tab, site_url)
    write(tab, WEAK)
    check(tab)
    tab.get_by_role("button", name="Start").click()
    assert_no_violations_in_either_scheme(tab, include=".sg-practice")
    assert_no_violations_in_either_scheme(tab, include=".sg-timer")


def test_without_javascript_the_page_is_the_checklist(new_tab, site_url):
    tab = new_tab(java_script_enabled=False)
    tab.goto(f"{site_url}practice/")
    assert tab.locator("[data-sg-nojs]").is_visible()
    assert not tab.locator(".sg-practice").is_visible() and not tab.locator(".sg-timer").is_visible()
    assert tab.locator("#checklist").is_visible() and tab.locator("#budgets").is_visible()
    assert tab.locator("#checklist ~ ul li").count() >= 10
