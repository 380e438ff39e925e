"""The project's own docs: README.md stays short and for users, with its two commands first, and what
README.md, CONTRIBUTING.md and bench/README.md point at exists: every relative link (and #fragment),
every `make` target and every path they name. `make bench BENCH_ARGS=--readme` writes into
bench/README.md.

The Markdown is read with Python-Markdown, so links and code inside code blocks are told apart."""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup

from support import ROOT

README = ROOT / "README.md"
DOCS = [README, ROOT / "CONTRIBUTING.md", ROOT / "bench" / "README.md"]
MAX_README_LINES = 250
# Sections other changes add their lines under: their headings must stay as they are.
SHARED_HEADINGS = ["Add a walkthrough", "Principles and questions", "Practise", "Import into an LMS"]
# A code span naming a file or folder of the repository, as opposed to a URL path of the site.
REPO_PATH = re.compile(r"^(?:\.ci|\.github|bench|data|docs|macros|overrides|scripts|tests)/[\w./-]*$")


def rendered(path: Path) -> BeautifulSoup:
    html = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables", "pymdownx.superfences"])
    return BeautifulSoup(html, "html.parser")


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, each space a hyphen."""
    text = "".join(c for c in heading.lower() if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    ids = set()
    for heading in rendered(path).select("h1, h2, h3, h4, h5, h6"):
        anchor = github_anchor(heading.get_text())
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        ids.add(anchor if not count else f"{anchor}-{count}")
    return ids


def relative_links(path: Path) -> list[str]:
    soup = rendered(path)
    targets = [a["href"] for a in soup.select("a[href]")] + [img["src"] for img in soup.select("img[src]")]
    return [t for t in targets if not urlsplit(t).scheme and not t.startswith("//")]


def code_spans(path: Path) -> list[str]:
    return [code.get_text() for code in rendered(path).select("code")]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for line in re.findall(r"^([\w .-]+):(?!=)", text, re.M) for name in line.split()}


def test_the_readme_is_short():
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_README_LINES, (
        f"README.md has {lines} lines (at most {MAX_README_LINES}): move detail to CONTRIBUTING.md or bench/README.md"
    )


def test_the_two_commands_come_first():
    soup = rendered(README)
    first_section = soup.find("h2")
    assert first_section is not None, "README.md has no sections"
    blocks = [pre for pre in first_section.find_all_previous("pre")][::-1]
    assert blocks, "README.md shows no command before its first section"
    commands = [line.split("#")[0].strip() for line in blocks[0].get_text().splitlines() if line.strip()]
    assert commands[:2] == ["make serve", "make test"], commands
    assert {"serve", "test"} <= makefile_targets()


def test_the_shared_sections_keep_their_headings():
    headings = [h.get_text() for h in rendered(README).select("h2")]
    for title in SHARED_HEADINGS:
        assert headings.count(title) == 1, f"README.md needs one '## {title}' section: {headings}"


def test_the_readme_links_the_notebook_the_guide_for_contributors_and_the_licences():
    links = set(relative_links(README))
    assert {"bench/README.md", "CONTRIBUTING.md", "LICENSE", "LICENSE-CONTENT"} <= links, links


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(doc):
    links = relative_links(doc)
    assert links, f"{doc.name} has no relative link: is the parser reading it?"
    broken = []
    for link in links:
        parts = urlsplit(link)
        target = (doc.parent / unquote(parts.path)).resolve() if parts.path else doc
        if not target.is_relative_to(ROOT) or not target.is_file():
            broken.append(f"{link}: no such file")
        elif parts.fragment and target.suffix == ".md" and parts.fragment not in anchors(target):
            broken.append(f"{link}: no heading '#{parts.fragment}' in {target.relative_to(ROOT)}")
    assert not broken, f"{doc.relative_to(ROOT)}:\n" + "\n".join(broken)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_make_target_and_repository_path_named_exists(doc):
    spans = code_spans(doc)
    targets = {name for span in spans for name in re.findall(r"(?:^|[\s;&(])make ([a-z][\w-]*)", span)}
    paths = {span.rstrip("/") for span in spans if REPO_PATH.match(span)}
    assert targets, f"{doc.name} names no make target: is the parser reading it?"
    missing = sorted(f"make {t}" for t in targets - makefile_targets())
    missing += sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"{doc.relative_to(ROOT)} names what does not exist: {missing}"


def test_the_benchmark_writes_its_tables_into_bench_readme(tmp_path, monkeypatch):
    """scripts/bench.py --readme: the tables between the markers of bench/README.md, the rest kept."""
    text = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- bench:start -->") == 1 and text.count("<!-- bench:end -->") == 1
    assert text.index("<!-- bench:start -->") < text.index("<!-- bench:end -->")
    assert "<!-- bench:" not in README.read_text(encoding="utf-8"), "the tables moved to bench/README.md"

    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "README.md").write_text(text, encoding="utf-8")
    (tmp_path / "README.md").write_text("untouched\n", encoding="utf-8")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    bench.write_readme("| new | table |")
    written = (tmp_path / "bench" / "README.md").read_text(encoding="utf-8")
    before, rest = text.split("<!-- bench:start -->")
    after = rest.split("<!-- bench:end -->")[1]
    assert written == f"{before}<!-- bench:start -->\n| new | table |\n<!-- bench:end -->{after}"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "untouched\n"

    (tmp_path / "bench" / "README.md").write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="bench/README.md has no"):
        bench.write_readme("| new | table |")
