"""The LMS side of the site, without a browser: the suspend data of every quiz fits SCORM 1.2's 4,096
characters (computed from the data by docs/assets/sg/scorm.js itself, in Node), `make lms`'s settings
and errors, and what the pages offer (the instructor guide's packages and import steps, the guide's
Anki deck). The packages themselves, and a real SCORM runtime: tests/browser/test_scorm.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import FIXTURES, ROOT, WALKTHROUGHS, copy_project
from macros.anki import ALL_DECKS
from macros.core.urls import EXPORTS_DIR, export_uri, page_url
from macros.importer import import_document, write
from macros.quiz import quiz_version
from macros.scorm import MASTERY_DEFAULT, package_uri
from macros.site import generated_files, load_site

sys.path.insert(0, str(ROOT / "scripts"))
from make_lms import LmsError, make_lms, read_settings  # noqa: E402

SUSPEND_DATA_LIMIT = 4096  # SCORM 1.2's CMIString4096

# For each quiz (items as quiz.js describes them): the suspend data of its fullest progress, every item
# answered with its longest entry (every option chosen, every point ticked) and each rewrite's text at
# the limit the package sets, made of quotes (two characters each in JSON, the most any takes).
FULLEST = """
import { encodeProgress, fullestProgress, textLimit } from "./docs/assets/sg/scorm.js";
const quizzes = JSON.parse(await new Response(process.stdin).text());
const sizes = {};
for (const [slug, { version, items }] of Object.entries(quizzes)) {
  const limit = textLimit(items, version);
  sizes[slug] = { limit, length: encodeProgress(version, fullestProgress(items, '"'.repeat(limit))).length };
}
console.log(JSON.stringify(sizes));
"""


@pytest.fixture(scope="module")
def fullest() -> dict[str, dict]:
    quizzes = {
        w.slug: {
            "version": quiz_version(w),
            "items": [{"id": item.id, "count": len(item.options), "checklist": len(item.checklist)} for item in w.quiz],
        }
        for w in WALKTHROUGHS.values()
    }
    result = subprocess.run(["node", "--input-type=module", "-e", FULLEST], input=json.dumps(quizzes),
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_fullest_progress_of_every_quiz_fits_suspend_data(fullest, walkthrough):
    size = fullest[walkthrough.slug]
    assert size["length"] <= SUSPEND_DATA_LIMIT, size
    # A rewrite as long as the model one (and then some) is kept whole.
    longest_model = max((len(item.model_answer or "") for item in walkthrough.quiz), default=0)
    assert size["limit"] >= 2 * longest_model or not longest_model, size


def test_the_largest_quiz_is_the_one_the_limit_is_held_for(fullest):
    largest = max(WALKTHROUGHS.values(), key=lambda w: len(w.quiz))
    assert fullest[largest.slug]["length"] <= SUSPEND_DATA_LIMIT
    assert len(largest.quiz) >= 16


def test_drafts_are_never_packaged(tmp_path):
    """A draft (issue 27) gets no SCORM package and no Anki deck, even while its pages are previewed."""
    project = copy_project(tmp_path / "project")
    seed = FIXTURES / "seeds" / "act-without-approval.txt"
    write(import_document(seed.read_bytes(), str(seed), project, "a-draft"), project)
    site = load_site(project, preview_drafts=True)
    assert "a-draft" in site.walkthroughs and "a-draft" not in site.published
    exported = [path for path, _ in generated_files(site) if path.startswith(f"{EXPORTS_DIR}/")]
    assert package_uri("act-without-approval") in exported and ALL_DECKS in exported
    assert not [path for path in exported if "a-draft" in path], exported


# ---- make lms: settings and errors ---------------------------------------------------------------


def project_with(tmp_path: Path, mastery_line: str | None) -> Path:
    """A copy of mkdocs.yml with extra.mastery_score's line replaced (None: removed)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    replaced, count = re.subn(r"^  mastery_score: .*\n", "" if mastery_line is None else f"  mastery_score: {mastery_line}\n", text, flags=re.M)
    assert count == 1
    (tmp_path / "mkdocs.yml").write_text(replaced, encoding="utf-8")
    return tmp_path


def test_the_mastery_score_comes_from_mkdocs_yml(tmp_path):
    assert read_settings(project_with(tmp_path, "65")) == ("STAR Interview Study Guide", 65)
    assert read_settings(project_with(tmp_path, None))[1] == MASTERY_DEFAULT


@pytest.mark.parametrize("value", ["eighty", "101", "-1", "80.5", "true", '"80"'])
def test_a_bad_mastery_score_is_one_line_naming_file_field_and_line(tmp_path, value):
    project = project_with(tmp_path, value)
    line = next(n for n, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if "mastery_score:" in text)
    with pytest.raises(LmsError) as error:
        read_settings(project)
    assert re.fullmatch(rf"mkdocs\.yml:{line}: extra\.mastery_score: must be a whole number from 0 to 100, not .+", str(error.value))


def test_make_lms_without_an_offline_zip_says_what_to_run(tmp_path):
    with pytest.raises(LmsError, match=r"no offline zip.*make offline"):
        make_lms(ROOT, tmp_path / "missing.zip", tmp_path / "lms")
    assert not (tmp_path / "lms").exists()


def test_make_lms_refuses_an_offline_zip_without_the_walkthroughs(tmp_path):
    stale = tmp_path / "stale.zip"
    with zipfile.ZipFile(stale, "w") as archive:
        archive.writestr("index.html", "<p>an older site</p>")
    with pytest.raises(LmsError, match=r"has no pages for act-without-approval.*make offline"):
        make_lms(ROOT, stale, tmp_path / "lms")


def test_make_lms_is_a_make_target_after_the_offline_zip():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lms: offline\n\t\$\(PY\) scripts/make_lms\.py$", makefile, re.M)


# ---- What the pages offer ------------------------------------------------------------------------------


def test_the_site_serves_a_stand_in_until_the_real_package(site, walkthrough):
    """So the instructor guide's link resolves in any build; the Pages workflow replaces it."""
    with zipfile.ZipFile(site / package_uri(walkthrough.slug)) as archive:
        assert archive.namelist() == ["README.txt"]
        assert "make lms" in archive.read("README.txt").decode()


def test_the_instructor_guide_links_the_package_and_the_deck_with_import_steps(built_page, walkthrough):
    page = built_page(page_url("instructor", walkthrough.slug))
    exports = page.select_one(".sg-exports")
    hrefs = [a["href"] for a in exports.select("a")]
    for uri in (package_uri(walkthrough.slug), export_uri(walkthrough.slug, "apkg"), ALL_DECKS):
        assert any(href.endswith(uri) for href in hrefs), (uri, hrefs)
    steps = page.find(string=re.compile("Import the SCORM package")).find_parent("p").find_next_sibling("ul")
    names = [item.strong.get_text() for item in steps.select("li")]
    assert names == ["Moodle:", "Canvas:", "Blackboard:", "Brightspace:"]
    assert f"{MASTERY_DEFAULT}%" in page.get_text()


def test_the_guide_offers_the_anki_decks_near_the_quiz(built_page, walkthrough):
    page = built_page(page_url("guide", walkthrough.slug))
    decks = page.select_one("p.sg-decks")
    assert decks is not None and decks.find_previous("h2")["id"] == "quiz"
    links = {a["href"].rsplit("/", 1)[-1]: a["download"] for a in decks.select("a[download]")}
    assert links == {f"{walkthrough.slug}.apkg": f"{walkthrough.slug}.apkg", "star-guide.apkg": "star-guide.apkg"}
