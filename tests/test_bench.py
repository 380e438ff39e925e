"""`make bench` as anyone would rerun it: the build, search-index and `make serve` parts run end to
end and print their tables (Lighthouse needs bench/'s own npm install, so `make bench` alone runs it)."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT, build_env


def test_the_benchmark_runs_and_prints_its_tables():
    result = subprocess.run(
        # One timed build each and no warm-up round: this checks the script runs, it measures nothing.
        # Two walkthroughs: a scaled project, which drops principles' links to the walkthroughs it lacks.
        [sys.executable, "scripts/bench.py", "--scales", "2", "--runs", "1", "--small-repeat", "1",
         "--warm-ups", "0", "--serve-walkthroughs", "1", "--skip", "lighthouse"],
        cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    tables = {}
    for block in result.stdout.split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("| "):
            tables[lines[0]] = [line.split(" | ") for line in lines[2:]]
    assert len(tables) == 4, result.stdout  # build ratios, scaling, search index, make serve
    builds, scaling, search, serve = tables.values()
    assert [row[0].strip("| ") for row in builds] == ["2"]
    assert [row[0].strip("| ") for row in scaling] == ["2"]
    for row in builds:  # the static twin builds the same site, every file byte for byte
        assert len(row) == 9, row  # static, macros-alone and data builds, with their ratios
        identical, total = row[2].split("/")
        assert identical == total and int(total) > 0, row
    sizes = {row[0].strip("| "): float(row[2].strip("*| KiB")) for row in search}
    assert sizes["2"] > 0, search
    assert len(serve) == 3, serve  # the static Markdown edit, then the YAML and docs/ page edits against it
    for row in serve:
        assert 0 < float(row[-1].strip("*| ")) < 10, row
