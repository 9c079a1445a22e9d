"""What the apps above providers add to the provider pages, without providers importing them.

A provider's page shows its recruits by status, its reporting duties and its open compliance
case, and the list counts each provider's recruits; but recruits/ and compliance/ sit above
providers/ (a recruit names its provider, a case its provider). So each of them registers, from
its `AppConfig.ready()`, a *panel source* (`register_provider_panels`) and list columns
(`register_provider_column`), and the provider views ask this module what to draw.

A panel is drawn at one of the page's slots: `notice` (under the title), `actions` (the start of
the button group, shown to the hub team and the provider's own people) or `sections` (after the
details), in `order`. Its template is included in the page's context (`provider`, `can_edit`,
`can_change_licence`, `hub_or_own`), with its own values as `panel`. A source runs its queries
only for the panels it returns, so the page's query count is the sum of what it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from providers.models import Provider

Slot = Literal["notice", "actions", "sections"]
SLOTS: tuple[Slot, ...] = ("notice", "actions", "sections")


@dataclass(frozen=True)
class Panel:
    slot: Slot
    order: int
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """A column of the provider list, drawn between the licence and the hub: an annotation on each row."""

    name: str
    header: str
    expression: Callable[[], Any]  # built for each query
    numeric: bool = False


PanelSource = Callable[[Any, Provider], Iterable[Panel]]  # (acting user, provider)

_sources: list[PanelSource] = []
_columns: dict[str, Column] = {}


def register_provider_panels(source: PanelSource) -> None:
    if source not in _sources:
        _sources.append(source)


def register_provider_column(column: Column) -> None:
    _columns[column.name] = column


def provider_panels(*, user: Any, provider: Provider) -> dict[Slot, list[Panel]]:
    panels = sorted((panel for source in _sources for panel in source(user, provider)), key=lambda p: p.order)
    return {slot: [panel for panel in panels if panel.slot == slot] for slot in SLOTS}


def provider_column_annotations() -> dict[str, Any]:
    return {column.name: column.expression() for column in _columns.values()}


def provider_columns() -> list[Column]:
    return list(_columns.values())


def provider_cells(provider: Provider) -> list[tuple[Column, Any]]:
    """The values of the registered columns on a row annotated with `provider_column_annotations()`."""
    return [(column, getattr(provider, column.name)) for column in _columns.values()]
