"""The instructor guide: the kit in data/rubric.yml is validated, and each built page carries the plan,
the pair exercise, the rubric (with this walkthrough's own examples), prompts, mistakes and exports."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.core.urls import page_url
from support import ROOT, WALKTHROUGHS, normal, text
from support.data import data_project, fixture_walkthrough, site_problems
from macros.core.problems import DataError
from macros.core.rubric import RUBRIC_FILE, SESSION_MINUTES, load_kit
from macros.core.validate import guide_anchors
from macros.instructor import line_examples

KIT = load_kit(ROOT)
SOURCE = (ROOT / RUBRIC_FILE).read_text(encoding="utf-8")
SECTIONS = ("objectives", "session-plan", "pair-exercise", "rubric", "discussion", "mistakes", "exports")


def instructor_url(walkthrough) -> str:
    return page_url("instructor", walkthrough.slug)


def section_text(soup, anchor: str) -> str:
    """The text from the h2 with id `anchor` up to the next h2."""
    heading = soup.select_one(f"h2#{anchor}")
    assert heading is not None, f"no h2#{anchor}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(text(sibling))
    return " ".join(parts)


# --- The kit: data/rubric.yml -----------------------------------------------------------------------


def test_the_session_plan_adds_up_to_sixty_minutes():
    assert sum(step.minutes for step in KIT.session) == SESSION_MINUTES == 60


def test_every_rubric_line_says_what_a_1_2_and_3_look_like():
    assert {"scope-boundary", "i-ownership", "technical-depth", "quantified-result",
            "specific-reflection", "follow-up-handling"} <= {line.id for line in KIT.rubric}
    for line in KIT.rubric:
        assert sorted(line.levels) == [1, 2, 3], line.id
        assert len(set(line.levels.values())) == 3, f"{line.id}: three different descriptions"


def test_rubric_examples_come_from_the_walkthrough_and_link_its_guide(walkthrough):
    anchors = guide_anchors(walkthrough)
    for line in KIT.rubric:
        examples = line_examples(line, walkthrough)
        assert examples, line.id
        for example in examples:
            assert example.anchor in anchors, f"{line.id}: #{example.anchor} is not on the guide page"
            assert example.score in (1, 2, 3)


def kit_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "data").mkdir(parents=True, exist_ok=True)
    (tmp_path / RUBRIC_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_kit(tmp_path)
    return [str(problem) for problem in caught.value.problems]


def line_of(pattern: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), 1) if re.search(pattern, line))


def test_a_plan_that_is_not_sixty_minutes_is_reported_at_its_line(tmp_path):
    broken = SOURCE.replace("  - minutes: 3\n", "  - minutes: 8\n", 1)
    assert broken != SOURCE
    assert kit_problems(tmp_path, broken) == [
        f"data/rubric.yml:{line_of('^session:')}: session: the steps add up to 65 minutes; a session is 60"
    ]


def test_a_bad_level_an_unknown_material_and_a_typo_are_each_reported(tmp_path):
    lines = SOURCE.splitlines()
    level_line = line_of(r"^      2: >-")
    lines[level_line - 1] = "      4: >-"  # the first rubric line's "2" becomes an unknown "4"
    material_line = line_of(r"material: guide#star")
    lines[material_line - 1] = "    material: guide#nowhere"
    broken = "\n".join(lines) + "\n"
    problems = kit_problems(tmp_path, broken)
    assert problems == [f"data/rubric.yml:{level_line}: rubric[0].levels.4: unknown key 4: Input should be 1, 2 or 3"]
    three = line_of(r"^      3: >-")
    problems = kit_problems(tmp_path, SOURCE.replace("      3: >-", "      2: >-", 1))
    assert f"data/rubric.yml:{three}: rubric[0].levels.2: duplicate key" in problems
    assert any(p.endswith("rubric[0].levels: needs what a 1, a 2 and a 3 look like (missing: [3])") for p in problems)
    problems = kit_problems(tmp_path, SOURCE.replace("guide#star", "guide#nowhere"))
    assert problems == [
        f"data/rubric.yml:{material_line}: session[1].material: '#nowhere' is not an anchor of the guide page"
        " (known: summary, story, star, follow-ups, red-flags, key-phrases, variants, quiz, key-points)"
    ]
    typo = SOURCE.replace("    listen_for: >-\n      Before any", "    listen-for: >-\n      Before any", 1)
    problems = kit_problems(tmp_path, typo)
    assert f"data/rubric.yml:{line_of('listen_for: >-')}: rubric[0].listen-for: unknown field (a typo?)" in problems


def test_a_broken_rubric_stops_the_site_loading(tmp_path):
    """load_site, which the data hook runs before any page is built, reports the kit's problem."""
    project = data_project(tmp_path, {RUBRIC_FILE.as_posix(): SOURCE.replace("  - minutes: 3\n", "  - minutes: 4\n", 1)})
    assert site_problems(project) == [
        f"data/rubric.yml:{line_of('^session:')}: session: the steps add up to 61 minutes; a session is 60"
    ]


# --- The built page ---------------------------------------------------------------------------------


def test_the_page_has_every_section(built_page, walkthrough):
    soup = built_page(instructor_url(walkthrough))
    assert [h2["id"] for h2 in soup.select("article h2[id]")] == list(SECTIONS)
    assert walkthrough.title in text(soup.select_one("article h1"))


def test_the_built_plan_is_timed_to_sixty_minutes(built_page, walkthrough):
    soup = built_page(instructor_url(walkthrough))
    rows = soup.select(".sg-session table tbody tr")
    steps, total = rows[:-1], rows[-1]
    assert len(steps) == len(KIT.session)
    minutes = [int(text(row.select("td")[1])) for row in steps]
    assert sum(minutes) == 60 and text(total.select("td")[1]) == "60"
    # The clock runs without gaps from 0:00 to 1:00.
    spans = [re.fullmatch(r"(\d+):(\d\d)–(\d+):(\d\d)", text(row.select_one("td"))).groups() for row in steps]
    edges = [(int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in spans]
    assert edges[0][0] == 0 and edges[-1][1] == 60
    assert all(end == start for (_, end), (start, _) in zip(edges, edges[1:]))
    assert [end - start for start, end in edges] == minutes
    for row, step in zip(steps, KIT.session):
        assert normal(step.activity) in text(row) and row.select_one("a[href]"), "each step links its material"


def test_the_rubric_shows_1_2_3_and_this_walkthroughs_examples(built_page, walkthrough):
    soup = built_page(instructor_url(walkthrough))
    for line in KIT.rubric:
        assert soup.select_one(f"h3#{line.anchor}"), f"no heading for {line.id}"
        rows = soup.select(f'.sg-rubric[data-sg-rubric="{line.id}"] table tbody tr')
        assert [text(row.select_one("td")) for row in rows] == ["1", "2", "3"], line.id
        for row, score in zip(rows, (1, 2, 3)):
            assert normal(line.levels[score]) in text(row)
        for example in line_examples(line, walkthrough):
            row = rows[example.score - 1]
            assert normal(example.text) in text(row), f"{line.id}: example for {example.score} missing"
            assert row.select_one(f'a[href$="#{example.anchor}"]'), f"{line.id}: no link to #{example.anchor}"


def test_the_pair_exercise_is_drawn_from_the_walkthrough(built_page, walkthrough):
    soup = built_page(instructor_url(walkthrough))
    exercise = section_text(soup, "pair-exercise")
    assert "teller" in exercise and "scorer" in exercise
    for variant in walkthrough.variants:
        assert variant.label in exercise and normal(variant.when.role) in exercise
    for flag in walkthrough.red_flags:
        assert normal(flag.text) in exercise
    for probe in walkthrough.follow_ups:
        assert normal(probe.question) in exercise
    sheet = soup.select(".sg-score-sheet table tbody tr")
    assert [text(row.select_one("td")) for row in sheet[:-1]] == [line.criterion for line in KIT.rubric]
    assert f"/ {3 * len(KIT.rubric)}" in text(sheet[-1])


def test_objectives_prompts_and_mistakes_come_from_the_data(built_page, walkthrough):
    soup = built_page(instructor_url(walkthrough))
    objectives = section_text(soup, "objectives")
    for section in walkthrough.sections:
        assert normal(section.must_show) in objectives
    discussion = section_text(soup, "discussion")
    for probe in walkthrough.follow_ups:
        assert normal(probe.question) in discussion and normal(probe.tests) in discussion
    for phrase in walkthrough.key_phrases:
        if phrase.effect == "sink":
            assert normal(phrase.phrase) in discussion
    mistakes = section_text(soup, "mistakes")
    for section in walkthrough.sections:
        assert normal(section.weak.line) in mistakes and normal(section.weak.why) in mistakes
    for flag in walkthrough.red_flags:
        assert normal(flag.text) in mistakes and normal(flag.why) in mistakes


def test_the_exports_and_embed_views_are_linked_and_built(site, built_page, walkthrough):
    url = instructor_url(walkthrough)
    soup = built_page(url)
    heading = soup.select_one("h2#exports")
    links = [a["href"] for sibling in heading.find_next_siblings() for a in sibling.select("a[href]")]
    targets = {urlsplit(urljoin("/" + url, href)).path.lstrip("/") for href in links}
    slug = walkthrough.slug
    expected = {f"exports/{slug}.{kind}" for kind in ("json", "qti.xml", "qti.zip", "gift.txt")}
    expected |= {"exports/walkthrough.schema.json"}
    expected |= {f"embed/{slug}/{view}/" for view in ("comparisons", "variants", "quiz")}
    assert expected <= targets, expected - targets
    for target in expected:
        built = site / target / "index.html" if target.endswith("/") else site / target
        assert built.is_file(), f"{target} is linked but not built"


def test_the_fixture_walkthrough_gets_its_own_examples():
    """A second walkthrough (the test-only one) renders without MkDocs, with examples from its own data."""
    from macros.core.pages import RenderContext
    from macros.core.principles import load_principles
    from macros.instructor import instructor_page, table_cell

    walkthrough = fixture_walkthrough()
    principles = load_principles(ROOT, set(WALKTHROUGHS))
    markdown = instructor_page(walkthrough, RenderContext(site_url="/", kit=KIT, principles=principles))
    for line in KIT.rubric:
        for example in line_examples(line, walkthrough):
            assert table_cell(example.text) in markdown, f"{line.id}: {example.text[:40]}"
    for probe in walkthrough.follow_ups:
        assert probe.question in markdown
