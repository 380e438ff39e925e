"""Bad walkthrough data: one `file:line: field.path: message` per problem, all of them at once.

Each case edits a scratch copy of data/ and compares the problems `load_site` finds (the function the
data hook calls) with the exact lines expected. One end-to-end build proves that the hook prints
those lines and stops the build: non-zero exit, nothing built.
"""

from __future__ import annotations

import re

import yaml

from support import ROOT, SEED, build_variant
from support.data import (
    SEED_FILE as FILE,
    SEED_SOURCE as SOURCE,
    data_project,
    line_of,
    replace_line,
    seed_problems,
    site_problems,
)


def with_line(pattern: str, new: str) -> tuple[str, int]:
    """The seed's YAML with the first line matching `pattern` replaced by `new` (same indent), and its number."""
    number = line_of(SOURCE, pattern)
    return replace_line(SOURCE, number, new, keep_indent=True), number


def test_the_data_as_committed_has_no_problem(tmp_path):
    """The baseline every case below changes one thing of."""
    assert site_problems(data_project(tmp_path)) == []


def test_yaml_syntax_error(tmp_path):
    problems = seed_problems(tmp_path, SOURCE + "broken: [unclosed\n")
    assert len(problems) == 1, problems
    match = re.fullmatch(rf"{re.escape(FILE)}:(\d+): \(file\): YAML syntax error: .+", problems[0])
    assert match, problems
    # libyaml reports an unclosed flow sequence where the file ends, after the line that opens it.
    assert int(match[1]) >= len(SOURCE.splitlines()) + 1, problems


def test_missing_required_field(tmp_path):
    text = "\n".join(line for line in SOURCE.splitlines() if not line.startswith("principle:")) + "\n"
    assert seed_problems(tmp_path, text) == [f"{FILE}:1: principle: required field is missing"]


def test_unknown_field_typo(tmp_path):
    text = SOURCE.replace("\nsummary:", "\nsumary:", 1)
    assert seed_problems(tmp_path, text) == [
        f"{FILE}:1: summary: required field is missing",
        f"{FILE}:{line_of(text, r'^sumary:')}: sumary: unknown field (a typo?)",
    ]


def test_wrong_type(tmp_path):
    text, number = with_line(r"^\s+budget_seconds: 45", "budget_seconds: forty-five")
    assert seed_problems(tmp_path, text) == [
        f"{FILE}:{number}: sections[0].budget_seconds: Input should be a valid integer (got str)"
    ]


def test_empty_string(tmp_path):
    text, number = with_line(r"^principle:", 'principle: ""')
    assert seed_problems(tmp_path, text) == [f"{FILE}:{number}: principle: must not be empty"]


def test_duplicate_slug_across_files(tmp_path):
    project = data_project(tmp_path, {"data/walkthroughs/copy-of-it.yml": SOURCE})
    number = line_of(SOURCE, r"^slug:")
    assert site_problems(project) == [
        f"data/walkthroughs/copy-of-it.yml:{number}: slug: duplicate slug '{SEED}': {FILE} has it too",
        f"data/walkthroughs/copy-of-it.yml:{number}: slug: slug '{SEED}' does not match the file name 'copy-of-it.yml'",
    ]


def test_slug_must_match_file_name(tmp_path):
    """The file is the walkthrough's name: the catalog's question that names the seed no longer finds it."""
    project = data_project(tmp_path, {FILE: None, "data/walkthroughs/renamed.yml": SOURCE})
    principles = (ROOT / "data" / "principles.yml").read_text(encoding="utf-8")
    (at,) = [f"principles[{i}].questions[{j}]" for i, principle in enumerate(yaml.safe_load(principles)["principles"])
             for j, question in enumerate(principle["questions"]) if question.get("walkthrough") == SEED]
    assert site_problems(project) == [
        f"data/principles.yml:{line_of(principles, rf'walkthrough: {SEED}$')}: {at}.walkthrough: "
        f"no walkthrough '{SEED}' in data/walkthroughs/",
        f"data/walkthroughs/renamed.yml:{line_of(SOURCE, r'^slug:')}: slug: "
        f"slug '{SEED}' does not match the file name 'renamed.yml'",
    ]


def test_reference_to_missing_section(tmp_path):
    first_flag_section = line_of(SOURCE, r"^\s+section: ", after=line_of(SOURCE, r"^red_flags:"))
    text = replace_line(SOURCE, first_flag_section, "section: conclusion", keep_indent=True)
    assert seed_problems(tmp_path, text) == [
        f"{FILE}:{first_flag_section}: red_flags[0].section: "
        "Input should be 'situation', 'task', 'action', 'result' or 'reflection'"
    ]


def test_reference_to_missing_anchor(tmp_path):
    text, number = with_line(r"^\s+link: ", "link: no-such-anchor")
    assert seed_problems(tmp_path, text) == [
        f"{FILE}:{number}: quiz[0].options[0].link: links to '#no-such-anchor', which is not an anchor of the guide page"
    ]


def test_a_walkthrough_with_problems_is_not_also_missing_from_the_principles_catalog(tmp_path):
    """data/principles.yml names the seed; the seed's own problem is the one reported, not a second,
    misleading "no walkthrough" at principles.yml."""
    text, number = with_line(r"^principle:", 'principle: ""')
    assert f"walkthrough: {SEED}" in (ROOT / "data" / "principles.yml").read_text(encoding="utf-8")
    assert seed_problems(tmp_path, text) == [f"{FILE}:{number}: principle: must not be empty"]


def test_the_build_prints_every_problem_and_stops_with_nothing_built(tmp_path):
    """The one end-to-end build of bad data: the data hook prints each problem on its own line, counts
    them, exits non-zero and writes no page."""
    text, empty_line = with_line(r"^principle:", 'principle: ""')
    text = replace_line(text, budget_line := line_of(text, r"^\s+budget_seconds: 45"), "budget_seconds: forty-five",
                        keep_indent=True)
    built = build_variant(tmp_path, {FILE: text})
    assert built.result.returncode == 1, built.output
    assert "Traceback" not in built.output, built.output
    printed = [line for line in built.result.stderr.splitlines() if line.startswith("data/")]
    assert printed == [
        f"{FILE}:{empty_line}: principle: must not be empty",
        f"{FILE}:{budget_line}: sections[0].budget_seconds: Input should be a valid integer (got str)",
    ], built.result.stderr
    assert "2 problems in the walkthrough data; nothing was built." in built.result.stderr
    assert not built.site.exists() or not any(built.site.rglob("*.html")), "a page was built from bad data"


def test_fixture_walkthrough_is_valid(tmp_path):
    """The test-only walkthrough must itself be valid, or the tests that render it prove nothing."""
    source = (ROOT / "tests" / "fixtures" / "walkthroughs" / "tell-me-about-a-failure.yml").read_text(encoding="utf-8")
    project = data_project(tmp_path, {"data/walkthroughs/tell-me-about-a-failure.yml": source})
    assert site_problems(project) == []
