"""
The shape of the code: the rules README's "Developing" section states, checked.

import-linter (run by `make test` before pytest) checks that imports point down the layers.
These tests check what it does not: no import cycle between files, and no import hidden in a
function to dodge one. An import inside a function is allowed only with a `# late: <reason>`
comment on its line, for one of the REASONS, so the few that remain say why.
"""

import ast
from pathlib import Path

import grimp

PACKAGES = ("commands", "typeclasses", "web", "server", "world")
ROOT = Path(__file__).resolve().parent.parent
# Where in-function imports are looked for: the game and what starts it.
LATE_SCAN = (*PACKAGES, "harness", "bench")
REASONS = (
    # Django's app registry: models (or modules that import them) load only after setup.
    "app registry",
    # The module may be absent: the bench's stock game has no world/.
    "optional",
)


def _cycles(graph, modules):
    """Tarjan's strongly connected components of size > 1 over the direct imports."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_between_files():
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m}
    assert _cycles(graph, modules) == []


def _late_imports():
    """Yield (file, line number, source line) for every import inside a function."""
    for folder in LATE_SCAN:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text()
            lines = source.splitlines()
            seen = set()
            for node in ast.walk(ast.parse(source)):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom) and inner.lineno not in seen:
                        seen.add(inner.lineno)
                        yield path.relative_to(ROOT), inner.lineno, lines[inner.lineno - 1]


def test_every_import_in_a_function_says_why():
    unexplained = [
        f"{path}:{number}: {line.strip()}"
        for path, number, line in _late_imports()
        if not any(f"# late: {reason}" in line for reason in REASONS)
    ]
    assert unexplained == []


def test_imports_in_functions_stay_few():
    # Ceiling, not target: the bench's populate scripts and the management command need the
    # app registry; lower it when one goes, never raise it to hide a knot.
    assert len(list(_late_imports())) <= 30
