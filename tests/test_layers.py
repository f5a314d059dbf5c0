"""The package's layers import downward only, and no module imports itself back round a cycle.

Every ``import`` counts, at module level or inside a function: an import deferred to call time
is still a dependency. A module imports its own package and strictly lower layers only, so the
packages of one layer never import each other. Layers, lowest first: the domain model and
errors; shared parsing (card front matter, file classification); licenses (texts and terms);
sources and evidence; frameworks, formats and BOMs; the pipeline (and the linked releases it
reads); the packages for many releases; the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import opengrade

SRC = Path(opengrade.__file__).resolve().parent

LAYERS = {
    "model": 0,
    "errors": 0,
    "parsing": 1,
    "licenses": 2,
    "store": 2,  # parses stored JSON reports into typed values; formats render them
    "sources": 3,
    "evidence": 3,
    "frameworks": 4,
    "formats": 4,
    "bom": 4,
    "linked": 5,
    "pipeline": 6,
    "cli": 8,
    "__main__": 9,
    "__init__": 9,
}
MANY_RELEASES = 7
"""The layer of any other top-level package: the layers for many releases (scan,
policy...) sit on the pipeline and below the CLI, and may use each other (never in a cycle)."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(["opengrade", *parts])


def _imports(path: Path, known: set[str]) -> set[str]:
    """The opengrade modules ``path`` imports (``from pkg import module`` names the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("opengrade"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("opengrade"):
                continue
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
    return {name for name in found if name in known}


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in SRC.rglob("*.py")}
    known = set(paths)
    return {name: _imports(path, known) - {name} for name, path in paths.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(module: str) -> int:
    return LAYERS.get(_top(module), MANY_RELEASES)


def _allowed(module: str, target: str) -> bool:
    if _top(module) == _top(target) or _layer(target) < _layer(module):
        return True
    return _layer(module) == _layer(target) == MANY_RELEASES


def test_the_layers_named_here_exist() -> None:
    assert set(LAYERS) <= {_top(module) for module in _graph()}


def test_layers_import_downward_only() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in targets
        if not _allowed(module, target)
    )
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []
