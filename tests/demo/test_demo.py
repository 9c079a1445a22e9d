"""The demo data set and the `demo_accounts --json` contract."""

from __future__ import annotations

import json
import re
from io import StringIO

import pyotp
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from hubs.access import scope_for
from hubs.models import Hub, Region
from hubs.roles import Role
from providers.models import Provider
from recruits.models import Recruit


def _accounts() -> list[dict]:
    out = StringIO()
    call_command("demo_accounts", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def seeded(db) -> None:
    call_command("seed_demo", stdout=StringIO())


def test_seeding_twice_changes_nothing(seeded) -> None:
    counts = (User.objects.count(), Hub.objects.count(), Provider.objects.count(), Recruit.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Hub.objects.count(), Provider.objects.count(), Recruit.objects.count()) == counts


def test_if_empty_skips_a_database_with_users(seeded) -> None:
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()


def test_the_demo_has_regions_hubs_and_councils(seeded) -> None:
    assert Region.objects.count() == 9
    names = set(Hub.objects.values_list("short_name", flat=True))
    assert {"West Midlands", "North West London", "Lancashire & South Cumbria"} <= names
    assert Hub.objects.count() >= 4


def test_the_contract_has_its_keys_and_every_role_in_two_regions(seeded) -> None:
    accounts = _accounts()
    assert all(set(a) == {"email", "password", "role", "region", "provider", "totp_secret"} for a in accounts)
    for role in Role:
        regions = {a["region"] for a in accounts if a["role"] == role.value}
        assert regions, f"no demo {role.value}"
        if role != Role.NATIONAL:
            assert len(regions) >= 2, f"{role.value} is in only {regions}"
    for account in accounts:
        needs_mfa = account["role"] in {"national", "lead", "hub_staff", "council", "adass", "partner"}
        assert (account["totp_secret"] is not None) == needs_mfa
        assert (account["provider"] is not None) == (account["role"] in {"provider_admin", "provider_staff", "recruit"})


def test_every_demo_account_holds_its_role(seeded) -> None:
    for account in _accounts():
        user = User.objects.get(email=account["email"])
        assert user.check_password(account["password"])
        assert Role(account["role"]) in scope_for(user).roles


def test_the_demo_partner_college_delivers_a_cohort_it_takes_the_register_of(seeded, client) -> None:
    from hubs.models import TrainingPartner
    from training.models import Cohort

    college = TrainingPartner.objects.get(region__code="E12000005", name="Black Country College")
    cohort = Cohort.objects.get(delivery_partner=college)
    user = User.objects.get(email__startswith="partner.wm@")
    assert scope_for(user).primary_role == Role.PARTNER
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert cohort.programme.title in html
    assert reverse("session_day_register", args=[cohort.days.first().public_id]) in html


def test_a_demo_lead_signs_in_with_the_printed_password_and_totp(seeded, client) -> None:
    lead = next(a for a in _accounts() if a["role"] == "lead" and a["region"] == "West Midlands")
    response = client.post(reverse("account_login"), {"login": lead["email"], "password": lead["password"]})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(lead["totp_secret"]).now()})
    assert "Your region today" in client.get(reverse("home")).content.decode()


def test_the_demo_regions_have_about_fifty_varied_recruits_with_flags_and_duties(seeded) -> None:
    from datetime import date

    from recruits.duties.models import ReportingDuty

    for region in ("West Midlands", "North West", "London"):
        recruits = Recruit.objects.filter(region__name=region)
        assert 50 <= recruits.count() <= 55, region
        assert recruits.values("status").distinct().count() >= 4
        assert recruits.exclude(flags=[]).exists(), f"no Code of Practice flags in {region}"
    open_duties = ReportingDuty.objects.filter(reported_on__isnull=True)
    assert open_duties.filter(deadline__lt=date.today()).exists()
    assert open_duties.filter(deadline__gte=date.today()).exists()
    assert Provider.objects.values("region").distinct().count() >= 5
    assert set(Provider.objects.values_list("licence_status", flat=True)) >= {"active", "suspended", "revoked"}


def test_the_practice_library_has_threads_and_a_file_a_newcomer_can_open(seeded) -> None:
    from practice.models import Attachment, Comment, Example
    from practice.services import attachment_path

    threads = Example.objects.filter(comments__isnull=False).distinct().count()
    assert threads >= 2 and Comment.objects.count() >= 4
    plan = Attachment.objects.get(original_name="rematching-clinic-plan.pdf")
    assert attachment_path(plan).read_bytes().startswith(b"%PDF-")
    counts = (Comment.objects.count(), Attachment.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Comment.objects.count(), Attachment.objects.count()) == counts


def test_the_west_midlands_hub_has_a_literacy_assessment_and_a_passing_result(seeded) -> None:
    from training.models import LiteracyAssessment, LiteracyBooking

    assessment = LiteracyAssessment.objects.get(region__code="E12000005")
    assert assessment.mode == "in_portal" and assessment.questions.count() >= 4
    passed = LiteracyBooking.objects.get(assessment=assessment, status="passed")
    assert passed.evidence is not None and passed.evidence.status == "approved"
    assert LiteracyBooking.objects.filter(recruit__user__email__startswith="recruit.wm@", status="booked").exists()
    call_command("seed_demo", stdout=StringIO())
    assert LiteracyAssessment.objects.count() == 1 and LiteracyBooking.objects.count() == 2


def test_the_demo_has_what_issue_18_shows(seeded, client, mailoutbox) -> None:
    """Issue 18 item 6 in one place: a completed Translating Care cohort with certificates (one
    revoked), a nominated learner who is not a recruit, a student placement and a literacy result;
    the public check finds a demo certificate by the code typed into its form."""
    from training.demo import DEMO_CERTIFICATE_CODE, NOMINATED_EMAIL
    from training.models import Certificate, Learner, LiteracyBooking, Placement

    certificates = Certificate.objects.filter(programme__title="Translating Care", region__code="E12000005")
    assert set(certificates.values_list("status", flat=True)) == {"valid", "revoked"}
    assert certificates.filter(status="revoked").count() == 1
    assert all(c.enrolment.status == "completed" for c in certificates.select_related("enrolment"))
    assert Placement.objects.filter(status="accepted").exists()
    assert LiteracyBooking.objects.filter(status="passed", evidence__isnull=False).exists()

    grace = Learner.objects.get(email=NOMINATED_EMAIL)
    assert grace.recruit is None and grace.employer.name == "Oakfield Care Homes Ltd"
    assert grace.nominated_by.email.startswith("admin.oakfield@") and grace.enrolments.exists()
    # She signs in by emailed code and sees her booking.
    client.post(reverse("learner_sign_in"), {"email": NOMINATED_EMAIL})
    code = re.search(r"^(\d{6})$", mailoutbox[-1].body, re.MULTILINE)
    assert code and client.post(reverse("learner_code"), {"code": code[1]})["Location"] == reverse("my_learning")
    enrolment = grace.enrolments.select_related("cohort__programme").get()
    assert enrolment.cohort.programme.title in client.get(reverse("my_learning")).content.decode()

    found = client.get(reverse("certificate_verify"), {"code": DEMO_CERTIFICATE_CODE.lower()}, follow=True)
    assert f"Portal certificate {DEMO_CERTIFICATE_CODE}, valid" in found.content.decode()


def test_the_demo_has_a_student_placement_with_an_accepted_student_and_attendance(seeded, client) -> None:
    """Issue 18 item 6: the demo college's student on Oakfield's placement; the college sees her."""
    from training.models import Placement
    from training.placements_demo import STUDENT_EMAIL

    placement = Placement.objects.get(learner__email=STUDENT_EMAIL)
    assert (placement.status, placement.offer.provider.name, placement.partner.name) == (
        "accepted",
        "Oakfield Care Homes Ltd",
        "Black Country College",
    )
    assert sorted(placement.attendance.values_list("unit", "days_attended")) == [("week", 4), ("week", 5)]
    client.force_login(User.objects.get(email__startswith="partner.wm@"))
    assert "Priya Patel" in client.get(placement.offer.get_absolute_url()).content.decode()
    call_command("seed_demo", stdout=StringIO())
    assert Placement.objects.count() == 1


def test_a_campaign_is_published_in_the_west_midlands_and_the_north_west(seeded) -> None:
    from campaigns.models import Campaign, CampaignStatus

    published = Campaign.objects.filter(status=CampaignStatus.PUBLISHED, no_fee_confirmed=True)
    assert set(published.values_list("region__code", flat=True)) == {"E12000005", "E12000002"}
    assert all(campaign.employers.exists() and campaign.roles.exists() for campaign in published)


def test_the_west_midlands_campaign_has_candidates_in_every_stage_the_board_shows(seeded, client) -> None:
    from campaigns.models import Application, Stage

    stages = set(Application.objects.values_list("stage", flat=True))
    assert stages == {stage.value for stage in Stage}
    assert Application.objects.filter(direct=True).exists(), "a direct application is among them"
    application = Application.objects.get(stage=Stage.REJECTED)
    assert application.end_reason and application.events.count() >= 3
    client.force_login(User.objects.get(email="staff.wm@demo.irhub.example"))
    board = client.get(reverse("campaign_board", args=[application.campaign.public_id]) + "?stage=rejected")
    assert "Applied: 3" in board.content.decode() and application.family_name in board.content.decode()
    document = application.documents.get()
    response = client.get(reverse("application_document", args=[document.public_id]))
    assert response.status_code == 200, "the demo CV opens"


def test_council_wm_and_nw_each_follow_a_case_and_a_request_of_their_area(seeded, client) -> None:
    """Issue 16 item 4: each demo council officer opens at least one compliance case (with its steps)
    and at least one request to the hub, found from their own pages, and nothing of another area."""
    import re

    for login, provider, elsewhere in (
        ("council.wm", "Shropshire Hills Support Services", "Morecambe Bay Home Support"),
        ("council.nw", "Morecambe Bay Home Support", "Shropshire Hills Support Services"),
    ):
        client.force_login(User.objects.get(email=f"{login}@demo.irhub.example"))
        cases_page = client.get(reverse("case_list")).content.decode()
        case_links = set(re.findall(r'href="(/compliance/cases/[0-9a-f-]{36}/)"', cases_page))
        assert case_links and provider in cases_page and elsewhere not in cases_page, login
        for link in case_links:
            case = client.get(link)
            assert case.status_code == 200 and 'id="steps"' in case.content.decode(), (login, link)
        advice_page = client.get(reverse("advice_home")).content.decode()
        request_links = set(re.findall(r'href="(/advice/[0-9a-f-]{36}/)"', advice_page))
        assert request_links and elsewhere not in advice_page, login
        about = [client.get(link).content.decode() for link in request_links]
        assert any("Support about a provider" in page and provider in page for page in about), login
