"""`make import`: a walkthrough document becomes a draft with every line placed, or nothing is written.

The seed document must give back, field for field, what act-without-approval.yml kept of its words;
synthetic documents in the same layout with other counts of follow-ups, bullets and phrase notes must
import with every line placed; every kind of bad input stops with its line number and writes nothing.
The scripts run as `make import` runs them (scripts/import_walkthrough.py, and the make target once).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import FIXTURES, ROOT
from macros.core.drafts import check_draft
from macros.core.source import read_yaml
from macros.importer import ImportFailed, import_document
from macros.importer.layout import Line, sentences

SEED = FIXTURES / "seeds" / "act-without-approval.txt"
DOCUMENTS = sorted((FIXTURES / "documents").glob("*.txt"))
PUBLISHED = yaml.safe_load((ROOT / "data" / "walkthroughs" / "act-without-approval.yml").read_text(encoding="utf-8"))
# Where act-without-approval.yml did not keep the seed's words: the question recased and shortened
# into a title, the takeaways written out in full, and the red flags' ids chosen by hand.
REWORDED = re.compile(r"^(title|question|takeaways\[\d+\]|red_flags\[\d+\]\.id)$")


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


IMPORT = load_script("import_walkthrough")


@pytest.fixture
def project(tmp_path) -> Path:
    """A project with the data the importer reads (the principles catalog) and no walkthroughs."""
    (tmp_path / "data" / "walkthroughs").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "principles.yml", tmp_path / "data" / "principles.yml")
    return tmp_path


def run_import(project: Path, source: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = IMPORT.main([str(source), "--project", str(project), *args])
    out, err = capsys.readouterr()
    return code, out, err


def value_at(data, path: str):
    for part in re.findall(r"[^.\[\]]+", path):
        data = data[int(part)] if part.isdigit() else data[part]
    return data


def document_lines(path: Path) -> set[int]:
    text = path.read_bytes().decode("utf-8-sig")
    return {number for number, line in enumerate(text.split("\n"), 1) if line.strip()}


# --- The seed ------------------------------------------------------------------------------------


def test_the_seed_gives_back_every_field_the_walkthrough_kept_word_for_word(project):
    imported = import_document(SEED.read_bytes(), str(SEED), project, "act-without-approval")
    compared = []
    for value in imported.parsed.placed():
        if REWORDED.match(value.path):
            continue
        assert value_at(PUBLISHED, value.path) == value.text, f"line {value.line} -> {value.path}"
        compared.append(value.path)
    # What the brief names, each present: weak lines, coaching, the follow-ups' answers, the variants'
    # guidance, stresses and drops (and the rest the seed gives: summary, principle, red flags, notes).
    for expected in (
        *(f"sections[{i}].coaching" for i in range(5)),
        *(f"sections[{i}].weak.why" for i in range(5)),
        "sections[1].weak.verdict", "sections[2].weak.line", "sections[4].weak.line",
        *(f"follow_ups[{i}].weak.line" for i in range(4)), *(f"follow_ups[{i}].strong.line" for i in range(4)),
        "follow_ups[0].weak.verdict",
        *(f"variants[{i}].{part}" for i in range(3) for part in ("guidance", "stresses", "drops")),
        "variants[3].guidance", "variants[4].guidance",
        *(f"red_flags[{i}].{part}" for i in range(5) for part in ("text", "kind")),
        *(f"key_phrases[{i}].why" for i in range(3)),
        "summary", "principle", "framework",
    ):
        assert expected in compared, expected
    assert {value.line for value in imported.parsed.placed()} == document_lines(SEED)


def test_the_seed_draft_names_each_line_and_lists_what_the_seed_cannot_give(project, capsys):
    code, out, err = run_import(project, SEED, capsys=capsys)
    assert code == 0, err
    path = project / "data" / "walkthroughs" / "act-without-full-alignment.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../walkthrough.schema.json"
    doc, problems = read_yaml(path, "data/walkthroughs/act-without-full-alignment.yml")
    draft, problems = check_draft(doc, path.stem)
    assert draft is not None and not problems, problems
    assert doc.data["draft"] is True
    # Each to-do is a "# TODO <its field>" comment on the very line the build names.
    for todo in draft.todos:
        assert f"# TODO {todo.path}:" in lines[todo.line - 1], (todo, lines[todo.line - 1])
    assert len(draft.todos) == sum("# TODO " in line for line in lines)
    paths = {todo.path for todo in draft.todos}
    # What the seed README lists as missing from the document.
    for part in ("story", "description", "timing", *(f"sections[{i}].strong" for i in range(5)),
                 *(f"follow_ups[{i}].question" for i in range(4)), *(f"key_phrases[{i}].phrase" for i in range(3)),
                 *(f"variants[{i}].answer" for i in range(5)), "variants[3].stresses", "variants[4].drops"):
        assert part in paths, part
    # The report maps every line of the document to its field(s), then lists the to-dos.
    for number in document_lines(SEED):
        assert re.search(rf"^  line +{number} -> \S", out, re.M), f"line {number} is not in the report"
    assert "line  8 -> sections[2].weak.line (the words before ' - '); sections[2].weak.why" in out
    assert f"To do: {len(draft.todos)} parts" in out
    assert "data/walkthroughs/act-without-full-alignment.yml:14: description" in out


def test_every_field_names_its_document_line_in_a_comment(project, capsys):
    run_import(project, SEED, "--slug", "seeded", capsys=capsys)
    path = project / "data" / "walkthroughs" / "seeded.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    doc, _ = read_yaml(path, "seeded.yml")
    imported = import_document(SEED.read_bytes(), str(SEED), project, "seeded")
    for value in imported.parsed.placed():
        field_path = tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", value.path))
        line = lines[doc.lines[field_path] - 1]
        if field_path[0] == "takeaways":  # a list: its comment is on the key above it
            line = lines[doc.lines[("takeaways",)] - 1]
        assert f"# line {value.line}" in line, (value.path, line)
        assert value_at(doc.data, value.path) == value.text


# --- Other documents in the same layout ----------------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.stem for d in DOCUMENTS])
def test_a_document_with_other_counts_imports_with_every_line_placed(project, document, capsys):
    code, out, err = run_import(project, document, capsys=capsys)
    assert code == 0, err
    (written,) = (project / "data" / "walkthroughs").glob("*.yml")
    doc, problems = read_yaml(written, f"data/walkthroughs/{written.name}")
    draft, problems = check_draft(doc, written.stem)
    assert draft is not None and not problems, problems
    imported = import_document(document.read_bytes(), str(document), project)
    assert {value.line for value in imported.parsed.placed()} == document_lines(document)
    # The counts come from the document: follow-ups are the quoted answers, red flags the bullets.
    text = document.read_bytes().decode("utf-8-sig").replace("\r", "")
    paragraphs = [line for line in text.split("\n") if line.strip()]
    bullets = [line for line in paragraphs if line.startswith("- ")]
    quoted = [line for line in paragraphs if line.startswith('"')]
    data = doc.data
    assert len(data.get("follow_ups") or []) == len(quoted)
    assert [flag["text"] for flag in data["red_flags"]] == [line[2:] for line in bullets]
    notes = paragraphs[paragraphs.index(bullets[-1]) + 1: len(paragraphs) - 11]
    assert [phrase["why"] for phrase in data.get("key_phrases") or []] == notes
    assert [v["guidance"] for v in data["variants"]] == [paragraphs[i] for i in (-11, -8, -5, -2, -1)]
    # The principle and the frame as data/principles.yml spells them, so the report has no note.
    catalog = yaml.safe_load((ROOT / "data" / "principles.yml").read_text(encoding="utf-8"))
    assert data["principle"] in {p["name"] for p in catalog["principles"]}
    assert data["framework"] == catalog["framework"]
    assert "Note:" not in out, out


def test_the_documents_differ_in_their_counts():
    counts = set()
    for document in DOCUMENTS:
        lines = document.read_bytes().decode("utf-8-sig").replace("\r", "").split("\n")
        counts.add((sum(l.startswith('"') for l in lines), sum(l.startswith("- ") for l in lines)))
    assert len(DOCUMENTS) >= 2 and len(counts) == len(DOCUMENTS), counts


def test_the_interviewers_verdict_starts_at_the_sentence_that_names_the_interviewer():
    from macros.importer.layout import weak_parts

    why, verdict = weak_parts(Line(4, "Routing, not ownership. This confirms the hand-off. Interviewer rescores the story."), "x")
    assert (why.text, verdict.text) == ("Routing, not ownership. This confirms the hand-off.", "Interviewer rescores the story.")
    why, verdict = weak_parts(Line(4, "Too long. Applies to every story. Tells the interviewer nothing."), "x")
    assert (why.text, verdict.text) == ("Too long.", "Applies to every story. Tells the interviewer nothing.")
    why, verdict = weak_parts(Line(4, "One sentence only - the why."), "x")
    assert why.text == "One sentence only - the why." and verdict is None
    assert sentences("It cost $8K. Then 0.3% more.") == ["It cost $8K.", "Then 0.3% more."]


# --- Bad input: a clear error at its line, exit 1, nothing written -------------------------------


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def without(*numbers: int) -> bytes:
    return "\n".join(l for n, l in enumerate(seed_lines(), 1) if n not in numbers).encode()


def with_line_after(number: int, text: str) -> bytes:
    lines = seed_lines()
    return "\n".join(lines[:number] + [text] + lines[number:]).encode()


BAD = {
    "empty": (b"", "1: the document is empty"),
    "blank lines only": (b"\n  \n\t\n", "1: the document is empty"),
    "binary": (b"Some title - Amazon LP STAR Walkthrough\nsecond\n\x00\x01\x02", "3: binary data (a NUL byte)"),
    "not UTF-8": ("Title - Amazon LP STAR Walkthrough\nIn this scenario…\nCaf\u00e9".encode("latin-1", "replace"), "3: not UTF-8 text (byte 0xe9)"),
    "control character": (b"A - Amazon LP STAR Walkthrough\nbell \x07 here\n", "2: a control character (U+0007)"),
    "a README": (b"# STAR Interview Study Guide\n\nA static, interactive study guide.\n", "1: expected the title: the interview question, then ' - <frame> STAR Walkthrough'"),
    "no principle": (SEED.read_bytes().replace(b"demonstrates Bias for Action by", b"shows initiative through"),
                     "2: expected the summary, which names the principle as '… demonstrates <Principle> by …'"),
    "four pairs": (without(11, 12), "11: expected the coaching for the Reflection, found a quoted answer"),
    "a two-line follow-up": (without(17), "16: this follow-up has 2 lines (lines 16 to 17); a follow-up is three"),
    "a four-line follow-up": (with_line_after(18, "They also asked for a design review."), "16: this follow-up has 4 lines (lines 16 to 19)"),
    "a follow-up without quotes": (SEED.read_bytes().replace(b'"I did escalate it - I sent them a Slack message and they handled it."',
                                                           b"I did escalate it - I sent them a Slack message and they handled it."),
                                   "13: expected a follow-up's weak answer in quotes"),
    "no bullets": (without(25, 26, 27, 28, 29), "13: expected the weak answer as bullets ('- …') after the follow-ups"),
    "a stray bullet": (with_line_after(31, "- Another bullet"), "32: a bullet after the weak answer's bullets ended at line 29"),
    "a quoted line after the bullets": (with_line_after(30, '"I waited for my manager."'), "31: a quoted answer after the weak answer's bullets"),
    "too few variant lines": (without(40, 41, 42, 43), "40: expected the 11 lines of the variants"),
    "a bullet among the pairs": (SEED.read_bytes().replace(b"Keep the Situation concise", b"- Keep the Situation concise"),
                                 "3: expected the coaching for the Situation, found a bullet"),
}


@pytest.mark.parametrize("name", BAD, ids=list(BAD))
def test_bad_input_stops_at_its_line_and_writes_nothing(project, tmp_path, capsys, name):
    data, expected = BAD[name]
    source = tmp_path / "document.txt"
    source.write_bytes(data)
    before = sorted(p.name for p in (project / "data" / "walkthroughs").iterdir())
    code, out, err = run_import(project, source, capsys=capsys)
    assert code == 1
    assert err.startswith(f"{source}:{expected}"), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert sorted(p.name for p in (project / "data" / "walkthroughs").iterdir()) == before
    assert out == ""


def test_an_unreadable_source_and_a_bad_slug_are_refused(project, tmp_path, capsys):
    code, _, err = run_import(project, tmp_path / "missing.txt", capsys=capsys)
    assert code == 1 and "cannot read it" in err
    code, _, err = run_import(project, SEED, "--slug", "Not A Slug", capsys=capsys)
    assert code == 1 and err.startswith("SLUG 'Not A Slug' is not a slug"), err
    assert not list((project / "data" / "walkthroughs").iterdir())


# --- Never overwrite unasked ---------------------------------------------------------------------


def test_an_existing_file_is_kept_unless_forced(project, capsys):
    target = project / "data" / "walkthroughs" / "mine.yml"
    target.write_text("# my own work\n", encoding="utf-8")
    code, out, err = run_import(project, SEED, "--slug", "mine", capsys=capsys)
    assert code == 1 and err.strip() == "data/walkthroughs/mine.yml already exists: FORCE=1 replaces it, or choose another SLUG="
    assert target.read_text(encoding="utf-8") == "# my own work\n"
    code, out, err = run_import(project, SEED, "--slug", "mine", "--force", capsys=capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert [p.name for p in target.parent.iterdir()] == ["mine.yml"]  # no temporary file left behind


def test_make_import_passes_src_slug_and_force(project):
    """The make target itself, in a copy of the project (its setup step skipped: STAMP is empty)."""
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "scripts", project / "scripts")
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))

    def make(*args):
        return subprocess.run(["make", "-s", "import", f"PY={sys.executable}", "STAMP=", *args], cwd=project,
                              capture_output=True, text=True, timeout=120)

    first = make(f"SRC={SEED}", "SLUG=from-make")
    assert first.returncode == 0, first.stderr
    target = project / "data" / "walkthroughs" / "from-make.yml"
    assert "Wrote data/walkthroughs/from-make.yml as a draft" in first.stdout
    target.write_text("# edited\n", encoding="utf-8")
    again = make(f"SRC={SEED}", "SLUG=from-make")
    assert again.returncode != 0 and "already exists" in again.stderr
    assert target.read_text(encoding="utf-8") == "# edited\n"
    forced = make(f"SRC={SEED}", "SLUG=from-make", "FORCE=1")
    assert forced.returncode == 0, forced.stderr
    assert "draft: true" in target.read_text(encoding="utf-8")
    bad = make(f"SRC={ROOT / 'README.md'}")
    assert bad.returncode != 0 and "README.md:1: expected the title" in bad.stderr


def test_the_write_a_walkthrough_page_shows_the_importers_own_words(built_page, tmp_path):
    """Each import message the page explains is what one of this module's bad documents really gives."""
    produced = []
    for data, _ in BAD.values():
        with pytest.raises(ImportFailed) as caught:
            import_document(data, "document.txt", ROOT)
        produced.append(str(caught.value))
    article = built_page("contribute/write-a-walkthrough/").select_one("article")
    shown = [code.get_text() for code in article.select("code") if code.get_text().startswith("document.txt:")]
    assert len(shown) >= 7, shown
    for message in shown:
        message = message.removesuffix(" …")
        assert any(p.startswith(message) for p in produced), message
