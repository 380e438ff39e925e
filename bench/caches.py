"""Issue 26, part 3: what each cache and shortcut the restructure removed saved, measured on the tree
before it (b59f91d), each switched off with the smallest change, in alternated runs against that tree
as it was. Not part of `make bench` (the code it measures is gone); rerun it with

    .venv/bin/python -m bench.caches [--runs 3] [--build-walkthroughs 100] [--serve-walkthroughs 5]
    .venv/bin/python -m bench.caches --skip builds,serve --ratios-at 10,100   # before/after only

Every variant builds with the build cache off (SG_BUILD_CACHE=0) except "build cache", which is the
old tree as a rebuild of unchanged sources found it (warm). So "with" and "without" differ by one thing:
  - build cache: with = the tree as it was (warm entry); without = SG_BUILD_CACHE=0 (the baseline);
  - every other cache: with = the baseline; without = the baseline with that one change.
A cache is kept only if it saves at least 10% of a 100-walkthrough build, or at least 0.3 s on
`make serve`'s save-to-reload (a walkthrough's YAML edited, or a hand-written docs/ page).

--ratios-at also times, alternated in one run, the build against its static Markdown twin before
the restructure (without its build cache, and with it warm) and after it: the ratios `make bench`
reports, for the two trees side by side; and the tree after it with each of the two changes that
its profile points at (NEW_TREE_CHANGES), to say what bringing either back would buy.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from statistics import median

from . import projects, timing

OLD = "b59f91d"
NO_BUILD_CACHE = {"SG_BUILD_CACHE": "0"}

# Each cache switched off: (file under macros/, its text as it was, its text without the cache).
MTIME_CACHES = {
    "catalog mtime cache": [("catalog.py", "    if signature in _cache:\n        return _cache[signature]\n", "")],
    "rubric mtime cache": [(
        "rubric.py",
        "    if key not in _kits:\n        _kits.clear()\n        _kits[key] = _read_kit(Path(project_dir))\n    return _kits[key]\n",
        "    return _read_kit(Path(project_dir))\n",
    )],
    "rules mtime cache": [("rules.py", "@cache\ndef _load(", "def _load(")],
    "inlined-CSS mtime cache": [("styles.py", "    if key not in _cache:\n", "    _cache.clear()\n    if key not in _cache:\n")],
}
WITHOUT: dict[str, list[tuple[str, str, str]]] = {
    "fragment cache": [(
        "render.py",
        "        key = (id(w), posixpath.dirname(here))\n"
        "        if key not in self._done or self._done[key][0] is not w:\n"
        "            self._done[key] = (w, Markup(render(\"quiz_body.md.j2\", w=w, here=here)))\n"
        "        return self._done[key][1]\n",
        "        return Markup(render(\"quiz_body.md.j2\", w=w, here=here))\n",
    )],
    "all four mtime caches": [change for changes in MTIME_CACHES.values() for change in changes],
    **MTIME_CACHES,
    "Jinja bytecode cache": [
        ("render.py", "bytecode_cache=bytecode_cache(),", "bytecode_cache=None,"),
        ("exports.py", 'bytecode_cache=bytecode_cache("exports"),', "bytecode_cache=None,"),
    ],
    "md_inline shortcut": [("render.py", "    if not _MARKDOWN_SIGNS.search(text):\n        return Markup(text)\n", "")],
}
BUILD_CACHE = "build cache"

# The two removed speed-ups the new tree's profile points at, as they would come back (file under
# macros/, its text now, its text with the change): markdown parsing is about two thirds of its
# rendering, and the quiz block, rendered for the guide page, the quiz page and the embed view, is
# about two fifths.
NEW_TREE_CHANGES: dict[str, list[tuple[str, str, str]]] = {
    "md_inline shortcut": [(
        "core/text.py",
        '    html = _markdown.reset().convert(markdown_text(text))\n',
        '    if not re.search(r"[*_\\[\\]`<>&\\\\!#|~\\n]|^[-+>=\\s]|^\\d+[.)]\\s|\\s$", text):\n'
        '        return Markup(text)  # no Markdown sign: the parser would give the text back\n'
        '    html = _markdown.reset().convert(markdown_text(text))\n',
    )],
    "quiz block once per folder": [(
        "quiz/__init__.py",
        '    return render("quiz/body.md.j2", w=walkthrough, view=quiz_view(walkthrough, prefix, session), here=here)\n',
        '    key = (id(walkthrough), here.rsplit("/", 1)[0], prefix, session)  # one process per build: ids are not reused\n'
        '    if key not in _BODIES:\n'
        '        _BODIES[key] = render("quiz/body.md.j2", w=walkthrough, view=quiz_view(walkthrough, prefix, session), here=here)\n'
        '    return _BODIES[key]\n\n\n_BODIES: dict = {}\n',
    )],
}


def old_tree(dest: Path) -> Path:
    """The project files of the tree before the restructure, from git (the repository is not touched)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", OLD, *projects.PROJECT_FILES, "bench"], cwd=projects.ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def patched(project: Path, changes: list[tuple[str, str, str]]) -> Path:
    for name, before, after in changes:
        path = project / "macros" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(before) == 1, f"{name}: the text to change is not there exactly once: {before!r}"
        path.write_text(text.replace(before, after), encoding="utf-8")
    return project


def variants(old: Path, count: int, work: Path, only: list[str]) -> dict[str, tuple[Path, dict[str, str]]]:
    """Projects of `count` walkthroughs by name: (project, extra environment). "baseline" is the old
    tree with its build cache off; BUILD_CACHE is the old tree as it was; the rest, the baseline
    without one cache each (those named in `only`)."""
    made = {"baseline": (projects.scaled_project(work / "baseline", count, old), NO_BUILD_CACHE)}
    if BUILD_CACHE in only:
        made[BUILD_CACHE] = (projects.scaled_project(work / "build-cache", count, old), {})
    for index, (name, changes) in enumerate(WITHOUT.items()):
        if name in only:
            made[name] = (patched(projects.scaled_project(work / f"without-{index}", count, old), changes), NO_BUILD_CACHE)
    return made


def pair(cache: str) -> tuple[str, str]:
    """The projects (by name) with the cache and without it."""
    return (BUILD_CACHE, "baseline") if cache == BUILD_CACHE else ("baseline", cache)


def in_turn(caches: list[str], runs: int):
    """(round, cache, project names in the order to time them): each cache's pair is timed back to back,
    the order switching from one round and one cache to the next, so load on the machine hits both alike."""
    for run in range(runs):
        for index, cache in enumerate(caches):
            first, second = pair(cache)
            yield run, cache, (first, second) if (run + index) % 2 == 0 else (second, first)


def compared(found: dict[str, list[float]]) -> str:
    """'with / without (ratio: median of the pairs' without/with, min to max), saved', medians in seconds."""
    cached, uncached = found["with"], found["without"]
    ratios = [b / a for a, b in zip(cached, uncached)]
    return (f"{median(cached):.2f} s / {median(uncached):.2f} s, **{median(ratios):.2f}** "
            f"({min(ratios):.2f} to {max(ratios):.2f}), saved {median(uncached) - median(cached):+.2f} s")


def table(results: dict) -> str:
    caches = [name for name in (BUILD_CACHE, *WITHOUT) if all(name in found for found in results["timings"])]
    rows = ["| cache | " + " | ".join(results["columns"]) + " |", "| --- |" + " --- |" * len(results["columns"])]
    for cache in caches:
        rows.append(f"| {cache} | " + " | ".join(compared(found[cache]) for found in results["timings"]) + " |")
    return "\n".join(rows)


def bench_builds(made: dict[str, tuple[Path, dict[str, str]]], caches: list[str], runs: int,
                 work: Path) -> dict[str, dict[str, list[float]]]:
    """CPU seconds of builds with and without each cache, pair by pair, `runs` rounds, after one
    untimed build of each project (which fills the build cache's entry and the Jinja bytecode cache,
    as a previous build would have)."""
    for name, (project, env) in made.items():
        timing.build(project, work / "site", **env)
    found = {cache: {"with": [], "without": []} for cache in caches}
    for run, cache, order in in_turn(caches, runs):
        for name in order:
            project, env = made[name]
            measured = timing.build(project, work / "site", **env)
            found[cache]["with" if name == pair(cache)[0] else "without"].append(measured.cpu)
            print(f"    build {run}: {cache}: {name}: {measured.cpu:.2f} s CPU, {measured.wall:.2f} s wall", flush=True)
    return found


def bench_serve(made: dict[str, tuple[Path, dict[str, str]]], caches: list[str], runs: int,
                seed: str) -> dict[str, dict[str, dict[str, list[timing.Timing]]]]:
    """Every project under `mkdocs serve` at once; each pair is timed back to back on an edit of a
    walkthrough's YAML, then on one of the walkthroughs index (docs/): {edit: {cache: {with, without}}}."""
    found = {kind: {cache: {"with": [], "without": []} for cache in caches} for kind in ("yaml", "docs")}
    servers = {name: timing.Served(project, **env) for name, (project, env) in made.items()}
    try:
        for served in servers.values():
            served.__enter__()
        edits = {
            name: {
                "yaml": (f"walkthroughs/{seed}/", timing.description_edit(project / "data" / "walkthroughs" / f"{seed}.yml", "y")),
                "docs": ("walkthroughs/", timing.description_edit(project / "docs" / "walkthroughs" / "index.md", "d")),
            }
            for name, (project, _) in made.items()
        }
        for run, cache, order in in_turn(caches, runs):
            for kind in ("yaml", "docs"):
                for name in order:
                    page, edit = edits[name][kind]
                    measured = servers[name].seconds_to_show(page, edit)
                    found[kind][cache]["with" if name == pair(cache)[0] else "without"].append(measured)
                    print(f"    serve {run}: {cache}: {name}: {kind} edit: {measured.wall:.2f} s wall, "
                          f"{measured.cpu:.2f} s server CPU", flush=True)
    finally:
        for served in servers.values():
            if hasattr(served, "server"):
                served.__exit__(None, None, None)
    return found


def old_static_project(old: Path, data: Path, dest: Path, work: Path) -> Path:
    """The old tree's static Markdown twin of `data`, made by the old tree's own bench/projects.py."""
    subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from bench import projects; "
         "projects.static_project(*map(Path, sys.argv[1:]))", str(data), str(dest), str(work)],
        cwd=old, check=True,
    )
    return dest


def bench_ratios(old: Path, counts: list[int], runs: int, work: Path) -> list[str]:
    """Data build / static twin, in CPU seconds, before (build cache off, and warm) and after the
    restructure, and after it with each of NEW_TREE_CHANGES: all the builds in turn, `runs` rounds
    after an untimed one; per round ratios. The changed trees must build the same site."""
    lines = []
    for count in counts:
        old_data = projects.scaled_project(work / f"old-{count}", count, old)
        new_data = projects.scaled_project(work / f"new-{count}", count)
        builds = {
            "before, no build cache": (old_data, NO_BUILD_CACHE),
            "before, build cache": (old_data, {}),
            "before, static twin": (old_static_project(old, old_data, work / f"old-static-{count}", work / f"old-export-{count}"), {}),
            "after": (new_data, {}),
            "after, static twin": (projects.static_project(new_data, work / f"new-static-{count}", work / f"new-export-{count}"), {}),
        }
        for index, (name, changes) in enumerate(NEW_TREE_CHANGES.items()):
            builds[f"after, with the {name}"] = (patched(projects.scaled_project(work / f"new-{count}-{index}", count), changes), {})
        cpu: dict[str, list[float]] = {name: [] for name in builds}
        for run in range(1 + runs):
            for name, (project, env) in builds.items():
                measured = timing.build(project, work / f"site-{list(builds).index(name)}", **env)
                print(f"    {count} walkthroughs, round {run}: {name}: {measured.cpu:.2f} s CPU, {measured.wall:.2f} s wall", flush=True)
                if run:
                    cpu[name].append(measured.cpu)
        after = list(builds).index("after")
        for name in builds:
            if name.startswith("after, with"):
                changed = work / f"site-{list(builds).index(name)}"
                files = sum(1 for f in changed.rglob("*") if f.is_file())
                same = sum((work / f"site-{after}" / f.relative_to(changed)).is_file()
                           and f.read_bytes() == (work / f"site-{after}" / f.relative_to(changed)).read_bytes()
                           for f in changed.rglob("*") if f.is_file())
                print(f"    {name}: {same} of {files} files as the tree after the restructure builds them", flush=True)
        for name, twin in (("before, no build cache", "before, static twin"), ("before, build cache", "before, static twin"),
                           ("after", "after, static twin"),
                           *((f"after, with the {name}", "after, static twin") for name in NEW_TREE_CHANGES)):
            ratios = [a / b for a, b in zip(cpu[name], cpu[twin])]
            lines.append(f"| {count} | {name} | {median(cpu[name]):.2f} s | {median(cpu[twin]):.2f} s | "
                         f"**{median(ratios):.2f}** ({min(ratios):.2f} to {max(ratios):.2f}) |")
    return ["| walkthroughs | build | data build | its static twin | ratio (spread of the rounds) |",
            "| --- | --- | --- | --- | --- |", *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed rounds of builds and of serve edits")
    parser.add_argument("--build-walkthroughs", type=int, default=100)
    parser.add_argument("--serve-walkthroughs", type=int, default=5)
    parser.add_argument("--skip", default="", help="builds or serve")
    parser.add_argument("--ratios-at", default="", help="walkthrough counts for the before/after build ratios (none by default)")
    parser.add_argument("--json", type=Path, help="also write every timing here")
    parser.add_argument("--only", default=",".join([BUILD_CACHE, *WITHOUT]),
                        help="the caches to measure, comma-separated (default: all of them)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    only = [name.strip() for name in args.only.split(",")]
    unknown = set(only) - {BUILD_CACHE, *WITHOUT}
    if unknown:
        raise SystemExit(f"no such cache: {', '.join(sorted(unknown))}")
    results: dict = {"columns": [], "timings": []}
    with tempfile.TemporaryDirectory(prefix="sg-caches-") as scratch:
        work = Path(scratch)
        old = old_tree(work / "old")
        seed = sorted((old / "data" / "walkthroughs").glob("*.yml"))[0].stem
        if "builds" not in skip:
            print(f"Builds of {args.build_walkthroughs} walkthroughs", flush=True)
            made = variants(old, args.build_walkthroughs, work / "builds", only)
            results["columns"].append(f"build, {args.build_walkthroughs} walkthroughs (CPU)")
            results["timings"].append(bench_builds(made, only, args.runs, work))
        if "serve" not in skip:
            print(f"mkdocs serve with {args.serve_walkthroughs} walkthroughs", flush=True)
            made = variants(old, args.serve_walkthroughs, work / "serve", only)
            found = bench_serve(made, only, args.runs, seed)
            for kind, label in (("yaml", "walkthrough YAML"), ("docs", "docs/ page")):
                for clock in ("cpu", "wall"):
                    results["columns"].append(f"serve, {args.serve_walkthroughs} walkthroughs, {label} edit ({clock})")
                    results["timings"].append({
                        cache: {side: [getattr(t, clock) for t in times] for side, times in sides.items()}
                        for cache, sides in found[kind].items()
                    })
        if args.ratios_at:
            print("Build ratios before and after the restructure", flush=True)
            ratios = bench_ratios(old, [int(n) for n in args.ratios_at.split(",")], args.runs, work)
            print("\n".join(ratios))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if not results["columns"]:
        return
    print("\nEach cell: with / without the cache (medians), the ratio without / with (median of the pairs, "
          "and their spread), and the seconds saved.\n\n" + table(results))


if __name__ == "__main__":
    sys.exit(main())
