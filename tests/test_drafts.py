"""Drafts (`draft: true`): never published, previewed with SG_DRAFTS=1 under a Draft banner and a
`file:line: field` to-do list; and a walkthrough without `quiz:` built with a derived quiz in its exports.

The first tests read drafts in-process (macros.core.drafts, macros.site); the rest build one copy of
the project twice (the `draft_builds` fixture), as `make build` and as `SG_DRAFTS=1 make build`, with
the seed document and a synthetic one imported as drafts, and a published walkthrough whose `quiz:`
is deleted.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from support import FIXTURES, NO_QUIZ, ROOT, copy_project, parse
from macros.core.drafts import check_draft
from macros.core.problems import DataError
from macros.core.source import parse_yaml
from macros.core.urls import export_uri, page_uri
from macros.importer import import_document, write
from macros.pages import GENERATED_PAGES
from macros.site import load_site

SEED_DOCUMENT = FIXTURES / "seeds" / "act-without-approval.txt"
PUBLISHED = (ROOT / "data" / "walkthroughs" / "act-without-approval.yml").read_text(encoding="utf-8")
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
# The draft_builds fixture builds its own copy of the site, twice: one worker builds it for every
# module that uses it (this one and tests/browser/test_drafts_browser.py).
pytestmark = pytest.mark.xdist_group("drafts")


def draft_of(text: str, slug: str = "my-draft"):
    doc, problems = parse_yaml(text, f"data/walkthroughs/{slug}.yml")
    assert doc is not None, problems
    return check_draft(doc, slug)


# --- Reading a draft -------------------------------------------------------------------------------


def test_a_draft_lists_each_missing_part_at_the_line_of_the_nearest_field():
    text = "draft: true\nquestion: Why?\nstory:\n  one_line: A thing happened.\nfollow_ups: []\ndescription: ''\n"
    draft, problems = draft_of(text)
    assert not problems, problems
    todos = [f"{t.file}:{t.line}: {t.path}" for t in draft.todos]
    assert "data/walkthroughs/my-draft.yml:3: story.root_cause" in todos
    assert "data/walkthroughs/my-draft.yml:3: story.facts" in todos
    assert "data/walkthroughs/my-draft.yml:5: follow_ups" in todos  # an empty list is a missing part
    assert "data/walkthroughs/my-draft.yml:6: description" in todos  # so is an empty string
    assert "data/walkthroughs/my-draft.yml:1: variants" in todos
    assert not any(t.endswith(": question") or "story.one_line" in t for t in todos)
    w = draft.walkthrough
    assert w.draft and w.slug == "my-draft", "the file's name stands in for a missing slug"
    assert [s.id for s in w.sections] == ["situation", "task", "action", "result", "reflection"]
    assert [v.id for v in w.variants] == ["outcome-first", "ownership", "technical", "junior", "senior"]
    assert w.story.root_cause == "To do: story.root_cause"
    assert 50 <= len(w.description) <= 160 and w.description.startswith("To do: description")
    assert draft.known(("story", "one_line")) and not draft.known(("story", "facts", 0, "value"))


def test_a_partial_list_is_not_a_missing_part():
    _, problems = draft_of("draft: true\nsections:\n  - id: situation\n")
    assert [(p.line, p.path) for p in problems if p.path == "sections"] == [(2, "sections")]


def test_what_a_draft_holds_is_still_checked():
    broken = PUBLISHED.replace("slug: act-without-approval", "slug: act-without-approval\ndraft: true", 1)
    typo = broken.replace("\nsummary:", "\nsumary:", 1)
    _, problems = draft_of(typo, "act-without-approval")
    assert [p.path for p in problems] == ["sumary"], "an unknown field is an error, a draft or not"
    wrong_type = broken.replace("budget_seconds: 45", "budget_seconds: forty-five")
    _, problems = draft_of(wrong_type, "act-without-approval")
    assert [p.message for p in problems] == ["Input should be a valid integer (got str)"]
    cut = broken.replace("  - id: technical\n", "  - id: ownership\n", 1)
    _, problems = draft_of(cut, "act-without-approval")
    assert any("variants must be exactly" in p.message for p in problems)


def test_a_draft_is_spared_the_budgets_a_published_walkthrough_must_meet():
    over = PUBLISHED.replace("budget_seconds: 45", "budget_seconds: 5")
    draft, problems = draft_of(over.replace("slug: act-without-approval", "slug: act-without-approval\ndraft: true", 1), "act-without-approval")
    assert draft is not None and not problems and not draft.todos
    from macros.core.validate import check_walkthrough

    doc, _ = parse_yaml(over, "w.yml")
    assert any("its budget is 5 s" in p.message for p in check_walkthrough(doc, "act-without-approval")[1])


def test_draft_must_be_a_boolean():
    _, problems = draft_of(PUBLISHED.replace("slug: act-without-approval", "slug: act-without-approval\ndraft: 'yes'", 1), "act-without-approval")
    assert [p.path for p in problems] == ["draft"]


@pytest.fixture
def project_with_a_draft(tmp_path):
    project = copy_project(tmp_path / "project")
    imported = import_document(SEED_DOCUMENT.read_bytes(), str(SEED_DOCUMENT), project, "seed-draft")
    write(imported, project)
    return project, imported


def test_the_site_keeps_drafts_apart_from_what_it_publishes(project_with_a_draft):
    project, imported = project_with_a_draft
    site = load_site(project)
    assert "seed-draft" not in site.published and "seed-draft" not in site.walkthroughs
    assert site.drafts["seed-draft"].todos == imported.todos
    preview = load_site(project, preview_drafts=True)
    assert "seed-draft" in preview.walkthroughs and "seed-draft" not in preview.published
    assert list(preview.walkthroughs) == sorted(preview.walkthroughs), "file-name order"
    # A draft's quiz comes only from the parts it has: the follow-ups and the bullets.
    quiz = preview.walkthroughs["seed-draft"].quiz
    assert {item.id for item in quiz} == {f"stronger-follow-up-todo-follow-ups-{i}-id" for i in range(4)} | {"spot-the-red-flags"}


def test_other_data_cannot_name_a_draft(project_with_a_draft):
    project, _ = project_with_a_draft
    principles = project / "data" / "principles.yml"
    text = principles.read_text(encoding="utf-8")
    principles.write_text(text.replace("walkthrough: act-without-approval", "walkthrough: seed-draft", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert any("no walkthrough 'seed-draft'" in str(p) for p in caught.value.problems)


# --- Built ---------------------------------------------------------------------------------------


def page(site, kind: str, slug: str):
    uri = page_uri(kind, slug)
    path = uri.removesuffix("index.md") + "index.html" if uri.endswith("index.md") else uri.removesuffix(".md") + "/index.html"
    return parse(site / path)


def test_the_strict_build_passes_and_says_one_line_per_draft(draft_builds):
    result, _ = (draft_builds.published.result, draft_builds.published.site)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "Draft " in line]
    assert sorted(lines) == sorted(
        f"INFO    -  Draft {imported.path.as_posix()}: {len(imported.todos)} parts missing; not built (SG_DRAFTS=1 previews it)"
        for imported in draft_builds.drafts.values()
    )
    assert "WARNING" not in result.stderr


def test_nothing_of_a_draft_is_published(draft_builds):
    _, site = (draft_builds.published.result, draft_builds.published.site)
    for slug in draft_builds.drafts:
        assert not [p for p in site.rglob("*") if slug in p.as_posix()], f"{slug} was published"
        for name in ("sitemap.xml", "search/search_index.json", "index.html", "practice/index.html", "walkthroughs/index.html"):
            assert slug not in (site / name).read_text(encoding="utf-8"), f"{name} names the draft {slug}"


def test_the_preview_marks_every_draft_page_and_lists_its_to_dos(draft_builds):
    result, site = (draft_builds.preview.result, draft_builds.preview.site)
    assert result.returncode == 0, result.stderr
    assert "built as a preview (SG_DRAFTS=1)" in result.stderr
    for slug, imported in draft_builds.drafts.items():
        expected = [f"{t.file}:{t.line}: {t.path}" for t in imported.todos]
        assert all(re.fullmatch(r"data/walkthroughs/[a-z-]+\.yml:\d+: [\w.\[\]]+", item) for item in expected)
        for kind in GENERATED_PAGES:
            html = page(site, kind, slug)
            banner = html.select_one(".sg-draft")
            assert banner is not None, f"{kind} of {slug} has no Draft banner"
            assert banner.select_one(".sg-draft__title").get_text(strip=True) == "Draft"
            assert [li.get_text(strip=True) for li in banner.select(".sg-draft__todos li")] == expected
        guide = page(site, "guide", slug)
        assert "To do: sections[0].strong.line" in guide.select_one("article").get_text(" ")
        assert guide.select_one(".md-nav a[href='./']"), "the draft is in the navigation while previewed"


def test_the_preview_keeps_drafts_out_of_lists_and_exports(draft_builds):
    _, site = (draft_builds.preview.result, draft_builds.preview.site)
    for slug in draft_builds.drafts:
        for name in ("index.html", "practice/index.html", "walkthroughs/index.html"):
            assert not parse(site / name).select(f"article a[href*='{slug}']"), f"{name} lists the draft {slug}"
        assert not list((site / "exports").glob(f"{slug}.*"))
        assert "exports are made when it is published" in page(site, "instructor", slug).get_text()
    for published in ("act-without-approval", NO_QUIZ):
        assert page(site, "guide", published).select_one(".sg-draft") is None


def test_a_walkthrough_without_quiz_is_built_with_a_derived_quiz_in_every_export(draft_builds):
    _, site = (draft_builds.published.result, draft_builds.published.site)
    quiz = load_site(draft_builds.project).published[NO_QUIZ].quiz
    ids = [item.id for item in quiz]
    assert len(ids) >= 10
    data = json.loads((site / export_uri(NO_QUIZ, "json")).read_text(encoding="utf-8"))
    assert [item["id"] for item in data["quiz"]] == ids
    root = ET.parse(site / export_uri(NO_QUIZ, "qti.xml")).getroot()
    assert [item.get("ident") for item in root.iter(f"{QTI}item")] == [f"{NO_QUIZ}-{i}" for i in ids]
    with zipfile.ZipFile(site / export_uri(NO_QUIZ, "qti.zip")) as archive:
        packaged = ET.fromstring(archive.read(export_uri(NO_QUIZ, "qti.xml").split("/")[-1]))
    assert len(list(packaged.iter(f"{QTI}item"))) == len(ids)
    gift = (site / export_uri(NO_QUIZ, "gift.txt")).read_text(encoding="utf-8")
    assert re.findall(r"^::([^:]+)::", gift, re.M) == ids
    page_items = page(site, "quiz", NO_QUIZ).select(".sg-quiz__item")
    assert [item["data-sg-item"] for item in page_items] == ids


def test_make_serve_previews_drafts_unless_told_not_to_and_make_build_never_asks():
    """The commands make runs (dry run, its setup step skipped): the data hook reads SG_DRAFTS."""
    def commands(target: str) -> str:
        return subprocess.run(["make", "-n", target, "STAMP="], cwd=ROOT, capture_output=True, text=True, check=True).stdout

    serve = commands("serve")
    assert "SG_DRAFTS=${SG_DRAFTS:-1} " in serve and " mkdocs serve " in serve
    assert "SG_DRAFTS" not in commands("build")
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert 'SG_DRAFTS: "0"' in pages
