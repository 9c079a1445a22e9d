"""Offers and pre-employment checks (issue 15 item 6): the pay threshold, the checklist with its
evidence gating the CoS, and who sees the evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Application, Stage
from campaigns.offers import check_record, compliance_items, missing_checks, offer_make, pay_threshold
from campaigns.pipeline import application_move
from tests.campaigns.builders import PDF, accepted_in_a, check_in_a, interviewed_in_a
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

LATER = timezone.localdate() + dt.timedelta(days=120)


def _offer(cast: Cast, application, **overrides):
    arguments = {
        "actor": cast.lead_a,
        "application": application,
        "employer": cast.provider_a,
        "salary": Decimal("31500"),
        "hours_per_week": Decimal("37.5"),
        "starts_on": LATER,
    }
    arguments.update(overrides)
    return offer_make(**arguments)


def test_an_offer_below_the_routes_threshold_is_refused_with_the_figure(cast: Cast) -> None:
    application = interviewed_in_a(cast)
    threshold = pay_threshold("nurse", on=LATER)
    assert threshold.per_year == Decimal("29000") and threshold.per_hour == Decimal("14.88")
    with pytest.raises(ValidationError) as refused:
        _offer(cast, application, salary=Decimal("28000"))
    assert "below the route's threshold for a nurse" in str(refused.value) and "£29,000 a year" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        _offer(cast, application, salary=Decimal("30000"), hours_per_week=Decimal("48"))
    assert "£12.02 an hour (48 hours a week) is below the route's £14.88 an hour" in str(refused.value)
    with pytest.raises(ValidationError, match="one of the campaign's employers"):
        _offer(cast, application, employer=cast.provider_b)
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEWED
    offer = _offer(cast, application)
    assert Application.objects.get(pk=application.pk).stage == Stage.OFFERED and offer.employer == cast.provider_a


def test_offered_comes_only_with_an_offer(cast: Cast) -> None:
    application = interviewed_in_a(cast)
    with pytest.raises(ValidationError, match="when the offer is made"):
        application_move(actor=cast.lead_a, application=application, to_stage=Stage.OFFERED)


def test_the_cos_waits_for_every_check_in_date(cast: Cast) -> None:
    application = accepted_in_a(cast)
    application = application_move(actor=cast.lead_a, application=application, to_stage=Stage.CHECKS)
    items = compliance_items("nurse")
    assert [item.code for item in items][-1] == "nmc" and len(items) == 8
    with pytest.raises(ValidationError, match="8 missing"):
        application_move(actor=cast.lead_a, application=application, to_stage=Stage.COS_ASSIGNED)
    for item in items:
        check_in_a(cast, application, item.code)
    assert missing_checks(application) == []
    assert missing_checks(application, on=timezone.localdate() + dt.timedelta(days=400))[0].endswith(
        f"(expired {(timezone.localdate() + dt.timedelta(days=365)):%-d %b %Y})"
    )
    moved = application_move(actor=cast.lead_a, application=application, to_stage=Stage.COS_ASSIGNED)
    assert moved.stage == Stage.COS_ASSIGNED


def test_a_check_that_expires_needs_its_expiry_and_a_bad_file_keeps_nothing(cast: Cast, settings) -> None:
    application = accepted_in_a(cast)
    upload = SimpleUploadedFile("visa.pdf", PDF)
    with pytest.raises(ValidationError, match="Enter when it expires"):
        check_record(
            actor=cast.staff_a,
            application=application,
            item="right_to_work",
            checked_on=timezone.localdate(),
            expires_on=None,
            reference="",
            upload=upload,
        )
    with pytest.raises(ValidationError):
        check_record(
            actor=cast.staff_a,
            application=application,
            item="identity",
            checked_on=timezone.localdate(),
            expires_on=None,
            reference="",
            upload=SimpleUploadedFile("passport.pdf", b"GIF89a not a pdf"),
        )
    assert not application.checks.exists()


def test_the_checks_page_records_a_check_as_a_browser_sends_it(cast: Cast, client) -> None:
    application = accepted_in_a(cast)
    client.force_login(cast.staff_a)
    url = reverse("application_checks", args=[application.public_id])
    page = client.get(url).content.decode()
    assert "Enhanced DBS check with the adult barred list" in page and "8 to go" in page
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "item": "dbs",
            "checked_on_day": today.day,
            "checked_on_month": today.month,
            "checked_on_year": today.year,
            "reference": "001234567890",
            "upload": SimpleUploadedFile("dbs.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    check = application.checks.get()
    assert (check.item, check.reference) == ("dbs", "001234567890")
    download = client.get(reverse("check_document", args=[check.public_id]))
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    from accesslog.models import AccessEvent

    assert AccessEvent.objects.filter(
        subject_kind="application", subject_id=application.public_id, action="download", user=cast.staff_a
    ).exists()
    client.force_login(cast.provider_admin_a)
    assert client.get(reverse("check_document", args=[check.public_id])).status_code == 404


def test_a_repayment_clause_recovers_only_itemised_costs_over_a_monthly_plan(cast: Cast) -> None:
    application = interviewed_in_a(cast)
    flights = ("travel", Decimal("650"), "Flight invoice, Manila to Birmingham")
    with pytest.raises(ValidationError) as refused:
        _offer(
            cast,
            application,
            repayment=[flights, ("skills_charge", Decimal("1000"), "Home Office receipt")],
            repayment_months=12,
        )
    assert "Never recoverable from a worker (Code of Practice): Immigration Skills Charge" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        _offer(cast, application, repayment=[flights], repayment_months=None, interest=True, cash=True)
    message = str(refused.value)
    assert "may not charge interest" in message and "may not be repaid in cash" in message
    assert "Offer a monthly plan" in message
    assert not application.offers.exists()
    offer = _offer(cast, application, repayment=[flights], repayment_months=12)
    assert offer.repayment_months == 12
    assert list(offer.repayment_items.values_list("cost", "amount")) == [("travel", Decimal("650.00"))]


def test_the_offer_page_records_an_offer_with_its_clause_as_a_browser_sends_it(cast: Cast, client) -> None:
    application = interviewed_in_a(cast)
    client.force_login(cast.lead_a)
    url = reverse("offer_new", args=[application.public_id])
    assert "£29,000 a year" in client.get(url).content.decode()
    form = {
        "employer": str(cast.provider_a.public_id),
        "salary": "31500",
        "hours_per_week": "37.5",
        "starts_on_day": LATER.day,
        "starts_on_month": LATER.month,
        "starts_on_year": LATER.year,
        "cost_1": "licence_fee",
        "amount_1": "1476",
        "evidence_1": "Licence invoice",
        "repayment_months": "12",
    }
    refused = client.post(url, form).content.decode()
    assert "Never recoverable from a worker" in refused and "Sponsor licence fee" in refused
    form.update({"cost_1": "visa_fee", "amount_1": "551", "evidence_1": "UKVI receipt"})
    assert client.post(url, form).status_code == 302
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Repayment clause over 12 months: Visa application fee £551.00 (UKVI receipt)" in page
