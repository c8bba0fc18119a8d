"""The package's layers: imports run one way, there is no import cycle, and no module exceeds 600 lines.

Imports are read from the source (``ast``), at any depth in a module, so an import inside a function that dodges
a cycle counts like any other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"

# Lowest first. A module may import modules of its own layer or of a lower one, never of a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_types", "_process", "_atomic", "errors", "budgets", "version", "records"),
    ("text", "divisions", "evidence", "data", "schemas"),
    ("ingest",),
    ("normalize",),
    ("segment",),
    ("pipeline",),
    ("extract",),
    ("analysis",),
    ("compare",),
    ("store",),
    ("evaluate",),
    ("db",),
    ("api",),
    ("web",),
    ("cli", "__main__"),
)
RANK = {name: n for n, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The extractor modules a file imports (absolute names), wherever the import statement stands."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("extractor"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("extractor"):
                if node.module is None or node.level and not node.module:
                    out.update(f"{target}.{a.name}" for a in node.names)
                else:
                    out.add(target)
    return out


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(target: str) -> str | None:
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


GRAPH = {m: {r for t in _imports(p) if (r := _resolve(t)) and r != m} for m, p in MODULES.items()}


def _layer(module: str) -> str:
    return module.split(".")[1] if "." in module else "extractor"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "extractor"))
def test_imports_run_down_the_layers(module: str) -> None:
    own = RANK[_layer(module)]
    upward = sorted(t for t in GRAPH[module] if t != "extractor" and RANK[_layer(t)] > own)
    assert not upward, f"{module} (layer {_layer(module)}) imports a higher layer: {upward}"


def test_no_import_cycle() -> None:
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for t in sorted(GRAPH[m]):
            if seen.get(t) == 1:
                cycle = path[path.index(t):] + [t]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if t not in seen:
                visit(t, path + [t])
        seen[m] = 2

    for m in sorted(GRAPH):
        if m not in seen:
            visit(m, [m])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_under_600_lines(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= 600, f"{module}: {lines} lines"


def test_every_top_level_part_has_a_layer() -> None:
    parts = {_layer(m) for m in MODULES if m != "extractor"}
    assert parts <= set(RANK), sorted(parts - set(RANK))
