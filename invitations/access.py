"""Who may see invitations, built from the tenancy's `Scope`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hubs.access import fetch_visible, scope_for
from hubs.roles import Role
from invitations.models import Invitation, InvitationQuerySet


def invitations_visible_to(user: Any) -> InvitationQuerySet:
    scope = scope_for(user)
    return Invitation.objects.filter(  # type: ignore[return-value]
        Q(region_id__in=scope.lead_regions)
        | Q(region_id__in=scope.staff_regions, invited_by_id=scope.user_id)
        | Q(provider_id__in=scope.admin_providers, role=Role.PROVIDER_STAFF)
    )


def get_invitation_for_user(request: Any, public_id: Any) -> Invitation:
    return fetch_visible(invitations_visible_to(request.user), public_id)
