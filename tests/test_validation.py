"""Bad walkthrough data stops the build: non-zero exit, one `file:line: field.path: message` per problem."""

from __future__ import annotations

import re
import shutil

import pytest

from support import ROOT, copy_project, mkdocs_build

SEED = "act-without-approval"
SOURCE = (ROOT / "data" / "walkthroughs" / f"{SEED}.yml").read_text(encoding="utf-8")
FILE = f"data/walkthroughs/{SEED}.yml"


def line_of(text: str, pattern: str) -> int:
    """1-based line of the first line matching `pattern` in `text`."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"no line matches {pattern!r}")


def replace_line(text: str, pattern: str, new: str) -> str:
    lines = text.splitlines()
    number = line_of(text, pattern)
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


def build_with(tmp_path, files: dict[str, str | None]):
    """Build a copy of the project whose data/walkthroughs/ files are replaced (None deletes)."""
    project = copy_project(tmp_path / "project")
    for name, text in files.items():
        path = project / "data" / "walkthroughs" / name
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return mkdocs_build(project, tmp_path / "site")


def assert_rejected(result, *expected: str):
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for line in expected:
        assert line in lines, f"missing error line {line!r} in:\n{result.stderr}"
    assert not (result.stdout + result.stderr).count("INFO    -  Documentation built")


def test_yaml_syntax_error(tmp_path):
    text = SOURCE + "broken: [unclosed\n"
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert result.returncode != 0
    errors = [l for l in result.stderr.splitlines() if l.startswith(f"{FILE}:")]
    assert len(errors) == 1 and "YAML syntax error" in errors[0], result.stderr
    assert re.match(rf"{re.escape(FILE)}:\d+: \(file\): YAML syntax error", errors[0])
    assert int(errors[0].split(":")[1]) >= len(SOURCE.splitlines())


def test_missing_required_field(tmp_path):
    text = "\n".join(l for l in SOURCE.splitlines() if not l.startswith("principle:")) + "\n"
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert_rejected(result, f"{FILE}:1: principle: required field is missing")


def test_unknown_field_typo(tmp_path):
    text = SOURCE.replace("\nsummary:", "\nsumary:", 1)
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert_rejected(result, f"{FILE}:{line_of(text, r'^sumary:')}: sumary: unknown field (a typo?)")


def test_wrong_type(tmp_path):
    text = replace_line(SOURCE, r"^\s+budget_seconds: 45", "    budget_seconds: forty-five")
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    number = line_of(text, "budget_seconds: forty-five")
    assert_rejected(result, f"{FILE}:{number}: sections[0].budget_seconds: Input should be a valid integer (got str)")


def test_empty_string(tmp_path):
    text = replace_line(SOURCE, r"^principle:", 'principle: ""')
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert_rejected(result, f"{FILE}:{line_of(text, '^principle:')}: principle: must not be empty")


def test_duplicate_slug_across_files(tmp_path):
    result = build_with(tmp_path, {"copy-of-it.yml": SOURCE})
    number = line_of(SOURCE, r"^slug:")
    assert_rejected(
        result,
        f"data/walkthroughs/copy-of-it.yml:{number}: slug: duplicate slug '{SEED}': {FILE} has it too",
    )


def test_slug_must_match_file_name(tmp_path):
    result = build_with(tmp_path, {f"{SEED}.yml": None, "renamed.yml": SOURCE})
    number = line_of(SOURCE, r"^slug:")
    assert_rejected(
        result,
        f"data/walkthroughs/renamed.yml:{number}: slug: slug '{SEED}' does not match the file name 'renamed.yml'",
    )


def test_reference_to_missing_section(tmp_path):
    lines = SOURCE.splitlines()
    start = line_of(SOURCE, r"^red_flags:")
    first_flag_section = next(n for n in range(start + 1, len(lines) + 1) if lines[n - 1].strip().startswith("section:"))
    indent = lines[first_flag_section - 1].split("section:")[0]
    lines[first_flag_section - 1] = f"{indent}section: conclusion"
    text = "\n".join(lines) + "\n"
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert result.returncode != 0
    expected = f"{FILE}:{first_flag_section}: red_flags[0].section: Input should be 'situation', 'task', 'action', 'result' or 'reflection'"
    assert expected in result.stderr.splitlines(), result.stderr


def test_reference_to_missing_anchor(tmp_path):
    number = line_of(SOURCE, r"^\s+link: ")
    lines = SOURCE.splitlines()
    lines[number - 1] = lines[number - 1].split("link:")[0] + "link: no-such-anchor"
    text = "\n".join(lines) + "\n"
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    assert result.returncode != 0
    errors = [l for l in result.stderr.splitlines() if l.startswith(f"{FILE}:{number}: quiz[")]
    assert len(errors) == 1, result.stderr
    assert errors[0].endswith("links to '#no-such-anchor', which is not an anchor of the guide page")


def test_all_problems_reported_at_once(tmp_path):
    text = replace_line(SOURCE, r"^principle:", 'principle: ""').replace("\nsummary:", "\nsumary:", 1)
    result = build_with(tmp_path, {f"{SEED}.yml": text})
    errors = [l for l in result.stderr.splitlines() if l.startswith(f"{FILE}:")]
    assert len(errors) >= 2, result.stderr
    assert "2 problems in the walkthrough data; nothing was built." in result.stderr or len(errors) > 2


@pytest.mark.parametrize("name", ["tell-me-about-a-failure.yml"])
def test_fixture_walkthrough_is_valid(tmp_path, name):
    """The test-only walkthrough must itself be valid, or the generation test proves nothing."""
    from macros.core.catalog import load_catalog

    project = tmp_path / "p"
    (project / "data" / "walkthroughs").mkdir(parents=True)
    for shared in (ROOT / "data").glob("*.yml"):  # rules and rubric the walkthroughs are checked against
        shutil.copy(shared, project / "data" / shared.name)
    shutil.copy(ROOT / "tests" / "fixtures" / "walkthroughs" / name, project / "data" / "walkthroughs" / name)
    assert list(load_catalog(project)) == [name.removesuffix(".yml")]
