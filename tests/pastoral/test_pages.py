"""Pastoral pages: the hub's queues, chart and exports (fixed queries), the recruit's home, help
and check-in, the employer's short check-in, concerns, appointments, settings and booklets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pastoral import services
from pastoral.models import Appointment, CheckIn, Concern, PastoralPlan, PastoralSettings, Signpost
from portal.home import snapshots
from recruits.models import Recruit
from recruits.services import recruit_move_region
from tests.conftest import Cast
from tests.factories import RecruitFactory

from .builders import RED_ANSWERS, SECRET, appointment_for, help_concern, plan_for, published_booklet, red_check_in

# The hot pages run under the N+1 guard (tests/performance/n_plus_one.py).
pytestmark = pytest.mark.usefixtures("n_plus_one_guard")


def _many_plans(cast: Cast, n: int) -> None:
    for _ in range(n):
        plan_for(cast, RecruitFactory(provider=cast.provider_a), start=timezone.localdate() - dt.timedelta(days=100))


def test_the_overview_lists_overdue_check_ins_with_a_fixed_number_of_queries(
    cast: Cast, client, django_assert_num_queries
) -> None:
    _many_plans(cast, 2)
    red_check_in(cast)
    client.force_login(cast.staff_a)
    url = reverse("pastoral_overview")
    client.get(url)
    # session, user, scope, MFA, header hub, unread count, counts (4: each from its index), page,
    # providers, hubs; the rates come from the store (the first request stored them)
    with django_assert_num_queries(13):
        page = client.get(url).content.decode()
    _many_plans(cast, 8)
    with django_assert_num_queries(13):
        more = client.get(url).content.decode()
    assert more.count("Month 1</a>") > page.count("Month 1</a>") >= 2
    assert 'id="count-concerns">1<' in page and 'id="count-red">1<' in page
    assert "<svg" in page and "Percent of check-ins done, by month" in page
    assert "Alpha Care Ltd" in page


def test_a_record_handed_to_another_region_takes_its_check_ins_to_that_hub(cast: Cast, client) -> None:
    """The queues read check-ins by their own region: moving the record moves them, at once."""
    recruit = RecruitFactory(provider=cast.provider_a)
    plan = plan_for(cast, recruit, start=timezone.localdate() - dt.timedelta(days=100))
    mine = set(plan.check_ins.filter(due_date__lt=timezone.localdate()).values_list("pk", flat=True))
    assert mine
    overdue = reverse("pastoral_overview") + "?show=overdue"

    def listed(user: Any) -> set[int]:
        client.force_login(user)
        return {check_in.pk for check_in in client.get(overdue).context["page"].items} & mine

    assert listed(cast.staff_a) == mine and not listed(cast.staff_b)
    recruit_move_region(actor=cast.lead_a, recruit=recruit, region_id=cast.region_b.pk)
    assert set(CheckIn.objects.filter(plan=plan).values_list("region_id", flat=True)) == {cast.region_b.pk}
    assert PastoralPlan.objects.get(pk=plan.pk).region_id == cast.region_b.pk
    assert not listed(cast.staff_a) and listed(cast.staff_b) == mine


def test_the_whole_regions_rates_are_stored_the_filtered_ones_and_the_queues_live(cast: Cast, client) -> None:
    """Unfiltered, the year's completion rates come from the store and say when they were worked
    out; a filter reads them live; the queues are always live."""
    _many_plans(cast, 2)
    client.force_login(cast.staff_a)
    url = reverse("pastoral_overview")
    first = client.get(url)
    assert "Figures as of" in first.content.decode()
    due = sum(rate.due for rate in first.context["by_month"])
    overdue = first.context["counts"]["overdue"]
    _many_plans(cast, 3)
    again = client.get(url)
    assert sum(rate.due for rate in again.context["by_month"]) == due  # stored
    assert again.context["counts"]["overdue"] > overdue  # live
    filtered = client.get(url, {"provider": str(cast.provider_a.public_id)})
    assert sum(rate.due for rate in filtered.context["by_month"]) > due  # live
    assert "Figures as of" not in filtered.content.decode()
    snapshots.pastoral_rates(user=cast.staff_a, region_ids=[cast.region_a.pk], refresh=True)  # what beat does
    assert sum(rate.due for rate in client.get(url).context["by_month"]) > due


def test_the_page_shows_the_employers_with_the_lowest_share_done_and_the_csv_all_of_them(cast: Cast, client) -> None:
    from tests.factories import ProviderFactory

    employers = [ProviderFactory(region=cast.region_a, name=f"Employer {n:02}") for n in range(22)]
    for employer in employers:
        plan_for(cast, RecruitFactory(provider=employer), start=timezone.localdate() - dt.timedelta(days=100))
    done = CheckIn.objects.filter(provider=employers[5], due_date__lt=timezone.localdate()).first()
    assert done is not None
    CheckIn.objects.filter(pk=done.pk).update(status="done", done_on=done.due_date)
    client.force_login(cast.staff_a)
    page = client.get(reverse("pastoral_overview"))
    shown = [rate.label for rate in page.context["by_provider"]]
    assert len(shown) == 20 and "Employer 05" not in shown  # the one with a check-in done comes last
    assert shown[:2] == ["Employer 00", "Employer 01"]  # ties: by name
    assert "of 22" in page.content.decode()
    rows = client.get(reverse("pastoral_export", args=["by_provider"])).content.decode().splitlines()
    assert len(rows) == 1 + 22


def test_queues_page_on_with_a_cursor(cast: Cast, client, django_assert_num_queries) -> None:
    _many_plans(cast, 14)  # 42 overdue check-ins (week 1, months 1 and 3 of each)
    client.force_login(cast.lead_a)
    first = client.get(reverse("pastoral_overview") + "?show=overdue")
    cursor = first.context["page"].next_cursor
    assert cursor and len(first.context["page"].items) == 25
    with django_assert_num_queries(14):  # one more: the cursor row
        second = client.get(reverse("pastoral_overview") + f"?show=overdue&after={cursor}")
    assert len(second.context["page"].items) == 17


def test_filters_narrow_the_queues_and_the_exports(cast: Cast, client) -> None:
    from tests.factories import ProviderFactory

    other = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Zeta Homes")
    plan_for(
        cast, RecruitFactory(provider=other, family_name="Zetason"), start=timezone.localdate() - dt.timedelta(days=100)
    )
    plan_for(cast)
    client.force_login(cast.staff_a)
    page = client.get(reverse("pastoral_overview") + f"?show=overdue&provider={other.public_id}").content.decode()
    assert "Zetason" in page and cast.recruit_a.family_name not in page
    csv = client.get(reverse("pastoral_export", args=["overdue"]) + f"?provider={other.public_id}").content.decode()
    assert csv.startswith("recruit,employer,check-in,due,done,red")
    assert "Zetason" in csv and cast.recruit_a.family_name not in csv
    rates = client.get(reverse("pastoral_export", args=["by_provider"])).content.decode()
    assert "Zeta Homes,3,0,0" in rates
    assert client.get(reverse("pastoral_export", args=["nope"])).status_code == 404


def test_exports_and_queues_are_the_hub_teams_only(cast: Cast, client) -> None:
    plan_for(cast)
    for who in (cast.provider_admin_a, cast.recruit_user_a, cast.council_officer_a, cast.national):
        client.force_login(who)
        assert client.get(reverse("pastoral_overview")).status_code == 404
        assert client.get(reverse("pastoral_export", args=["concerns"])).status_code == 404
    client.force_login(cast.staff_b)
    assert cast.recruit_a.family_name not in client.get(reverse("pastoral_export", args=["overdue"])).content.decode()


def test_the_recruit_home_shows_the_next_check_in_appointment_visa_and_help(cast: Cast, client) -> None:
    Recruit.objects.filter(pk=cast.recruit_a.pk).update(visa_expiry=timezone.localdate() + dt.timedelta(days=200))
    plan = plan_for(cast, start=timezone.localdate() - dt.timedelta(days=3))
    appointment_for(cast, purpose="Meet your officer")
    client.force_login(cast.recruit_user_a)
    page = client.get(reverse("home")).content.decode()
    week_1 = plan.check_ins.get(step="1w")
    assert f"Week 1: {week_1.due_date:%-d %B %Y}" in page
    assert week_1.get_absolute_url() in page
    assert "200 days" in page
    assert 'id="i-need-help"' in page and reverse("pastoral_help") in page
    assert reverse("pastoral_my_booklet") in page and reverse("my_training_plan") in page


def test_a_recruit_completes_a_red_check_in_and_sees_where_to_get_help(cast: Cast, client) -> None:
    plan = plan_for(cast)
    check_in = plan.check_ins.order_by("due_date").first()
    client.force_login(cast.recruit_user_a)
    form = client.get(reverse("pastoral_my_check_in"), follow=True)
    assert "Are you paid what you were promised?" in form.content.decode()
    response = client.post(check_in.get_absolute_url(), {**RED_ANSWERS, "wants_call": "yes"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("pastoral_help") + "?after=check-in"
    assert "Thank you for telling us" in page
    assert "08000 121 700" in page and "ACAS" in page and "Citizens Advice" in page and "Alpha Hub" in page
    concern = Concern.objects.get(recruit=cast.recruit_a)
    assert concern.summary == SECRET and CheckIn.objects.get(pk=check_in.pk).red


def test_a_missing_answer_says_what_to_fix(cast: Cast, client) -> None:
    plan = plan_for(cast)
    client.force_login(cast.recruit_user_a)
    response = client.post(plan.check_ins.first().get_absolute_url(), {**RED_ANSWERS, "feel_safe": ""})
    assert response.status_code == 400
    assert "Select an answer to “Do you feel safe at work and where you live?”" in response.content.decode()
    assert not CheckIn.objects.filter(plan=plan, status="done").exists()


def test_the_help_button_opens_a_concern(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    response = client.post(
        reverse("pastoral_help"), {"message": "My manager shouts at me", "wants_call": "on"}, follow=True
    )
    assert "Your hub has your message" in response.content.decode()
    concern = Concern.objects.get(recruit=cast.recruit_a)
    assert concern.source == "help_button" and "Would like a call" in concern.summary


def test_signposting_is_configurable_per_hub(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    url = reverse("pastoral_hub_settings", args=[cast.hub_a.public_id])
    page = client.get(url).content.decode()
    assert "Modern Slavery Helpline" in page  # the defaults, until the hub saves its own
    data = {
        "signposts-TOTAL_FORMS": "2",
        "signposts-INITIAL_FORMS": "0",
        "signposts-0-name": "Modern Slavery Helpline",
        "signposts-0-phone": "08000 121 700",
        "signposts-1-name": "Alpha Migrant Centre",
        "signposts-1-phone": "0121 496 0999",
    }
    save = reverse("pastoral_signposts_save", args=[cast.hub_a.public_id])
    assert client.post(save, data).status_code == 302
    assert list(Signpost.objects.filter(hub=cast.hub_a).values_list("name", flat=True)) == [
        "Modern Slavery Helpline",
        "Alpha Migrant Centre",
    ]
    client.force_login(cast.recruit_user_a)
    assert "Alpha Migrant Centre" in client.get(reverse("pastoral_help")).content.decode()


def test_the_schedule_form_saves_and_refuses_nonsense(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    url = reverse("pastoral_schedule_update", args=[cast.hub_a.public_id])
    bad = client.post(url, {"steps": "1w, 14m"})
    assert bad.status_code == 400 and "falls outside the 12 months" in bad.content.decode()
    assert client.post(url, {"steps": "2w, 3m, 12m"}).status_code == 302
    assert PastoralSettings.objects.get(hub=cast.hub_a).steps == ["2w", "3m", "12m"]


def test_the_employer_records_a_short_check_in_and_sees_dates_only(cast: Cast, client) -> None:
    plan = plan_for(cast)
    red_check_in(cast)
    second = plan.check_ins.filter(status="due").order_by("due_date").first()
    client.force_login(cast.provider_staff_a)
    form = client.get(second.get_absolute_url()).content.decode()
    assert "Are you paid" not in form
    response = client.post(
        second.get_absolute_url(), {"done_on": timezone.localdate().isoformat(), "employer_note": "Settling in"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.method == "employer" and second.status == "done"
    plan_page = client.get(reverse("pastoral_plan", args=[cast.recruit_a.public_id])).content.decode()
    assert "Red" not in plan_page and SECRET not in plan_page
    first = plan.check_ins.order_by("due_date").first()
    assert f"{first.done_on:%-d %b %Y}" in plan_page


def test_hub_staff_work_a_concern_from_its_page(cast: Cast, client) -> None:
    concern = help_concern(cast)
    client.force_login(cast.staff_a)
    url = reverse("pastoral_concern", args=[concern.public_id])
    assert SECRET in client.get(url).content.decode()
    act = reverse("pastoral_concern_act", args=[concern.public_id])
    response = client.post(act, {"act-action": "Rang her", "act-referral": "safeguarding"})
    assert response.status_code == 400 and "Give the date the referral was made" in response.content.decode()
    today = timezone.localdate().isoformat()
    data = {"act-action": "Rang her", "act-referral": "safeguarding", "act-referral_on": today}
    assert client.post(act, data).status_code == 302
    close = reverse("pastoral_concern_close", args=[concern.public_id])
    assert client.post(close, {"close-outcome": "Resolved with the employer"}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.referral == "safeguarding"


def test_appointments_are_booked_seen_and_rearranged(cast: Cast, client) -> None:
    plan_for(cast)
    client.force_login(cast.staff_a)
    when = (timezone.localtime() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    url = reverse("pastoral_appointment_new", args=[cast.recruit_a.public_id])
    missing = client.post(url, {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "minutes": 30, "purpose": "Check in"})
    assert missing.status_code == 400 and "Give a place or a video link" in missing.content.decode()
    data = {
        "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
        "minutes": 45,
        "purpose": "Talk about pay",
        "video_link": "https://meet.example/abc",
    }
    assert client.post(url, data).status_code == 302
    appointment = Appointment.objects.get(recruit=cast.recruit_a)
    assert appointment.starts_at == when
    client.force_login(cast.recruit_user_a)
    assert appointment.get_absolute_url() in client.get(reverse("home")).content.decode()
    page = client.get(appointment.get_absolute_url()).content.decode()
    assert "https://meet.example/abc" in page
    rearrange = reverse("pastoral_appointment_rearrange", args=[appointment.public_id])
    assert client.post(rearrange, {"note": "Mornings are better"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "rearrange"
    client.force_login(cast.provider_admin_a)
    assert client.get(appointment.get_absolute_url()).status_code == 404


def test_booklet_authoring_preview_and_publish(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    response = client.post(reverse("pastoral_booklet_create", args=[cast.hub_a.public_id]))
    edit_url = response["Location"]
    page = client.get(edit_url).content.decode()
    assert "Getting help with exploitation" in page and "Not published yet" in page
    booklet_id = edit_url.rstrip("/").split("/")[-1]
    new = client.post(
        reverse("pastoral_section_new", args=[booklet_id]),
        {
            "order": 30,
            "topic": "other",
            "heading": "Mosques and churches",
            "body": "See <script>alert(1)</script> **us**",
        },
    )
    assert new.status_code == 302
    assert "<script>" not in client.get(edit_url).content.decode().split("Mosques and churches")[1]
    assert client.post(edit_url, {"note": "First edition"}).status_code == 302
    client.force_login(cast.recruit_user_a)
    mine = client.get(reverse("pastoral_my_booklet")).content.decode()
    assert "Mosques and churches" in mine and "<strong>us</strong>" in mine and "<script>alert" not in mine
    pdf = client.get(reverse("pastoral_my_booklet_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"


def test_a_recruit_without_a_published_booklet_is_told_so(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    assert "has not published its booklet yet" in client.get(reverse("pastoral_my_booklet")).content.decode()


def test_the_hub_starts_a_plan_by_hand(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    url = reverse("pastoral_plan_start", args=[cast.recruit_a.public_id])
    assert client.post(url, {"start_date": "2026-01-05"}).status_code == 302
    again = client.post(url, {"start_date": "2026-01-05"})
    assert again.status_code == 400 and "already has a pastoral plan" in again.content.decode()
    client.force_login(cast.provider_admin_a)
    assert client.post(url, {"start_date": "2026-01-05"}).status_code == 403


def test_the_booklet_page_of_a_recruit_for_the_hub(cast: Cast, client) -> None:
    published_booklet(cast)
    plan_for(cast)
    client.force_login(cast.staff_a)
    page = client.get(reverse("pastoral_recruit_booklet", args=[cast.recruit_a.public_id])).content.decode()
    assert "Your details" in page and "Week 1" in page
    services.pastoral_plan_update(actor=cast.staff_a, plan=cast.recruit_a.pastoral_plan, data={"manager_name": "Grace"})
    assert "Grace" in client.get(reverse("pastoral_recruit_booklet", args=[cast.recruit_a.public_id])).content.decode()


def test_hub_staff_record_a_call_with_the_answers_and_their_notes(cast: Cast, client) -> None:
    plan = plan_for(cast)
    check_in = plan.check_ins.order_by("due_date").first()
    client.force_login(cast.staff_a)
    data = {
        **RED_ANSWERS,
        "wants_call": "no",
        "documents_kept": "no",
        "deductions": "no",
        "pay_as_promised": "yes",
        "method": "call",
        "done_on": timezone.localdate().isoformat(),
        "hub_notes": "Spoke for 20 minutes",
    }
    assert client.post(check_in.get_absolute_url(), data).status_code == 302
    check_in.refresh_from_db()
    assert check_in.method == "call" and not check_in.red and check_in.done_by == cast.staff_a
    assert check_in.answers.hub_notes == "Spoke for 20 minutes"
    page = client.get(check_in.get_absolute_url()).content.decode()
    assert "Spoke for 20 minutes" in page and SECRET in page


def test_after_a_rematch_the_plan_page_shows_each_employer_from_its_start(cast: Cast, client) -> None:
    from recruits.models import Employment, RecruitStatus
    from recruits.services import recruit_transition
    from tests.factories import ProviderFactory

    recruit = cast.recruit_a
    started = timezone.localdate() - dt.timedelta(days=100)
    Employment.objects.create(recruit=recruit, provider=cast.provider_a, start_date=started)
    recruit_transition(actor=cast.lead_a, recruit=recruit, to_status=RecruitStatus.EMPLOYED)
    new_provider = ProviderFactory(region=cast.region_a, local_authority=cast.council_a, name="Gamma Care")
    for step in (RecruitStatus.AT_RISK, RecruitStatus.DISPLACED, RecruitStatus.REMATCHED):
        recruit_transition(actor=cast.lead_a, recruit=recruit, to_status=step)
    on = timezone.localdate() + dt.timedelta(days=3)
    recruit_transition(
        actor=cast.lead_a, recruit=recruit, to_status=RecruitStatus.EMPLOYED, new_provider=new_provider, on=on
    )
    client.force_login(cast.staff_a)
    employers = client.get(reverse("pastoral_plan", args=[recruit.public_id])).content.decode()
    assert f"Gamma Care from {on:%-d %B %Y}" in employers
    assert f"Alpha Care Ltd from {started:%-d %B %Y} to {on:%-d %B %Y}" in employers
    plan = Recruit.objects.get(pk=recruit.pk).pastoral_plan
    assert plan.start_date == started and plan.check_ins.count() == 6


def test_an_appointment_sent_back_as_shown_keeps_its_time(client, cast: Cast) -> None:
    """The datetime box shows whole minutes; sending that minute back does not drop the seconds."""
    appointment = appointment_for(cast)
    assert appointment.starts_at.second or appointment.starts_at.microsecond
    shown = timezone.localtime(appointment.starts_at).strftime("%Y-%m-%dT%H:%M")
    client.force_login(cast.staff_a)
    url = reverse("pastoral_appointment", args=[appointment.public_id])
    assert f'value="{shown}"' in client.get(url).content.decode()
    data = {"starts_at": shown, "minutes": 30, "purpose": appointment.purpose}
    change = reverse("pastoral_appointment_change", args=[appointment.public_id])
    response = client.post(change, {**data, "place": appointment.place, "video_link": ""})
    assert response.status_code == 302
    stored = appointment.starts_at
    appointment.refresh_from_db()
    assert appointment.starts_at == stored


def test_the_contacts_page_shows_the_plans_contacts(client, cast: Cast) -> None:
    """The page used to show empty boxes, so saving it wiped the manager's details."""
    plan = plan_for(cast)
    PastoralPlan.objects.filter(pk=plan.pk).update(contact=cast.staff_a, manager_name="Jo Smith", manager_phone="0121")
    client.force_login(cast.staff_a)
    page = client.get(reverse("pastoral_plan_contacts", args=[cast.recruit_a.public_id])).content.decode()
    assert 'value="Jo Smith"' in page and 'value="0121"' in page
    assert f'<option value="{cast.staff_a.pk}" selected>' in page
