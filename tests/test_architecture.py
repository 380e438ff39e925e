"""The layers of macros/ (issue 26): core imports no feature, features import core and each other
without cycles, and only the site layer, the hooks and define_env sit above the features.

Read from the source with `ast`, so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

MACROS = ROOT / "macros"
# Above the features: the registry, the site layer, define_env (macros/__init__.py) and the hooks.
TOP = {"macros", "macros.pages", "macros.site"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, package: str, modules: set[str]) -> set[str]:
    """Every module of `modules` that `source` (a module of `package`) imports, relative imports resolved.

    `from macros import pages` imports macros.pages; the package itself counts only when a name is
    not a module of it (`from macros.core.ids import SECTION_IDS` imports macros.core.ids)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found |= submodules
            if len(submodules) < len(node.names):
                found.add(base)
    return found & modules


def graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in MACROS.rglob("*.py") if "__pycache__" not in path.parts}
    modules = set(paths)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name if path.name == "__init__.py" else name.rpartition(".")[0], modules) - {name}
        for name, path in paths.items()
    }


def layer(module: str) -> str:
    """core, hooks, top, or the feature's name."""
    parts = module.split(".")
    if module in TOP:
        return "top"
    return parts[1]


def test_core_imports_no_feature():
    for module, imported in graph().items():
        if layer(module) == "core":
            assert {layer(i) for i in imported} <= {"core"}, f"{module} imports {sorted(imported)}"


def test_features_import_only_core_and_other_features():
    for module, imported in graph().items():
        if layer(module) not in ("core", "top", "hooks"):
            above = sorted(i for i in imported if layer(i) in ("top", "hooks"))
            assert not above, f"{module} imports {above}, which sit above the features"


def test_no_import_cycle_between_modules_or_features():
    modules = graph()
    features: dict[str, set[str]] = {}
    for module, imported in modules.items():
        features.setdefault(layer(module), set()).update(layer(i) for i in imported if layer(i) != layer(module))
    for edges, what in ((modules, "modules"), (features, "features")):
        state: dict[str, str] = {}

        def visit(node, trail):
            state[node] = "open"
            for following in sorted(edges.get(node, ())):
                assert state.get(following) != "open", f"import cycle between {what}: {' -> '.join([*trail, following])}"
                if following not in state:
                    visit(following, [*trail, following])
            state[node] = "done"

        for node in sorted(edges):
            if node not in state:
                visit(node, [node])


def test_the_check_sees_imports_inside_functions_and_relative_ones():
    """The walker reads imports wherever they are (the old cycles hid in function bodies)."""
    source = "def f():\n    from ..core import schema\n    from macros.quiz import quiz_body\n"
    modules = {"macros.core", "macros.core.schema", "macros.quiz"}
    assert imports_of(source, "macros.guide", modules) == {"macros.core.schema", "macros.quiz"}
