"""A test-only N+1 guard on Django 6.1's fetch modes.

`RAISE_ON_PEERS` is a fetch mode that lets a lone instance load a relation lazily (a detail
page reading `recruit.provider` once is one query, not an N+1) but raises `FieldFetchBlocked`
when the instance came from a queryset of several rows: touching an unloaded relation or
deferred field on one row of a list is the N+1, and the guard names the model and field.
`guard_n_plus_one()` makes it the default fetch mode of every queryset while it is active.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import FieldFetchBlocked
from django.db.models import query
from django.db.models.fetch_modes import FetchMode


class RaiseOnPeers(FetchMode):
    __slots__ = ()

    track_peers = True

    def fetch(self, fetcher: Any, instance: Any) -> None:
        peers = [peer for ref in instance._state.peers if (peer := ref()) is not None]
        if len(peers) > 1:
            raise FieldFetchBlocked(
                f"N+1: {instance.__class__.__qualname__}.{fetcher.field.name} fetched lazily on one of "
                f"{len(peers)} rows; add select_related/prefetch_related/only to the queryset."
            )
        fetcher.fetch_one(instance)

    def __reduce__(self) -> str:
        return "RAISE_ON_PEERS"


RAISE_ON_PEERS = RaiseOnPeers()


@contextmanager
def guard_n_plus_one() -> Iterator[None]:
    """Every queryset built inside the block raises on a lazy load from a list (see the module)."""
    previous = query.DEFAULT_FETCH_MODE
    query.DEFAULT_FETCH_MODE = RAISE_ON_PEERS  # type: ignore[assignment]
    try:
        yield
    finally:
        query.DEFAULT_FETCH_MODE = previous
