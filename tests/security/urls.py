"""Enumerate the project's URL patterns that take an object id or a token."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str | None
    route: str
    takes_id: bool


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def all_routes() -> list[Route]:
    routes = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        takes_id = "<" in route or "(?P" in route
        name = f"{namespace}{pattern.name}" if pattern.name else None
        routes.append(Route(name=name, route=route, takes_id=takes_id))
    return routes


def id_routes() -> list[Route]:
    return [route for route in all_routes() if route.takes_id]
