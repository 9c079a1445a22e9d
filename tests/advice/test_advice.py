"""Advice (issue 16 items 1, 2, 4; issue 15 item 8): allowances, threads, targets and reminders,
who sees which thread, and the ADASS counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from advice.models import AdviceMessage, AdviceRequest, RequestStatus, Subscription
from advice.services import advice_close, advice_remind_waiting, advice_reply, minutes_left, minutes_used
from advice.tasks import remind_waiting_task
from notifications.models import Notification, Reminder
from notifications.services import reminder_send
from notifications.tasks import send_notification_email
from tests.conftest import Cast
from tests.factories import ProviderFactory

from .builders import (
    council_request,
    council_subscription,
    pdf,
    provider_request,
    request_of_another_provider_in_a,
    service_in,
    subscription_of,
)

pytestmark = pytest.mark.django_db


def _url(row: AdviceRequest, name: str = "advice_request_detail") -> str:
    return reverse(name, kwargs={"public_id": row.public_id})


# -- allowance arithmetic -------------------------------------------------------------------------


def test_time_recorded_by_the_adviser_comes_off_the_allowance(cast: Cast) -> None:
    subscription = subscription_of(cast, allowance=120)
    first = provider_request(cast, subscription=subscription)
    second = provider_request(cast, subscription=subscription)
    assert (minutes_used(subscription), minutes_left(subscription)) == (0, 120)
    advice_reply(actor=cast.staff_a, request_row=first, text="Four weeks.", minutes=45)
    advice_reply(actor=cast.lead_a, request_row=second, text="See the contract.", minutes=30)
    advice_reply(actor=cast.provider_admin_a, request_row=second, text="Thank you.")
    assert (minutes_used(subscription), minutes_left(subscription)) == (75, 45)


def test_time_beyond_the_allowance_is_recorded_and_flagged_not_lost(cast: Cast) -> None:
    subscription = subscription_of(cast, allowance=60)
    row = provider_request(cast, subscription=subscription)
    advice_reply(actor=cast.staff_a, request_row=row, text="First part.", minutes=50)
    message = advice_reply(actor=cast.staff_a, request_row=row, text="Second part.", minutes=25)
    assert message.minutes == 25 and message.over_allowance_minutes == 15
    assert minutes_used(subscription) == 75 and minutes_left(subscription) == 0


def test_the_lead_hears_once_when_a_subscription_goes_over_its_allowance(cast: Cast) -> None:
    subscription = subscription_of(cast, allowance=60)
    row = provider_request(cast, subscription=subscription)
    advice_reply(actor=cast.staff_a, request_row=row, text="All of it.", minutes=60)
    assert not Reminder.objects.filter(kind="advice.over_allowance").exists()  # used up, not over
    advice_reply(actor=cast.staff_a, request_row=row, text="A little more.", minutes=10)
    advice_reply(
        actor=cast.staff_a, request_row=provider_request(cast, subscription=subscription), text="More", minutes=5
    )
    reminder = Reminder.objects.get(kind="advice.over_allowance")
    assert reminder.recipient_role == "lead" and reminder.region == cast.region_a
    (notification_id,) = reminder_send(reminder_id=reminder.pk)
    assert Notification.objects.get(pk=notification_id).user == cast.lead_a


def test_only_advisers_record_time_and_minutes_are_bounded(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    row = provider_request(cast)
    with pytest.raises(ValidationError, match="Only the hub's advisers record time"):
        advice_reply(actor=cast.provider_admin_a, request_row=row, text="I spent an hour", minutes=60)
    with pytest.raises(ValidationError, match="from 0 to 480"):
        advice_reply(actor=cast.staff_a, request_row=row, text="Long", minutes=481)
    assert not AdviceMessage.objects.filter(request=row).exists()


def test_the_adviser_page_warns_when_time_goes_over(client, cast: Cast) -> None:
    row = provider_request(cast, subscription=subscription_of(cast, allowance=10))
    client.force_login(cast.staff_a)
    response = client.post(_url(row, "advice_request_reply"), {"text": "Answered.", "minutes": "25"}, follow=True)
    page = response.content.decode()
    assert "15 of these minutes go beyond the allowance" in page
    assert "15 minutes over" in page


def test_the_provider_sees_what_it_has_and_what_is_left(client, cast: Cast) -> None:
    subscription = subscription_of(cast, allowance=120)
    row = provider_request(cast, subscription=subscription)
    advice_reply(actor=cast.staff_a, request_row=row, text="Four weeks.", minutes=45)
    subscription_of(cast, cast.provider_b, allowance=999)
    client.force_login(cast.provider_staff_a)
    page = client.get(reverse("advice_home")).content.decode()
    assert 'data-left="75"' in page and "Employment-law advice" in page
    assert "999" not in page


def test_a_request_needs_a_subscription_in_force(client, cast: Cast) -> None:
    ended = subscription_of(cast, starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31))
    client.force_login(cast.provider_admin_a)
    response = client.post(
        reverse("advice_request_new"),
        {"subscription": ended.pk, "category": "hr", "subject": "A", "question": "B", "urgency": "routine"},
    )
    assert response.status_code == 200 and "<title>Error:" in response.content.decode()
    assert not AdviceRequest.objects.exists()


# -- raising, answering, closing --------------------------------------------------------------------


def test_a_provider_asks_with_an_attachment_and_the_adviser_answers(client, cast: Cast) -> None:
    subscription = subscription_of(cast)
    client.force_login(cast.provider_admin_a)
    response = client.post(
        reverse("advice_request_new"),
        {
            "subscription": subscription.pk,
            "category": "employment_law",
            "subject": "Dismissal during probation",
            "question": "Can we end a probation early?",
            "urgency": "soon",
            "upload": pdf(),
        },
    )
    row = AdviceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == row.get_absolute_url()
    assert row.provider == cast.provider_a and row.region == cast.region_a and row.status == RequestStatus.WAITING
    attached = row.messages.get()
    assert attached.document_name == "contract.pdf" and attached.content_type == "application/pdf"
    download = client.get(reverse("advice_document", kwargs={"public_id": attached.public_id}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(cast.staff_a)
    client.post(_url(row, "advice_request_reply"), {"text": "Yes, with notice.", "minutes": "20"})
    row.refresh_from_db()
    assert row.status == RequestStatus.ANSWERED and row.first_answer_at is not None
    client.post(_url(row, "advice_request_close"), {"outcome": "advice_given", "note": "Resolved."})
    row.refresh_from_db()
    assert row.status == RequestStatus.CLOSED and row.outcome == "advice_given" and row.closed_at is not None


def test_a_renamed_file_is_refused_with_what_to_do(client, cast: Cast) -> None:
    subscription = subscription_of(cast)
    client.force_login(cast.provider_admin_a)
    fake = SimpleUploadedFile("contract.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("advice_request_new"),
        {
            "subscription": subscription.pk,
            "category": "hr",
            "subject": "A",
            "question": "B",
            "urgency": "routine",
            "upload": fake,
        },
    )
    assert "says it is a PDF but it is not" in response.content.decode()
    assert not AdviceRequest.objects.exists() and not AdviceMessage.objects.exists()


def test_the_requester_is_told_by_inbox_and_email_naming_nobody(client, cast: Cast, mailoutbox) -> None:
    row = provider_request(cast)
    advice_reply(actor=cast.staff_a, request_row=row, text="Four weeks, see clause 9.", minutes=15)
    notices = Reminder.objects.filter(kind="advice.answered", recipient=cast.provider_admin_a)
    assert notices.count() == 1
    for notification_id in reminder_send(reminder_id=notices.get().pk):
        send_notification_email.apply(args=[notification_id])
    assert [message.to[0] for message in mailoutbox] == [cast.provider_admin_a.email]
    body = mailoutbox[0].body
    for text in (cast.staff_a.name, cast.provider_admin_a.name, cast.provider_a.name, "clause 9", row.subject):
        assert text not in body, text
    assert Notification.objects.filter(user=cast.provider_admin_a, kind="advice.answered").exists()


def test_sponsor_licence_help_needs_no_subscription(client, cast: Cast) -> None:
    client.force_login(cast.provider_staff_a)
    response = client.post(
        reverse("sponsor_help_new"),
        {
            "provider": cast.provider_a.pk,
            "category": "sponsor_apply",
            "subject": "First sponsor licence",
            "question": "Which documents do we need?",
            "urgency": "routine",
        },
    )
    row = AdviceRequest.objects.get()
    assert response.status_code == 302 and row.kind == "sponsor_licence" and row.subscription is None
    client.force_login(cast.staff_a)
    client.post(_url(row, "advice_request_reply"), {"text": "Appendix A list attached.", "minutes": "40"})
    assert AdviceMessage.objects.get(request=row).over_allowance_minutes == 0


def test_a_council_asks_about_a_provider_of_its_area_only(client, cast: Cast) -> None:
    client.force_login(cast.council_officer_a)
    form = client.get(reverse("council_support_new")).content.decode()
    assert cast.provider_a.name in form and cast.provider_b.name not in form
    data = {"subject": "Help", "question": "Licence suspended", "urgency": "urgent"}
    refused = client.post(reverse("council_support_new"), {**data, "about_provider": cast.provider_b.pk})
    assert refused.status_code == 200 and not AdviceRequest.objects.exists()
    client.post(reverse("council_support_new"), {**data, "about_provider": cast.provider_a.pk})
    row = AdviceRequest.objects.get()
    assert row.local_authority == cast.council_a and row.about_provider == cast.provider_a and row.provider is None


def test_a_council_subscription_counts_its_own_requests(cast: Cast) -> None:
    subscription = council_subscription(cast, allowance=60)
    row = provider_request(cast, user=cast.council_officer_a, subscription=subscription)
    assert row.local_authority == cast.council_a and row.provider is None
    advice_reply(actor=cast.staff_a, request_row=row, text="Answer", minutes=20)
    assert minutes_left(subscription) == 40


def test_the_councils_case_page_lists_its_requests_about_the_provider(client, cast: Cast) -> None:
    from tests.compliance.builders import revoke

    case = revoke(cast)
    mine = council_request(cast, about=case.provider)
    provider_request(cast)  # the provider's own thread never shows on the council's page
    client.force_login(cast.council_officer_a)
    page = client.get(case.get_absolute_url()).content.decode()
    listed = page.split('id="support-requests"', 1)[1].split("</ul>", 1)[0]
    assert mine.get_absolute_url() in listed and "Waiting for the hub" in listed
    assert "Notice period for a senior carer" not in page
    assert reverse("council_support_new") in page


# -- targets and reminders ---------------------------------------------------------------------------


def test_a_request_waiting_past_its_first_answer_target_reminds_hub_staff(cast: Cast) -> None:
    raised = timezone.now() - dt.timedelta(days=30)
    provider_request(cast, urgency="urgent", now=raised)
    assert advice_remind_waiting(now=raised + dt.timedelta(hours=3, minutes=59)) == 0
    remind_waiting_task.apply(kwargs={"now": (raised + dt.timedelta(hours=4)).isoformat()})
    reminder = Reminder.objects.get(kind="advice.waiting")
    assert reminder.recipient_role == "hub_staff" and reminder.region == cast.region_a
    # Once per request and target, however often the task runs.
    advice_remind_waiting(now=raised + dt.timedelta(hours=5))
    assert Reminder.objects.filter(kind="advice.waiting").count() == 1
    (notification_id,) = reminder_send(reminder_id=reminder.pk)
    assert Notification.objects.get(pk=notification_id).user == cast.staff_a


def test_an_answered_request_still_open_after_its_resolution_target_reminds_the_lead(cast: Cast) -> None:
    raised = timezone.now() - dt.timedelta(days=30)
    row = provider_request(cast, urgency="soon", now=raised)
    advice_reply(actor=cast.staff_a, request_row=row, text="A first answer", now=raised + dt.timedelta(hours=2))
    assert advice_remind_waiting(now=raised + dt.timedelta(days=4)) == 0
    advice_remind_waiting(now=raised + dt.timedelta(days=5))
    assert list(Reminder.objects.filter(kind="advice.waiting").values_list("recipient_role", flat=True)) == ["lead"]
    advice_close(actor=cast.staff_a, request_row=row, outcome="advice_given")
    assert not Reminder.objects.filter(kind="advice.waiting", status=Reminder.Status.SCHEDULED).exists()


def test_a_closed_request_is_never_reminded(cast: Cast) -> None:
    raised = timezone.now() - dt.timedelta(days=30)
    row = provider_request(cast, now=raised)
    advice_close(actor=cast.lead_a, request_row=row, outcome="withdrawn", now=raised + dt.timedelta(hours=1))
    assert advice_remind_waiting(now=raised + dt.timedelta(days=29)) == 0


def test_the_page_says_whether_the_first_answer_met_its_target(client, cast: Cast) -> None:
    raised = timezone.now() - dt.timedelta(days=10)
    late = provider_request(cast, urgency="urgent", now=raised)
    advice_reply(actor=cast.staff_a, request_row=late, text="Late", now=raised + dt.timedelta(hours=5))
    on_time = provider_request(cast, urgency="urgent", now=raised)
    advice_reply(actor=cast.staff_a, request_row=on_time, text="Quick", now=raised + dt.timedelta(hours=1))
    client.force_login(cast.provider_admin_a)
    assert "Later than the target" in client.get(_url(late)).content.decode()
    assert "Within the target" in client.get(_url(on_time)).content.decode()
    waiting = provider_request(cast, urgency="urgent", now=raised)
    page = client.get(_url(waiting)).content.decode()
    first, closed = (page.split(f'id="{key}"', 1)[1].split("</dd>", 1)[0] for key in ("first-answer", "closing"))
    assert "Past the target" in first and "Past the target" in closed


# -- who sees which thread ---------------------------------------------------------------------------


def test_threads_are_the_askers_and_the_regions_hub_teams_only(client, cast: Cast) -> None:
    mine = provider_request(cast)
    other = request_of_another_provider_in_a(cast)
    about_a = council_request(cast)
    cases = [
        (cast.provider_admin_a, mine, 200),
        (cast.provider_admin_a, other, 404),  # another provider
        (cast.provider_admin_a, about_a, 404),  # a council's request about this provider
        (cast.provider_admin_b, mine, 404),  # another region
        (cast.lead_b, mine, 404),
        (cast.council_officer_a, mine, 404),  # a council never reads a provider's own thread
        (cast.council_officer_a, about_a, 200),
        (cast.council_officer_b, about_a, 404),  # a council of another area
        (cast.adass_a, about_a, 404),
        (cast.national, about_a, 404),
        (cast.staff_a, other, 200),
    ]
    for user, row, status in cases:
        client.force_login(user)
        assert client.get(_url(row)).status_code == status, (user.email, row.subject)


def test_a_council_of_another_area_of_the_same_region_gets_404_on_every_url_of_the_thread(client, cast: Cast) -> None:
    from hubs.models import LocalAuthority
    from hubs.roles import Role
    from tests.factories import user_with_role

    row = council_request(cast)
    advice_reply(actor=cast.council_officer_a, request_row=row, text="The letter.", upload=pdf("letter.pdf"))
    message = row.messages.get()
    neighbour = LocalAuthority.objects.filter(region=cast.region_a).exclude(pk=cast.council_a.pk).first()
    officer = user_with_role(Role.COUNCIL, neighbour, email="council.next@portal.test")
    client.force_login(officer)
    assert client.get(_url(row)).status_code == 404
    assert client.post(_url(row, "advice_request_reply"), {"text": "Ours too?"}).status_code == 404
    assert client.get(reverse("advice_document", kwargs={"public_id": message.public_id})).status_code == 404
    assert row.subject not in client.get(reverse("advice_home")).content.decode()
    assert row.messages.count() == 1


def test_the_list_shows_only_the_users_requests(client, cast: Cast) -> None:
    provider_request(cast)
    request_of_another_provider_in_a(cast)
    client.force_login(cast.provider_admin_a)
    page = client.get(reverse("advice_home")).content.decode()
    assert "Gamma Homes Ltd" not in page and page.count("Notice period for a senior carer") == 1


def test_council_and_adass_pages_show_no_personal_data(client, cast: Cast) -> None:
    from tests.compliance.builders import revoke

    revoke(cast)
    council_request(cast)
    client.force_login(cast.council_officer_a)
    for url in (reverse("advice_home"), _url(AdviceRequest.objects.get())):
        page = client.get(url).content.decode()
        for name in ("Adeyemi", "Bankole", "Gondwe", "Hamal"):
            assert name not in page, (url, name)
    client.force_login(cast.adass_a)
    page = client.get(reverse("region_case_figures", kwargs={"public_id": cast.region_a.public_id})).content.decode()
    assert "requests to the hub for support" in page
    assert "1 in all" in page
    request_row = AdviceRequest.objects.select_related("local_authority").get()
    listed = page[page.index('id="council-request-list"') :]
    assert request_row.local_authority.council_name in listed and "Waiting for the hub" in listed
    for text in (
        "Adeyemi",
        "Alpha Care Ltd",
        "Support for a provider of ours",
        request_row.subject,
        request_row.question,
    ):
        assert text not in page, text
    assert cast.council_officer_a.name not in page
    assert client.get(reverse("advice_home")).status_code == 404


# -- the lead keeps subscriptions ---------------------------------------------------------------------


def test_the_lead_adds_and_ends_a_subscription(client, cast: Cast) -> None:
    service = service_in(cast.region_a)
    client.force_login(cast.lead_a)
    response = client.post(
        reverse("subscription_new"),
        {
            "service": service.pk,
            "provider": cast.provider_a.pk,
            "starts_on": "2026-04-01",
            "allowance_minutes": "300",
        },
    )
    assert response.status_code == 302, response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.allowance_minutes == 300 and subscription.ends_on is None
    end = reverse("subscription_end", kwargs={"public_id": subscription.public_id})
    early = client.post(end, {"ends_on": "2026-03-01"})
    assert "on or after the start date" in early.content.decode()
    client.post(end, {"ends_on": "2027-03-31"})
    subscription.refresh_from_db()
    assert subscription.ends_on == dt.date(2027, 3, 31)
    client.force_login(cast.staff_a)
    assert client.get(end).status_code == 403
    assert client.get(reverse("subscription_new")).status_code == 403


def test_a_subscription_names_one_subscriber_of_the_region(client, cast: Cast) -> None:
    service = service_in(cast.region_a)
    client.force_login(cast.lead_a)
    dates = {"starts_on": "2026-04-01"}
    both = client.post(
        reverse("subscription_new"),
        {"service": service.pk, "provider": cast.provider_a.pk, "local_authority": cast.council_a.pk, **dates},
    )
    assert "Choose either a provider or a council" in both.content.decode()
    other = client.post(reverse("subscription_new"), {"service": service.pk, "provider": cast.provider_b.pk, **dates})
    assert other.status_code == 200 and not Subscription.objects.exists()


# -- query counts ----------------------------------------------------------------------------------------


def _busy(cast: Cast, n: int) -> AdviceRequest:
    subscription = subscription_of(cast)
    row = provider_request(cast, subscription=subscription)
    for index in range(n):
        provider_request(cast, subscription=subscription)
        advice_reply(actor=cast.staff_a, request_row=row, text=f"Answer {index}", minutes=5, upload=pdf())
        advice_reply(actor=cast.provider_admin_a, request_row=row, text=f"Thanks {index}")
    council_request(cast, about=ProviderFactory(region=cast.region_a, local_authority=cast.council_a))
    return row


@pytest.mark.parametrize("n", [1, 4])
def test_query_counts_do_not_grow_with_rows(client, cast: Cast, django_assert_num_queries, n: int) -> None:
    row = _busy(cast, n)
    client.force_login(cast.provider_admin_a)
    with django_assert_num_queries(HOME_QUERIES_PROVIDER):
        assert client.get(reverse("advice_home")).status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES_PROVIDER):
        assert client.get(_url(row)).status_code == 200
    client.force_login(cast.lead_a)
    with django_assert_num_queries(HOME_QUERIES_LEAD):
        assert client.get(reverse("advice_home")).status_code == 200
    with django_assert_num_queries(SUBSCRIPTIONS_QUERIES):
        assert client.get(reverse("subscription_list")).status_code == 200


# Session, user, scope (one query), MFA, header hub and unread count, then the page's own: home: subscriptions
# with their use, requests, their count only past one page; detail: request, subscription use, thread;
# subscriptions: services, subscriptions with their use. The same with 1 and 4 requests and messages.
HOME_QUERIES_PROVIDER = 8
DETAIL_QUERIES_PROVIDER = 9
HOME_QUERIES_LEAD = 8
SUBSCRIPTIONS_QUERIES = 8
