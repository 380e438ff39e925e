"""Two builds of the same commit produce a byte-identical site.

The first is the run's own site (tests/conftest.py `site`), the second
runs from a copy of the project in another folder, later, with another hash seed and time zone:
anything taken from the clock, the machine's paths or set/dict ordering shows up as a differing
file. Dates come from SOURCE_DATE_EPOCH (the Makefile sets it from the last commit).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from support import build_env, build_variant, digests

# The commit time both builds get (build_env keeps the Makefile's, or sets one).
EPOCH = build_env()["SOURCE_DATE_EPOCH"]


def built_by_mkdocs(site: Path) -> dict[str, str]:
    """The digests of the files the build writes, but the PDFs: in the run's site make_pdf has
    replaced the build's stand-ins (tests/test_pdf.py reads the real ones)."""
    return {name: digest for name, digest in digests(site).items() if not name.endswith(".pdf")}


def first_difference(a: Path, b: Path) -> str:
    """Where two versions of a text file part ways, briefly; binary files just say so."""
    try:
        left, right = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "binary"
    at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
    return f"at character {at}: {left[max(at - 40, 0):at + 40]!r} vs {right[max(at - 40, 0):at + 40]!r}"


def test_two_builds_are_byte_identical(site, tmp_path):
    first_build, first = site, built_by_mkdocs(site)
    elsewhere = build_variant(tmp_path / "elsewhere", env={
        **build_env(), "PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati"})
    assert elsewhere.ok, f"build failed:\n{elsewhere.output}"
    second_build, second = elsewhere.site, built_by_mkdocs(elsewhere.site)

    assert "index.html" in first and "sitemap.xml.gz" in first, sorted(first)[:20]
    only_first = sorted(set(first) - set(second))
    only_second = sorted(set(second) - set(first))
    differing = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    details = "".join(f"\n  {name}: {first_difference(first_build / name, second_build / name)}" for name in differing)
    assert not (only_first or only_second or differing), (
        f"files that differ: {differing}{details}\nonly in the first build: {only_first}\n"
        f"only in the second build: {only_second}"
    )


def test_sitemap_dates_come_from_source_date_epoch(site):
    """The dates a build writes are the commit's, not the clock's."""
    commit_day = datetime.datetime.fromtimestamp(int(EPOCH), datetime.timezone.utc).date().isoformat()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(part.split("</lastmod>")[0] for part in sitemap.split("<lastmod>")[1:])
    assert dates == {commit_day}, dates
