"""Private calendar feeds: what they hold, and that a new or withdrawn address stops the old one."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from notifications.calendar import CalendarEvent, calendar_ics
from notifications.ladders import ladder_start
from notifications.models import CalendarFeed
from recruits.duties.models import DutyKind
from recruits.duties.services import duty_record
from tests.conftest import Cast

TODAY = timezone.localdate()


def _new_feed_url(client) -> str:
    html = client.post(reverse("calendar_feed_new"), follow=True).content.decode()
    match = re.search(r'value="(http[^"]+\.ics)"', html)
    assert match, "the new address is shown"
    return match.group(1).split("testserver", 1)[-1]


def test_the_address_is_shown_once_and_only_its_hash_is_kept(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    path = _new_feed_url(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=cast.recruit_user_a)
    assert feed.token_hash == CalendarFeed.hash_token(token) and token not in feed.token_hash
    again = client.get(reverse("notification_settings")).content.decode()
    assert token not in again and "You made a calendar address on" in again


def test_the_feed_holds_the_persons_deadlines_without_names(cast: Cast, client) -> None:
    check_in_day = TODAY + dt.timedelta(days=20)
    ladder_start(kind="pastoral.check_in", about=cast.recruit_a, deadline=check_in_day, region=cast.region_a,
                 subject=cast.recruit_user_a, provider=cast.provider_a)  # fmt: skip
    ladder_start(kind="pastoral.check_in", about=cast.recruit_b, deadline=check_in_day, region=cast.region_b,
                 subject=cast.recruit_user_b)  # fmt: skip  # someone else's
    client.force_login(cast.recruit_user_a)
    path = _new_feed_url(client)
    client.logout()  # calendar apps do not sign in

    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1  # two rungs of one deadline are one event
    assert f"DTSTART;VALUE=DATE:{check_in_day:%Y%m%d}" in body
    assert "SUMMARY:A pastoral check-in is due" in body
    assert "URL:http" in body and reverse("recruit_my_details") in body
    assert cast.recruit_a.family_name not in body and cast.recruit_b.family_name not in body


def test_a_provider_admin_sees_the_providers_duties(cast: Cast, client) -> None:
    duty = duty_record(actor=cast.provider_admin_a, provider=cast.provider_a, kind=DutyKind.EMPLOYMENT_ENDED,
                       event_date=TODAY, recruit=cast.recruit_a)  # fmt: skip
    client.force_login(cast.provider_admin_a)
    path = _new_feed_url(client)
    body = client.get(path).content.decode()
    assert f"DTSTART;VALUE=DATE:{duty.deadline:%Y%m%d}" in body
    assert "SUMMARY:A report to UKVI (sponsor duty) is due" in body


def test_a_new_address_replaces_the_old_and_turning_off_stops_both(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    first = _new_feed_url(client)
    second = _new_feed_url(client)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    response = client.post(reverse("calendar_feed_revoke"), follow=True)
    assert "no longer works" in response.content.decode()
    assert client.get(second).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_a_deactivated_account_has_no_feed(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    path = _new_feed_url(client)
    cast.staff_a.is_active = False
    cast.staff_a.save()
    assert client.get(path).status_code == 404


def test_long_lines_are_folded_and_text_escaped() -> None:
    event = CalendarEvent(uid="u1@x", summary="Due, today; really" + "x" * 100,
                          start=dt.date(2026, 12, 7), url="http://x/" + "y" * 80)  # fmt: skip
    ics = calendar_ics(events=[event], now=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    unfolded = ics.replace("\r\n ", "")
    assert "SUMMARY:Due\\, today\\; really" in unfolded
    assert "DTSTAMP:20261201T120000Z" in unfolded and "DTEND;VALUE=DATE:20261208" in unfolded


def test_a_booked_recruit_and_the_trainer_see_the_session_days(cast: Cast, client) -> None:
    from tests.training.builders import cohort, programme
    from training.services import enrolment_book

    course = cohort(programme(cast.region_a, english=False), start=TODAY + dt.timedelta(days=20), trainer=cast.staff_a)
    enrolment_book(actor=cast.recruit_user_a, cohort=course, recruit=cast.recruit_a)
    for user in (cast.recruit_user_a, cast.staff_a):
        client.force_login(user)
        body = client.get(_new_feed_url(client)).content.decode()
        assert body.count("SUMMARY:Training: Translating Care") == 3, user.email
        assert f"DTSTART;VALUE=DATE:{TODAY + dt.timedelta(days=20):%Y%m%d}" in body
        assert cast.recruit_a.family_name not in body
    client.force_login(cast.recruit_user_b)
    assert "Training:" not in client.get(_new_feed_url(client)).content.decode()
