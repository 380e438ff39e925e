"""The build cache (macros/build_cache.py): a rebuild of unchanged sources takes the data layer's output
from .cache/sg-build/, builds the same site byte for byte and imports none of the data layer; any
change to what the data layer reads is a miss, and bad data still stops the build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build_env, copy_project, digests, mkdocs_build

pytestmark = pytest.mark.xdist_group("build-cache")

HIT = "Walkthrough data unchanged since an earlier build"
SLUG = "act-without-approval"
GUIDE = Path("walkthroughs") / SLUG / "index.html"


def build(project: Path, site: Path, *extra: str, **env: str):
    result = mkdocs_build(project, site, *extra, env={**build_env(), **env})
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A copy of the project whose build cache holds an entry for its sources as they are."""
    project = copy_project(tmp_path_factory.mktemp("cached") / "project")
    first = build(project, project.parent / "first")
    assert HIT not in first.stderr, "a fresh copy had nothing cached, yet the build said it had"
    assert list((project / ".cache" / "sg-build").glob("*.pickle")), "the build stored no cache entry"
    return project


@pytest.fixture
def warm_copy(warm, tmp_path) -> Path:
    """A copy of `warm`, cache and all, for one test to change: the key names files by their path in
    the project, so the copy hits the same entry (test_a_cached_build_imports_none_of_the_data_layer)."""
    return Path(shutil.copytree(warm, tmp_path / "project", ignore=shutil.ignore_patterns("__pycache__")))


def first_site(warm: Path) -> Path:
    """What `warm`'s one build made: the site before any change."""
    return warm.parent / "first"


def test_a_rebuild_comes_from_the_cache_and_builds_the_same_site(warm, tmp_path):
    cold = build(warm, tmp_path / "cold", SG_BUILD_CACHE="0")
    assert HIT not in cold.stderr
    cached = build(warm, tmp_path / "cached")
    assert HIT in cached.stderr
    assert digests(tmp_path / "cached") == digests(tmp_path / "cold")


def test_a_cached_build_imports_none_of_the_data_layer(warm_copy, tmp_path):
    result = mkdocs_build(warm_copy, tmp_path / "site", env={**build_env(), "PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    assert HIT in result.stderr, "a copy of a built project missed its cache"
    imported = set(re.findall(r"\|\s+(macros\.\w+)\s*$", result.stderr, re.M))
    assert imported, "no import times were printed"
    assert not imported & {"macros.models", "macros.catalog", "macros.render", "macros.loader"}, imported
    assert "pydantic" not in re.findall(r"\|\s+(\w+)\s*$", result.stderr, re.M)


def edit_yaml(project: Path) -> str:
    path = project / "data" / "walkthroughs" / f"{SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"^title: .+$", "title: Edited since the cached build", text, count=1, flags=re.M)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    return "Edited since the cached build"


def edit_template(project: Path) -> str:
    path = project / "macros" / "templates" / "guide.md.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\nA template line added since the cached build.\n", encoding="utf-8")
    return "A template line added since the cached build."


def edit_code(project: Path) -> str:
    path = project / "macros" / "render.py"
    text = path.read_text(encoding="utf-8")
    edited = text.replace('return f"{seconds // 60}:{seconds % 60:02d}"', 'return f"{seconds // 60}m{seconds % 60:02d}"')
    assert edited != text, "format_seconds changed: update this edit"
    path.write_text(edited, encoding="utf-8")
    return "2m"  # speaking times on the guide page, e.g. "2m29"


@pytest.mark.parametrize("edit", [edit_yaml, edit_template, edit_code], ids=["walkthrough", "template", "code"])
def test_a_change_to_what_the_data_layer_reads_rebuilds_it(warm, warm_copy, tmp_path, edit):
    marker = edit(warm_copy)
    result = build(warm_copy, tmp_path / "after")
    assert HIT not in result.stderr
    assert marker in (tmp_path / "after" / GUIDE).read_text(encoding="utf-8")
    assert marker not in (first_site(warm) / GUIDE).read_text(encoding="utf-8")


def test_another_site_url_is_another_entry(warm, tmp_path):
    result = build(warm, tmp_path / "site", SITE_URL="https://example.org/guide/")
    assert HIT not in result.stderr
    embed = "https://example.org/guide/embed/"  # the embed snippets' iframe URLs are absolute
    assert embed in (tmp_path / "site" / GUIDE).read_text(encoding="utf-8")


def test_bad_data_after_a_cached_build_still_stops_it(warm_copy, tmp_path):
    path = warm_copy / "data" / "walkthroughs" / f"{SLUG}.yml"
    path.write_text(re.sub(r"^slug: .+$", "slug: Not A Slug", path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    result = mkdocs_build(warm_copy, tmp_path / "after")
    assert result.returncode != 0
    assert re.search(rf"data/walkthroughs/{SLUG}\.yml:\d+: slug: ", result.stderr), result.stderr
    assert "nothing was built" in result.stderr


def test_a_damaged_entry_is_a_miss_not_a_failure(warm, warm_copy, tmp_path):
    for entry in (warm_copy / ".cache" / "sg-build").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    result = build(warm_copy, tmp_path / "after")
    assert HIT not in result.stderr
    assert digests(tmp_path / "after") == digests(first_site(warm))
