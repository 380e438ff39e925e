#!/usr/bin/env python3
"""`make offline`: a zip of the site that works opened from file://, search and widgets included.

Builds the site a second time with mkdocs.offline.yml (Material's offline plugin switched on),
writes the two scripts that config names into the build (the iframe-worker shim from the pinned npm
package, and one classic script bundling the widget loader with every widget, made by esbuild),
copies the cheat-sheet PDFs from the online build (`make pdf` made them; `--pdfs-from site`),
refuses a build that would still load anything from another host, and zips it with fixed dates.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import yaml

ROOT = Path(__file__).resolve().parent.parent
OFFLINE_CONFIG = "mkdocs.offline.yml"
DEFAULT_OUTPUT = ROOT / "dist" / "star-study-guide-offline.zip"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
LOADER = ROOT / "scripts" / "offline_loader.js"
WIDGETS_DIR = Path("docs") / "assets" / "sg"
# Useless from file://: 404.html links by absolute path, the sitemaps list the online URLs, and
# source maps (over half the bytes) only serve someone debugging Material's own bundle.
DROPPED = ("404.html", "sitemap.xml", "sitemap.xml.gz", "**/*.map")
# Elements whose URL a browser fetches while loading the page (rel=canonical only names one).
FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "manifest"}
SHIM_NOTICE = (
    "/* iframe-worker {version} (https://github.com/squidfunk/iframe-worker), MIT License,\n"
    "   Copyright (c) 2020-2022 Martin Donath. A Worker shim for file:// pages. */\n"
)


class OfflineError(Exception):
    """The offline copy cannot be made; the message says why and what to do."""


def offline_targets(project: Path) -> tuple[str, str]:
    """Where mkdocs.offline.yml expects the shim and the loader bundle, relative to the site."""
    config = yaml.safe_load((project / OFFLINE_CONFIG).read_text(encoding="utf-8"))
    (shim,) = [url for url in config["extra"]["polyfills"] if "iframe-worker" in url]
    (loader,) = config["extra_javascript"]
    return shim, loader


def build_site(project: Path, site: Path) -> None:
    env = dict(os.environ, SG_OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", OFFLINE_CONFIG, "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        raise OfflineError(f"the offline build failed:\n{result.stdout}{result.stderr}")


def widget_names(site: Path) -> list[str]:
    """Every widget some page asks for (data-sg-module), as the online loader would import them."""
    names = set()
    for page in site.rglob("*.html"):
        names.update(re.findall(r'data-sg-module="([^"]*)"', page.read_text(encoding="utf-8")))
    bad = sorted(name for name in names if not re.fullmatch(r"[a-z-]+", name))
    if bad:
        raise OfflineError(f"unexpected widget names (want [a-z-]+): {', '.join(bad)}")
    return sorted(names)


def bundle_loader(project: Path, names: list[str], output: Path) -> None:
    """One classic script: the offline loader with each widget module (and what it imports) inlined."""
    if not ESBUILD.exists():
        raise OfflineError(f"{ESBUILD.relative_to(ROOT)} is missing: run `npm ci` (or `make offline`)")
    imports = "".join(f'import * as widget{i} from "./{name}.js";\n' for i, name in enumerate(names))
    table = ", ".join(f"{json.dumps(name)}: widget{i}" for i, name in enumerate(names))
    # A relative path keeps the bundle's source comments free of this machine's directories.
    loader = Path(os.path.relpath(LOADER, project / WIDGETS_DIR)).as_posix()
    entry = f"{imports}import {{ start }} from {json.dumps(loader)};\nstart({{ {table} }});\n"
    result = subprocess.run(
        [str(ESBUILD), "--bundle", "--format=iife", "--charset=utf8", "--log-level=warning",
         "--sourcefile=sg-offline.js", f"--outfile={output}"],
        input=entry, cwd=project / WIDGETS_DIR, capture_output=True, text=True,
    )
    if result.returncode:
        raise OfflineError(f"bundling the widgets failed:\n{result.stderr}")


def copy_shim(output: Path) -> None:
    if not SHIM.exists():
        raise OfflineError(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` (or `make offline`)")
    version = json.loads((SHIM.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    output.parent.mkdir(parents=True, exist_ok=True)
    # The shim ships minified without its licence; MIT asks that the notice travel with the copy.
    output.write_text(SHIM_NOTICE.format(version=version) + SHIM.read_text(encoding="utf-8"), encoding="utf-8")


def external_fetches(site: Path) -> list[str]:
    """Every URL on another host that a page of the site would fetch as it loads."""
    found = []
    for page in sorted(site.rglob("*.html")):
        tree = lxml.html.fromstring(page.read_bytes())
        urls = [element.get(attr) for name, attr in FETCHED.items() for element in tree.iter(name) if element.get(attr) is not None]
        urls += [link.get("href") for link in tree.iter("link")
                 if link.get("href") is not None and FETCHED_LINK_RELS & set((link.get("rel") or "").split())]
        found += [f"{page.relative_to(site).as_posix()}: {url}" for url in urls if urlsplit(url).netloc]
    return found


def write_zip(site: Path, output: Path) -> None:
    """A reproducible zip: sorted entries, one date (SOURCE_DATE_EPOCH), written whole or not at all."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0), 315532800)  # zip dates start in 1980
    date = time.gmtime(epoch)[:6]
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(site).as_posix(), date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(output)


def copy_pdfs(source: Path, site: Path) -> int:
    """The PDFs of a built online site, at the same paths: they do not depend on the URL style."""
    pdfs = sorted(source.rglob("*.pdf"))
    for pdf in pdfs:
        target = site / pdf.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    return len(pdfs)


def make_offline(project: Path = ROOT, output: Path = DEFAULT_OUTPUT, pdfs_from: Path | None = None) -> dict:
    """Build the offline zip of `project` at `output`; returns what was made, for the log line."""
    started = time.perf_counter()
    shim_target, loader_target = offline_targets(project)
    with tempfile.TemporaryDirectory(prefix="sg-offline-") as scratch:
        site = Path(scratch) / "site"
        build_site(project, site)
        for pattern in DROPPED:
            for path in site.glob(pattern):
                path.unlink()
        copy_shim(site / shim_target)
        bundle_loader(project, widget_names(site), site / loader_target)
        pdfs = copy_pdfs(pdfs_from, site) if pdfs_from else 0
        outside = external_fetches(site)
        if outside:
            raise OfflineError("the offline copy would load from another host:\n" + "\n".join(outside))
        pages = len(list(site.rglob("*.html")))
        write_zip(site, output)
    return {"output": output, "pages": pages, "pdfs": pdfs, "bytes": output.stat().st_size,
            "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the zip to write")
    parser.add_argument("--pdfs-from", type=Path, metavar="SITE", help="a built site whose PDFs to include (make pdf)")
    args = parser.parse_args(argv)
    if args.pdfs_from and not args.pdfs_from.is_dir():
        parser.error(f"--pdfs-from {args.pdfs_from}: no such folder (run `make pdf` first)")
    try:
        made = make_offline(ROOT, args.output.resolve(), args.pdfs_from and args.pdfs_from.resolve())
    except OfflineError as error:
        print(f"make_offline: {error}", file=sys.stderr)
        return 1
    shown = made["output"].relative_to(ROOT) if made["output"].is_relative_to(ROOT) else made["output"]
    print(f"{shown}: {made['pages']} pages, {made['pdfs']} PDFs, {made['bytes'] / 1e6:.2f} MB, "
          f"in {made['seconds']:.1f} s. Unzip it and open index.html; it makes no request to any other host.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
