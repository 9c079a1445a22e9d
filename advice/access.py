"""Who sees and changes the hub's services, subscriptions and advice threads.

- The region's hub team (leads and hub staff) sees every service, subscription and request of the
  region; hub staff and leads are the advisers (they answer, record time and close); only the lead
  adds services and subscriptions and ends them.
- A provider's admins and staff see their provider's subscriptions and requests, never another
  provider's. A council officer sees the council's own subscriptions and the requests the council
  raised (never a provider's own requests, even about a provider of the area).
- Everyone else (other regions, national, ADASS, recruits, training partners) gets a 404: ADASS
  reads the council requests of its region as counts on its figures page (`advice/figures.py`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from advice.models import AdviceMessage, AdviceRequest, RequestStatus, Service, Subscription
from hubs.access import Scope, fetch_changeable, fetch_visible, scope_for
from hubs.models import LocalAuthority, Region
from providers.models import Provider


def _asker(scope: Scope) -> Q:
    return (
        Q(region_id__in=scope.hub_regions)
        | Q(provider_id__in=scope.providers)
        | Q(local_authority_id__in=scope.council_authorities)
    )


def may_use_advice(user: Any) -> bool:
    """The advice pages are for the hub team, providers' people and council officers."""
    scope = scope_for(user)
    return bool(scope.hub_regions or scope.providers or scope.council_authorities)


def services_visible_to(user: Any) -> QuerySet[Service]:
    scope = scope_for(user)
    provider_regions = Provider.objects.filter(id__in=scope.providers).values("region_id")
    council_regions = LocalAuthority.objects.filter(id__in=scope.council_authorities).values("region_id")
    return Service.objects.filter(
        Q(region_id__in=scope.hub_regions)
        | Q(region_id__in=provider_regions, for_providers=True)
        | Q(region_id__in=council_regions, for_councils=True)
    )


def subscriptions_visible_to(user: Any) -> QuerySet[Subscription]:
    return Subscription.objects.filter(_asker(scope_for(user)))


def subscriptions_managed_by(user: Any) -> QuerySet[Subscription]:
    """The lead's: add and end subscriptions of the region."""
    return Subscription.objects.filter(region_id__in=scope_for(user).lead_regions)


def advice_requests_visible_to(user: Any) -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.filter(_asker(scope_for(user)))


def advice_requests_answered_by(user: Any) -> QuerySet[AdviceRequest]:
    """The advisers of a request: the region's hub staff and leads."""
    return AdviceRequest.objects.filter(region_id__in=scope_for(user).hub_regions)


def advice_requests_open_to(user: Any) -> QuerySet[AdviceRequest]:
    """Requests the user may add a message to: any visible request that is not closed."""
    return advice_requests_visible_to(user).exclude(status=RequestStatus.CLOSED)


def advice_messages_visible_to(user: Any) -> QuerySet[AdviceMessage]:
    return AdviceMessage.objects.filter(request__in=advice_requests_visible_to(user))


def is_adviser(user: Any, request_row: AdviceRequest) -> bool:
    return scope_for(user).is_hub_team(request_row.region_id)


# -- fetches: one per object kind ----------------------------------------------------------------

_REQUEST_RELATED = ("region", "provider", "local_authority", "about_provider", "subscription__service", "raised_by")


def get_advice_request_for_user(request: Any, public_id: UUID) -> AdviceRequest:
    return fetch_visible(advice_requests_visible_to(request.user), public_id, related=_REQUEST_RELATED)


def get_advice_request_for_user_rw(request: Any, public_id: UUID, *, to: str) -> AdviceRequest:
    """`to="reply"`: anyone who sees the open request; `to="answer"` (record time, close): its advisers."""
    visible = advice_requests_visible_to(request.user)
    changeable = advice_requests_open_to(request.user) if to == "reply" else advice_requests_answered_by(request.user)
    return fetch_changeable(visible, changeable, public_id, related=_REQUEST_RELATED)


def get_subscription_for_user_rw(request: Any, public_id: UUID) -> Subscription:
    return fetch_changeable(
        subscriptions_visible_to(request.user),
        subscriptions_managed_by(request.user),
        public_id,
        related=("service", "provider", "local_authority"),
    )


def get_advice_message_for_user(request: Any, public_id: UUID) -> AdviceMessage:
    """A message's attachment is read by whoever reads its thread."""
    return fetch_visible(advice_messages_visible_to(request.user).exclude(stored_name=""), public_id)


def get_region_for_new_subscription(request: Any) -> Region:
    """The lead's region (the first when they lead several)."""
    scope = scope_for(request.user)
    if not scope.lead_regions:
        raise PermissionDenied("Subscriptions are kept by the region's lead.")
    return Region.objects.get(id=min(scope.lead_regions))


def providers_asking_as(user: Any) -> QuerySet[Provider]:
    """The providers the user asks for (their own)."""
    return Provider.objects.filter(id__in=scope_for(user).providers)


def councils_asking_as(user: Any) -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.filter(id__in=scope_for(user).council_authorities)


def providers_of_council_area(user: Any) -> QuerySet[Provider]:
    """The providers a council officer may ask about: those of the officer's council area."""
    return Provider.objects.filter(local_authority_id__in=scope_for(user).council_authorities)
