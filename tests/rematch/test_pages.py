"""Rematch pages: the board, a request, the doors, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from hubs.access import scope_for
from recruits.models import Recruit
from rematch import selectors, services
from rematch.models import Door, RematchRequest
from tests.conftest import Cast
from tests.factories import HubFactory, RecruitFactory

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = pytest.mark.usefixtures("n_plus_one_guard")


def _today() -> dt.date:
    return timezone.localdate()


def _request_for(recruit: Recruit, actor, *, days_left: int | None, door: str = Door.HUB) -> RematchRequest:
    if days_left is not None:
        recruit.curtailment_letter_date = _today() - dt.timedelta(days=60 - days_left)
    recruit.save()
    return services.rematch_open(actor=actor, recruit=recruit, door=door)


def test_the_board_sorts_by_days_left_with_unknown_last(cast: Cast, client) -> None:
    late = _request_for(RecruitFactory(provider=cast.provider_a, given_names="Late"), cast.staff_a, days_left=40)
    soon = _request_for(RecruitFactory(provider=cast.provider_a, given_names="Soon"), cast.staff_a, days_left=5)
    unknown = _request_for(
        RecruitFactory(provider=cast.provider_a, given_names="Unknown"), cast.staff_a, days_left=None
    )
    _request_for(cast.recruit_b, cast.staff_b, days_left=1)
    client.force_login(cast.staff_a)
    response = client.get(reverse("rematch_board"))
    assert response.status_code == 200
    rows = [row.request for row in response.context["page"].rows]
    assert rows == [soon, late, unknown]
    html = response.content.decode()
    assert "5 days left" in html and "Bankole" not in html
    assert response.context["page"].band_counts == {
        "within_7": 1,
        "within_14": 0,
        "within_30": 0,
        "within_45": 1,
        "later": 0,
        "unknown": 1,
    }


def test_the_board_filters_by_band_and_owner(cast: Cast, client) -> None:
    soon = _request_for(RecruitFactory(provider=cast.provider_a), cast.staff_a, days_left=10)
    _request_for(RecruitFactory(provider=cast.provider_a), cast.lead_a, days_left=25)
    client.force_login(cast.staff_a)
    assert [r.request for r in client.get(reverse("rematch_board") + "?within=14").context["page"].rows] == [soon]
    assert [r.request for r in client.get(reverse("rematch_board") + "?owner=me").context["page"].rows] == [soon]


def test_the_board_pages_by_keyset_in_a_fixed_number_of_queries(cast: Cast, django_assert_num_queries) -> None:
    for days in [3, 3, 9, 20, 33, None, None]:
        _request_for(RecruitFactory(provider=cast.provider_a), cast.staff_a, days_left=days)
    scope_for(cast.staff_a)
    filters = selectors.BoardFilters()
    seen, after = [], None
    while True:
        with django_assert_num_queries(3 if after else 2):
            page = selectors.rematch_board(user=cast.staff_a, filters=filters, after=after, page_size=2)
        seen += [row.request.pk for row in page.rows]
        if not page.next_cursor:
            break
        after = page.next_cursor
    everything = selectors.rematch_board(user=cast.staff_a, filters=filters, page_size=100)
    assert seen == [row.request.pk for row in everything.rows] and len(seen) == 7


def test_the_board_query_count_does_not_grow_with_the_page(cast: Cast, django_assert_num_queries) -> None:
    for _ in range(12):
        _request_for(RecruitFactory(provider=cast.provider_a), cast.staff_a, days_left=20)
    scope_for(cast.staff_a)
    with django_assert_num_queries(2):
        page = selectors.rematch_board(user=cast.staff_a, filters=selectors.BoardFilters(), page_size=50)
        [row.request.worker_name + str(row.request.owner) + str(row.request.provider) for row in page.rows]


def test_a_provider_sees_only_its_own_requests(cast: Cast, client) -> None:
    mine = _request_for(cast.recruit_a, cast.provider_admin_a, days_left=20, door=Door.PROVIDER)
    _request_for(cast.recruit_b, cast.provider_admin_b, days_left=20, door=Door.PROVIDER)
    self_referral = _request_for(
        RecruitFactory(provider=cast.provider_a), cast.staff_a, days_left=20, door=Door.RECRUIT
    )
    client.force_login(cast.provider_admin_a)
    rows = [row.request for row in client.get(reverse("rematch_board")).context["page"].rows]
    assert rows == [mine], "never another provider's, nor a worker's own referral"
    assert client.get(self_referral.get_absolute_url()).status_code == 404


def test_the_provider_sees_status_but_not_the_hubs_notes(cast: Cast, client) -> None:
    request = _request_for(cast.recruit_a, cast.provider_admin_a, days_left=20, door=Door.PROVIDER)
    services.rematch_add_note(actor=cast.staff_a, request=request, text="Worker says wages unpaid")
    client.force_login(cast.provider_admin_a)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "20 days left" in html and "wages unpaid" not in html
    assert client.post(reverse("rematch_transition", args=[request.public_id])).status_code == 403


def test_the_provider_asks_for_rematching_with_reason_and_last_day(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    url = reverse("rematch_new_for_recruit", args=[cast.recruit_a.public_id])
    empty = client.post(url, {})
    assert "Enter the worker&#x27;s last working day" in empty.content.decode()
    assert not RematchRequest.objects.exists()
    response = client.post(
        url, {"reason": "not_enough_work", "reason_details": "No hours", "last_working_day": "2026-12-24"}
    )
    request = RematchRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.door == Door.PROVIDER and request.last_working_day == dt.date(2026, 12, 24)


def test_hub_staff_move_a_request_and_see_the_refusal_in_words(cast: Cast, client) -> None:
    request = _request_for(cast.recruit_a, cast.staff_a, days_left=20)
    client.force_login(cast.staff_a)
    url = reverse("rematch_transition", args=[request.public_id])
    refused = client.post(url, {"to_status": "placed"})
    assert refused.status_code == 200 and "Choose the new status" in refused.content.decode()
    assert client.post(url, {"to_status": "triage", "note": "First call done"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "triage"
    detail = client.get(request.get_absolute_url()).content.decode()
    assert "First call done" in detail


def test_hub_staff_add_notes_change_dates_and_owner(cast: Cast, client) -> None:
    request = _request_for(cast.recruit_a, cast.staff_a, days_left=None)
    client.force_login(cast.staff_a)
    assert client.post(reverse("rematch_note", args=[request.public_id]), {"text": ""}).status_code == 400
    assert (
        client.post(reverse("rematch_note", args=[request.public_id]), {"text": "Left a voicemail"}).status_code == 302
    )
    letter = _today() - dt.timedelta(days=2)
    client.post(
        reverse("rematch_dates", args=[request.public_id]),
        {"curtailment_letter_date": letter.isoformat(), "visa_expiry": ""},
    )
    request.refresh_from_db()
    assert request.leave_end == letter + dt.timedelta(days=60)
    client.post(reverse("rematch_owner", args=[request.public_id]), {"owner": cast.lead_a.pk})
    request.refresh_from_db()
    assert request.owner == cast.lead_a


def test_the_lead_opens_requests_for_many_workers_of_a_provider(cast: Cast, client) -> None:
    workers = [RecruitFactory(provider=cast.provider_a, status="employed") for _ in range(3)]
    client.force_login(cast.lead_a)
    url = reverse("rematch_bulk", args=[cast.provider_a.public_id])
    page = client.get(url)
    assert page.context["count"] == 4  # with recruit_a, who is arriving
    response = client.post(url, {"recruits": [str(w.public_id) for w in workers], "reason": "licence_lost"})
    assert response.status_code == 302
    assert RematchRequest.objects.filter(recruit__in=workers).count() == 3


def test_a_recruit_refers_themself_from_their_phone(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    url = reverse("rematch_self_refer")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"address": "1 High St", "postcode": "nope"})
    assert "Enter a full UK postcode" in bad.content.decode()
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        url,
        {
            "phone": "07700 900123",
            "address": "1 High St",
            "postcode": "b11aa",
            "current_sponsor_name": "Alpha Care Ltd",
            "letter": letter,
            "curtailment_letter_date": (_today() - dt.timedelta(days=1)).isoformat(),
        },
    )
    request = RematchRequest.objects.get()
    assert response.status_code == 302 and request.door == Door.RECRUIT and request.postcode == "B1 1AA"
    page = client.get(request.get_absolute_url()).content.decode()
    assert "59 days left" in page
    assert "59 days left" in client.get(reverse("recruit_my_details")).content.decode()
    assert client.get(url).status_code == 302, "a second referral goes to the open one"


def test_the_public_form_creates_a_pending_referral(cast: Cast, client) -> None:
    url = reverse("rematch_public_refer", args=[cast.hub_a.public_id])
    assert client.get(url).status_code == 200
    assert "Enter your given names" in client.post(url, {}).content.decode()
    data = {
        "given_names": "Chidi",
        "family_name": "Okoro",
        "phone": "07700 900456",
        "address": "2 Low St",
        "postcode": "M1 1AA",
        "current_sponsor_name": "Gone Care Ltd",
    }
    done = client.post(url, data)
    assert "Your request is sent" in done.content.decode()
    request = RematchRequest.objects.get()
    assert request.pending and request.region == cast.region_a and request.door == Door.PUBLIC


@override_settings(SITE_URL="https://portal.example.org")
@pytest.mark.parametrize("who", ["lead_a", "staff_a"])
def test_the_hub_team_finds_and_copies_the_address_of_each_hubs_public_form(who: str, cast: Cast, client) -> None:
    second = HubFactory(region=cast.region_a, name="Alpha Spoke")
    client.force_login(getattr(cast, who))
    page = client.get(reverse("rematch_board")).content.decode()
    for hub in (cast.hub_a, second):
        address = f"https://portal.example.org{reverse('rematch_public_refer', args=[hub.public_id])}"
        assert f">{address}</span>" in page, "the full address, as text to select without JavaScript"
        assert f"the address of the form of {hub.name}" in page
    assert str(cast.hub_b.public_id) not in page, "only the hubs of the user's own region"
    assert page.count('data-copy-target="referral-address-') == 2
    assert "js/copy.js" in page and finders.find("js/copy.js")


@pytest.mark.parametrize("who", ["provider_admin_a", "provider_staff_a"])
def test_providers_do_not_see_the_hubs_referral_addresses(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    page = client.get(reverse("rematch_board")).content.decode()
    assert str(cast.hub_a.public_id) not in page and "referral-links" not in page and "js/copy.js" not in page


def test_the_public_form_stores_nothing_from_a_bot(cast: Cast, client) -> None:
    url = reverse("rematch_public_refer", args=[cast.hub_a.public_id])
    data = {
        "given_names": "Spam",
        "family_name": "Bot",
        "phone": "1",
        "address": "x",
        "postcode": "M1 1AA",
        "website": "http://spam.example",
    }
    assert "Your request is sent" in client.post(url, data).content.decode()
    assert not RematchRequest.objects.exists()


def test_the_public_form_is_rate_limited(cast: Cast, client) -> None:
    url = reverse("rematch_public_refer", args=[cast.hub_a.public_id])
    for _ in range(5):
        assert client.post(url, {}).status_code == 200
    limited = client.post(url, {})
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"


def test_an_unknown_hub_has_no_public_form(db, client) -> None:
    import uuid

    assert client.get(reverse("rematch_public_refer", args=[uuid.uuid4()])).status_code == 404


def test_hub_staff_confirm_a_public_referral_against_a_likely_record(cast: Cast, client) -> None:
    cast.recruit_a.phone = "07700 900789"
    cast.recruit_a.save()
    request = services.rematch_public_refer(
        hub=cast.hub_a, data={"given_names": "Ada", "family_name": "adeyemi", "phone": "07700 900789"}
    )
    client.force_login(cast.staff_a)
    page = client.get(reverse("rematch_confirm", args=[request.public_id]))
    assert [r.pk for r in page.context["candidates"]] == [cast.recruit_a.pk]
    client.post(reverse("rematch_confirm", args=[request.public_id]), {"record": str(cast.recruit_a.public_id)})
    request.refresh_from_db()
    assert request.recruit == cast.recruit_a and not request.pending


def test_days_left_show_on_the_recruit_list_and_record(cast: Cast, client) -> None:
    _request_for(cast.recruit_a, cast.staff_a, days_left=12)
    client.force_login(cast.staff_a)
    assert "Leave: 12 days left" in client.get(reverse("recruit_list")).content.decode()
    assert "12 days left" in client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id])).content.decode()


@pytest.mark.parametrize("who", ["council_officer_a", "national"])
def test_councils_and_national_have_no_board(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("rematch_board")).status_code == 404


def test_an_employer_asking_after_a_self_referral_learns_nothing_of_it(cast: Cast, client) -> None:
    services.rematch_self_refer(
        actor=cast.recruit_user_a,
        recruit=cast.recruit_a,
        contact={"phone": "07700 900123", "address": "1 High St", "postcode": "B1 1AA"},
        details="My employer withholds my passport",
    )
    client.force_login(cast.provider_admin_a)
    url = reverse("rematch_new_for_recruit", args=[cast.recruit_a.public_id])
    response = client.post(
        url, {"reason": "not_enough_work", "reason_details": "Hours cut", "last_working_day": "2027-01-15"}
    )
    request = RematchRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.door == Door.RECRUIT and request.provider_requested
    html = client.get(request.get_absolute_url()).content.decode()
    assert "withholds" not in html and "Self-referral" not in html and "07700 900123" not in html
    assert "15 January 2027" in html
    client.force_login(cast.staff_a)
    assert "The employer asked for rematching too" in client.get(request.get_absolute_url()).content.decode()
