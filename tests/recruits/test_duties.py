"""Sponsor reporting duties: deadlines in working days, recording, marking reported, lists and homes."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.workdays import add_working_days
from recruits.duties.models import DutyKind, ReportingDuty
from recruits.duties.rules import duty_deadline
from recruits.duties.selectors import DutyRow
from recruits.duties.services import duty_record
from recruits.models import Flag
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory


def _figure(html: str, label: str) -> int:
    match = re.search(
        r'portal-figure__number">(\d+)</span><span class="portal-figure__label">' + re.escape(label), html
    )
    assert match, f"no figure labelled {label!r}"
    return int(match.group(1))


def _duty(cast: Cast, *, days_ago: int = 3, provider=None, recruit=None, **kwargs) -> ReportingDuty:
    provider = provider or cast.provider_a
    event = timezone.localdate() - timedelta(days=days_ago)
    return duty_record(
        actor=cast.lead_a,
        provider=provider,
        kind=kwargs.pop("kind", DutyKind.EMPLOYMENT_ENDED),
        event_date=event,
        recruit=recruit or (cast.recruit_a if provider == cast.provider_a else RecruitFactory(provider=provider)),
        **kwargs,
    )


# Deadlines, worked by hand from portal/data/bank_holidays_england_wales.csv


def test_a_deadline_over_christmas_and_new_year() -> None:
    # Friday 18 December 2026; the day of the event does not count. Working days after it:
    #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4),
    #   Fri 25 Christmas Day, Sat 26, Sun 27, Mon 28 Boxing Day (substitute day): none count,
    #   Tue 29 (5), Wed 30 (6), Thu 31 (7), Fri 1 Jan New Year's Day: not counted, Sat 2, Sun 3,
    #   Mon 4 (8), Tue 5 (9), Wed 6 (10).
    # So the deadline is Wednesday 6 January 2027 (not the 5th: that is only the 9th working day).
    assert duty_deadline(DutyKind.EMPLOYMENT_ENDED, date(2026, 12, 18)) == date(2027, 1, 6)
    assert duty_deadline(DutyKind.DID_NOT_START, date(2026, 12, 18)) == date(2027, 1, 6)
    # Organisation changes have 20 working days: 10 more after Wed 6 Jan: 7 (11), 8 (12),
    # 11-15 (13-17), 18 (18), 19 (19), 20 (20) → Wednesday 20 January 2027.
    assert duty_deadline(DutyKind.ORGANISATION_CHANGE, date(2026, 12, 18)) == date(2027, 1, 20)


def test_the_days_left_count_working_days() -> None:
    duty = ReportingDuty(deadline=date(2027, 1, 6), event_date=date(2026, 12, 18))
    assert DutyRow(duty=duty, today=date(2026, 12, 18)).when == "10 working days left"
    assert DutyRow(duty=duty, today=date(2027, 1, 5)).when == "1 working day left"
    assert DutyRow(duty=duty, today=date(2027, 1, 6)).when == "Due today"
    late = DutyRow(duty=duty, today=date(2027, 1, 9))
    assert late.overdue and late.when == "Overdue by 3 days"
    duty.reported_on = date(2027, 1, 4)
    reported = DutyRow(duty=duty, today=date(2027, 1, 9))
    assert not reported.overdue and reported.when == "Reported on 4 January 2027"


def test_the_unauthorised_absence_clock_starts_after_the_10th_working_day() -> None:
    # First day of absence Mon 2 Nov 2026 is working day 1; the 10th is Fri 13 Nov;
    # then 10 more working days: 16-20, 23-27 Nov → Fri 27 November 2026.
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 11, 2)) == date(2026, 11, 27)
    # An absence "starting" on Sunday 1 Nov counts from Monday 2 Nov: same deadline.
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 11, 1)) == date(2026, 11, 27)
    # Over Christmas: first day Mon 14 Dec 2026 → 10th working day Tue 29 Dec (25 and 28 Dec are holidays)
    # → +10: 30, 31 Dec, 4-8 Jan, 11-13 Jan → Wed 13 January 2027.
    assert add_working_days(date(2026, 12, 14), 9) == date(2026, 12, 29)
    assert duty_deadline(DutyKind.UNAUTHORISED_ABSENCE, date(2026, 12, 14)) == date(2027, 1, 13)


# Recording a duty


def test_a_provider_admin_records_a_duty_and_sees_the_deadline(cast: Cast, client) -> None:
    # Fri 28 Aug 2026, then Mon 31 Aug (bank holiday) is skipped: 1-4, 7-11, 14 Sep → Mon 14 September 2026.
    client.force_login(cast.provider_admin_a)
    url = reverse("duty_new", args=[cast.provider_a.public_id])
    response = client.post(
        url,
        {"kind": "pay_cut", "recruit": str(cast.recruit_a.public_id), "event_date": "2026-08-28", "details": "Hours"},
        follow=True,
    )
    duty = ReportingDuty.objects.get()
    assert (duty.provider, duty.recruit, duty.region, duty.created_by) == (
        cast.provider_a,
        cast.recruit_a,
        cast.region_a,
        cast.provider_admin_a,
    )
    assert duty.deadline == date(2026, 9, 14)
    html = response.content.decode()
    assert "Report to UKVI by 14 September 2026" in html


def test_the_worker_list_holds_the_providers_own_recruits_only(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    url = reverse("duty_new", args=[cast.provider_a.public_id])
    html = client.get(url).content.decode()
    assert cast.recruit_a.full_name in html and cast.recruit_b.full_name not in html
    response = client.post(
        url,
        {"kind": "pay_cut", "recruit": str(cast.recruit_b.public_id), "event_date": "2026-11-02"},
    )
    assert "Choose one of this provider&#x27;s workers" in response.content.decode()
    assert not ReportingDuty.objects.exists()


def test_a_worker_duty_needs_a_worker_and_a_past_date(cast: Cast, client) -> None:
    client.force_login(cast.provider_staff_a)
    url = reverse("duty_new", args=[cast.provider_a.public_id])
    tomorrow = timezone.localdate() + timedelta(days=1)
    html = client.post(url, {"kind": "did_not_start", "event_date": tomorrow.isoformat()}).content.decode()
    assert "Choose the worker: “Worker did not start” is reported per worker" in html
    assert "The date it happened cannot be in the future" in html
    assert "Choose what happened" in client.post(url, {}).content.decode()
    assert not ReportingDuty.objects.exists()


def test_an_organisation_change_needs_no_worker(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    url = reverse("duty_new", args=[cast.provider_a.public_id])
    response = client.post(url, {"kind": "organisation_change", "event_date": "2026-11-02", "recruit": ""})
    assert response.status_code == 302
    assert ReportingDuty.objects.get().deadline == date(2026, 11, 30)


def test_a_council_officer_cannot_record_duties(cast: Cast, client) -> None:
    client.force_login(cast.council_officer_a)
    url = reverse("duty_new", args=[cast.provider_a.public_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "organisation_change", "event_date": "2026-11-02"}).status_code == 403
    assert not ReportingDuty.objects.exists()


def test_a_provider_of_another_region_is_404_for_duties(cast: Cast, client) -> None:
    duty = _duty(cast, provider=cast.provider_b)
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("duty_new", args=[cast.provider_b.public_id])).status_code == 404
    url = reverse("duty_mark_reported", args=[duty.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reported_on": timezone.localdate().isoformat()}).status_code == 404
    duty.refresh_from_db()
    assert duty.reported_on is None


# Marking reported


def test_marking_a_duty_reported(cast: Cast, client) -> None:
    duty = _duty(cast, days_ago=5)
    client.force_login(cast.provider_staff_a)
    url = reverse("duty_mark_reported", args=[duty.public_id])
    html = client.get(url).content.decode()
    assert "Mark as reported to UKVI" in html and cast.recruit_a.full_name in html
    reported_on = timezone.localdate() - timedelta(days=1)
    response = client.post(url, {"reported_on": reported_on.isoformat()}, follow=True)
    duty.refresh_from_db()
    assert duty.reported_on == reported_on and duty.reported_by == cast.provider_staff_a
    assert f"Marked as reported to UKVI on {reported_on:%-d %B %Y}." in response.content.decode()
    # Twice is refused, and the page says so.
    html = client.get(url).content.decode()
    assert "Already reported to UKVI" in html and 'name="reported_on"' not in html
    html = client.post(url, {"reported_on": reported_on.isoformat()}).content.decode()
    assert "This duty is already marked as reported." in html


def test_a_report_before_the_event_is_refused(cast: Cast, client) -> None:
    duty = _duty(cast, days_ago=2)
    client.force_login(cast.lead_a)
    url = reverse("duty_mark_reported", args=[duty.public_id])
    html = client.post(url, {"reported_on": (duty.event_date - timedelta(days=1)).isoformat()}).content.decode()
    assert "The report cannot be before the event itself." in html
    html = client.post(url, {"reported_on": ""}).content.decode()
    assert "Enter the date you reported it to UKVI" in html
    duty.refresh_from_db()
    assert duty.reported_on is None


def test_a_council_officer_cannot_see_duties(cast: Cast, client) -> None:
    duty = _duty(cast)
    client.force_login(cast.council_officer_a)
    assert client.get(reverse("duty_mark_reported", args=[duty.public_id])).status_code == 404
    assert client.get(reverse("duty_list")).status_code == 403


# The list


def test_overdue_duties_are_visible_to_the_lead_in_red(cast: Cast, client) -> None:
    overdue = _duty(cast, days_ago=40)
    _duty(cast, days_ago=1)
    _duty(cast, provider=cast.provider_b, days_ago=40)  # another region
    client.force_login(cast.lead_a)
    html = client.get(reverse("duty_list"), {"show": "overdue"}).content.decode()
    assert html.count("portal-row--overdue") == 1
    assert html.count('govuk-tag govuk-tag--red">Overdue by') == 1
    assert reverse("duty_mark_reported", args=[overdue.public_id]) in html
    assert cast.provider_b.name not in html and cast.provider_a.name in html
    assert "Overdue (1)" in html and "Still to report (2)" in html


def test_the_filters_split_overdue_due_soon_and_reported(cast: Cast, client) -> None:
    late = _duty(cast, days_ago=40, details="late")
    soon = _duty(cast, days_ago=3)  # deadline about 11 working days after: over 10 calendar days
    soon.deadline = timezone.localdate() + timedelta(days=4)
    soon.save()
    later = _duty(cast, days_ago=0)
    later.deadline = timezone.localdate() + timedelta(days=20)
    later.save()
    done = _duty(cast, days_ago=30)
    done.reported_on = timezone.localdate()
    done.save()
    client.force_login(cast.staff_a)

    def shown(show: str) -> set[str]:
        html = client.get(reverse("duty_list"), {"show": show}).content.decode()
        return set(re.findall(r"/providers/duties/([0-9a-f-]{36})/reported/", html))

    assert shown("overdue") == {str(late.public_id)}
    assert shown("due_soon") == {str(soon.public_id)}
    assert shown("open") == {str(late.public_id), str(soon.public_id), str(later.public_id)}
    html = client.get(reverse("duty_list"), {"show": "reported"}).content.decode()
    assert "Reported on" in html and "Reported (1)" in html


def test_provider_roles_see_their_providers_duties_only(cast: Cast, client) -> None:
    mine = _duty(cast)
    neighbour = ProviderFactory(region=cast.region_a)
    theirs = _duty(cast, provider=neighbour)
    client.force_login(cast.provider_staff_a)
    html = client.get(reverse("duty_list")).content.decode()
    assert str(mine.public_id) in html and str(theirs.public_id) not in html
    client.force_login(cast.lead_a)
    html = client.get(reverse("duty_list")).content.decode()
    assert str(mine.public_id) in html and str(theirs.public_id) in html


@pytest.mark.parametrize("who", ["national", "recruit_user_a"])
def test_others_cannot_open_the_duty_list(who: str, cast: Cast, client) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("duty_list")).status_code == 403


def test_the_duty_list_pages_by_keyset_with_fixed_queries(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    _duty(cast)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("duty_list")).status_code == 200
    providers = [ProviderFactory(region=cast.region_a) for _ in range(3)]
    duties = {str(_duty(cast, provider=providers[n % 3], days_ago=n % 30).public_id) for n in range(119)}
    with CaptureQueriesContext(connection) as large:
        html = client.get(reverse("duty_list")).content.decode()
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert not any("OFFSET" in q["sql"] for q in large.captured_queries)
    seen = re.findall(r"/providers/duties/([0-9a-f-]{36})/reported/", html)
    params: dict[str, str] = {}
    while (match := re.search(r'href="\?([^"]*)" rel="next"', html)) is not None:
        params = dict(pair.split("=", 1) for pair in match.group(1).replace("&amp;", "&").split("&"))
        html = client.get(reverse("duty_list"), params).content.decode()
        seen += re.findall(r"/providers/duties/([0-9a-f-]{36})/reported/", html)
    assert len(seen) == 120 and len(set(seen)) == 120 and duties <= set(seen)


# Home pages


def test_the_lead_home_counts_overdue_duties_of_the_region(cast: Cast, client) -> None:
    _duty(cast, days_ago=40)
    _duty(cast, days_ago=35)
    _duty(cast, days_ago=1)
    done = _duty(cast, days_ago=40)
    done.reported_on = timezone.localdate()
    done.save()
    _duty(cast, provider=cast.provider_b, days_ago=40)
    for who in ("lead_a", "staff_a"):
        client.force_login(getattr(cast, who))
        html = client.get(reverse("home")).content.decode()
        assert _figure(html, "reporting duties overdue") == 2
        assert f"{reverse('duty_list')}?show=overdue" in html


def test_the_provider_home_lists_duties_due_soonest_and_flagged_recruits(cast: Cast, client) -> None:
    late = _duty(cast, days_ago=40)
    soon = _duty(cast, days_ago=1)
    done = _duty(cast, days_ago=20)
    done.reported_on = timezone.localdate()
    done.save()
    _duty(cast, provider=cast.provider_b, days_ago=2)
    RecruitFactory(provider=cast.provider_a, flags=[Flag.RED_LIST_AGENCY])
    RecruitFactory(provider=cast.provider_a, flags=[Flag.AMBER_LIST, Flag.FEES_CHARGED])
    RecruitFactory(provider=cast.provider_b, flags=[Flag.RED_LIST_AGENCY])
    client.force_login(cast.provider_staff_a)
    html = client.get(reverse("home")).content.decode()
    assert _figure(html, "recruits with Code of Practice flags") == 2
    links = re.findall(r"/providers/duties/([0-9a-f-]{36})/reported/", html)
    assert links == [str(late.public_id), str(soon.public_id)]  # soonest (most overdue) first
    assert 'govuk-tag govuk-tag--red">Overdue by' in html and "working days left" in html
    assert f"{soon.deadline:%-d %B %Y}" in html and cast.recruit_a.full_name in html
