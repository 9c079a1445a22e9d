"""Training (issue 8): programmes and cohorts are seen by everyone working in their region;
enrolments, evidence, certificates and plans belong to a recruit and are seen by the region's
hub team, the recruit's current provider and the recruit (never council officers or national)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hubs.access import Scope, scope_for
from providers.models import Provider
from recruits.models import Recruit
from training.models import Certificate, Cohort, EnglishEvidence, Enrolment, Programme, Resource


def _training_regions(scope: Scope) -> Q:
    """Regions whose training catalogue the user may browse: hub team, providers' and own region."""
    condition = Q(region_id__in=scope.hub_regions) | Q(
        region_id__in=Provider.objects.filter(id__in=scope.providers).values("region_id")
    )
    if scope.recruit_id is not None:
        condition |= Q(region_id__in=Recruit.objects.filter(id=scope.recruit_id).values("region_id"))
    return condition


def programmes_visible_to(user: Any) -> QuerySet[Any]:
    return Programme.objects.filter(_training_regions(scope_for(user)))


def programmes_editable_by(user: Any) -> QuerySet[Any]:
    return Programme.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_visible_to(user: Any) -> QuerySet[Any]:
    return Cohort.objects.filter(_training_regions(scope_for(user)))


def cohorts_editable_by(user: Any) -> QuerySet[Any]:
    return Cohort.objects.filter(region_id__in=scope_for(user).hub_regions)


def cohorts_registered_by(user: Any) -> QuerySet[Any]:
    """Cohorts whose attendance the user takes: the region's hub team and the cohort's trainer."""
    scope = scope_for(user)
    return Cohort.objects.filter(Q(region_id__in=scope.hub_regions) | Q(trainer_id=scope.user_id or 0))


def _recruit_owned(scope: Scope) -> Q:
    condition = Q(region_id__in=scope.hub_regions) | Q(recruit__provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(recruit_id=scope.recruit_id)
    return condition


def enrolments_visible_to(user: Any) -> QuerySet[Any]:
    return Enrolment.objects.filter(_recruit_owned(scope_for(user)))


def english_evidence_visible_to(user: Any) -> QuerySet[Any]:
    return EnglishEvidence.objects.filter(_recruit_owned(scope_for(user)))


def certificates_visible_to(user: Any) -> QuerySet[Any]:
    return Certificate.objects.filter(_recruit_owned(scope_for(user)))


def recruits_bookable_by(user: Any) -> QuerySet[Recruit]:
    """Whom the user may book onto training: the hub team anyone in the region, a provider its
    own staff, a recruit themself."""
    scope = scope_for(user)
    condition = Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers)
    if scope.recruit_id is not None:
        condition |= Q(id=scope.recruit_id)
    return Recruit.objects.filter(condition)


def training_resources_visible_to(user: Any) -> QuerySet[Any]:
    return Resource.objects.filter(_training_regions(scope_for(user)))


def training_resources_editable_by(user: Any) -> QuerySet[Any]:
    """The hub team edits its region's library; a provider its own placement offers."""
    scope = scope_for(user)
    return Resource.objects.filter(Q(region_id__in=scope.hub_regions) | Q(provider_id__in=scope.providers))
