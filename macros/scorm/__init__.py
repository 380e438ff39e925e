"""SCORM 1.2 packages of the walkthroughs, which an LMS imports, launches and grades: what `make lms`
(scripts/make_lms.py) adds to the offline build for each published walkthrough.

- imsmanifest.xml: ADL SCORM 1.2, one organization and one item, whose resource is the SCO launched at
  LAUNCH_PAGE, with the mastery score and every file of the package.
- LAUNCH_PAGE: the SCO. Its script (docs/assets/sg/scorm.js, bundled as SCRIPT) holds the LMS session
  and it shows the walkthrough's guide page in a frame, whose pages report to it (sco-page.js).

A site build carries a stand-in for each package (exports/<slug>.scorm.zip), so the instructor
guide's link resolves under `make serve`; the Pages workflow puts the real packages in their place.
"""

from __future__ import annotations

import io
import zipfile

from ..core.jinja import render_file
from ..core.schema import Walkthrough
from ..core.urls import export_uri, page_uri
from ..exports import ZIP_DATE

# mkdocs.yml `extra:` key of the percent of the quiz a learner must get right for "passed".
MASTERY_KEY = "mastery_score"
MASTERY_DEFAULT = 80
LAUNCH_PAGE = "launch.html"
SCRIPT = "assets/sg/sg-sco.js"
PACKAGE = "scorm.zip"  # the export kind: exports/<slug>.scorm.zip


def package_uri(slug: str) -> str:
    return export_uri(slug, PACKAGE)


def offline_page(kind: str, slug: str) -> str:
    """A generated page's file in the offline build (no directory URLs: x.md is x.html)."""
    return page_uri(kind, slug).removesuffix(".md") + ".html"


def identifier(walkthrough: Walkthrough) -> str:
    """The manifest's identifier: an XML ID (an NCName), so it may not start with a slug's digit."""
    return f"star-guide-{walkthrough.slug}"


def launch_page(walkthrough: Walkthrough, site_name: str, mastery: int) -> str:
    return render_file(
        "scorm/launch.html.j2",
        title=f"{walkthrough.title} · {site_name}",
        slug=walkthrough.slug,
        mastery=mastery,
        script=SCRIPT,
        start=offline_page("guide", walkthrough.slug),
    )


def manifest(walkthrough: Walkthrough, site_name: str, mastery: int, files: list[str]) -> str:
    """imsmanifest.xml; `files` are every path of the package but the manifest itself."""
    return render_file(
        "scorm/imsmanifest.xml.j2",
        identifier=identifier(walkthrough),
        site_name=site_name,
        title=walkthrough.title,
        mastery=mastery,
        launch=LAUNCH_PAGE,
        files=sorted(files),
    )


def placeholder_package(walkthrough: Walkthrough) -> bytes:
    """What a site build serves at the package's address until the real one is put there."""
    note = (
        f"The SCORM 1.2 package of \"{walkthrough.title}\" is made by `make lms` (scripts/make_lms.py),\n"
        "and the published site carries it here. This copy of the guide was built without it:\n"
        "download the package from the published site, or run `make lms` and take\n"
        f"dist/lms/{walkthrough.slug}.{PACKAGE}.\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("README.txt", date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, note.encode("utf-8"))
    return buffer.getvalue()


def placeholder_packages(walkthroughs: list[Walkthrough]) -> dict[str, bytes]:
    return {package_uri(w.slug): placeholder_package(w) for w in walkthroughs}
