"""The test suite's own layout: helpers live in tests/support/, and no test imports another test file
(a test module imported by another runs its module-level code twice and couples unrelated tests).

Read from the source with `ast`, so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

TESTS = ROOT / "tests"


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def is_test_module(name: str) -> bool:
    """A module pytest collects or loads itself: test_*.py, *_test.py and conftest.py."""
    return name.startswith("test_") or name.endswith("_test") or name == "conftest"


def imported_test_modules(source: str) -> list[str]:
    """Every imported module that is a test module, by its dotted name (`from browser.test_a11y import x`
    names browser.test_a11y; `from . import test_x` and `from support import x` are read alike)."""
    def is_test(name: str) -> bool:
        return any(is_test_module(part) for part in name.split("."))

    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if is_test(alias.name)}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if base and is_test(base):
                found.add(base)
            else:
                found |= {name for alias in node.names if is_test(name := f"{base}.{alias.name}".lstrip("."))}
    return sorted(found)


def test_no_test_file_imports_another_test_file():
    offenders = {
        path.relative_to(ROOT).as_posix(): found
        for path in python_files()
        if (found := imported_test_modules(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"test files imported by other files (move what they share to tests/support/): {offenders}"


def test_every_helper_module_is_in_support():
    """Outside tests/support/, every Python file is a test module or a conftest."""
    stray = [
        path.relative_to(ROOT).as_posix()
        for path in python_files()
        if "support" not in path.relative_to(TESTS).parts and not is_test_module(path.stem)
    ]
    assert not stray, f"helper modules outside tests/support/: {stray}"


def test_the_check_sees_every_form_of_import():
    """The walker catches each way a test module could be imported, and passes what is allowed."""
    source = (
        "import test_site\n"
        "from test_validation import SEED\n"
        "def f():\n    from browser.test_a11y import tab\n"
        "from . import test_quiz\n"
        "from support import WALKTHROUGHS\n"
        "from support.data import line_of\n"
        "from macros.core.validate import guide_anchors\n"
    )
    assert imported_test_modules(source) == ["browser.test_a11y", "test_quiz", "test_site", "test_validation"]
