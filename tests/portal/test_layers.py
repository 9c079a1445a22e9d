"""The dependency contract (docs/ARCHITECTURE.md, "Layers"): imports point down the layers only.

Walks every module's imports with `ast` (import-linter is not installed). Imports under
`if TYPE_CHECKING:` are type hints, not dependencies, and are left out, except for `hubs/`, which
imports no feature app at all. `portal/` (settings, URLs, the home page, shared pieces) may import
anything and is imported by everything. Migrations are Django's, not ours.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import its own layer's app and the layers below it; apps sharing a
# layer may not import each other. Rematching sits above training (a worker's job passport shows
# their certificates) and below compliance (a case opens rematch requests for its workers);
# pastoral support reads the recruit's training plan for the booklet, so it sits above training.
LAYERS: list[set[str]] = [
    {"hubs"},
    {"accounts"},
    {"accesslog"},
    {"practice"},
    {"notifications"},
    {"providers"},
    {"recruits"},
    {"invitations"},
    {"training"},
    {"pastoral"},
    {"rematch"},
    {"advice"},
    {"compliance"},
    {"campaigns"},
    {"demo"},
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
FEATURE_APPS = set().union(*LAYERS) - {"hubs"}

# Known upward imports (importing file, imported module). Each is a debt to pay, not a pattern to
# copy: a new upward import fails the test, and paying a debt means deleting its line here.
DEBTS: set[tuple[str, str]] = set()  # all paid (issues 14 and 21): keep it that way


def _python_files() -> Iterator[tuple[str, str]]:
    for app in sorted(LAYER_OF):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, str(path.relative_to(ROOT))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST, *, type_only: bool) -> Iterator[str]:
    """The absolute modules imported under `node`; `type_only` includes `if TYPE_CHECKING:` blocks."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child) and not type_only:
            yield from (module for stmt in child.orelse for module in _imports(stmt, type_only=False))
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
            yield child.module
        yield from _imports(child, type_only=type_only)


def _imports_of(path: str, *, type_only: bool = False) -> set[str]:
    return set(_imports(ast.parse((ROOT / path).read_text()), type_only=type_only))


def _upward_imports() -> set[tuple[str, str]]:
    found = set()
    for app, path in _python_files():
        for module in _imports_of(path):
            target = module.split(".")[0]
            if target == app or target not in LAYER_OF:
                continue
            if LAYER_OF[target] >= LAYER_OF[app]:
                found.add((path, module))
    return found


def test_hubs_imports_no_feature_app() -> None:
    offending = {
        (path, module)
        for app, path in _python_files()
        if app == "hubs"
        for module in _imports_of(path, type_only=True)
        if module.split(".")[0] in FEATURE_APPS - {"accounts"}
    }
    assert offending == set()


def test_hubs_imports_accounts_for_type_hints_only() -> None:
    offending = {
        (path, module)
        for app, path in _python_files()
        if app == "hubs"
        for module in _imports_of(path)
        if module.split(".")[0] in FEATURE_APPS
    }
    assert offending == set()


def test_imports_point_down_the_layers() -> None:
    new = _upward_imports() - DEBTS
    assert new == set(), "Upward imports (see docs/ARCHITECTURE.md, Layers): " + repr(sorted(new))


def test_every_listed_debt_still_exists() -> None:
    paid = DEBTS - _upward_imports()
    assert paid == set(), "These debts are paid: delete them from DEBTS. " + repr(sorted(paid))


def test_the_walker_sees_lazy_and_type_only_imports() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from recruits.models import Recruit\n"
        "def f():\n    from training.models import Cohort\n"
    )
    assert set(_imports(tree, type_only=False)) == {"typing", "training.models"}
    assert set(_imports(tree, type_only=True)) == {"typing", "training.models", "recruits.models"}
