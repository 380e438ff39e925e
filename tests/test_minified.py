"""The scripts the site serves are the programs in docs/assets/sg/, minified. esbuild, which parses
JavaScript, prints each served file and its source the same way (whitespace dropped, nothing
renamed). rJSmin scans rather than parses: it rewrote the text of a template literal nested in
another (the practice page said "0 sof 45s"), and a change like that fails here, showing the
statement that differs."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest

from support import ROOT

SOURCES = ROOT / "docs" / "assets" / "sg"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"  # from package-lock.json (make test installs it)


def printed(path: Path) -> list[str]:
    result = subprocess.run(
        [ESBUILD, path, "--minify-whitespace", "--log-level=error"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"esbuild cannot parse {path}: {result.stderr}"
    return result.stdout.replace(";", ";\n").splitlines()


@pytest.mark.parametrize("name", sorted(path.name for path in SOURCES.glob("*.js")))
def test_a_served_script_is_its_source_minified(site, name):
    source, served = SOURCES / name, site / "assets" / "sg" / name
    assert len(served.read_bytes()) < len(source.read_bytes()), f"{name} is served as written, not minified"
    diff = list(difflib.unified_diff(printed(source), printed(served), "source", "served", n=0, lineterm=""))
    changed = [line for line in diff[2:] if line[:1] in "+-"]  # past the two file headers
    assert not changed, f"{name}: the minifier changed the program:\n" + "\n".join(changed[:12])
