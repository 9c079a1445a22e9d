"""The access log: every read of sensitive details, download and export is logged, append-only;
the lead reads the region's log with filters; a recruit sees who looked at their record."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.urls import reverse

from accesslog.models import AccessEvent, Action, Detail
from recruits.documents import document_upload
from recruits.models import DocumentKind
from tests.conftest import Cast

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _reads_of(recruit) -> list[AccessEvent]:
    return list(AccessEvent.objects.filter(subject_kind="recruit", subject_id=recruit.public_id).order_by("id"))


def test_opening_a_recruits_passport_and_visa_details_is_logged(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]))
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]) + "?tab=immigration")
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]) + "?tab=history")  # nothing sensitive
    reads = _reads_of(cast.recruit_a)
    assert [(r.user_id, r.action, r.detail, r.region_id) for r in reads] == [
        (cast.staff_a.pk, Action.VIEW, Detail.IDENTITY, cast.region_a.pk),
        (cast.staff_a.pk, Action.VIEW, Detail.IMMIGRATION, cast.region_a.pk),
    ]
    assert reads[0].role == "hub_staff" and reads[0].path.startswith("/recruits/")


def test_the_edit_page_and_a_document_download_are_logged(cast: Cast, client, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    document = document_upload(
        actor=cast.lead_a,
        recruit=cast.recruit_a,
        upload=SimpleUploadedFile("l.pdf", PDF),
        kind=DocumentKind.UKVI_LETTER,
    )
    client.force_login(cast.provider_admin_a)
    client.get(reverse("recruit_edit", args=[cast.recruit_a.public_id]))
    assert client.get(reverse("recruit_document_download", args=[document.public_id])).status_code == 200
    reads = _reads_of(cast.recruit_a)
    assert [(r.action, r.detail) for r in reads] == [(Action.VIEW, Detail.IDENTITY), (Action.DOWNLOAD, Detail.DOCUMENT)]
    assert "UKVI letter" in reads[1].what


def test_what_is_logged_names_no_person(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]) + "?tab=immigration")
    event = AccessEvent.objects.get()
    assert cast.recruit_a.family_name not in event.what and cast.recruit_a.family_name not in event.path


def test_someone_who_may_not_see_sensitive_details_leaves_no_read(cast: Cast, client) -> None:
    client.force_login(cast.council_officer_a)
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]))
    assert not AccessEvent.objects.exists()


def test_a_recruit_reading_their_own_record_is_not_logged(cast: Cast, client) -> None:
    client.force_login(cast.recruit_user_a)
    client.get(reverse("recruit_my_details"))
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]))
    assert not AccessEvent.objects.exists()


def test_an_export_is_logged_in_the_regions_log(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.get(reverse("training_cohorts_csv")).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.action, event.detail, event.region_id) == (Action.EXPORT, Detail.EXPORT, cast.region_a.pk)


def test_the_log_cannot_be_changed_or_deleted(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]))
    event = AccessEvent.objects.get()
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(what="nothing")
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()
    assert AccessEvent.objects.get().what == event.what


def test_the_lead_reads_the_regions_log_with_filters(cast: Cast, client) -> None:
    for user in (cast.staff_a, cast.provider_admin_a):
        client.force_login(user)
        client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]) + "?tab=immigration")
    client.force_login(cast.lead_b)
    client.get(reverse("recruit_detail", args=[cast.recruit_b.public_id]))  # region B's: never in A's log
    client.force_login(cast.lead_a)
    page = client.get(reverse("access_log")).content.decode()
    assert cast.staff_a.email in page and cast.provider_admin_a.email in page and cast.lead_b.email not in page
    filtered = client.get(reverse("access_log"), {"person": cast.staff_a.email}).content.decode()
    assert cast.staff_a.email in filtered and cast.provider_admin_a.email not in filtered
    by_record = client.get(reverse("access_log"), {"subject": cast.recruit_a.public_id}).content.decode()
    assert "Showing every read of one record" in by_record and cast.provider_admin_a.email in by_record
    wrong = client.get(reverse("access_log"), {"since_day": "5", "since_month": "1", "since_year": "2027",
                                               "until_day": "1", "until_month": "1", "until_year": "2027"})  # fmt: skip
    assert "must be the same as or after" in wrong.content.decode()


@pytest.mark.parametrize("role", ["staff_a", "provider_admin_a", "council_officer_a", "recruit_user_a", "national"])
def test_only_leads_read_the_log(cast: Cast, client, role: str) -> None:
    client.force_login(getattr(cast, role))
    assert client.get(reverse("access_log")).status_code == 403


def test_the_log_pages_by_keyset_in_a_fixed_number_of_queries(cast: Cast, client, django_assert_num_queries) -> None:
    AccessEvent.objects.bulk_create(
        AccessEvent(
            user=cast.staff_a, region=cast.region_a, action=Action.VIEW, detail=Detail.IDENTITY, what="x", path="/"
        )
        for _ in range(120)
    )
    client.force_login(cast.lead_a)
    client.get(reverse("access_log"))  # warm the session
    with django_assert_num_queries(7):  # session, user, scope, MFA, the page of the log, hub, bell
        first = client.get(reverse("access_log"))
    assert first.content.decode().count('class="govuk-table__row"') == 51
    after = first.context["page"].next_cursor
    second = client.get(reverse("access_log"), {"after": after})
    assert second.content.decode().count('class="govuk-table__row"') == 51
    third = client.get(reverse("access_log"), {"after": second.context["page"].next_cursor})
    assert third.content.decode().count('class="govuk-table__row"') == 21 and third.context["page"].next_cursor is None


def test_a_recruit_sees_who_looked_at_their_record(cast: Cast, client) -> None:
    client.force_login(cast.staff_a)
    client.get(reverse("recruit_detail", args=[cast.recruit_a.public_id]) + "?tab=immigration")
    client.force_login(cast.recruit_user_a)
    assert "See who has looked at your record" in client.get(reverse("recruit_my_details")).content.decode()
    page = client.get(reverse("recruit_my_record_reads")).content.decode()
    assert str(cast.staff_a) in page and "(Hub staff)" in page
    assert "Viewed your visa, CoS, right-to-work and DBS details" in page
    client.force_login(cast.recruit_user_b)
    assert str(cast.staff_a) not in client.get(reverse("recruit_my_record_reads")).content.decode()


def test_the_hub_reading_confidential_pastoral_details_is_logged(cast: Cast, client) -> None:
    from tests.pastoral.builders import red_check_in

    check_in, concern = red_check_in(cast)
    client.force_login(cast.staff_a)
    client.get(reverse("pastoral_plan", args=[cast.recruit_a.public_id]))
    client.get(reverse("pastoral_check_in", args=[check_in.public_id]))
    client.get(reverse("pastoral_concern", args=[concern.public_id]))
    client.get(reverse("pastoral_export", args=["concerns"]))
    events = list(AccessEvent.objects.order_by("id"))
    assert [(e.action, e.detail) for e in events] == [
        (Action.VIEW, Detail.PASTORAL),
        (Action.VIEW, Detail.PASTORAL),
        (Action.VIEW, Detail.PASTORAL),
        (Action.EXPORT, Detail.EXPORT),
    ]
    assert all(e.subject_id == cast.recruit_a.public_id for e in events[:3])
    client.force_login(cast.provider_admin_a)  # the employer never sees these details, so leaves no read
    client.get(reverse("pastoral_plan", args=[cast.recruit_a.public_id]))
    assert AccessEvent.objects.count() == 4


def test_the_rematching_figures_export_is_logged_in_each_region_it_covers(cast: Cast, client) -> None:
    client.force_login(cast.lead_a)
    assert client.get(reverse("rematch_report_csv")).status_code == 200
    assert list(AccessEvent.objects.values_list("region_id", "action")) == [(cast.region_a.pk, Action.EXPORT)]
