"""Matching, introductions with consent, the job passport, placements, duplicates and hand-overs, figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hubs.access import scope_for
from hubs.roles import Role
from notifications.models import Reminder
from providers.models import LicenceChange, Provider
from recruits.models import Document, Employment, Recruit, RecruitStatus
from rematch import introductions, matching, placements, services
from rematch.models import Door, Handover, Introduction, RematchRequest, RematchStatus
from rematch.report_views import rematch_figures
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory, region, user_with_role
from tests.recruits.test_pages import _form_data
from tests.rematch.test_vacancies import vacancy_of


def _today() -> dt.date:
    return timezone.localdate()


def _request(cast: Cast, *, recruit: Recruit | None = None, status: str = "searching", **prefs) -> RematchRequest:
    recruit = recruit or cast.recruit_a
    recruit.postcode = recruit.postcode or "B1 1AA"
    recruit.curtailment_letter_date = _today() - dt.timedelta(days=20)
    recruit.save()
    request = services.rematch_open(actor=cast.staff_a, recruit=recruit, door=Door.PROVIDER)
    for step in ["triage", "searching", "introduced", "offered"]:
        if request.status == status:
            break
        services.rematch_transition(actor=cast.staff_a, request=request, to_status=step)
        request.refresh_from_db()
    if prefs:
        services.rematch_update_preferences(actor=cast.staff_a, request=request, data=prefs)
        request.refresh_from_db()
    return request


def _provider_in_a(**kwargs) -> Provider:
    return ProviderFactory(region=region("E12000005"), **kwargs)


# -- matching ---------------------------------------------------------------------------------


def test_postcode_levels() -> None:
    assert matching.postcode_parts("b11aa") == ("B", "B1", "B1 1")
    assert matching.distance_level("B1 1AA", "B1 1ZZ")[0] == 0
    assert matching.distance_level("B1 1AA", "B1 9ZZ")[0] == 1
    assert matching.distance_level("B1 1AA", "B15 2TT")[0] == 2
    assert matching.distance_level("B1 1AA", "WV1 1AA")[0] == 3
    assert matching.distance_level("B1 1AA", "")[0] == 4


def test_matches_rank_by_role_then_distance_then_preferences(cast: Cast, django_assert_num_queries) -> None:
    request = _request(cast, pref_min_hours=30, can_drive=False, max_travel="region")
    near_senior = vacancy_of(_provider_in_a(), title="Senior, near", job_role="senior_care_worker", postcode="B1 1AB")
    far_same = vacancy_of(_provider_in_a(), title="Same role, far", postcode="WV1 1AA")
    near_same = vacancy_of(_provider_in_a(), title="Same role, near", postcode="B1 1ZZ")
    near_driving = vacancy_of(
        _provider_in_a(), title="Same role, near, driving", postcode="B1 1QQ", driving_required=True
    )
    area_short = vacancy_of(
        _provider_in_a(), title="Same role, area, short hours", postcode="B15 1AA", hours_per_week=Decimal("16")
    )
    vacancy_of(_provider_in_a(), title="Nurse job", job_role="nurse")
    vacancy_of(cast.provider_a, title="At the old employer")
    scope_for(cast.staff_a)
    request = RematchRequest.objects.select_related("recruit").get(pk=request.pk)  # as the view loads it
    with django_assert_num_queries(2):
        matches = matching.matches_for_request(user=cast.staff_a, request=request)
    assert [m.vacancy for m in matches] == [near_same, near_driving, area_short, far_same, near_senior]
    best = matches[0]
    assert best.reasons[:2] == [
        "Role: the same role (care worker).",
        "Distance: same postcode sector (B1 1): a few streets away.",
    ]
    assert "The job needs a driver and they do not drive." in matches[1].concerns
    assert "16 hours a week is fewer than the 30 they want." in matches[2].concerns
    assert "step up or across" in matches[-1].reasons[0]


def test_travel_preference_ranks_far_jobs_last(cast: Cast) -> None:
    request = _request(cast, max_travel="district")
    far = vacancy_of(_provider_in_a(), postcode="WV1 1AA")
    near = vacancy_of(_provider_in_a(), postcode="B1 2AA", hours_per_week=Decimal("10"))
    matches = matching.matches_for_request(user=cast.staff_a, request=request)
    assert [m.vacancy for m in matches] == [near, far]
    assert "Further than they want to travel." in matches[1].concerns


@pytest.mark.parametrize("change", [{"licence_rating": "B"}, {"licence_status": "suspended"}, {"cqc_location_id": ""}])
def test_ineligible_providers_never_appear(change: dict, cast: Cast) -> None:
    request = _request(cast)
    provider = _provider_in_a()
    vacancy = vacancy_of(provider)  # posted while it could still sponsor (a suspended one cannot post)
    Provider.objects.filter(pk=provider.pk).update(**change)
    vacancy.refresh_from_db()
    assert matching.matches_for_request(user=cast.staff_a, request=request) == []
    assert matching.matches_for_vacancy(user=cast.staff_a, vacancy=vacancy) == []


def test_a_provider_in_cooling_off_never_appears(cast: Cast) -> None:
    request = _request(cast)
    provider = _provider_in_a()
    LicenceChange.objects.create(
        provider=provider, status="revoked", rating="A", effective_on=_today() - dt.timedelta(days=100)
    )
    vacancy_of(provider)
    assert matching.matches_for_request(user=cast.staff_a, request=request) == []


def test_the_reverse_list_puts_the_most_urgent_first_among_equals(cast: Cast, django_assert_num_queries) -> None:
    vacancy = vacancy_of(_provider_in_a(), postcode="B1 1AA")
    calm = RecruitFactory(provider=cast.provider_a, postcode="B1 1XX")
    urgent = RecruitFactory(provider=cast.provider_a, postcode="B1 1YY")
    calm.curtailment_letter_date = _today()
    calm.save()
    r_calm = services.rematch_open(actor=cast.staff_a, recruit=calm, door=Door.HUB)
    urgent.curtailment_letter_date = _today() - dt.timedelta(days=55)
    urgent.save()
    r_urgent = services.rematch_open(actor=cast.staff_a, recruit=urgent, door=Door.HUB)
    scope_for(cast.staff_a)
    with django_assert_num_queries(2):
        matches = matching.matches_for_vacancy(user=cast.staff_a, vacancy=vacancy)
    assert [m.request for m in matches] == [r_urgent, r_calm]
    assert "Clock: 5 days left." in matches[0].reasons


def test_the_match_page_shows_the_reasons(cast: Cast, client) -> None:
    request = _request(cast)
    vacancy_of(_provider_in_a(), title="Days in Digbeth", postcode="B1 1ZZ")
    client.force_login(cast.staff_a)
    html = client.get(reverse("rematch_matches", args=[request.public_id])).content.decode()
    assert "Days in Digbeth" in html and "same postcode sector" in html


# -- introductions and the job passport -------------------------------------------------------


def test_an_introduction_needs_consent(cast: Cast) -> None:
    request = _request(cast)
    vacancy = vacancy_of(_provider_in_a())
    with pytest.raises(ValidationError, match="record that they agreed"):
        introductions.introduction_record(
            actor=cast.staff_a, request=request, vacancy=vacancy, consent=False, consent_how=""
        )
    with pytest.raises(ValidationError, match="record that they agreed"):
        introductions.introduction_record(
            actor=cast.staff_a, request=request, vacancy=vacancy, consent=True, consent_how=" "
        )
    assert not Introduction.objects.exists()


def test_an_introduction_to_an_ineligible_provider_is_refused_with_the_reason(cast: Cast) -> None:
    request = _request(cast)
    vacancy = vacancy_of(_provider_in_a(licence_rating="B"))
    with pytest.raises(ValidationError, match="It is B-rated"):
        introductions.introduction_record(
            actor=cast.staff_a, request=request, vacancy=vacancy, consent=True, consent_how="by phone"
        )


def test_an_introduction_moves_the_request_and_gives_a_passport_link(cast: Cast, client) -> None:
    request = _request(cast)
    new_provider = _provider_in_a()
    other_admin = user_with_role(Role.PROVIDER_ADMIN, new_provider)
    vacancy = vacancy_of(new_provider)
    client.force_login(cast.staff_a)
    url = reverse("rematch_introduce", args=[request.public_id, vacancy.public_id])
    refused = client.post(url, {})
    assert "Ask the worker first" in refused.content.decode()
    done = client.post(url, {"consent": "on", "consent_how": "By phone"})
    link = done.context["link"]
    request.refresh_from_db()
    assert request.status == RematchStatus.INTRODUCED
    cast.recruit_a.passport_number, cast.recruit_a.nationality = "P1234567", "NG"
    cast.recruit_a.english_level, cast.recruit_a.dbs_status = "level_1", "clear"
    cast.recruit_a.save()
    path = link.removeprefix("http://testserver")
    client.force_login(other_admin)
    passport = client.get(path)
    html = passport.content.decode()
    assert passport.status_code == 200 and passport["Cache-Control"] == "no-store"
    assert cast.recruit_a.full_name in html and "Enhanced DBS: clear" in html and "ESOL Level 1" in html
    assert "P1234567" not in html and "Nigeria" not in html
    client.force_login(cast.provider_admin_b)
    assert client.get(path).status_code == 404, "another provider cannot use the link"
    client.force_login(cast.provider_admin_a)
    assert client.get(path).status_code == 404, "nor can the old employer"
    Introduction.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    client.force_login(other_admin)
    assert client.get(path).status_code == 410
    assert client.get(reverse("job_passport", args=["not-a-token"])).status_code == 404


def test_the_providers_admins_are_told_and_open_the_passport_in_the_portal(cast: Cast, client, mailoutbox) -> None:
    from notifications.services import reminder_send
    from notifications.tasks import send_notification_email

    request = _request(cast)
    new_provider = _provider_in_a()
    admin = user_with_role(Role.PROVIDER_ADMIN, new_provider)
    created = introductions.introduction_record(
        actor=cast.staff_a, request=request, vacancy=vacancy_of(new_provider), consent=True, consent_how="in person"
    )
    [notice] = Reminder.objects.filter(kind="rematch.introduced")
    assert notice.recipient == admin
    for notification_id in reminder_send(reminder_id=notice.pk):
        send_notification_email.apply(args=[notification_id])
    assert mailoutbox, "an email went out"
    client.force_login(admin)
    inbox = client.get(reverse("inbox")).content.decode()
    assert "A worker introduced to your vacancy" in inbox
    assert cast.recruit_a.family_name not in "".join(m.body for m in mailoutbox), "the email names nobody"
    opened = client.get(notice.about.get_absolute_url_for(admin))
    assert opened.status_code == 200 and cast.recruit_a.full_name in opened.content.decode()
    client.force_login(cast.staff_a)
    assert created.introduction.get_absolute_url_for(cast.staff_a) == request.get_absolute_url()


def test_an_introduced_worker_stays_out_of_the_new_providers_lists(cast: Cast, client) -> None:
    request = _request(cast)
    new_provider = _provider_in_a()
    admin = user_with_role(Role.PROVIDER_ADMIN, new_provider)
    introductions.introduction_record(
        actor=cast.staff_a, request=request, vacancy=vacancy_of(new_provider), consent=True, consent_how="in person"
    )
    client.force_login(admin)
    assert cast.recruit_a.family_name not in client.get(reverse("recruit_list")).content.decode()
    assert client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id])).status_code == 404
    assert client.get(request.get_absolute_url()).status_code == 404


# -- placement --------------------------------------------------------------------------------


def test_a_placement_ends_the_old_job_starts_the_new_and_closes_the_request(cast: Cast) -> None:
    cast.recruit_a.status = RecruitStatus.EMPLOYED
    cast.recruit_a.save()
    Employment.objects.create(recruit=cast.recruit_a, provider=cast.provider_a, start_date=dt.date(2024, 1, 1))
    request = _request(cast, status="introduced")
    new_provider = _provider_in_a()
    vacancy = vacancy_of(new_provider, posts=1)
    Introduction.objects.create(
        region=cast.region_a,
        request=request,
        vacancy=vacancy,
        consent_at=timezone.now(),
        consent_how="x",
        token_hash="h" * 64,
        expires_at=timezone.now(),
    )
    start = _today() + dt.timedelta(days=7)
    placements.placement_record(
        actor=cast.staff_a, request=request, provider=new_provider, start_date=start, vacancy=vacancy
    )
    request.refresh_from_db()
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    assert request.status == RematchStatus.PLACED and request.outcome == "placed" and request.placed_at == start
    assert recruit.status == RecruitStatus.EMPLOYED and recruit.provider == new_provider
    statuses = list(recruit.status_changes.order_by("id").values_list("to_status", flat=True))
    assert statuses == ["at_risk", "displaced", "rematched", "employed"]
    old, new = recruit.employments.order_by("start_date")
    assert old.end_date == start and new.start_date == start and new.provider == new_provider
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"
    assert Reminder.objects.filter(kind="rematch.placed", recipient_role="lead", region=cast.region_a).exists()
    assert Reminder.objects.filter(kind="rematch.placed", recipient=cast.recruit_user_a).exists()
    left = Reminder.objects.filter(object_id=str(request.pk), kind__startswith="rematch.leave_end", status="scheduled")
    # Placed without a visa application on record: only the lead's escalation goes on (rule 8).
    assert set(left.values_list("kind", flat=True)) == {"rematch.leave_end.lead.14d", "rematch.leave_end.lead.7d"}


def test_placing_with_an_ineligible_provider_is_refused_with_the_reason(cast: Cast) -> None:
    request = _request(cast, status="offered")
    provider = _provider_in_a(licence_status="suspended")
    with pytest.raises(ValidationError, match="Its sponsor licence is suspended"):
        placements.placement_record(actor=cast.staff_a, request=request, provider=provider, start_date=_today())
    request.refresh_from_db()
    assert request.status == RematchStatus.OFFERED


def test_a_placement_needs_an_introduction_first(cast: Cast) -> None:
    request = _request(cast, status="searching")
    with pytest.raises(ValidationError, match="introduce the worker"):
        placements.placement_record(actor=cast.staff_a, request=request, provider=_provider_in_a(), start_date=_today())


def test_a_placement_in_another_region_moves_the_record_with_a_note(cast: Cast, client) -> None:
    request = _request(cast, status="offered")
    placements.placement_record(
        actor=cast.lead_a, request=request, provider=cast.provider_b, start_date=_today(), note="Moving to Preston"
    )
    recruit = Recruit.objects.get(pk=cast.recruit_a.pk)
    assert recruit.region == cast.region_b and recruit.provider == cast.provider_b
    handover = Handover.objects.get()
    assert (handover.from_region, handover.to_region, handover.note) == (
        cast.region_a,
        cast.region_b,
        "Moving to Preston",
    )
    for lead in (cast.lead_a, cast.lead_b):
        client.force_login(lead)
        assert "Moving to Preston" in client.get(reverse("handover_list")).content.decode()
    assert Reminder.objects.filter(kind="rematch.placed", recipient_role="lead", region=cast.region_b).exists()
    client.force_login(cast.staff_b)
    assert client.get(reverse("recruit_detail", args=[recruit.public_id])).status_code == 200


def test_the_placement_page(cast: Cast, client) -> None:
    request = _request(cast, status="offered")
    new_provider = _provider_in_a()
    _provider_in_a(licence_rating="B", name="Zeta B-rated Ltd")
    client.force_login(cast.staff_a)
    url = reverse("rematch_place", args=[request.public_id])
    page = client.get(url).content.decode()
    assert new_provider.name in page and "Zeta B-rated" not in page
    response = client.post(url, {"provider": str(new_provider.public_id), "start_date": _today().isoformat()})
    assert response.status_code == 302
    client.force_login(cast.recruit_user_a)
    assert new_provider.name in client.get(reverse("recruit_my_details")).content.decode()


# -- duplicates and hand-overs ----------------------------------------------------------------


def test_a_duplicate_in_another_region_is_named_by_hub_only(cast: Cast, client) -> None:
    cast.recruit_b.passport_number, cast.recruit_b.date_of_birth = "X1234567", dt.date(1990, 5, 1)
    cast.recruit_b.family_name = "Secretname"
    cast.recruit_b.save()
    twin = RecruitFactory(provider=cast.provider_a, passport_number="X1234567", date_of_birth=dt.date(1990, 5, 1))
    request = services.rematch_open(actor=cast.staff_a, recruit=twin, door=Door.HUB)
    client.force_login(cast.staff_a)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "This person is already supported by Beta Hub; ask for a hand-over." in html
    assert "Secretname" not in html and cast.provider_b.name not in html and "Bola" not in html


def test_the_same_cos_reference_is_a_duplicate(cast: Cast) -> None:
    cast.recruit_b.cos_reference = "C0S1234"
    cast.recruit_b.save()
    twin = RecruitFactory(provider=cast.provider_a, cos_reference="C0S1234")
    from recruits.selectors import cross_region_duplicates

    assert [d.hub_name for d in cross_region_duplicates(recruit=twin)] == ["Beta Hub"]


def test_a_hand_over_moves_the_record_when_the_other_lead_accepts(cast: Cast, client) -> None:
    cast.recruit_b.cos_reference = "C0S1234"
    cast.recruit_b.save()
    theirs = services.rematch_open(actor=cast.staff_b, recruit=cast.recruit_b, door=Door.HUB)
    twin = RecruitFactory(provider=cast.provider_a, cos_reference="C0S1234")
    ours = services.rematch_open(actor=cast.staff_a, recruit=twin, door=Door.HUB)
    client.force_login(cast.staff_a)
    client.post(reverse("rematch_handover", args=[ours.public_id]))
    handover = Handover.objects.get()
    assert handover.from_region == cast.region_b and handover.status == "requested"
    client.force_login(cast.lead_a)
    listing = client.get(reverse("handover_list")).content.decode()
    assert "Bankole" not in listing, "the asking region sees no name before the hand-over"
    assert client.post(reverse("handover_accept", args=[handover.public_id])).status_code == 403
    client.force_login(cast.lead_b)
    client.post(reverse("handover_accept", args=[handover.public_id]))
    cast.recruit_b.refresh_from_db()
    theirs.refresh_from_db()
    assert cast.recruit_b.region == cast.region_a
    assert theirs.status == RematchStatus.CLOSED and theirs.outcome == "moved_region"


def _twin_records(cast: Cast, client, **twin_fields) -> tuple[RematchRequest, Recruit, Handover]:
    """Region B holds the record; region A's hub made its own and asks for a hand-over."""
    cast.recruit_b.cos_reference, cast.recruit_b.phone = "C0S1234", ""
    cast.recruit_b.save()
    twin = RecruitFactory(provider=cast.provider_a, cos_reference="C0S1234", phone="07700 900123", **twin_fields)
    ours = services.rematch_open(actor=cast.staff_a, recruit=twin, door=Door.HUB)
    client.force_login(cast.staff_a)
    client.post(reverse("rematch_handover", args=[ours.public_id]))
    return ours, twin, Handover.objects.get()


def test_accepting_a_hand_over_folds_the_asking_regions_duplicate_in(cast: Cast, client) -> None:
    ours, twin, handover = _twin_records(cast, client)
    letter = Document.objects.create(
        recruit=twin,
        kind="ukvi_letter",
        original_name="letter.pdf",
        stored_name="x1.pdf",
        content_type="application/pdf",
        size=10,
    )
    placements.handover_decide(actor=cast.lead_b, handover=handover, accept=True)
    ours.refresh_from_db()
    letter.refresh_from_db()
    cast.recruit_b.refresh_from_db()
    assert ours.recruit == cast.recruit_b and ours.is_open, "one live request, on the record handed over"
    assert letter.recruit == cast.recruit_b
    assert cast.recruit_b.phone == "07700 900123", "a blank contact detail is filled from the duplicate"
    assert not Recruit.objects.filter(pk=twin.pk).exists()
    assert Recruit.objects.filter(cos_reference="C0S1234").count() == 1
    assert "merged into the record handed over" in " ".join(ours.timeline.values_list("text", flat=True))


def test_a_duplicate_holding_its_own_history_is_kept_for_review(cast: Cast, client) -> None:
    ours, twin, handover = _twin_records(cast, client)
    Employment.objects.create(recruit=twin, provider=cast.provider_a, start_date=_today())
    placements.handover_decide(actor=cast.lead_b, handover=handover, accept=True)
    ours.refresh_from_db()
    assert ours.recruit == cast.recruit_b
    assert Recruit.objects.filter(pk=twin.pk).exists(), "never guess between two employment histories"
    assert "kept for you to review" in " ".join(ours.timeline.values_list("text", flat=True))


# -- figures ----------------------------------------------------------------------------------


def test_figures_by_region_and_csv(cast: Cast, client, django_assert_num_queries) -> None:
    soon = _request(cast)
    services.rematch_transition(actor=cast.staff_a, request=soon, to_status="closed", outcome="left_uk")
    for days in (3, 40):
        r = RecruitFactory(provider=cast.provider_a)
        r.curtailment_letter_date = _today() - dt.timedelta(days=60 - days)
        r.save()
        services.rematch_open(actor=cast.staff_a, recruit=r, door=Door.HUB)
    placed = _request(cast, recruit=RecruitFactory(provider=cast.provider_a), status="offered")
    RematchRequest.objects.filter(pk=placed.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    placements.placement_record(actor=cast.staff_a, request=placed, provider=_provider_in_a(), start_date=_today())
    with django_assert_num_queries(3):
        [figures] = rematch_figures(regions=[cast.region_a])
    assert figures.open_by_band["within_7"] == 1 and figures.open_by_band["within_45"] == 1
    assert figures.placed_this_month == 1 and figures.median_days_to_placement == 10
    assert figures.outcomes["Left the UK"] == 1 and figures.outcomes["Placed with a new employer"] == 1
    client.force_login(cast.staff_a)
    rows = list(csv.reader(io.StringIO(client.get(reverse("rematch_report_csv")).content.decode())))
    assert rows[0][0] == "region" and rows[1][0] == "West Midlands" and len(rows) == 2
    client.force_login(cast.national)
    # Nine regions and England, small counts hidden as on the page (tests/portal/test_national.py).
    assert len(list(csv.reader(io.StringIO(client.get(reverse("rematch_report_csv")).content.decode())))) == 11
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("rematch_report")).status_code == 404


def test_registering_a_likely_duplicate_warns_without_leaking(cast: Cast, client) -> None:
    cast.recruit_b.passport_number, cast.recruit_b.date_of_birth = "X7654321", dt.date(1991, 2, 3)
    cast.recruit_b.save()
    client.force_login(cast.provider_admin_a)
    data = _form_data(given_names="Bola", family_name="Twin", date_of_birth="1991-02-03", passport_number="X7654321")
    response = client.post(reverse("recruit_register"), data, follow=True)
    html = response.content.decode()
    assert "already supported by Beta Hub; ask them for a hand-over" in html, html[:3000]
    assert "Bankole" not in html and cast.provider_b.name not in html


def test_preferences_sent_unchanged_record_no_event(cast: Cast) -> None:
    request = _request(cast, postcode="B1 1AA", pref_min_hours=20)
    events = request.timeline.count()
    data = {key: getattr(request, key) for key in services.PREFERENCE_FIELDS}
    services.rematch_update_preferences(actor=cast.staff_a, request=request, data=data)
    assert request.timeline.count() == events
    services.rematch_update_preferences(actor=cast.staff_a, request=request, data={**data, "postcode": "WV1 1AA"})
    assert request.timeline.count() == events + 1


def test_the_figures_page_is_one_table_across_regions_with_england_and_a_chart(cast: Cast, client) -> None:
    _request(cast)
    client.force_login(cast.national)
    page = client.get(reverse("rematch_report")).content.decode()
    assert page.count('id="rematch-figures"') == 1 and page.count("<table") == 1
    table = page[page.index('id="rematch-figures"') :]
    assert table.count('<th scope="row"') == 10  # nine regions and England
    england = table[table.index(">England<") :].split("</tr>")[0]
    # Every open request, all regions: one, so it reads "fewer than 5" to the national team.
    assert england.split("numeric")[1].split("<")[0].endswith("fewer than 5")
    assert '<svg role="img"' in page and f"{cast.region_a.name}: fewer than 5" in page
