#!/usr/bin/env python3
"""`make lms`: a SCORM 1.2 package per published walkthrough, dist/lms/<slug>.scorm.zip.

Each package is the offline zip (`make offline`: the whole site, working without a server and making
no request to another host) plus three files at its root: imsmanifest.xml, the SCO's launch page
(launch.html, which opens the walkthrough's guide page in a frame) and the launch page's script
(assets/sg/sg-sco.js, docs/assets/sg/scorm.js bundled by esbuild), which reports the quiz to the LMS.
The mastery score comes from mkdocs.yml (`extra.mastery_score`, 80 when unset). Dates are fixed, so
the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from mkdocs.utils.yaml import yaml_load  # noqa: E402

from make_offline import DEFAULT_OUTPUT as OFFLINE_ZIP  # noqa: E402
from make_offline import ESBUILD, WIDGETS_DIR, write_zip  # noqa: E402
from macros.core.problems import DataError  # noqa: E402
from macros.scorm import LAUNCH_PAGE, MASTERY_DEFAULT, MASTERY_KEY, SCRIPT, launch_page, manifest, offline_page  # noqa: E402
from macros.site import load_site  # noqa: E402

CONFIG = "mkdocs.yml"
DEFAULT_OUTPUT = ROOT / "dist" / "lms"
MANIFEST = "imsmanifest.xml"


class LmsError(Exception):
    """The packages cannot be made; the message says why and what to do."""


def read_settings(project: Path) -> tuple[str, int]:
    """The site's name and the mastery score, from mkdocs.yml."""
    path = project / CONFIG
    with path.open(encoding="utf-8") as file:
        config = yaml_load(file)
    value = (config.get("extra") or {}).get(MASTERY_KEY, MASTERY_DEFAULT)
    if type(value) is not int or not 0 <= value <= 100:
        text = path.read_text(encoding="utf-8")
        found = re.search(rf"^\s+{MASTERY_KEY}:", text, re.M)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        raise LmsError(f"{CONFIG}:{line}: extra.{MASTERY_KEY}: must be a whole number from 0 to 100, not {value!r}")
    return config["site_name"], value


def bundle_launch_script(project: Path, output: Path) -> None:
    """scorm.js as one classic script that starts the session as the launch page loads."""
    if not ESBUILD.exists():
        raise LmsError(f"{ESBUILD.relative_to(ROOT)} is missing: run `npm ci` (or `make lms`)")
    result = subprocess.run(
        [str(ESBUILD), "--bundle", "--format=iife", "--charset=utf8", "--log-level=warning",
         "--sourcefile=sg-sco.js", f"--outfile={output}"],
        input='import { launch } from "./scorm.js";\nlaunch();\n',
        cwd=project / WIDGETS_DIR, capture_output=True, text=True,
    )
    if result.returncode:
        raise LmsError(f"bundling the launch page's script failed:\n{result.stderr}")


def make_lms(project: Path = ROOT, offline_zip: Path = OFFLINE_ZIP, output: Path = DEFAULT_OUTPUT) -> dict:
    """Write a package per published walkthrough into `output`; returns what was made, for the log."""
    started = time.perf_counter()
    if not offline_zip.is_file():
        raise LmsError(f"{offline_zip}: no offline zip to start from (run `make offline`, or `make lms`)")
    site_name, mastery = read_settings(project)
    try:
        walkthroughs = list(load_site(project).published.values())
    except DataError as error:
        raise LmsError("\n".join(map(str, error.problems))) from None
    output.mkdir(parents=True, exist_ok=True)
    made = {}
    with tempfile.TemporaryDirectory(prefix="sg-lms-") as scratch:
        package = Path(scratch) / "package"
        with zipfile.ZipFile(offline_zip) as archive:
            archive.extractall(package)
        missing = [w.slug for w in walkthroughs if not (package / offline_page("guide", w.slug)).is_file()]
        if missing:
            raise LmsError(f"{offline_zip} has no pages for {', '.join(missing)}: run `make offline` again")
        bundle_launch_script(project, package / SCRIPT)
        for walkthrough in walkthroughs:
            (package / LAUNCH_PAGE).write_text(launch_page(walkthrough, site_name, mastery), encoding="utf-8")
            files = [path.relative_to(package).as_posix() for path in package.rglob("*")
                     if path.is_file() and path.name != MANIFEST]
            (package / MANIFEST).write_text(manifest(walkthrough, site_name, mastery, files), encoding="utf-8")
            target = output / f"{walkthrough.slug}.scorm.zip"
            write_zip(package, target)
            made[walkthrough.slug] = target
    return {"packages": made, "mastery": mastery, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline", type=Path, default=OFFLINE_ZIP, help="the offline zip to start from (make offline)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the folder to write the packages to")
    args = parser.parse_args(argv)
    try:
        made = make_lms(ROOT, args.offline.resolve(), args.output.resolve())
    except LmsError as error:
        print(f"make_lms: {error}", file=sys.stderr)
        return 1
    for slug, path in made["packages"].items():
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {path.stat().st_size / 1e6:.2f} MB")
    print(f"{len(made['packages'])} SCORM 1.2 packages (mastery score {made['mastery']}) in {made['seconds']:.1f} s. "
          "Upload one to an LMS as it is; the instructor guide has the steps.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
