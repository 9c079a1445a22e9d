"""One writer per table (docs/ARCHITECTURE.md, "One writer per table"): a recruit row is written
only by recruits/ (its `recruit_*` services), a vacancy only by rematch/vacancies/.

Walks every module of the apps with `ast`, like the layer contract, and flags what plainly writes
one of those rows: a write through the model's manager (`Recruit.objects.filter(...).update(...)`,
`create`, `bulk_create`, ...), building a row (`Recruit(...)`), and `.save()`, `.delete()` or
`setattr()` on a variable named after the model (`recruit`, `recruits`, `vacancy`, ...). It cannot
follow a row through any other name, so a review still matters; it catches the usual shapes.
demo/ seeds and the tests may build rows as they like; migrations are Django's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.portal.test_layers import LAYER_OF, ROOT

MANAGER_WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "update_or_create",
    "get_or_create",
    "delete",
    "raw",
}
ROW_WRITES = {"save", "delete"}


@dataclass(frozen=True)
class Table:
    model: str  # the class name
    names: frozenset[str]  # variables that hold its rows
    owner: str  # the package allowed to write it


TABLES = [
    Table("Recruit", frozenset({"recruit", "recruits"}), "recruits"),
    Table("Vacancy", frozenset({"vacancy", "vacancies"}), "rematch/vacancies"),
]
# Seeding builds rows directly (DESIGN: tests and demo data may use factories and bulk seeds).
EXEMPT = ("demo/",)


def _chain_root(node: ast.expr) -> ast.expr:
    """`Recruit.objects.filter(...).select_for_update()` → the expression it starts from."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _through_manager(node: ast.expr, model: str) -> bool:
    """Does the chain go through `<model>.objects` (or its `_default_manager`)?"""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("objects", "_default_manager")
            and isinstance(node.value, ast.Name)
            and node.value.id == model
        ):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _held_name(node: ast.expr) -> str | None:
    """`recruit` for `recruit` and `request.recruit`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def writes(tree: ast.AST, table: Table) -> Iterator[tuple[int, str]]:
    """(line, what) for each plain write of `table`'s rows in `tree`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == table.model:
            yield node.lineno, f"{table.model}(...)"
        elif isinstance(func, ast.Name) and func.id == "setattr" and node.args:
            if _held_name(node.args[0]) in table.names:
                yield node.lineno, f"setattr({_held_name(node.args[0])}, ...)"
        elif isinstance(func, ast.Attribute):
            if func.attr in MANAGER_WRITES and _through_manager(func.value, table.model):
                yield node.lineno, f"{table.model}.objects....{func.attr}()"
            elif func.attr in ROW_WRITES and _held_name(func.value) in table.names:
                yield node.lineno, f"{_held_name(func.value)}.{func.attr}()"


def _python_files() -> Iterator[str]:
    for app in sorted({*LAYER_OF, "portal"}):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield str(path.relative_to(ROOT))


def _writes_outside_owner(table: Table) -> list[str]:
    found = []
    for path in _python_files():
        if path.startswith((f"{table.owner}/", *EXEMPT)):
            continue
        tree = ast.parse(Path(ROOT / path).read_text())
        found += [f"{path}:{line}: {what}" for line, what in writes(tree, table)]
    return found


def test_only_recruits_writes_a_recruit() -> None:
    found = _writes_outside_owner(TABLES[0])
    assert found == [], "Write recruits through a recruit_* service in recruits/: " + repr(found)


def test_only_the_vacancy_services_write_a_vacancy() -> None:
    found = _writes_outside_owner(TABLES[1])
    assert found == [], "Write vacancies through a vacancy_* service in rematch/vacancies/: " + repr(found)


def test_the_walker_sees_the_usual_shapes() -> None:
    tree = ast.parse(
        "Recruit.objects.filter(pk=1).update(unverified=True)\n"  # 1
        "Recruit.objects.create(given_names='A')\n"  # 2
        "recruit.save(update_fields=['region'])\n"  # 3
        "request.recruit.delete()\n"  # 4
        "setattr(recruit, 'email', '')\n"  # 5
        "Recruit(region_id=1).full_clean()\n"  # 6
        "Recruit.objects.select_for_update().get(pk=1)\n"  # a read
        "recruits = list(Recruit.objects.filter(region_id=1))\n"  # a read
        "recruit.refresh_from_db()\n"  # a read
        "Vacancy.objects.filter(pk=1).update(status='filled')\n"  # another table
    )
    assert sorted(line for line, _ in writes(tree, TABLES[0])) == [1, 2, 3, 4, 5, 6]
    assert [line for line, _ in writes(tree, TABLES[1])] == [10]
