"""Model answers by role: five timed tabs on every guide page, the side-by-side page, and the budgets.

Times are recomputed here from the words on the built page (ceil(words * 60 / pace)), not taken from
the code that printed them, so a wrong count or a wrong sum fails.
"""

from __future__ import annotations

import math
import re
from posixpath import normpath
from urllib.parse import urljoin

import yaml

from macros.core.urls import page_url
from support import FIXTURES, normal, text
from support.data import data_project, site_problems
from macros.core.ids import SECTION_IDS



def seconds_aloud(text: str, pace_wpm: int) -> int:
    return math.ceil(len(text.split()) * 60 / pace_wpm)


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def variants_part(soup):
    """The guide page's elements from the #variants heading up to the next h2."""
    heading = soup.select_one("h2#variants")
    assert heading, "no #variants heading"
    part = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        part.append(sibling)
    return part


def tab_set(soup):
    sets = soup.select(".sg-variants .tabbed-set")
    assert len(sets) == 1, f"expected one set of variant tabs, found {len(sets)}"
    return sets[0]


# --- The guide page's tabs ----------------------------------------------------------------------


def test_five_tabs_with_the_right_labels(built_page, walkthrough):
    tabs = tab_set(built_page(page_url("guide", walkthrough.slug)))
    inputs = tabs.find_all("input", recursive=False)
    assert [i["id"] for i in inputs] == [f"variants-{v.id}" for v in walkthrough.variants]
    assert [i.get("type") for i in inputs] == ["radio"] * 5
    assert [bool(i.has_attr("checked")) for i in inputs] == [True, False, False, False, False]
    labels = tabs.select(":scope > .tabbed-labels > label")
    assert [text(label) for label in labels] == [v.label for v in walkthrough.variants]
    assert [label["for"] for label in labels] == [i["id"] for i in inputs]
    assert len(tabs.select(":scope > .tabbed-content > .tabbed-block")) == 5


def test_every_tab_has_five_sections_timed_from_their_word_counts(built_page, walkthrough):
    pace = walkthrough.timing.pace_wpm
    blocks = tab_set(built_page(page_url("guide", walkthrough.slug))).select(":scope > .tabbed-content > .tabbed-block")
    for variant, block in zip(walkthrough.variants, blocks, strict=True):
        answer = block.select_one(f'.sg-variant[data-sg-variant="{variant.id}"]')
        assert answer, f"the {variant.label} tab does not hold the {variant.id} answer"
        sections = answer.select(".sg-answer")
        assert [s["data-sg-section"] for s in sections] == list(SECTION_IDS)
        total = 0
        for section, shown in zip(walkthrough.sections, sections):
            where = f"{variant.label} / {section.name}"
            assert text(shown.select_one(".sg-answer__name")) == section.name, where
            spoken = text(shown.select_one(".sg-answer__text"))
            assert spoken == normal(getattr(variant.answer, section.id)), where
            seconds = seconds_aloud(spoken, pace)
            total += seconds
            time_line = text(shown.select_one(".sg-answer__time"))
            assert time_line.startswith(f"{clock(seconds)} · {len(spoken.split())} words"), f"{where}: {time_line}"
            assert shown.select_one(".sg-answer__time time")["datetime"] == f"PT{seconds}S", where
            if section.budget_seconds:
                assert f"budget {clock(section.budget_seconds)}" in time_line, where
        words = sum(len(text(s.select_one(".sg-answer__text")).split()) for s in sections)
        budget = walkthrough.timing.total_seconds[variant.id]
        total_line = normal(answer.select_one(".sg-variant__total").get_text())
        assert total_line == (
            f"Spoken in {clock(total)}: {words} words, within the {clock(budget)} budget for this answer."
        ), total_line
        assert answer.select_one(".sg-variant__total time")["datetime"] == f"PT{total}S"


def test_every_tab_has_its_guidance_stresses_and_drops(built_page, walkthrough):
    blocks = tab_set(built_page(page_url("guide", walkthrough.slug))).select(":scope > .tabbed-content > .tabbed-block")
    for variant, block in zip(walkthrough.variants, blocks, strict=True):
        assert text(block.select_one(".sg-variant__guidance")) == f"Guidance: {normal(variant.guidance)}"
        focus = [text(li) for li in block.select(".sg-variant__focus > li")]
        assert focus == [f"Stresses: {normal(variant.stresses)}", f"Drops: {normal(variant.drops)}"]


def test_the_page_states_the_pace(built_page, walkthrough):
    part = " ".join(text(element) for element in variants_part(built_page(page_url("guide", walkthrough.slug))))
    assert f"{walkthrough.timing.pace_wpm} words a minute" in part


def test_which_variant_when_table(built_page, walkthrough):
    soup = built_page(page_url("guide", walkthrough.slug))
    tables = [t for element in variants_part(soup) for t in element.select("table")]
    assert len(tables) == 1, "expected one 'which variant when' table before the tabs"
    headers = [text(th) for th in tables[0].select("thead th")]
    assert headers == ["Variant", "Role", "Seniority", "Interviewer", "What to stress", "What to drop"]
    rows = [[text(td) for td in tr.select("td")] for tr in tables[0].select("tbody tr")]
    assert rows == [
        [v.label, normal(v.when.role), normal(v.when.seniority), normal(v.when.interviewer), normal(v.stresses),
         normal(v.drops)]
        for v in walkthrough.variants
    ]
    # Each row opens its tab: the link's fragment is the tab's id.
    links = [tr.select_one("td a")["href"] for tr in tables[0].select("tbody tr")]
    assert links == [f"#variants-{v.id}" for v in walkthrough.variants]
    for link in links:
        assert soup.select_one(f"input{link}"), f"{link} names no tab"


def test_variants_part_links_the_side_by_side_page(built_page, walkthrough):
    guide = page_url("guide", walkthrough.slug)
    hrefs = {a["href"] for element in variants_part(built_page(guide)) for a in element.select("a[href]")}
    targets = {normpath(urljoin("/" + guide, href)) for href in hrefs}
    assert "/" + page_url("compare", walkthrough.slug).rstrip("/") in targets, hrefs


# --- The side-by-side page ----------------------------------------------------------------------


def test_side_by_side_lines_up_each_section_across_the_variants(built_page, walkthrough):
    pace = walkthrough.timing.pace_wpm
    soup = built_page(page_url("compare", walkthrough.slug))
    assert text(soup.select_one("article h1")).startswith("Variants side by side")
    assert normal(walkthrough.question) in text(soup.select_one("article"))
    assert f"{pace} words a minute" in text(soup.select_one(".sg-pace"))
    totals = {
        v.id: sum(seconds_aloud(getattr(v.answer, s), pace) for s in SECTION_IDS) for v in walkthrough.variants
    }
    for section in walkthrough.sections:
        heading = soup.select_one(f"h2#{section.anchor}")
        assert heading and text(heading).removesuffix(" ¶") == section.name
        side = heading.find_next_sibling(class_="sg-side")
        rows = side.select(":scope > .sg-side__row")
        assert [row["data-sg-variant"] for row in rows] == [v.id for v in walkthrough.variants], section.id
        for variant, row in zip(walkthrough.variants, rows):
            spoken = text(row.select_one(".sg-side__text"))
            assert spoken == normal(getattr(variant.answer, section.id))
            seconds = seconds_aloud(spoken, pace)
            share = round(100 * seconds / totals[variant.id])
            assert text(row.select_one(".sg-side__label")) == f"{variant.label} {clock(seconds)} · {share}%"


def test_side_by_side_time_table_matches_the_tabs(built_page, walkthrough):
    """The overview on the side-by-side page and the tabs on the guide page say the same times."""
    guide_blocks = tab_set(built_page(page_url("guide", walkthrough.slug))).select(".tabbed-block")
    table = built_page(page_url("compare", walkthrough.slug)).select_one("h2#time").find_next("table")
    assert [text(th) for th in table.select("thead th")] == (
        ["Variant"] + [s.name for s in walkthrough.sections] + ["Total"]
    )
    rows = table.select("tbody tr")
    assert len(rows) == len(walkthrough.variants)
    for variant, row, block in zip(walkthrough.variants, rows, guide_blocks):
        cells = [text(td) for td in row.select("td")]
        in_tab = [text(t) for t in block.select(".sg-answer__time time")]
        assert cells[0] == variant.label
        assert [cell.split(" · ")[0] for cell in cells[1:6]] == in_tab
        total = text(block.select_one(".sg-variant__total time"))
        assert cells[6] == f"{total} of {clock(walkthrough.timing.total_seconds[variant.id])}"


# --- The budgets ----------------------------------------------------------------------------------

OVER = "over-budget"
OVER_FILE = f"data/walkthroughs/{OVER}.yml"
# Sentences of exactly ten (or five) words, so a number of sentences is a number of seconds at 150
# words a minute. Each keeps its section within the story rules (data/rules.yml), which lint every
# answer: the budgets must be the only thing wrong.
SITUATION_10 = "The orders table locked for writes and checkout went down. "
TASK_10 = "It was not my team; I decided to fix it. "
ACTION_10 = "I read the logs, then I rolled the migration back. "
RESULT_10 = "Checkout downtime fell to zero; other teams adopted my check. "
REFLECTION_5 = "I test on production-size data. "


def over_budget_walkthrough() -> tuple[str, dict]:
    """The test-only walkthrough, with a 60-second Situation (outcome-first) and a 2:30 junior answer."""
    data = yaml.safe_load((FIXTURES / "walkthroughs" / "tell-me-about-a-failure.yml").read_text(encoding="utf-8"))
    data["slug"] = OVER
    assert data["timing"]["pace_wpm"] == 150, "the sentences above are counted for 150 words a minute"
    outcome_first, junior = data["variants"][0], data["variants"][3]
    assert (outcome_first["id"], junior["id"]) == ("outcome-first", "junior")
    outcome_first["answer"]["situation"] = (SITUATION_10 * 15).strip()  # 150 words: 60 s
    junior["answer"] = {
        "situation": (SITUATION_10 * 10).strip(),  # 40 s: inside the 45 s Situation budget
        "task": (TASK_10 * 5).strip(),  # 20 s
        "action": (ACTION_10 * 15).strip(),  # 60 s
        "result": (RESULT_10 * 5).strip(),  # 20 s
        "reflection": (REFLECTION_5 * 5).strip(),  # 10 s: 150 s in all
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return text, data


def line_after(text: str, start: str, pattern: str) -> int:
    """1-based number of the first line matching `pattern` at or after the first line matching `start`."""
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if re.search(start, line))
    return next(n for n in range(first, len(lines)) if re.search(pattern, lines[n])) + 1


def test_budget_check_rejects_a_long_situation_and_a_long_junior_answer(tmp_path):
    text, _ = over_budget_walkthrough()
    situation_line = line_after(text, r"^\s*situation: " + re.escape(SITUATION_10 * 11), r"situation:")
    junior_line = line_after(text, r"^- id: junior$", r"^\s+answer:$")
    assert site_problems(data_project(tmp_path, {OVER_FILE: text})) == [
        f"{OVER_FILE}:{situation_line}: variants[0].answer.situation: "
        "Situation takes 60 s at 150 words a minute; its budget is 45 s",
        f"{OVER_FILE}:{junior_line}: variants[3].answer: "
        "the Junior answer takes 150 s at 150 words a minute; its budget is 120 s",
    ]


def test_the_budgets_live_in_the_data(tmp_path):
    """The same answers pass once the data allows them: no budget is written in code."""
    _, data = over_budget_walkthrough()
    data["sections"][0]["budget_seconds"] = 60
    data["timing"]["total_seconds"]["junior"] = 150
    project = data_project(tmp_path, {OVER_FILE: yaml.safe_dump(data, sort_keys=False)})
    assert site_problems(project) == []
