"""Views are named after their page, never after a service, so `grep` for a service finds the service.

A view module is a `views.py`, a `*_views.py` or a module of a `views/` package. A function it
defines may not share its name with a function defined in any other module of the apps (services,
selectors and the rest). Where a URL is named after the service it calls (`recruit_transition`),
its view adds `_view` (`recruit_transition_view`); the URL name stays.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.portal.test_layers import LAYER_OF, ROOT


def _is_views(path: Path) -> bool:
    return path.name == "views.py" or path.name.endswith("_views.py") or "views" in path.parts


def _functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_no_view_shares_its_name_with_another_function() -> None:
    views: dict[str, list[str]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    for app in sorted({*LAYER_OF, "portal"}):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            where = str(path.relative_to(ROOT))
            for name in _functions(path):
                (views if _is_views(path) else others)[name].append(where)
    clashes = [
        f"{name} ({', '.join(views[name])}; also {', '.join(others[name])})"
        for name in sorted(views)
        if name in others and not name.startswith("_")
    ]
    assert not clashes, "Views named like a service or selector: " + "; ".join(clashes)
