"""Load every walkthrough under data/walkthroughs/, validated, looked up by slug."""

from __future__ import annotations

from pathlib import Path

from .loader import Problem, read_yaml
from .models import Walkthrough
from .rules import RULES_FILE, lint_answers, load_rules
from .validate import check_walkthrough

DATA_DIR = Path("data") / "walkthroughs"


class DataError(Exception):
    """Raised with every problem found in the data, so one run reports them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_cache: dict[tuple, dict[str, Walkthrough]] = {}


def _signature(files: list[Path]) -> tuple:
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def load_catalog(project_dir: Path) -> dict[str, Walkthrough]:
    """All walkthroughs by slug, in slug order; raises DataError listing every problem at once.

    Cached on the files' names, sizes and mtimes: the build hook and the macros share one load,
    and an edit under `make serve` is picked up on the next rebuild.
    """
    project_dir = Path(project_dir)
    files = sorted((project_dir / DATA_DIR).glob("*.yml"))
    rules_file = project_dir / RULES_FILE
    signature = _signature(files + [rules_file] * rules_file.is_file())
    if signature in _cache:
        return _cache[signature]
    # The story rules (data/rules.yml) lint every model answer: each must pass them clean.
    rules, problems = load_rules(project_dir)
    catalog: dict[str, Walkthrough] = {}
    first_file: dict[str, str] = {}
    for path in files:
        display = path.relative_to(project_dir).as_posix()
        doc, read_problems = read_yaml(path, display)
        problems += read_problems
        if doc is None:
            continue
        walkthrough, check_problems = check_walkthrough(doc, path.stem)
        problems += check_problems
        if walkthrough is None:
            continue
        if rules is not None:
            problems += lint_answers(doc, walkthrough, rules)
        if walkthrough.slug in first_file:
            problems.append(
                doc.problem(("slug",), f"duplicate slug '{walkthrough.slug}': {first_file[walkthrough.slug]} has it too")
            )
            continue
        first_file[walkthrough.slug] = display
        catalog[walkthrough.slug] = walkthrough
    if not files:
        problems.append(Problem(DATA_DIR.as_posix(), 1, "", "no walkthrough files (*.yml) found"))
    if problems:
        raise DataError(problems)
    _cache.clear()
    _cache[signature] = catalog
    return catalog
