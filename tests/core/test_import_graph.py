"""The core's modules form no import circle, and scoring imports nothing from services.

Every ``import`` counts, also those inside functions: a lazy import only hides a circle
from the interpreter, not from the next reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import leaddesk.core

CORE = Path(leaddesk.core.__file__).parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(CORE.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in CORE.rglob("*.py") if "migrations" not in p.parts}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join([*parts[: len(parts) - node.level + 1], base])
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _without_package_inits(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` re-exporting its modules is no circle of logic; leave those edges out."""
    inits = {name for name in graph if (CORE.parent.parent / name.replace(".", "/") / "__init__.py").exists()}
    return {
        name: {t for t in targets if not (name in inits and t.startswith(name + "."))}
        for name, targets in graph.items()
    }


def test_core_has_no_import_circle() -> None:
    assert _cycles(_without_package_inits(_graph())) == []


def test_scoring_imports_nothing_from_services() -> None:
    graph = _graph()
    offenders = {
        name: sorted(t for t in targets if t.startswith("leaddesk.core.services"))
        for name, targets in graph.items()
        if name.startswith("leaddesk.core.scoring")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", ["leaddesk.core.importers", "leaddesk.core.cardscan"])
def test_file_formats_know_no_services(package: str) -> None:
    graph = _graph()
    offenders = {
        name: sorted(t for t in targets if t.startswith("leaddesk.core.services"))
        for name, targets in graph.items()
        if name.startswith(package)
    }
    assert {k: v for k, v in offenders.items() if v} == {}
