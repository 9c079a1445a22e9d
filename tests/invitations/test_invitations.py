from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from hubs.access import scope_for
from hubs.roles import Role
from invitations import services
from invitations.models import Invitation
from tests.conftest import Cast
from tests.factories import RecruitFactory

NEW_PASSWORD = "a-Long-new-passphrase-42"


def _token_from(mail) -> str:
    match = re.search(r"/invite/([\w-]+)/", mail.body)
    assert match, mail.body
    return match.group(1)


def test_a_lead_invites_hub_staff_and_the_link_is_emailed(
    cast: Cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            actor=cast.lead_a, email="New.Person@Example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
        )
    assert invitation.email == "new.person@example.org"
    assert invitation.region == cast.region_a and invitation.invited_by == cast.lead_a
    assert invitation.token_hash != token  # only the hash is stored
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["new.person@example.org"]
    assert _token_from(mailoutbox[0]) == token


def test_a_lead_cannot_invite_into_another_region(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=cast.lead_a, email="x@example.org", role=Role.HUB_STAFF, scope_object=cast.region_b
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=cast.lead_a, email="x@example.org", role=Role.COUNCIL, scope_object=cast.council_b
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=cast.lead_a, email="x@example.org", role=Role.PROVIDER_ADMIN, scope_object=cast.provider_b
        )
    assert not Invitation.objects.exists()


def test_only_a_superuser_creates_leads(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=cast.lead_a, email="x@example.org", role=Role.LEAD, scope_object=cast.region_a)


def test_hub_staff_invite_provider_admins_but_not_council_officers(cast: Cast) -> None:
    services.invitation_create(
        actor=cast.staff_a, email="boss@alpha.example", role=Role.PROVIDER_ADMIN, scope_object=cast.provider_a
    )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=cast.staff_a, email="c@example.org", role=Role.COUNCIL, scope_object=cast.council_a
        )


def test_a_provider_admin_invites_only_their_own_staff(cast: Cast) -> None:
    services.invitation_create(
        actor=cast.provider_admin_a, email="carer@alpha.example", role=Role.PROVIDER_STAFF, scope_object=cast.provider_a
    )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=cast.provider_admin_a, email="c@beta.example", role=Role.PROVIDER_STAFF, scope_object=cast.provider_b
        )


def test_an_existing_account_cannot_be_invited_again(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="already has an account"):
        services.invitation_create(
            actor=cast.lead_a, email=cast.staff_a.email.upper(), role=Role.HUB_STAFF, scope_object=cast.region_a
        )


def test_accepting_creates_the_account_grants_the_role_and_lands_on_mfa_setup(cast: Cast, client) -> None:
    _, token = services.invitation_create(
        actor=cast.lead_a, email="officer@council.example", role=Role.COUNCIL, scope_object=cast.council_a
    )
    url = reverse("invitation_accept", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "officer@council.example" in page.content.decode()
    response = client.post(url, {"name": "Olu Officer", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(email="officer@council.example")
    assert user.check_password(NEW_PASSWORD) and user.name == "Olu Officer"
    assert scope_for(user).council_authorities == {cast.council_a.pk}
    # A council officer must set up MFA before anything else.
    assert client.get(reverse("home"))["Location"] == reverse("mfa_index")


def test_a_provider_admin_lands_on_their_home_page(cast: Cast, client) -> None:
    _, token = services.invitation_create(
        actor=cast.staff_a, email="boss@alpha.example", role=Role.PROVIDER_ADMIN, scope_object=cast.provider_a
    )
    client.post(
        reverse("invitation_accept", args=[token]),
        {"name": "Bea Boss", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    home = client.get(reverse("home"))
    assert home.status_code == 200 and cast.provider_a.name in home.content.decode()


def test_a_recruit_invitation_links_the_recruit_record(cast: Cast, client) -> None:
    recruit = RecruitFactory(provider=cast.provider_a)
    _, token = services.invitation_create(
        actor=cast.staff_a, email="worker@people.example", role=Role.RECRUIT, scope_object=recruit
    )
    client.post(
        reverse("invitation_accept", args=[token]),
        {"name": recruit.full_name, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    recruit.refresh_from_db()
    assert recruit.user is not None and recruit.user.email == "worker@people.example"


def test_a_used_token_gets_a_clear_page_and_creates_nothing(cast: Cast, client) -> None:
    _, token = services.invitation_create(
        actor=cast.lead_a, email="twice@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    data = {"name": "Twice", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(reverse("invitation_accept", args=[token]), data)
    client.logout()
    again = client.post(reverse("invitation_accept", args=[token]), data)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert User.objects.filter(email="twice@example.org").count() == 1


def test_an_expired_token_gets_a_clear_page(cast: Cast, client) -> None:
    invitation, token = services.invitation_create(
        actor=cast.lead_a, email="late@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 410 and "expired" in response.content.decode()
    response = client.post(
        reverse("invitation_accept", args=[token]), {"name": "L", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 410 and not User.objects.filter(email="late@example.org").exists()


def test_a_withdrawn_invitation_cannot_be_used(cast: Cast, client) -> None:
    invitation, token = services.invitation_create(
        actor=cast.lead_a, email="gone@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    client.force_login(cast.lead_a)
    client.post(reverse("invitation_revoke", args=[invitation.public_id]))
    client.logout()
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


def test_withdrawing_asks_for_confirmation_first(cast: Cast, client) -> None:
    invitation, _ = services.invitation_create(
        actor=cast.lead_a, email="maybe@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    client.force_login(cast.lead_a)
    page = client.get(reverse("invitation_revoke", args=[invitation.public_id]))
    assert page.status_code == 200 and "Withdraw the invitation to maybe@example.org?" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_unknown_token_says_the_link_is_not_valid(db, client) -> None:
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 410 and "not valid" in response.content.decode()


def test_a_weak_or_mismatched_password_is_explained_and_nothing_is_written(cast: Cast, client) -> None:
    _, token = services.invitation_create(
        actor=cast.lead_a, email="weak@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    url = reverse("invitation_accept", args=[token])
    weak = client.post(url, {"name": "W", "password1": "password", "password2": "password"})
    assert weak.status_code == 200 and "There is a problem" in weak.content.decode()
    mismatch = client.post(url, {"name": "W", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert "do not match" in mismatch.content.decode()
    assert not User.objects.filter(email="weak@example.org").exists()
    assert Invitation.objects.get(email="weak@example.org").accepted_at is None


def test_the_invite_form_only_offers_what_the_inviter_may_grant(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.get(reverse("invitation_new")).content.decode()
    assert cast.provider_a.name in page and cast.provider_b.name not in page
    assert cast.council_a.council_name in page and cast.council_b.council_name not in page
    assert 'value="lead"' not in page and 'value="hub_staff"' in page


def test_the_invite_form_can_be_preselected_from_a_link(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    scope = f"provider:{cast.provider_a.public_id}"
    page = client.get(reverse("invitation_new"), {"role": "provider_admin", "scope": scope}).content.decode()
    assert '<option value="provider_admin" selected>' in page and f'<option value="{scope}" selected>' in page


def test_the_invite_form_sends_an_invitation(
    cast: Cast, client, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client.force_login(cast.lead_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_new"),
            {
                "email": "fresh@example.org",
                "name": "Fresh",
                "role": "hub_staff",
                "scope": f"region:{cast.region_a.public_id}",
            },
        )
    assert response.status_code == 302
    assert Invitation.objects.get(email="fresh@example.org").region == cast.region_a
    assert len(mailoutbox) == 1


def test_the_invite_form_rejects_a_role_that_does_not_fit_the_place(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = client.post(
        reverse("invitation_new"),
        {"email": "x@example.org", "role": "council", "scope": f"region:{cast.region_a.public_id}"},
    )
    assert response.status_code == 200 and "cannot be invited to that" in response.content.decode()
    assert not Invitation.objects.exists()


def test_people_without_invite_rights_get_403(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    assert client.get(reverse("invitation_new")).status_code == 403


def test_invitation_changes_are_audited_with_the_actor(cast: Cast, client) -> None:
    invitation, _ = services.invitation_create(
        actor=cast.lead_a, email="audit@example.org", role=Role.HUB_STAFF, scope_object=cast.region_a
    )
    client.force_login(cast.lead_a)
    client.post(reverse("invitation_revoke", args=[invitation.public_id]))
    from invitations.models import Invitation as Model

    events = Model.pgh_event_model.objects.filter(pgh_obj_id=invitation.pk).order_by("pgh_id")
    assert [e.pgh_label for e in events] == ["insert", "update"]
    last = events.last()
    assert last.pgh_context is not None and last.pgh_context.metadata["user"] == cast.lead_a.pk
