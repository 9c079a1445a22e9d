"""Invitations: the only way into the portal."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.models import LocalAuthority, Region, TrainingPartner
from hubs.roles import INVITABLE_BY, SCOPE_OF_ROLE, Role
from hubs.services import role_grant
from invitations.models import Invitation, hash_token
from providers.models import Provider
from recruits.models import Recruit


class InvitationError(Exception):
    """An invitation link that cannot be used, with the reason to show the person."""


def roles_invitable_by(user: User) -> set[Role]:
    if user.is_superuser:
        return set(Role)
    roles: set[Role] = set()
    for role in scope_for(user).roles:
        roles |= INVITABLE_BY.get(role, set())
    return roles


def _region_of(scope_object: models.Model | None) -> Region | None:
    if scope_object is None or isinstance(scope_object, Region):
        return scope_object
    assert isinstance(scope_object, (LocalAuthority, Provider, Recruit, TrainingPartner))
    return scope_object.region


def may_invite(*, actor: User, role: Role, scope_object: models.Model | None) -> bool:
    if actor.is_superuser:
        return True
    scope = scope_for(actor)
    if role == Role.PROVIDER_STAFF:
        return scope_object is not None and scope.is_provider_admin(scope_object.pk)
    region = _region_of(scope_object)
    if region is None:
        return False
    if role in INVITABLE_BY[Role.LEAD] and scope.is_lead(region.pk):
        return True
    return role in INVITABLE_BY[Role.HUB_STAFF] and region.pk in scope.staff_regions


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    email: str,
    role: Role,
    scope_object: models.Model | None,
    name: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns the invitation and the raw token."""
    role = Role(role)
    expected = SCOPE_OF_ROLE[role]
    if (expected is None) != (scope_object is None):
        raise ValidationError(f"A {role.label} invitation needs a {expected or 'no'} scope.")
    if not may_invite(actor=actor, role=role, scope_object=scope_object):
        raise PermissionDenied("You cannot invite someone to that role here.")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(f"{email} already has an account; grant the role from their account instead.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        name=name,
        role=role,
        region=_region_of(scope_object),
        local_authority=scope_object if isinstance(scope_object, LocalAuthority) else None,
        provider=scope_object if isinstance(scope_object, Provider) else None,
        recruit=scope_object if isinstance(scope_object, Recruit) else None,
        training_partner=scope_object if isinstance(scope_object, TrainingPartner) else None,
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        invited_by=actor if actor.pk else None,
    )
    transaction.on_commit(lambda: _send_invitation_email(invitation, token))
    return invitation, token


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


def _send_invitation_email(invitation: Invitation, token: str) -> None:
    context = {"invitation": invitation, "url": invitation_url(token)}
    send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}You are invited to the IR Hub Portal",
        message=render_to_string("invitations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link points at, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("region", "provider", "local_authority", "recruit", "training_partner")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.accepted_at:
        raise InvitationError("This invitation has already been used. Sign in with your email and password.")
    if invitation.revoked_at:
        raise InvitationError("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("This invitation has expired. Ask the person who invited you to send a new one.")
    return invitation


def invitation_accept(*, token: str, name: str, password: str) -> User:
    """Create the account, grant the role and mark the invitation used, all or nothing."""
    with transaction.atomic():
        invitation = invitation_for_token(token)
        # Lock the row so that two clicks on the same link cannot both create an account.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise InvitationError("This invitation has already been used. Sign in with your email and password.")
        user = User(email=invitation.email, name=name.strip())
        validate_password(password, user)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise InvitationError(
                "An account with this email address already exists. Sign in, or reset your password."
            ) from None
        role_grant(user=user, role=Role(invitation.role), scope_object=invitation.scope_object)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    if invitation.accepted_at:
        raise ValidationError("This invitation has already been accepted.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
