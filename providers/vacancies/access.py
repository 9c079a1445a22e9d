"""Who may see and change vacancies (rematching, issue 5; moves with this package in issue 21)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hubs.access import scope_for
from providers.vacancies.models import Vacancy


def vacancies_visible_to(user: Any) -> QuerySet[Any]:
    """The region's hub team and the provider's own people."""
    scope = scope_for(user)
    return Vacancy.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))


def vacancies_editable_by(user: Any) -> QuerySet[Any]:
    return vacancies_visible_to(user)
