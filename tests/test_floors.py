"""The package reads floor by floor: every import points down or along its floor, and no two
modules import each other, however indirectly (imports inside functions and for type checking
count: they are dependencies all the same)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator"
# From the ground up; a package's subpackages stand on its floor.
FLOORS = [
    {"generator", "generator.errors", "generator.atomic", "generator.vi", "generator.paths",
     "generator.memo", "generator.spoken"},
    {"generator.campaign"},
    {"generator.posters", "generator.reports"},
    {"generator.content"},
    {"generator.printing"},
    {"generator.importer"},
    {"generator.pipeline"},
    {"generator.plugin", "generator.studio", "generator.cli", "generator.__main__",
     "generator.terminal"},
]


def _modules() -> dict[str, Path]:
    return {".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): path
            for path in PACKAGE.rglob("*.py")}


def _imports(modules: dict[str, Path]) -> Iterator[tuple[str, str, int]]:
    """(importer, imported module, line) for every import of the package's own modules."""
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module \
                    and node.module.split(".")[0] == "generator":
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    yield name, full if full in modules else node.module, node.lineno
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "generator":
                        yield name, alias.name, node.lineno


def _floor(module: str) -> int:
    for parts in (2, 1):
        prefix = ".".join(module.split(".")[:parts])
        for number, floor in enumerate(FLOORS):
            if prefix in floor:
                return number
    raise AssertionError(f"{module} stands on no floor: add it to FLOORS")


def test_every_import_points_down_or_along() -> None:
    modules = _modules()
    upward = [f"{modules[a].relative_to(REPO)}:{line}: {a} (floor {_floor(a)}) imports {b} "
              f"(floor {_floor(b)})"
              for a, b, line in _imports(modules) if _floor(b) > _floor(a)]
    assert not upward, "\n".join(upward)


def test_no_module_imports_itself_back() -> None:
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for a, b, _ in _imports(modules):
        if b in modules and b != a:
            edges[a].add(b)
    circles = [sorted(c) for c in _strongly_connected(edges) if len(c) > 1]
    assert not circles, circles


def _strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def test_the_readme_walks_the_floors_in_order() -> None:
    """The README's layout section names each floor's packages in the floors' order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("From campaign file to site"):]
    places = [section.index(f"`{name.removeprefix('generator.')}/`") for name in
              ("generator.campaign", "generator.posters", "generator.content",
               "generator.printing", "generator.importer", "generator.pipeline")]
    assert places == sorted(places)
