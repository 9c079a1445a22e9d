"""The home page's work queue (issue 23 item 2, issue 17 item 1): what needs each role today."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import CaseStep, ComplianceCase
from hubs.roles import Role
from notifications.models import Reminder
from notifications.services import reminder_schedule
from pastoral.models import Concern
from pastoral.services import concern_open
from recruits.duties.services import duty_record
from rematch import services as rematch_services
from rematch.models import RematchRequest, RematchStatus
from tests.compliance.builders import revoke
from tests.conftest import Cast
from tests.factories import RecruitFactory


def _today() -> dt.date:
    return timezone.localdate()


def _request(cast: Cast, *, days_left: int, name: str, provider=None, actor=None) -> RematchRequest:
    recruit = RecruitFactory(provider=provider or cast.provider_a, given_names=name, family_name="Worker")
    recruit.curtailment_letter_date = _today() - dt.timedelta(days=60 - days_left)
    recruit.visa_expiry = None
    recruit.save()
    return rematch_services.rematch_open(actor=actor or cast.staff_a, recruit=recruit, door="hub")


def _section(html: str, key: str) -> str:
    match = re.search(rf'<section [^>]*id="queue-{key}".*?</section>', html, re.S)
    assert match, f"no queue section {key}"
    return match.group(0)


def _home(client, user, view: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse("home") + (f"?view={view}" if view else ""))
    assert response.status_code == 200
    return response.content.decode()


def test_workers_14_days_from_leave_end_without_a_placement_come_first(cast: Cast, client) -> None:
    due = _request(cast, days_left=14, name="Fourteen")
    _request(cast, days_left=15, name="Fifteen")
    placed = _request(cast, days_left=3, name="Placed")
    RematchRequest.objects.filter(pk=placed.pk).update(status=RematchStatus.PLACED)
    _request(cast, days_left=2, name="Elsewhere", provider=cast.provider_b, actor=cast.staff_b)
    html = _home(client, cast.lead_a)
    section = _section(html, "leave_end")
    assert "Fourteen Worker" in section and "14 days left" in section
    assert due.get_absolute_url() in section
    assert "Fifteen" not in section and "Placed Worker" not in section and "Elsewhere" not in html
    # The most urgent section is the first on the page.
    assert html.index('id="queue-leave_end"') < html.index('id="queue-steps"') < html.index('id="queue-duties"')


def test_overdue_case_steps_appear_and_other_regions_never(cast: Cast, client) -> None:
    case = revoke(cast)  # revoked a month ago: its first steps are past their date
    overdue = CaseStep.objects.filter(case=case, completed_at__isnull=True, due_on__lt=_today()).order_by("due_on")
    assert overdue.exists()
    CaseStep.objects.filter(case=case).exclude(pk=overdue[0].pk).update(completed_at=timezone.now())
    html = _home(client, cast.staff_a)
    section = _section(html, "steps")
    assert overdue[0].title in section and overdue[0].get_absolute_url() in section and "overdue" in section
    assert _home(client, cast.lead_b).count(overdue[0].get_absolute_url()) == 0
    # The council officer of the area sees the case with its overdue step, the other council does not.
    council = _section(_home(client, cast.council_officer_a), "cases")
    assert "Gamma Care Ltd" in council and "1 step overdue" in council and case.get_absolute_url() in council
    assert "Gamma Care Ltd" not in _home(client, cast.council_officer_b)


def test_concerns_without_an_owner_show_no_content_and_stay_in_the_hub_team(cast: Cast, client) -> None:
    concern = concern_open(
        actor=cast.staff_a, recruit=cast.recruit_a, source="hub", categories=["pay"], summary="Secret words"
    )
    owned = concern_open(
        actor=cast.staff_a, recruit=RecruitFactory(provider=cast.provider_a, given_names="Owned"),
        source="hub", categories=["pay"], summary="More secrets",
    )  # fmt: skip
    Concern.objects.filter(pk=owned.pk).update(owner=cast.staff_a)
    section = _section(_home(client, cast.lead_a), "concerns")
    assert "Ada Adeyemi" in section and concern.get_absolute_url() in section
    assert "Owned" not in section and "Secret words" not in section
    for outsider in (cast.provider_admin_a, cast.council_officer_a, cast.lead_b, cast.recruit_user_a):
        html = _home(client, outsider)
        assert concern.get_absolute_url() not in html and "Secret words" not in html


def test_overdue_duties_and_failed_reminders_explained_as_actions(cast: Cast, client) -> None:
    duty_record(actor=None, provider=cast.provider_a, kind="employment_ended", recruit=cast.recruit_a,
                event_date=_today() - dt.timedelta(days=40))  # fmt: skip
    duty_record(actor=None, provider=cast.provider_b, kind="employment_ended", recruit=cast.recruit_b,
                event_date=_today() - dt.timedelta(days=40))  # fmt: skip
    failed = reminder_schedule(recipient_role=Role.COUNCIL, local_authority=cast.council_a, region=cast.region_a,
                               kind="pastoral.check_in", about=cast.recruit_a,
                               due_at=timezone.now() - dt.timedelta(hours=2))  # fmt: skip
    Reminder.objects.filter(pk=failed.pk).update(
        status="failed", attempts=5, last_error="LookupError: No active recipient with an email address."
    )
    html = _home(client, cast.lead_a)
    duties = _section(html, "duties")
    assert "Ada Adeyemi" in duties and "Bola" not in duties and "overdue" in duties
    reminders = _section(html, "reminders")
    assert f"{cast.council_a.council_name} has no council officer with an email address: invite one" in reminders
    assert reverse("invitation_new") + "?role=council" in reminders and "LookupError" not in html
    # Hub staff do not get the lead's reminders: their home is not the lead's word for word.
    staff = _home(client, cast.staff_a)
    assert 'id="queue-reminders"' not in staff and 'id="queue-duties"' in staff


def test_assigned_to_me_shows_the_users_own_work(cast: Cast, client) -> None:
    mine = _request(cast, days_left=40, name="Mine")
    theirs = _request(cast, days_left=5, name="Theirs")
    RematchRequest.objects.filter(pk=mine.pk).update(owner=cast.staff_a)
    RematchRequest.objects.filter(pk=theirs.pk).update(owner=cast.lead_a)
    case = revoke(cast)
    step = case.steps.order_by("position").first()
    CaseStep.objects.filter(pk=step.pk).update(assignee=cast.staff_a)
    ComplianceCase.objects.filter(pk=case.pk).update(owner=cast.lead_a)
    html = _home(client, cast.staff_a, view="mine")
    assert 'aria-current="page">Assigned to me' in html
    requests = _section(html, "my_requests")
    assert "Mine Worker" in requests and "Theirs" not in requests
    steps = _section(html, "my_steps")
    assert step.get_absolute_url() in steps
    assert steps.count('<li class="portal-queue__line') == 1
    # The lists behind the sections hold the same rows.
    client.force_login(cast.staff_a)
    board = client.get(reverse("rematch_board") + "?owner=me").content.decode()
    assert "Mine Worker" in board and "Theirs Worker" not in board
    cases = client.get(reverse("case_list") + "?show=mine").content.decode()
    assert case.get_absolute_url() in cases


def _figures(html: str) -> list[tuple[str, int | None, str]]:
    """(link, number, label) of each figure; the number is None where the national view suppresses it."""
    pattern = (
        r'<a class="govuk-link portal-figure__link" href="([^"]+)">'
        r'<span class="portal-figure__number">(\d+|fewer than 5|withheld)</span>'
        r'<span class="portal-figure__label">([^<]+)</span>'
    )
    return [
        (href.replace("&amp;", "&"), int(n) if n.isdigit() else None, label)
        for href, n, label in re.findall(pattern, html)
    ]


@pytest.mark.parametrize(
    "who", ["lead_a", "staff_a", "council_officer_a", "provider_admin_a", "provider_staff_a", "national"]
)
def test_every_figure_links_to_the_list_that_holds_its_rows(who: str, cast: Cast, client) -> None:
    RecruitFactory.create_batch(2, provider=cast.provider_a, status="displaced", given_names="Shown")
    RecruitFactory(provider=cast.provider_a, status="at_risk", flags=["fees_charged"], given_names="Flagged")
    revoke(cast)
    html = _home(client, getattr(cast, who))
    figures = _figures(html)
    assert figures and html.count("portal-figure__number") == len(figures), "a figure without a link"
    for href, number, label in figures:
        response = client.get(href)
        assert response.status_code == 200, (label, href)
        page = response.content.decode()
        if href.split("?")[0] in (reverse("recruit_list"), reverse("provider_list")):
            assert response.context["page"].total == number, (label, href)
        assert "Page not found" not in page
    # Each queue section's number leads to its list too.
    sections = re.findall(r'id="queue-\w+-title">[^<]*<a class="govuk-link" href="([^"]+)"', html)
    assert sections or who == "national"
    for href in sections:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href
