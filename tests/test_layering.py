"""The layering, read from the source: ``channels → agent → tools → knowledge`` with nothing
imported upwards, no import cycle among the packages of ``tools/`` (nor among its modules), and
storage importing no domain. Every import counts, at module level or inside a function; only
``if TYPE_CHECKING:`` imports (annotations) are left out."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["channels", "agent", "tools", "knowledge"]  # each may import the ones after it only


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = {name: path for layer in LAYERS for name, path in _modules(layer).items()}


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def _owner(name: str) -> str | None:
    """The project module that ``name`` refers to (a module, or a name inside one)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str | None] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(_owner(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            targets.update(_owner(f"{base}.{alias.name}") or _owner(base) for alias in node.names)
    return {t for t in targets if t and t != module}


IMPORTS = {module: _imports(module) for module in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _tools_package(module: str) -> str:
    """``tools.career.packs.registry`` → ``tools.career``; ``tools.sharing`` → ``tools.sharing``."""
    return ".".join(module.split(".")[:2])


def test_the_source_was_read() -> None:
    assert "tools.storage.database" in IMPORTS["tools.schema"]
    assert "tools.catalog.records" in IMPORTS["tools.catalog.store"]


@pytest.mark.parametrize("layer", LAYERS)
def test_nothing_imports_upwards(layer: str) -> None:
    above = set(LAYERS[: LAYERS.index(layer)])
    upward = sorted(f"{m} -> {t}" for m, targets in IMPORTS.items() if m.split(".")[0] == layer
                    for t in targets if t.split(".")[0] in above)
    assert upward == []


def test_no_import_cycle_among_tools_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module, targets in IMPORTS.items():
        if module.startswith("tools."):
            graph.setdefault(_tools_package(module), set()).update(
                _tools_package(t) for t in targets if t.startswith("tools.") and _tools_package(t) != _tools_package(module))
    assert _cycles(graph) == []


def test_no_import_cycle_among_tools_modules() -> None:
    graph = {m: {t for t in targets if t.startswith("tools.")} for m, targets in IMPORTS.items() if m.startswith("tools.")}
    assert _cycles(graph) == []


def test_storage_imports_no_domain() -> None:
    """Only ``tools.schema`` knows every table; storage (engine, sessions, migrations) knows none."""
    outside = sorted(f"{m} -> {t}" for m, targets in IMPORTS.items() if m.startswith("tools.storage")
                     for t in targets if t.startswith("tools.") and not t.startswith("tools.storage"))
    assert outside == []
