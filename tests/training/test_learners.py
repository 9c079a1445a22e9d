"""Issue 18 item 1, learners: eligibility across learner kinds (rules as data), a provider
nominating and booking only its own staff, certificates and the public check for a learner who is
not a recruit, the emailed-code sign-in, and fixed query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_fresh
from tests.factories import ProviderFactory
from training import services
from training.certificates import attendance_record
from training.eligibility import learner_rule_evaluate
from training.learner_signin import CODE_ATTEMPTS, CODES_PER_HOUR
from training.learners import learner_for_recruit, learner_nominate
from training.models import (
    Certificate,
    EligibilityRule,
    Enrolment,
    EnrolmentStatus,
    Learner,
    LearnerKind,
    LearnerSignInCode,
    Programme,
    RuleKind,
    WhoMayJoin,
)

from .builders import cohort, move_to_past, programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _nominate(cast, *, name="Grace Thompson", email="grace@care.test", employer=None, actor=None) -> Learner:
    return learner_nominate(
        actor=actor or cast.provider_admin_a,
        employer=employer or cast.provider_a,
        data={"name": name, "job_role": "Senior care assistant", "email": email},
    )


def _who(made, learners: str):
    EligibilityRule.objects.create(programme=made, kind=RuleKind.LEARNERS, learners=learners)
    return made


def _college(cast):
    """A student is put forward by a college or university of the region (training/placements.py)."""
    from hubs.models import PartnerKind, TrainingPartner

    return TrainingPartner.objects.get_or_create(
        region=cast.region_a, name="Walsall College", defaults={"kind": PartnerKind.COLLEGE}
    )[0]


def test_who_may_join_across_learner_kinds(cast) -> None:
    staff = _nominate(cast)
    recruit = learner_for_recruit(cast.recruit_a)
    student = Learner.objects.create(
        region=cast.region_a, kind=LearnerKind.STUDENT, name="Sam Student", partner=_college(cast)
    )
    elsewhere = _nominate(cast, email="b@care.test", employer=ProviderFactory(region=cast.region_b), actor=cast.lead_b)
    made = cohort(programme(cast.region_a, english=False))
    expected = {
        WhoMayJoin.ANY: {staff: True, recruit: True, student: True, elsewhere: True},
        WhoMayJoin.RECRUITS: {staff: False, recruit: True, student: False, elsewhere: False},
        WhoMayJoin.AREA_CARE_STAFF: {staff: True, recruit: True, student: False, elsewhere: False},
    }
    for who, answers in expected.items():
        rule = EligibilityRule(programme=made.programme, kind=RuleKind.LEARNERS, learners=who)
        got = {learner: learner_rule_evaluate(rule, learner, made).met for learner in answers}
        assert got == answers, who


def test_booking_refuses_whom_the_rule_leaves_out_and_books_the_others(cast) -> None:
    made = cohort(_who(programme(cast.region_a, english=False), WhoMayJoin.RECRUITS))
    staff = _nominate(cast)
    with pytest.raises(ValidationError, match="for international recruits only"):
        services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=staff)
    booked = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, recruit=cast.recruit_a)
    assert booked.learner.recruit == cast.recruit_a and booked.status == EnrolmentStatus.BOOKED

    funded = cohort(_who(programme(cast.region_a, title="Wound care", english=False), WhoMayJoin.AREA_CARE_STAFF))
    assert services.enrolment_book(actor=cast.provider_admin_a, cohort=funded, learner=staff).learner == staff
    student = Learner.objects.create(
        region=cast.region_a, kind=LearnerKind.STUDENT, name="Sam Student", partner=_college(cast)
    )
    with pytest.raises(ValidationError, match="care staff working for a provider of the hub's area"):
        services.enrolment_book(actor=cast.staff_a, cohort=funded, learner=student)
    # A learner of another region is refused whatever the rule.
    other = _nominate(cast, email="b@care.test", employer=cast.provider_b, actor=cast.provider_admin_b)
    with pytest.raises(ValidationError, match="in another region"):
        services.enrolment_book(actor=cast.staff_a, cohort=cohort(programme(cast.region_a, title="Any")), learner=other)


def test_a_nominated_learner_with_an_english_rule_holds_a_place_pending_evidence(cast) -> None:
    enrolment = services.enrolment_book(
        actor=cast.provider_admin_a, cohort=cohort(programme(cast.region_a)), learner=_nominate(cast)
    )
    assert enrolment.status == EnrolmentStatus.PENDING_EVIDENCE and enrolment.recruit is None


def test_a_provider_admin_nominates_and_books_only_their_own_staff(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False))
    theirs = _nominate(
        cast,
        name="Other Provider Carer",
        email="o@care.test",
        employer=ProviderFactory(region=cast.region_a),
        actor=cast.staff_a,
    )
    client.force_login(cast.provider_admin_a)
    form = client.get(reverse("learner_new")).content.decode()
    assert cast.provider_a.name in form and theirs.employer.name not in form
    refused = client.post(
        reverse("learner_new"),
        {"name": "X", "job_role": "Carer", "email": "x@care.test", "employer": theirs.employer_id},
    )
    assert refused.status_code == 400 and "Select the employer" in refused.content.decode()
    made_response = client.post(
        reverse("learner_new"),
        {"name": "Grace Thompson", "job_role": "Carer", "email": "Grace@Care.test", "employer": cast.provider_a.pk},
    )
    grace = Learner.objects.get(name="Grace Thompson")
    assert made_response["Location"] == grace.get_absolute_url()
    assert (grace.kind, grace.employer, grace.email, grace.nominated_by) == (
        LearnerKind.STAFF,
        cast.provider_a,
        "grace@care.test",
        cast.provider_admin_a,
    )

    listing = client.get(reverse("learner_list")).content.decode()
    assert "Grace Thompson" in listing and "Other Provider Carer" not in listing
    assert client.get(theirs.get_absolute_url()).status_code == 404
    page = client.get(reverse("cohort_detail", args=[made.public_id])).content.decode()
    assert "Grace Thompson" in page and "Other Provider Carer" not in page

    other = client.post(reverse("cohort_book", args=[made.public_id]), {"learner": theirs.pk})
    assert other.status_code == 400 and not Enrolment.objects.exists()
    both = client.post(
        reverse("cohort_book", args=[made.public_id]), {"learner": grace.pk, "recruit": cast.recruit_a.pk}
    )
    assert both.status_code == 400 and "not both" in both.content.decode()
    booked = client.post(reverse("cohort_book", args=[made.public_id]), {"learner": grace.pk})
    enrolment = Enrolment.objects.get(learner=grace)
    assert booked["Location"] == enrolment.get_absolute_url()
    assert (enrolment.provider, enrolment.recruit, enrolment.booked_by) == (
        cast.provider_a,
        None,
        cast.provider_admin_a,
    )
    assert "Grace Thompson" in client.get(grace.get_absolute_url()).content.decode()

    # Provider B's admin sees none of it; provider staff cannot nominate.
    client.force_login(cast.provider_admin_b)
    assert client.get(grace.get_absolute_url()).status_code == 404
    assert client.get(enrolment.get_absolute_url()).status_code == 404
    client.force_login(cast.provider_staff_a)
    assert client.get(reverse("learner_new")).status_code == 404
    with pytest.raises(ValidationError):
        _nominate(cast, email="z@care.test", actor=cast.provider_staff_a)


def test_a_nominated_learner_completes_and_the_certificate_verifies(client, cast) -> None:
    made = cohort(programme(cast.region_a, english=False, days=1))
    grace = _nominate(cast)
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=grace)
    move_to_past(made)
    day = made.days.get()
    attendance_record(actor=cast.staff_a, day=day, present={enrolment.pk})
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert (certificate.learner, certificate.recruit, certificate.holder_name) == (grace, None, "Grace Thompson")
    check = client.get(reverse("certificate_verify_code", args=[certificate.code])).content.decode()
    assert "Grace Thompson" in check and "Valid" in check
    client.force_login(cast.provider_admin_a)
    pdf = client.get(reverse("certificate_download", args=[certificate.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    client.force_login(cast.provider_admin_b)
    assert client.get(reverse("certificate_download", args=[certificate.public_id])).status_code == 404


def _code_from(message) -> str:
    found = re.search(r"^(\d{6})$", message.body, re.MULTILINE)
    assert found, message.body
    return found.group(1)


def test_a_learner_signs_in_by_emailed_code_and_sees_only_their_training(client, cast) -> None:
    grace = _nominate(cast)
    made = cohort(programme(cast.region_a, english=False, days=1))
    enrolment = services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=grace)
    move_to_past(made)
    attendance_record(actor=cast.staff_a, day=made.days.get(), present={enrolment.pk})
    certificate = Certificate.objects.get(enrolment=enrolment)
    someone = _nominate(cast, name="Someone Else", email="else@care.test")
    other = services.enrolment_book(
        actor=cast.provider_admin_a,
        cohort=cohort(programme(cast.region_a, title="Other", english=False)),
        learner=someone,
    )

    assert client.get(reverse("my_learning"))["Location"] == reverse("learner_sign_in")
    sent = client.post(reverse("learner_sign_in"), {"email": " GRACE@care.test "})
    assert sent["Location"] == reverse("learner_code")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["grace@care.test"]
    code = _code_from(mail.outbox[0])
    assert code not in LearnerSignInCode.objects.get().code_hash

    wrong = client.post(reverse("learner_code"), {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400 and "wrong or has expired" in wrong.content.decode()
    signed_in = client.post(reverse("learner_code"), {"code": code})
    assert signed_in["Location"] == reverse("my_learning")
    page = client.get(reverse("my_learning")).content.decode()
    assert made.programme.title in page and certificate.code in page and other.cohort.programme.title not in page
    # Nobody is logged in as a portal user: no role, no staff pages.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("learner_list"))["Location"].startswith(reverse("account_login"))
    download = client.get(reverse("learner_certificate_download", args=[certificate.public_id]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client.post(reverse("learner_code"), {"code": code}).status_code == 302  # no pending address: start again

    client.post(reverse("learner_sign_out"))
    assert client.get(reverse("learner_certificate_download", args=[certificate.public_id])).status_code == 404
    assert client.get(reverse("my_learning")).status_code == 302


def test_codes_are_used_once_expire_and_give_up_after_wrong_tries(client, cast) -> None:
    _nominate(cast)
    client.post(reverse("learner_sign_in"), {"email": "grace@care.test"})
    code = _code_from(mail.outbox[-1])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(CODE_ATTEMPTS):
        client.post(reverse("learner_code"), {"code": wrong})
    assert client.post(reverse("learner_code"), {"code": code}).status_code == 400  # given up

    client.post(reverse("learner_sign_in"), {"email": "grace@care.test"})
    code = _code_from(mail.outbox[-1])
    LearnerSignInCode.objects.filter(used_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(reverse("learner_code"), {"code": code}).status_code == 400  # expired


def test_only_nominated_learners_get_codes_and_not_too_often(client, cast) -> None:
    learner_for_recruit(cast.recruit_a)
    for email in (cast.lead_a.email, cast.recruit_a.email or "ada@portal.test", "nobody@care.test"):
        response = client.post(reverse("learner_sign_in"), {"email": email})
        assert response["Location"] == reverse("learner_code")  # the same answer for everyone
    assert mail.outbox == []
    _nominate(cast)
    for _ in range(CODES_PER_HOUR + 2):
        client.post(reverse("learner_sign_in"), {"email": "grace@care.test"})
    assert len(mail.outbox) == CODES_PER_HOUR
    for _ in range(10):
        client.post(reverse("learner_sign_in"), {"email": "grace@care.test"})
    assert client.post(reverse("learner_sign_in"), {"email": "grace@care.test"}).status_code == 429


def test_learner_pages_take_a_fixed_number_of_queries(client, cast, django_assert_num_queries) -> None:
    made = cohort(programme(cast.region_a, english=False))

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            learner = _nominate(cast, name=f"Learner {n:02d}", email=f"l{n}@care.test")
            services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=learner)

    add(2, 0)
    client.force_login(cast.provider_admin_a)
    urls = [reverse("learner_list"), reverse("cohort_detail", args=[made.public_id])]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small.captured_queries)
    add(8, 2)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            assert "Learner 09" in client.get(url).content.decode()


def test_the_demo_has_a_nominated_learner_booked_in_the_west_midlands(client) -> None:
    from demo.seed import demo_seed
    from training.demo import NOMINATED_EMAIL

    demo_seed()
    demo_seed()  # idempotent: still one learner, one booking
    grace = Learner.objects.get(email=NOMINATED_EMAIL)
    assert (grace.kind, grace.region.code, grace.employer.name) == (
        LearnerKind.STAFF,
        "E12000005",
        "Oakfield Care Homes Ltd",
    )
    enrolment = grace.enrolments.get()
    assert enrolment.status == EnrolmentStatus.BOOKED and enrolment.booked_by.email.startswith("admin.oakfield@")
    assert enrolment.cohort.programme.rules.filter(kind=RuleKind.LEARNERS, learners=WhoMayJoin.AREA_CARE_STAFF)
    client.post(reverse("learner_sign_in"), {"email": NOMINATED_EMAIL})
    client.post(reverse("learner_code"), {"code": _code_from(mail.outbox[-1])})
    assert enrolment.cohort.programme.title in client.get(reverse("my_learning")).content.decode()


def test_a_learners_own_pages_take_a_fixed_number_of_queries(client, cast, django_assert_num_queries) -> None:
    grace = _nominate(cast)

    def book(count: int, start: int) -> None:
        for n in range(start, start + count):
            made = cohort(programme(cast.region_a, title=f"Module {n:02d}", english=False, days=2))
            services.enrolment_book(actor=cast.provider_admin_a, cohort=made, learner=grace)

    book(1, 0)
    client.force_login(cast.provider_admin_a)
    detail = grace.get_absolute_url()
    client.get(detail)
    with CaptureQueriesContext(connection) as small:
        client.get(detail)
    book(6, 1)
    with django_assert_num_queries(len(small.captured_queries)):
        assert "Module 06" in client.get(detail).content.decode()
    client.logout()
    client.post(reverse("learner_sign_in"), {"email": grace.email})
    client.post(reverse("learner_code"), {"code": _code_from(mail.outbox[-1])})
    # session, learners, bookings, their days, certificates, placements, literacy assessments and bookings
    with django_assert_num_queries(8):
        assert "Module 06" in client.get(reverse("my_learning")).content.decode()


def test_the_hub_sets_who_may_join_on_the_programme_form(client, cast) -> None:
    login_fresh(client, cast.staff_a)
    data = {"title": "Moving and handling", "kind": "course", "duration_days": "1", "delivery": "in_person"}
    data |= {"audience": "all_care_staff", "funded": "on", "evidence_working_days": "2", "hub": cast.hub_a.pk}
    response = client.post(reverse("programme_new"), {**data, "learners": "area_care_staff"})
    made = Programme.objects.get(title="Moving and handling")
    assert response["Location"] == made.get_absolute_url()
    assert list(made.rules.values_list("kind", "learners")) == [("learners", "area_care_staff")]
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Care staff caring for residents of the hub&#x27;s area (funded)" in page
    edit = client.get(reverse("programme_edit", args=[made.public_id])).content.decode()
    assert re.search(r'value="area_care_staff"[^>]*checked', edit)
    assert not re.search(r'value="any"[^>]*checked', edit)
    client.post(reverse("programme_edit", args=[made.public_id]), {**data, "learners": "any"})
    assert not made.rules.exists()  # "any" is no rule at all
