"""The region's training partners kept by the lead in the portal (not the Django admin), and the
lead's invitations of a partner's people and of ADASS colleagues: issue 18 item 4, issue 16 item 4."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from hubs.access import scope_for
from hubs.models import PartnerKind, TrainingPartner
from invitations.models import Invitation
from tests.conftest import Cast

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("n_plus_one_guard")]
NEW_PASSWORD = "a-Long-new-passphrase-42"


def _add(client, **fields) -> Any:
    data = {"name": "Walsall College", "kind": "college", "contact_name": "", "contact_email": "", **fields}
    return client.post(reverse("training_partner_new"), data)


def test_the_lead_adds_a_partner_and_the_hub_team_sees_it(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    response = _add(client, contact_name="Dev Mistry", contact_email="dev@walsall.test")
    assert response.status_code == 302 and response["Location"] == reverse("training_partner_list")
    partner = TrainingPartner.objects.get(name="Walsall College")
    assert (partner.region, partner.kind, partner.contact_email) == (cast.region_a, "college", "dev@walsall.test")
    client.force_login(cast.staff_a)
    page = client.get(reverse("training_partner_list")).content.decode()
    assert "Walsall College" in page and "Add a training partner" not in page, "hub staff read the list"
    assert client.get(reverse("training_partner_new")).status_code == 403
    client.force_login(cast.lead_b)
    assert "Walsall College" not in client.get(reverse("training_partner_list")).content.decode()


def test_a_name_the_region_already_has_is_refused_with_what_to_do(cast: Cast, client) -> None:
    TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    TrainingPartner.objects.create(region=cast.region_b, name="Preston College", kind=PartnerKind.COLLEGE)
    client.force_login(cast.lead_a)
    page = _add(client, name="walsall college").content.decode()
    assert "already has a training partner called walsall college" in page
    assert _add(client, name="Preston College").status_code == 302, "another region's name is free"
    assert TrainingPartner.objects.filter(region=cast.region_a).count() == 2


def test_an_empty_form_says_what_to_fill_in(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    page = client.post(reverse("training_partner_new"), {}).content.decode()
    assert "Enter the partner&#x27;s name" in page and "Select whether it is a college" in page
    assert not TrainingPartner.objects.exists()


def test_providers_councils_recruits_and_partners_do_not_see_the_list(cast: Cast, client) -> None:
    for user in (cast.provider_admin_a, cast.council_officer_a, cast.recruit_user_a, cast.adass_a):
        client.force_login(user)
        assert client.get(reverse("training_partner_list")).status_code in (403, 404), user


def test_the_lead_invites_someone_from_the_partner_who_then_acts_for_it(
    cast: Cast, client, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    partner = TrainingPartner.objects.create(region=cast.region_a, name="Walsall College", kind=PartnerKind.COLLEGE)
    far = TrainingPartner.objects.create(region=cast.region_b, name="Preston College", kind=PartnerKind.COLLEGE)
    client.force_login(cast.lead_a)
    listing = client.get(reverse("training_partner_list")).content.decode()
    invite_link = re.search(r'href="(/invitations/new/\?role=partner&amp;scope=partner:[^"]+)"', listing)
    assert invite_link, listing
    form = client.get(invite_link.group(1).replace("&amp;", "&")).content.decode()
    scope = f"partner:{partner.public_id}"
    assert f'<option value="{scope}" selected>' in form and far.name not in form
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("invitation_new"), {"email": "tutor@walsall.test", "name": "", "role": "partner", "scope": scope}
        )
    assert sent.status_code == 302
    invitation = Invitation.objects.get(email="tutor@walsall.test")
    assert (invitation.training_partner, invitation.region) == (partner, cast.region_a)
    token = re.search(r"/invite/([\w-]+)/", mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client.logout()
    client.post(
        reverse("invitation_accept", args=[token]),
        {"name": "Tia Tutor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    tutor = User.objects.get(email="tutor@walsall.test")
    assert scope_for(tutor).is_partner(partner) and not scope_for(tutor).is_partner(far)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_index"), "a partner sets up a second factor"


def test_the_lead_invites_an_adass_colleague_for_the_region_only(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    form = client.get(reverse("invitation_new")).content.decode()
    assert 'value="adass"' in form
    ok = client.post(
        reverse("invitation_new"),
        {"email": "ada@adass.test", "name": "", "role": "adass", "scope": f"region:{cast.region_a.public_id}"},
    )
    assert ok.status_code == 302 and Invitation.objects.get(email="ada@adass.test").region == cast.region_a
    refused = client.post(
        reverse("invitation_new"),
        {"email": "bo@adass.test", "name": "", "role": "adass", "scope": f"region:{cast.region_b.public_id}"},
    )
    assert refused.status_code == 200 and not Invitation.objects.filter(email="bo@adass.test").exists()
    client.force_login(cast.staff_a)
    assert 'value="adass"' not in client.get(reverse("invitation_new")).content.decode(), "hub staff cannot"


def test_the_partner_list_costs_the_same_queries_with_one_partner_or_five(
    cast: Cast, client, django_assert_num_queries
) -> None:
    client.force_login(cast.lead_a)
    TrainingPartner.objects.create(region=cast.region_a, name="College 0", kind=PartnerKind.COLLEGE)
    client.get(reverse("training_partner_list"))
    with django_assert_num_queries(PARTNER_LIST_QUERIES):
        client.get(reverse("training_partner_list"))
    for n in range(1, 5):
        TrainingPartner.objects.create(region=cast.region_a, name=f"College {n}", kind=PartnerKind.UNIVERSITY)
    with django_assert_num_queries(PARTNER_LIST_QUERIES):
        page = client.get(reverse("training_partner_list")).content.decode()
    assert "College 4" in page


# Session, user, scope (one query), MFA, header hub, unread count, then the partners with their counts.
PARTNER_LIST_QUERIES = 7
