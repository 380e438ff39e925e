"""`make bench`: build-time ratios and Lighthouse scores, measured side by side in one run.

1. The data-driven build against plain mkdocs-material building the same pages as static Markdown
   (bench/projects.py writes them out), with 1, 5 (the real site), 10 and 100 walkthroughs (the
   real walkthroughs, then copies of them under new slugs). Beside them, the static twin with
   mkdocs-macros loaded and nothing to do: what the plugin costs just by being in the build, apart
   from the guide's data layer. And the search index each data build wrote, raw and gzipped.
2. Scaling: from the same builds, the cost of each added walkthrough, for both projects.
3. `mkdocs serve` on the real site: seconds from saving an edit until the served page shows it, for
   a walkthrough's YAML and a hand-written docs/ page, against the same edit to the static Markdown.
4. Lighthouse (mobile defaults, system Chromium) on the landing, guide, quiz, cheat-sheet and checker
   pages, the three practice modes, the principles catalog and one principle's page.

Repeated runs, medians; builds and edits alternate between the compared projects so load on the
machine hits both alike. Prints Markdown tables; --readme (make bench BENCH_ARGS=--readme) also
writes them into bench/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import lighthouse, projects, timing  # noqa: E402

SEED_SLUG = projects.SEED.stem
# The pages Lighthouse scores: (label, URL path); a page that is not built is reported, not skipped silently.
LIGHTHOUSE_PAGES = (
    ("landing", ""),
    ("walkthrough", f"walkthroughs/{SEED_SLUG}/"),
    ("quiz", f"walkthroughs/{SEED_SLUG}/quiz/"),
    ("cheat sheet", f"walkthroughs/{SEED_SLUG}/cheat-sheet/"),
    ("checker", "practice/"),
    ("mock interview", "practice/mock/"),
    ("review queue", "practice/review/"),
    ("story bank", "practice/stories/"),
    ("principles", "principles/"),
    # The seed's principle: its page has a walkthrough and story rules of its own to link.
    ("principle", "principles/bias-for-action/"),
)
# The performance notebook: --readme writes the tables between these markers.
README = Path("bench") / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
# Builds of a few seconds are where other load on a shared machine weighs most: up to this many
# walkthroughs, --small-repeat times the build pairs (3 by default).
REPEAT_UP_TO = 10


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"Node {node}; load average {load:.1f} when the run started"
    )


def compare_builds(projects_built: list[Path], runs: int, scratch: Path, warm_ups: int = 1) -> list[list[timing.Timing]]:
    """Each project's build timings, round by round: built in turn (a, b, c, a, b, c, ...) after
    `warm_ups` untimed rounds; build i writes scratch/site-i."""
    results: list[list[timing.Timing]] = [[] for _ in projects_built]
    for run in range(warm_ups + runs):
        for index, project in enumerate(projects_built):
            measured = timing.build(project, scratch / f"site-{index}")
            if run >= warm_ups:  # warm-ups fill the file cache and .pyc files
                results[index].append(measured)
    return results


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def same_site(a: Path, b: Path) -> tuple[int, int]:
    """How many files site `a` has, and how many of them site `b` has byte for byte (pages, sitemap,
    search index, assets: everything); a file only `b` has counts against it too."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    identical = sum((a / p).read_bytes() == (b / p).read_bytes() for p in files_a & files_b)
    return len(files_a), identical - len(files_b - files_a)


def search_index_size(site: Path) -> tuple[int, int]:
    """The search index's bytes as built and gzipped (level 6, as hosts commonly serve it): every
    reader who opens the search box downloads it whole."""
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Scale:
    """The projects built at one walkthrough count: the data-driven one, its static Markdown twin and
    that twin with mkdocs-macros loaded and idle (the floor the plugin sets by being in the build)."""

    count: int
    pages: int
    files: int  # in the data build's site
    identical: int  # of those, how many the static build has byte for byte
    search_index: tuple[int, int]  # the data build's, in bytes: as built, gzipped
    static: timing.Timing  # medians
    data: timing.Timing  # loads, validates and renders every walkthrough, as every build does
    floor: timing.Timing
    ratios: list[float]  # data / static in CPU seconds, round by round (each round's builds alternated)

    def ratio(self) -> str:
        """The median ratio, and the spread of the rounds' ratios."""
        return f"**{median(self.ratios):.2f}** ({min(self.ratios):.2f} to {max(self.ratios):.2f})"


def measure_scales(scales: list[int], runs: int, small_repeat: int, work: Path, warm_ups: int = 1) -> list[Scale]:
    measured = []
    for count in scales:
        data = projects.scaled_project(work / f"data-{count}", count)
        static = projects.static_project(data, work / f"static-{count}", work / f"export-{count}")
        floor = projects.macros_floor_project(static, work / f"floor-{count}")
        print(f"  static Markdown vs data, {count} walkthrough(s) ...", flush=True)
        rounds = compare_builds([data, static, floor], runs * small_repeat if count <= REPEAT_UP_TO else runs, work, warm_ups)
        t_data, t_static, t_floor = (timing.medians(found) for found in rounds)
        ratios = [d.cpu / s.cpu for d, s in zip(rounds[0], rounds[1])]
        files, identical = same_site(work / "site-0", work / "site-1")
        found = same_site(work / "site-0", work / "site-2")
        assert found == (files, files), f"the mkdocs-macros floor built {found[1]} of {files} files alike"
        measured.append(Scale(count, count_pages(work / "site-0"), files, identical,
                              search_index_size(work / "site-0"), t_static, t_data, t_floor, ratios))
        print(f"    data {t_data.cpu:.2f} s, static {t_static.cpu:.2f} s, macros alone {t_floor.cpu:.2f} s (CPU): "
              f"ratio {measured[-1].ratio()}", flush=True)
    return measured


def static_rows(scales: list[Scale]) -> list[list[str]]:
    return [
        [
            f"{s.count}", f"{s.pages}", f"{s.identical}/{s.files}",
            f"{s.static.cpu:.2f} s", f"{s.floor.cpu:.2f} s", f"{s.data.cpu:.2f} s",
            s.ratio(), f"{s.data.wall / s.static.wall:.2f}",
            f"{s.floor.cpu / s.static.cpu:.2f}",
        ]
        for s in scales
    ]


def search_rows(scales: list[Scale]) -> list[list[str]]:
    return [
        [f"{s.count}", f"{s.search_index[0] / 1024:.0f} KiB", f"**{s.search_index[1] / 1024:.0f} KiB**",
         f"{s.search_index[1] / s.count / 1024:.1f} KiB"]
        for s in scales
    ]


def scaling_rows(scales: list[Scale]) -> list[list[str]]:
    """Per walkthrough added between consecutive scales, for the data build and for its static twin:
    the static column shows how much of any growth is MkDocs' and Material's own."""
    rows, first = [], None
    for previous, s in zip([None, *scales], scales):
        cells = ["", "", "", ""]
        if previous:
            added = [(getattr(s, name).cpu - getattr(previous, name).cpu) / (s.count - previous.count)
                     for name in ("data", "static")]
            first = first or added
            cells = [f"{added[0]:.3f} s", f"**{added[0] / first[0]:.2f}**", f"{added[1]:.3f} s",
                     f"**{added[1] / first[1]:.2f}**"]
        rows.append([f"{s.count}", f"{s.pages}", f"{s.data.cpu:.2f} s", f"{s.data.cpu / s.count:.3f} s", *cells])
    return rows


def bench_serve(runs: int, count: int, work: Path) -> list[list[str]]:
    """The site with `count` walkthroughs under `mkdocs serve`, and its static twin: each round edits the
    static Markdown, a walkthrough's YAML and a hand-written docs/ page, in turn, and times each until
    it is served."""
    data = projects.scaled_project(work / "serve-data", count)
    static = projects.static_project(data, work / "serve-static", work / "serve-export")
    guide = f"walkthroughs/{SEED_SLUG}/"
    docs_page = "walkthroughs/index.md"  # calls a macro that lists every walkthrough
    edits = {"static": "static Markdown (guide page)", "yaml": "walkthrough YAML (guide page)",
             "docs": f"`docs/{docs_page}` (walkthroughs index)"}
    measured: dict[str, list[timing.Timing]] = {name: [] for name in edits}
    print(f"  mkdocs serve: {runs} round(s) of edits to the static Markdown, the YAML and a docs/ page ...", flush=True)
    with timing.Served(static) as static_served, timing.Served(data) as data_served:
        rounds = [
            ("static", static_served, guide, timing.description_edit(static / "docs" / guide / "index.md", "m")),
            ("yaml", data_served, guide, timing.description_edit(data / "data" / "walkthroughs" / f"{SEED_SLUG}.yml", "y")),
            ("docs", data_served, "walkthroughs/", timing.description_edit(data / "docs" / docs_page, "d")),
        ]
        for _ in range(runs):
            for name, served, page, edit in rounds:
                measured[name].append(served.seconds_to_show(page, edit))
    t = {name: timing.medians(found) for name, found in measured.items()}
    return [
        [label, f"{t[name].wall:.2f} s", f"{t[name].cpu:.2f} s", f"**{t[name].cpu / t['static'].cpu:.2f}**"]
        for name, label in edits.items()
    ]


def _build_for(project: Path, site: Path, url: str) -> None:
    """A strict build for the address it is served on, so canonical links and the sitemap name this host."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
        cwd=project, env=projects.build_env(SITE_URL=url), capture_output=True, text=True,
    )
    if result.returncode:
        raise SystemExit(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")


def bench_lighthouse(runs: int, work: Path, chrome: str) -> tuple[list[list[str]], list[str]]:
    """Each page of the guide, and the same page's Markdown under stock Material, run alternately."""
    lighthouse.install()
    data = projects.copy_project(work / "lighthouse-project")
    stock = projects.stock_project(
        projects.static_project(data, work / "lighthouse-static", work / "lighthouse-export"), work / "lighthouse-stock"
    )
    ports = {"guide": timing.free_port(), "stock": timing.free_port()}
    urls = {name: f"http://127.0.0.1:{port}/" for name, port in ports.items()}
    _build_for(data, work / "lh-guide", urls["guide"])
    _build_for(stock, work / "lh-stock", urls["stock"])
    rows, notes, indexes = [], [], []
    with lighthouse.serve(work / "lh-guide", ports["guide"]), lighthouse.serve(work / "lh-stock", ports["stock"]):
        for label, path in LIGHTHOUSE_PAGES:
            if not (work / "lh-guide" / path / "index.html").is_file():
                rows.append([label, f"`/{path}`", "not built", "", "", "", ""])
                continue
            print(f"  Lighthouse: {label} ({runs} run(s) each, guide and stock) ...", flush=True)
            reports: dict[str, list[dict]] = {"guide": [], "stock": []}
            for _ in range(runs):
                for name in reports:
                    reports[name].append(lighthouse.audit(urls[name] + path, chrome))
            got = {name: lighthouse.category_medians(found) for name, found in reports.items()}
            indexes += [r["environment"].get("benchmarkIndex", 0) for found in reports.values() for r in found]
            # Every run's performance score beside the medians: on a shared machine one page's score moves
            # by several points from run to run, the stock page's too.
            each = {name: ", ".join(str(lighthouse.scores(r)["performance"]) for r in found) for name, found in reports.items()}
            rows.append([
                label, f"`/{path}`",
                " / ".join(str(got["guide"][name]) for name in lighthouse.CATEGORIES),
                " / ".join(str(got["stock"][name]) for name in lighthouse.CATEGORIES),
                " / ".join(f"{got['guide'][n] - got['stock'][n]:+d}" for n in lighthouse.CATEGORIES),
                each["guide"], each["stock"],
            ])
            notes += [f"{label}: {item}" for item in lighthouse.shortfalls(lighthouse.median_run(reports["guide"]))]
    if indexes:
        notes.append(f"Lighthouse benchmarkIndex of this machine during the runs: median {median(indexes):.0f} "
                     f"(min {min(indexes):.0f}, max {max(indexes):.0f}); Lighthouse's 4x CPU slowdown assumes a fast desktop.")
    return rows, notes


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def write_readme(section: str) -> None:
    readme = ROOT / README
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text.split(README_START, 1)[1]:
        raise SystemExit(f"{README.as_posix()} has no {README_START} ... {README_END} markers")
    before, rest = text.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    readme.write_text(f"{before}{README_START}\n{section}\n{README_END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed builds per configuration (median), and rounds of serve edits")
    parser.add_argument("--small-repeat", type=int, default=3,
                        help=f"times as many builds up to {REPEAT_UP_TO} walkthroughs, where noise weighs most")
    parser.add_argument("--warm-ups", type=int, default=1,
                        help="untimed build rounds first; 0 only to check the script runs")
    parser.add_argument("--scales", default="1,5,10,100",
                        help="walkthrough counts for the build, scaling and search-index tables (5: the real site)")
    parser.add_argument("--serve-walkthroughs", type=int, help="walkthroughs in the served site (default: the real site)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to leave out: static,scaling,search,serve,lighthouse")
    parser.add_argument("--readme", action="store_true", help=f"write the tables into {README.as_posix()}")
    args = parser.parse_args()
    scales = sorted(int(n) for n in args.scales.split(","))
    skip = set(filter(None, args.skip.split(",")))
    chrome = os.environ.get("SG_CHROMIUM") or shutil.which("chromium") or ""
    real = len(list((ROOT / "data" / "walkthroughs").glob("*.yml")))

    sections = [
        f"Measured by `make bench` on {machine()}; medians of {args.runs} builds per configuration "
        f"({args.runs * args.small_repeat} up to {REPEAT_UP_TO} walkthroughs). {real} walkthroughs are the "
        "real site; other counts cycle the real walkthroughs, as themselves and then as copies under new slugs."
    ]
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as scratch:
        work = Path(scratch)
        if not {"static", "scaling", "search"} <= skip:
            print("Data-driven build vs the same pages as static Markdown, at each scale", flush=True)
            scales_measured = measure_scales(scales, args.runs, args.small_repeat, work, args.warm_ups)
        if "static" not in skip:
            sections.append(
                "**Build: data-driven vs plain mkdocs-material on the same pages written out as static Markdown** "
                "(ratio = data / static, in CPU seconds unless marked wall: the median of the rounds' ratios, "
                "and their spread; target at most 1.15, with no cache). "
                "The static twin builds the same site, file for file. data = `make build`: every walkthrough "
                "loaded, validated and rendered. macros alone = the static twin with mkdocs-macros loaded and "
                "nothing for it to do (no module, no page rendered): the floor the plugin on the design card "
                "sets just by being in the build\n\n" + table(
                    ["walkthroughs", "pages", "files byte-identical", "static", "macros alone", "data",
                     "ratio", "ratio (wall)", "macros alone / static"],
                    static_rows(scales_measured),
                )
            )
        if "scaling" not in skip:
            sections.append(
                "**Scaling with walkthroughs**, from the same builds, in CPU seconds (added = per walkthrough "
                "added since the previous row; ratio = that cost against the first step's, 1.00 is flat; "
                "static = the same for the static Markdown twin)\n\n" + table(
                    ["walkthroughs", "pages", "data build", "per walkthrough", "added / walkthrough", "ratio",
                     "static: added / walkthrough", "static: ratio"], scaling_rows(scales_measured),
                )
            )
        if "search" not in skip:
            sections.append(
                "**Search index** (`search/search_index.json`) from the same builds: every full page load downloads "
                "it whole and indexes it, searched or not (Material's search worker starts with the page); "
                "gzipped at level 6, as hosts commonly serve it\n\n"
                + table(["walkthroughs", "as built", "gzipped", "gzipped / walkthrough"], search_rows(scales_measured))
            )
        if "serve" not in skip:
            print("Rebuild under mkdocs serve", flush=True)
            served = args.serve_walkthroughs or real
            rows = bench_serve(args.runs, served, work)
            sections.append(
                f"**`make serve`: save to served page** with {served} walkthroughs"
                f"{' (the real site)' if served == real else ''}, median of "
                f"{args.runs} rounds of alternated edits (a page's description): the guide page's in the "
                "static twin's Markdown, the same in the walkthrough's YAML, and the walkthroughs index's "
                "in its hand-written docs/ page. save to served = wall seconds from the save until the "
                "live-reload request (as an open page makes it) answers and the page shows the edit; "
                "server CPU = the `mkdocs serve` process's CPU seconds meanwhile, less disturbed by other "
                "load; ratio = server CPU against the static edit's\n\n"
                + table(["edit", "save to served", "server CPU", "ratio"], rows)
            )
        if "lighthouse" not in skip:
            if not chrome:
                raise SystemExit("no Chromium: set SG_CHROMIUM (make bench finds one)")
            print("Lighthouse", flush=True)
            rows, notes = bench_lighthouse(args.lighthouse_runs, work, chrome)
            sections.append(
                f"**Lighthouse 12.2.3**, mobile defaults (simulated slow 4G, 4x CPU slowdown), system Chromium, "
                f"served gzipped on 127.0.0.1; median of {args.lighthouse_runs} run(s) per page. Scores are "
                "performance / accessibility / best practices / SEO; stock = the same Markdown under stock "
                "Material (its default theme settings: no overrides, guide CSS or JS, features or palette "
                "toggle; web fonts off)\n\n"
                + table(["page", "path", "guide", "stock Material", "difference", "guide performance, each run",
                         "stock performance, each run"], rows)
                + ("\n\nWhere the guide lost points (median run):\n\n" + "\n".join(f"- {n}" for n in notes) if notes else "")
            )
    section = "\n\n".join(sections)
    print("\n" + section)
    if args.readme:
        write_readme(section)
        print(f"\n{README.as_posix()}: tables updated.")


if __name__ == "__main__":
    main()
